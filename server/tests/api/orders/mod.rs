//! The order workflow over the public API: the lifecycle, every refusal, races,
//! timeouts and idempotency keys. [`Booth`] sets up a shop with its staff.

mod counter;
mod idempotency;
mod lifecycle;
mod names;
mod pickup;
mod queue;
mod races;
mod ready_mail;
mod refusals;
mod timeouts;

use app::model::Role;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::PgConnectOptions;

use crate::helpers::{Auth, TestApp, spawn_app};

/// A shop with the demo menu, open, with `settings` over the defaults, and a display's
/// and a barista's sessions.
pub struct Booth {
    pub app: TestApp,
    pub display: String,
    pub barista: String,
}

impl Booth {
    pub async fn new(db: PgConnectOptions, settings: Value) -> Self {
        let app = spawn_app(db).await;
        app.seed_demo_shop().await;
        sqlx::query("update shops set settings = settings || $1 where slug = 'demo'")
            .bind(settings)
            .execute(&app.pool)
            .await
            .expect("settings");
        let display = app.staff_token("screen", Role::Display).await;
        let barista = app.staff_token("lena", Role::Barista).await;
        Self {
            app,
            display,
            barista,
        }
    }

    pub async fn qr(&self) -> Value {
        let response = self
            .app
            .get_as("/api/v1/shops/demo/qr", Auth::Bearer(&self.display))
            .await;
        assert_eq!(response.status(), 200);
        response.json().await.expect("json")
    }

    pub async fn start(&self, customer: &str, token: &str) -> reqwest::Response {
        self.app
            .post_json(
                "/api/v1/shops/demo/orders",
                json!({ "qr_token": token }),
                Auth::Bearer(customer),
            )
            .await
    }

    /// Starts an order with the current code; returns its id.
    pub async fn started(&self, customer: &str) -> String {
        let token = self.qr().await["token"].as_str().expect("token").to_owned();
        let response = self.start(customer, &token).await;
        assert_eq!(response.status(), 201);
        let order: Value = response.json().await.expect("json");
        order["id"].as_str().expect("id").to_owned()
    }

    pub async fn choose(
        &self,
        customer: &str,
        id: &str,
        drink: &str,
        choices: &[&str],
    ) -> reqwest::Response {
        self.app
            .request(
                Method::PUT,
                &format!("/api/v1/orders/{id}/drink"),
                Auth::Bearer(customer),
            )
            .json(&json!({ "drink": drink, "choices": choices }))
            .send()
            .await
            .expect("sent")
    }

    /// Starts an order and chooses a latte; returns the order.
    pub async fn queued(&self, customer: &str) -> Value {
        let id = self.started(customer).await;
        let response = self.choose(customer, &id, "latte", &["oat"]).await;
        let status = response.status();
        let body: Value = response.json().await.expect("json");
        assert_eq!(status, 200, "{body}");
        body
    }

    pub async fn step(&self, who: &str, id: &str, step: &str) -> reqwest::Response {
        self.app
            .request(
                Method::POST,
                &format!("/api/v1/orders/{id}/{step}"),
                Auth::Bearer(who),
            )
            .send()
            .await
            .expect("sent")
    }

    /// The demo shop's orders as `token` lists them, oldest first.
    pub async fn listed(&self, token: &str) -> Vec<Value> {
        let orders = self
            .app
            .get_json("/api/v1/shops/demo/orders", Auth::Bearer(token))
            .await;
        serde_json::from_value(orders).expect("a list of orders")
    }

    pub async fn set_open(&self, open: bool) {
        let response = self
            .app
            .request(
                Method::PUT,
                "/api/v1/shops/demo/open",
                Auth::Bearer(&self.barista),
            )
            .json(&json!({ "open": open }))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200);
    }

    /// Runs one order from the QR code to ready; returns its id.
    pub async fn serve(&self, customer: &str) -> String {
        let id = self.queued(customer).await["id"]
            .as_str()
            .expect("id")
            .to_owned();
        for step in ["claim", "complete"] {
            assert_eq!(
                self.step(&self.barista, &id, step).await.status(),
                200,
                "{step}"
            );
        }
        id
    }
}
