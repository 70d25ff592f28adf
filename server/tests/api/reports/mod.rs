//! Reports: a scripted day of orders ([`Day`]), run through the workflow and then set
//! at known shop-local times, gives exactly the expected report ([`figures`]) and CSV
//! rows ([`export`]).

mod export;
mod figures;

use app::model::Role;
use serde_json::{Value, json};
use sqlx::postgres::PgConnectOptions;

use crate::{helpers::Auth, orders::Booth};

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
