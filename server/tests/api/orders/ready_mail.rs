//! "E-mail me when it's ready": the customer asks while the drink is still to come, and
//! one mail goes out, in the language they asked in, once a barista marks it ready.

use std::time::Duration;

use app::model::DevMail;
use reqwest::Method;
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::{Auth, error_code};

const READY_MAIL: &str = "is ready";

impl Booth {
    /// Asks for the mail of order `id` as `customer`, in `language`.
    async fn ask_mail(&self, customer: &str, id: &str, language: &str) -> reqwest::Response {
        self.app
            .request(
                Method::PUT,
                &format!("/api/v1/orders/{id}/ready-mail"),
                Auth::Bearer(customer),
            )
            .header("accept-language", language)
            .send()
            .await
            .expect("sent")
    }

    /// The ready mails in `email`'s dev mailbox, newest first.
    async fn ready_mails(&self, email: &str) -> Vec<DevMail> {
        let mut mails = self.app.api().mailbox(email).await.expect("a mailbox");
        mails.retain(|mail| mail.code.is_none());
        mails
    }

    /// The ready mails of `email` once there are `count`; fails after five seconds.
    async fn wait_for_ready_mails(&self, email: &str, count: usize) -> Vec<DevMail> {
        for _ in 0..50 {
            let mails = self.ready_mails(email).await;
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{email} never got {count} ready mails");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_customer_who_asked_gets_one_mail_when_the_drink_is_ready(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let bo = booth.app.customer_token("bo@example.org").await;
    let queued = booth.queued(&ada).await;
    let id = queued["id"].as_str().expect("id");
    let number = queued["number"].as_i64().expect("number");
    let other = booth.queued(&bo).await;
    let other = other["id"].as_str().expect("id");

    // Asked twice is asked once.
    for _ in 0..2 {
        assert_eq!(booth.ask_mail(&ada, id, "en").await.status(), 204);
    }
    for step in ["claim", "complete"] {
        assert_eq!(booth.step(&booth.barista, id, step).await.status(), 200);
        assert_eq!(booth.step(&booth.barista, other, step).await.status(), 200);
    }
    let mails = booth.wait_for_ready_mails("ada@example.org", 1).await;
    assert_eq!(
        mails[0].subject,
        format!("Your drink #{number} {READY_MAIL}")
    );
    assert!(
        mails[0].body.contains("at Crema demo booth"),
        "{}",
        mails[0].body
    );

    // Made again after a recall: still the one mail; and none to who did not ask.
    for step in ["recall", "complete"] {
        assert_eq!(booth.step(&booth.barista, id, step).await.status(), 200);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(booth.ready_mails("ada@example.org").await.len(), 1);
    assert!(booth.ready_mails("bo@example.org").await.is_empty());

    // Ready: too late to ask.
    let late = booth.ask_mail(&ada, id, "en").await;
    assert_eq!(late.status(), 409);
    assert_eq!(error_code(late).await, "invalid_state");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_mail_speaks_the_language_it_was_asked_in(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let queued = booth.queued(&ada).await;
    let id = queued["id"].as_str().expect("id");

    assert_eq!(
        booth.ask_mail(&ada, id, "de-AT,de;q=0.9").await.status(),
        204
    );
    // The barista's language is not the customer's.
    for step in ["claim", "complete"] {
        assert_eq!(booth.step(&booth.barista, id, step).await.status(), 200);
    }
    let mails = booth.wait_for_ready_mails("ada@example.org", 1).await;
    assert!(
        mails[0].subject.starts_with("Dein Getränk #"),
        "{}",
        mails[0].subject
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn only_the_orders_customer_asks(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let bo = booth.app.customer_token("bo@example.org").await;
    let queued = booth.queued(&ada).await;
    let id = queued["id"].as_str().expect("id");

    let response = booth.ask_mail(&bo, id, "en").await;
    assert_eq!(response.status(), 404);
    assert_eq!(error_code(response).await, "not_found");
    assert_eq!(booth.ask_mail(&booth.barista, id, "en").await.status(), 403);
    let unknown = "0193a3b0-0000-7000-8000-000000000000";
    assert_eq!(booth.ask_mail(&ada, unknown, "en").await.status(), 404);
    let signed_out = booth
        .app
        .request(
            Method::PUT,
            &format!("/api/v1/orders/{id}/ready-mail"),
            Auth::None,
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(signed_out.status(), 401);
}
