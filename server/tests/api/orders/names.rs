//! Names: a customer gives the baristas a name to call out; the baristas see it, a booth
//! screen only when its shop shows names on the board, and the log never keeps it.

use app::model::Role;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::{
    helpers::{Auth, TestApp, error_code},
    streams::reader::Reader,
};

async fn rename(app: &TestApp, auth: Auth<'_>, body: Value) -> reqwest::Response {
    app.request(Method::PATCH, "/api/v1/me", auth)
        .json(&body)
        .send()
        .await
        .expect("sent")
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_customer_names_themselves_within_limits(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let ada = app.customer_token("ada@example.org").await;

    let named = rename(
        app,
        Auth::Bearer(&ada),
        json!({ "display_name": "  Ada  " }),
    )
    .await;
    assert_eq!(named.status(), 200);
    let user: Value = named.json().await.expect("json");
    assert_eq!(user["display_name"], "Ada");
    let me = app.get_json("/api/v1/me", Auth::Bearer(&ada)).await;
    assert_eq!(me["display_name"], "Ada");
    let forty = "é".repeat(40);
    let long = rename(app, Auth::Bearer(&ada), json!({ "display_name": forty })).await;
    assert_eq!(long.status(), 200);

    for bad in [
        json!("a".repeat(41)),
        json!(""),
        json!("  "),
        json!("Ada\nLovelace"),
    ] {
        let refused = rename(app, Auth::Bearer(&ada), json!({ "display_name": bad })).await;
        assert_eq!(refused.status(), 422, "{bad}");
        let body: Value = refused.json().await.expect("json");
        assert_eq!(body["error"]["code"], "invalid_name", "{bad}");
        assert_eq!(body["error"]["field"], "display_name", "{bad}");
    }
    let bad_type = rename(app, Auth::Bearer(&ada), json!({ "display_name": 7 })).await;
    assert!(bad_type.status().is_client_error(), "{}", bad_type.status());

    // Null takes it away.
    let removed = rename(app, Auth::Bearer(&ada), json!({ "display_name": null })).await;
    assert_eq!(removed.status(), 200);
    let user: Value = removed.json().await.expect("json");
    assert!(user.get("display_name").is_none(), "{user}");

    // Staff names are the operator's; nobody is nobody.
    let refused = rename(
        app,
        Auth::Bearer(&booth.barista),
        json!({ "display_name": "Lena" }),
    )
    .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(error_code(refused).await, "forbidden");
    let anonymous = rename(app, Auth::None, json!({ "display_name": "Eve" })).await;
    assert_eq!(anonymous.status(), 401);
}

/// The orders of the demo shop as `token` lists them: each one's `customer_name`.
async fn names_listed(booth: &Booth, token: &str) -> Vec<Option<String>> {
    booth
        .listed(token)
        .await
        .iter()
        .map(|order| order["customer_name"].as_str().map(str::to_owned))
        .collect()
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn baristas_see_the_name_and_a_screen_only_when_the_shop_shows_names(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let ada = app.customer_token("ada@example.org").await;
    let bo = app.customer_token("bo@example.org").await;
    rename(app, Auth::Bearer(&ada), json!({ "display_name": "Ada" })).await;
    let mut barista_stream =
        Reader::open(app, "/api/v1/shops/demo/stream", &booth.barista, None).await;
    let mut screen_stream =
        Reader::open(app, "/api/v1/shops/demo/stream", &booth.display, None).await;

    let order = booth.queued(&ada).await;
    assert_eq!(order["customer_name"], "Ada");
    booth.queued(&bo).await;

    let ada_name = Some("Ada".to_owned());
    assert_eq!(
        names_listed(&booth, &booth.barista).await,
        [ada_name.clone(), None]
    );
    assert_eq!(names_listed(&booth, &booth.display).await, [None, None]);
    let id = order["id"].as_str().expect("id");
    let seen_by_screen: Value = app
        .get_as(
            &format!("/api/v1/orders/{id}"),
            Auth::Bearer(&booth.display),
        )
        .await
        .json()
        .await
        .expect("json");
    assert!(seen_by_screen.get("customer_name").is_none());
    let queued_name = |frames: &[crate::streams::reader::Frame]| {
        frames
            .iter()
            .find(|frame| frame.kind == "order.queued" && frame.data["order_id"] == id)
            .map(|frame| frame.data["data"]["order"]["customer_name"].clone())
    };
    assert_eq!(
        queued_name(&barista_stream.drain().await),
        Some(json!("Ada"))
    );
    assert_eq!(queued_name(&screen_stream.drain().await), Some(Value::Null));
    // The log keeps no name: it is read from the customer, and goes with them.
    let logged: i64 =
        sqlx::query_scalar("select count(*) from events where data -> 'order' ? 'customer_name'")
            .fetch_one(&app.pool)
            .await
            .expect("count");
    assert_eq!(logged, 0);

    // The shop shows names on its board: the screen sees them too, replayed as well.
    let admin = app.staff_token("boss", Role::Admin).await;
    let shown = app
        .request(Method::PATCH, "/api/v1/shops/demo", Auth::Bearer(&admin))
        .json(&json!({ "names_on_board": true }))
        .send()
        .await
        .expect("sent");
    assert_eq!(shown.status(), 200);
    let shop: Value = shown.json().await.expect("json");
    assert_eq!(shop["settings"]["names_on_board"], true);
    assert_eq!(names_listed(&booth, &booth.display).await, [ada_name, None]);
    let mut replayed =
        Reader::open(app, "/api/v1/shops/demo/stream", &booth.display, Some(0)).await;
    assert_eq!(queued_name(&replayed.drain().await), Some(json!("Ada")));

    // Erased, the customer's name is gone from their orders and events.
    let erased = app
        .request(Method::DELETE, "/api/v1/me", Auth::Bearer(&ada))
        .send()
        .await
        .expect("sent");
    assert_eq!(erased.status(), 204);
    assert_eq!(names_listed(&booth, &booth.barista).await, [None, None]);
    let mut after = Reader::open(app, "/api/v1/shops/demo/stream", &booth.barista, Some(0)).await;
    assert_eq!(queued_name(&after.drain().await), Some(Value::Null));
}
