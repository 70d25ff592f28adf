//! The CSV export, and who may read reports.

use app::model::Role;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Day;
use crate::{
    helpers::{Auth, error_code},
    orders::Booth,
};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_csv_has_a_row_per_order(_: PgPoolOptions, db: PgConnectOptions) {
    let day = Day::new(db).await;

    let response = day
        .get("/api/v1/shops/demo/orders.csv?from=2026-06-15&to=2026-06-16")
        .await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"demo-2026-06-15-to-2026-06-16.csv\""
    );
    let text = response.text().await.expect("text");
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = csv
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "number",
            "day",
            "state",
            "drink",
            "choices",
            "customer_id",
            "barista",
            "created_at",
            "queued_at",
            "claimed_at",
            "ready_at",
            "ended_at",
            "cancel_reason"
        ]
    );
    let rows: Vec<csv::StringRecord> = csv.records().map(|row| row.expect("row")).collect();
    let ids: Vec<&str> = rows.iter().map(|row| &row[0]).collect();
    let mut expected: Vec<&str> = day.ids[..7].iter().map(String::as_str).collect();
    expected.push(&day.ids[8]);
    assert_eq!(
        ids, expected,
        "one row per order, oldest first, days in turn"
    );

    let first = &rows[0];
    assert_eq!(&first[2], "2026-06-15");
    assert_eq!(&first[3], "ready");
    assert_eq!(&first[4], "latte");
    assert_eq!(&first[5], "oat");
    assert_eq!(&first[7], "lena");
    assert_eq!(&first[8], "2026-06-15T07:10:00.000Z");
    assert_eq!(&first[9], "2026-06-15T07:11:00.000Z");
    assert_eq!(&first[10], "2026-06-15T07:12:00.000Z");
    assert_eq!(&first[11], "2026-06-15T07:15:00.000Z");
    assert_eq!(&first[12], "2026-06-15T07:15:00.000Z");
    assert_eq!(&first[13], "");
    assert_eq!(&rows[1][5], "whole;cocoa");
    assert_eq!(&rows[3][3], "cancelled");
    assert_eq!(&rows[3][13], "cancelled by the customer");
    assert_eq!(&rows[4][13], "Out of milk, sorry \"really\"");
    assert_eq!(&rows[5][3], "timed_out");
    assert_eq!(&rows[5][9], "", "never queued");
    assert_eq!(&rows[5][13], "customer_timeout");
    assert_eq!(&rows[6][13], "barista_timeout");
    assert_eq!(&rows[7][2], "2026-06-16");

    // Compressed on its way, the export still ends as it should.
    let compressed = day
        .booth
        .app
        .request(
            reqwest::Method::GET,
            "/api/v1/shops/demo/orders.csv?from=2026-06-14&to=2026-06-16",
            Auth::Bearer(&day.admin),
        )
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("sent");
    assert_eq!(compressed.headers()["content-encoding"], "br");
    assert!(!compressed.bytes().await.expect("the whole body").is_empty());
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn reports_are_for_admins_and_dates_are_checked(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let admin = booth.app.staff_token("boss", Role::Admin).await;
    let ada = booth.app.customer_token("ada@example.org").await;

    for path in ["/api/v1/shops/demo/report", "/api/v1/shops/demo/orders.csv"] {
        assert_eq!(booth.app.get(path).await.status(), 401, "{path}");
        for who in [&booth.barista, &booth.display, &ada] {
            assert_eq!(
                booth.app.get_as(path, Auth::Bearer(who)).await.status(),
                403,
                "{path}"
            );
        }
        let nowhere = path.replace("demo", "nowhere");
        assert_eq!(
            booth
                .app
                .get_as(&nowhere, Auth::Bearer(&admin))
                .await
                .status(),
            404
        );
        for (query, field) in [
            ("from=15.06.2026", "from"),
            ("to=2026-02-30", "to"),
            ("from=2026-06-15&to=2026-06-14", "to"),
            ("from=2025-01-01&to=2026-06-14", "to"),
        ] {
            let response = booth
                .app
                .get_as(&format!("{path}?{query}"), Auth::Bearer(&admin))
                .await;
            assert_eq!(response.status(), 422, "{path}?{query}");
            let body: Value = response.json().await.expect("json");
            assert_eq!(body["error"]["field"], field, "{path}?{query}");
        }
        let response = booth
            .app
            .get_as(&format!("{path}?robots=perhaps"), Auth::Bearer(&admin))
            .await;
        assert_eq!(error_code(response).await, "malformed");
    }
}
