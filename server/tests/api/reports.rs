//! Reports: a scripted day of orders, run through the workflow and then set at known
//! shop-local times, gives exactly the expected report and CSV rows.

use app::model::Role;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, error_code},
    orders::Booth,
};

/// The shop's time zone in the script: the day of 2026-06-15 is +02:00.
const BERLIN: &str = "Europe/Berlin";

/// When each step of an order happened, in Berlin's local time (`YYYY-MM-DD HH:MM:SS`).
#[derive(Clone, Copy, Default)]
struct Times {
    created: &'static str,
    queued: Option<&'static str>,
    claimed: Option<&'static str>,
    ready: Option<&'static str>,
    ended: Option<&'static str>,
}

/// The scripted day, its orders' ids in order: o1..o7 on 2026-06-15, o8 started just
/// before that day and made just after midnight, o9 started just after its end.
struct Day {
    booth: Booth,
    admin: String,
    ids: Vec<String>,
}

impl Day {
    async fn new(db: PgConnectOptions) -> Self {
        let booth = Booth::new(
            db,
            json!({ "timezone": BERLIN, "drinks_per_code": 100, "daily_limit": 0 }),
        )
        .await;
        let admin = booth.app.staff_token("boss", Role::Admin).await;
        let omar = booth.app.staff_token("omar", Role::Barista).await;
        let mut day = Self {
            booth,
            admin,
            ids: Vec::new(),
        };
        let lena = day.booth.barista.clone();
        // o1, o2: made by Lena; o3: made by Omar.
        day.made("o1", "latte", &["oat"], &lena).await;
        day.made("o2", "cappuccino", &["whole", "cocoa"], &lena)
            .await;
        day.made("o3", "latte", &["whole"], &omar).await;
        // o4: the customer cancels; o5: the baristas do, with a reason.
        let o4 = day.queued("o4").await;
        let customer = day.customer("o4").await;
        assert_eq!(day.booth.step(&customer, &o4, "cancel").await.status(), 200);
        let o5 = day.queued("o5").await;
        let cancelled = day
            .booth
            .app
            .post_json(
                &format!("/api/v1/orders/{o5}/cancel"),
                json!({ "reason": "Out of milk, sorry \"really\"" }),
                Auth::Bearer(&lena),
            )
            .await;
        assert_eq!(cancelled.status(), 200);
        // o6: the customer never chooses; o7: no barista makes it.
        let o6 = day.started("o6").await;
        day.time_out("o6", &o6).await;
        let o7 = day.queued("o7").await;
        day.time_out("o7", &o7).await;
        day.made("o8", "latte", &["oat"], &omar).await;
        let o9 = day.started("o9").await;
        let customer = day.customer("o9").await;
        assert_eq!(day.booth.step(&customer, &o9, "cancel").await.status(), 200);

        let at = |created, queued, claimed, ready, ended| Times {
            created,
            queued,
            claimed,
            ready,
            ended,
        };
        let script = [
            at(
                "2026-06-15 09:10:00",
                Some("2026-06-15 09:11:00"),
                Some("2026-06-15 09:12:00"),
                Some("2026-06-15 09:15:00"),
                Some("2026-06-15 09:15:00"),
            ),
            at(
                "2026-06-15 09:40:00",
                Some("2026-06-15 09:40:30"),
                Some("2026-06-15 09:50:00"),
                Some("2026-06-15 10:05:00"),
                Some("2026-06-15 10:05:00"),
            ),
            at(
                "2026-06-15 10:20:00",
                Some("2026-06-15 10:22:00"),
                Some("2026-06-15 10:23:00"),
                Some("2026-06-15 10:26:00"),
                Some("2026-06-15 10:26:00"),
            ),
            at(
                "2026-06-15 10:30:00",
                Some("2026-06-15 10:31:00"),
                None,
                None,
                Some("2026-06-15 10:32:00"),
            ),
            at(
                "2026-06-15 10:40:00",
                Some("2026-06-15 10:41:00"),
                None,
                None,
                Some("2026-06-15 10:45:00"),
            ),
            at(
                "2026-06-15 10:50:00",
                None,
                None,
                None,
                Some("2026-06-15 10:55:00"),
            ),
            at(
                "2026-06-15 10:55:00",
                Some("2026-06-15 10:56:00"),
                None,
                None,
                Some("2026-06-15 11:11:00"),
            ),
            at(
                "2026-06-14 23:59:30",
                Some("2026-06-14 23:59:50"),
                Some("2026-06-15 00:00:30"),
                Some("2026-06-15 00:03:00"),
                Some("2026-06-15 00:03:00"),
            ),
            at(
                "2026-06-16 00:00:10",
                None,
                None,
                None,
                Some("2026-06-16 00:01:00"),
            ),
        ];
        for (id, times) in day.ids.iter().zip(script) {
            sqlx::query(
                "update orders set
                     created_at = $2::timestamp at time zone $7,
                     queued_at = $3::timestamp at time zone $7,
                     claimed_at = $4::timestamp at time zone $7,
                     ready_at = $5::timestamp at time zone $7,
                     ended_at = $6::timestamp at time zone $7
                 where id = $1::uuid",
            )
            .bind(id)
            .bind(times.created)
            .bind(times.queued)
            .bind(times.claimed)
            .bind(times.ready)
            .bind(times.ended)
            .bind(BERLIN)
            .execute(&day.booth.app.pool)
            .await
            .expect("retimed");
        }
        day
    }

    /// The customer of order `name`, signed in.
    async fn customer(&self, name: &str) -> String {
        self.booth
            .app
            .customer_token(&format!("{name}@example.org"))
            .await
    }

    async fn started(&mut self, name: &str) -> String {
        let customer = self.customer(name).await;
        let id = self.booth.started(&customer).await;
        self.ids.push(id.clone());
        id
    }

    async fn queued(&mut self, name: &str) -> String {
        self.chosen(name, "latte", &["oat"]).await
    }

    async fn chosen(&mut self, name: &str, drink: &str, choices: &[&str]) -> String {
        let id = self.started(name).await;
        let customer = self.customer(name).await;
        let response = self.booth.choose(&customer, &id, drink, choices).await;
        assert_eq!(response.status(), 200);
        id
    }

    async fn made(&mut self, name: &str, drink: &str, choices: &[&str], barista: &str) {
        let id = self.chosen(name, drink, choices).await;
        for step in ["claim", "complete"] {
            assert_eq!(self.booth.step(barista, &id, step).await.status(), 200);
        }
    }

    async fn time_out(&self, name: &str, id: &str) {
        sqlx::query("update orders set deadline_at = now() where id = $1::uuid")
            .bind(id)
            .execute(&self.booth.app.pool)
            .await
            .expect("due");
        let customer = self.customer(name).await;
        self.booth
            .app
            .wait_for_state(&customer, id, "timed_out")
            .await;
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.booth.app.get_as(path, Auth::Bearer(&self.admin)).await
    }

    async fn report(&self, query: &str) -> Value {
        let response = self
            .get(&format!("/api/v1/shops/demo/report?{query}"))
            .await;
        let status = response.status();
        let report: Value = response.json().await.expect("json");
        assert_eq!(status, 200, "{report}");
        report
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_scripted_day_gives_the_expected_report(_: PgPoolOptions, db: PgConnectOptions) {
    let day = Day::new(db).await;

    let report = day.report("from=2026-06-15&to=2026-06-15").await;

    assert_eq!(
        report,
        json!({
            "shop": "demo",
            "from": "2026-06-15",
            "to": "2026-06-15",
            "timezone": BERLIN,
            "orders": {
                "started": 7, "queued": 6, "ready": 3,
                "cancelled_by_customer": 1, "cancelled_by_staff": 1,
                "customer_timeout": 1, "barista_timeout": 1,
                "picked_up": 0, "uncollected": 3
            },
            "by_hour": [
                { "hour": "2026-06-15T09:00:00+02:00", "queued": 2, "ready": 1 },
                { "hour": "2026-06-15T10:00:00+02:00", "queued": 4, "ready": 2 }
            ],
            "by_drink": [
                { "drink": "latte", "name": "Latte", "count": 2 },
                { "drink": "cappuccino", "name": "Cappuccino", "count": 1 }
            ],
            "by_choice": [
                { "choice": "whole", "name": "Whole milk", "count": 2 },
                { "choice": "cocoa", "name": "Cocoa dusting", "count": 1 },
                { "choice": "oat", "name": "Oat milk", "count": 1 }
            ],
            // Waits of 240, 1470 and 240 s; choosing took 60, 30, 120, 60, 60 and 60 s.
            "wait_s": { "p50": 240, "p90": 1224, "max": 1470 },
            "choose_s": { "p50": 60, "p90": 90 },
            "by_barista": [
                { "barista": "lena", "made": 2 },
                { "barista": "omar", "made": 1 }
            ],
            "wait_by_hour": [
                { "hour": "2026-06-15T09:00:00+02:00", "p50": 240, "p90": 240 },
                { "hour": "2026-06-15T10:00:00+02:00", "p50": 855, "p90": 1347 }
            ]
        })
    );
    // The day before has the order started before midnight; its making, after
    // midnight, is outside that day's hours.
    let before = day.report("from=2026-06-14").await;
    assert_eq!(before["to"], "2026-06-14");
    assert_eq!(before["orders"]["started"], 1);
    assert_eq!(before["orders"]["ready"], 1);
    assert_eq!(
        before["by_hour"],
        json!([{ "hour": "2026-06-14T23:00:00+02:00", "queued": 1, "ready": 0 }])
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_range_of_days_an_empty_day_and_today(_: PgPoolOptions, db: PgConnectOptions) {
    let day = Day::new(db).await;

    let range = day.report("from=2026-06-14&to=2026-06-16").await;
    assert_eq!(range["orders"]["started"], 9);
    assert_eq!(range["orders"]["ready"], 4);
    assert_eq!(range["orders"]["cancelled_by_customer"], 2);
    let hours: Vec<&str> = range["by_hour"]
        .as_array()
        .expect("hours")
        .iter()
        .map(|hour| hour["hour"].as_str().expect("hour"))
        .collect();
    assert_eq!(
        hours,
        [
            "2026-06-14T23:00:00+02:00",
            "2026-06-15T00:00:00+02:00",
            "2026-06-15T09:00:00+02:00",
            "2026-06-15T10:00:00+02:00",
            "2026-06-16T00:00:00+02:00"
        ]
    );
    assert_eq!(
        range["by_barista"],
        json!([{ "barista": "lena", "made": 2 }, { "barista": "omar", "made": 2 }])
    );

    let empty = day.report("from=2026-06-20").await;
    assert_eq!(
        empty["orders"],
        json!({
            "started": 0, "queued": 0, "ready": 0, "cancelled_by_customer": 0,
            "cancelled_by_staff": 0, "customer_timeout": 0, "barista_timeout": 0,
            "picked_up": 0, "uncollected": 0
        })
    );
    for list in [
        "by_hour",
        "by_drink",
        "by_choice",
        "by_barista",
        "wait_by_hour",
    ] {
        assert_eq!(empty[list], json!([]), "{list}");
    }
    assert_eq!(empty["wait_s"], json!({ "p50": 0, "p90": 0, "max": 0 }));
    assert_eq!(empty["choose_s"], json!({ "p50": 0, "p90": 0 }));

    // A robot's order counts only when asked for.
    sqlx::query("update orders set robot = true where id = $1::uuid")
        .bind(&day.ids[0])
        .execute(&day.booth.app.pool)
        .await
        .expect("a robot's");
    let people = day.report("from=2026-06-15").await;
    assert_eq!(people["orders"]["started"], 6);
    assert_eq!(
        people["by_barista"][0],
        json!({ "barista": "lena", "made": 1 })
    );
    let all = day.report("from=2026-06-15&robots=true").await;
    assert_eq!(all["orders"]["started"], 7);

    // Today, by default: nothing the script moved away remains.
    let today = day.report("").await;
    assert_eq!(today["from"], today["to"]);
    assert_eq!(today["orders"]["started"], 0);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_shop_in_another_time_zone_has_other_days(_: PgPoolOptions, db: PgConnectOptions) {
    let day = Day::new(db).await;
    sqlx::query(
        "update shops set settings = settings || '{\"timezone\": \"Asia/Kolkata\"}' where slug = 'demo'",
    )
    .execute(&day.booth.app.pool)
    .await
    .expect("moved");

    let report = day.report("from=2026-06-15").await;

    // At +05:30 the order started at 23:59:30 in Berlin is the day's first (03:29:30);
    // the one started just after Berlin's midnight is the next day's.
    assert_eq!(report["timezone"], "Asia/Kolkata");
    assert_eq!(report["orders"]["started"], 8);
    assert_eq!(
        report["by_hour"][0],
        json!({ "hour": "2026-06-15T03:00:00+05:30", "queued": 1, "ready": 1 })
    );
    assert_eq!(report["by_hour"][1]["hour"], "2026-06-15T12:00:00+05:30");
}

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
