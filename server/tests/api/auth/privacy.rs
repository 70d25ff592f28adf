//! What a customer may take back: their data, erased; and what others see of staff.

use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::ADA;
use crate::{helpers::Auth, orders::Booth};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_customer_erases_their_account_and_their_orders_stay_anonymous(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let ada = app.customer_token(ADA).await;
    let id = booth.serve(&ada).await;

    let erased = app
        .request(Method::DELETE, "/api/v1/me", Auth::Bearer(&ada))
        .send()
        .await
        .expect("sent");

    assert_eq!(erased.status(), 204);
    assert!(
        erased.headers()["set-cookie"]
            .to_str()
            .expect("ascii")
            .contains("Max-Age=0")
    );
    assert_eq!(app.me_status(Auth::Bearer(&ada)).await, 401, "signed out");
    let left: (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from users where email = $1),
                (select count(*) from dev_mailbox where recipient = $1),
                (select count(*) from sign_in_codes where email = $1)",
    )
    .bind(ADA)
    .fetch_one(&app.pool)
    .await
    .expect("counted");
    assert_eq!(left, (0, 0, 0), "nothing keeps the address");
    let order: Value = app
        .get_as(
            &format!("/api/v1/orders/{id}"),
            Auth::Bearer(&booth.barista),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(order["state"], "ready", "the order stays");

    // The address may sign in again, as a new customer.
    let again = app.customer_token(ADA).await;
    let me: Value = app
        .get_as("/api/v1/me", Auth::Bearer(&again))
        .await
        .json()
        .await
        .expect("json");
    assert_ne!(me["id"], order["customer_id"]);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn customers_read_staff_by_display_name_never_by_username(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let ada = app.customer_token(ADA).await;
    let id = booth.serve(&ada).await;

    let journey: Vec<Value> = app
        .get_as(&format!("/api/v1/orders/{id}/journey"), Auth::Bearer(&ada))
        .await
        .json()
        .await
        .expect("json");

    let text = serde_json::to_string(&journey).expect("serializes");
    assert!(!text.contains("lena"), "the barista's username: {text}");
    assert!(text.contains("The staff started making"), "{text}");
}
