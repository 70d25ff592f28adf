//! The report's figures: a day, the day before, a range, an empty day, today, robots,
//! another time zone.

use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::{BERLIN, Day};

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
