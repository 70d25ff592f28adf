//! Client errors are 4xx with the contract's JSON error, whatever the input: NUL bytes,
//! overlong text, numbers out of range, bodies that are too large or not UTF-8, and what
//! axum itself refuses.

use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{helpers::Auth, orders::Booth};

/// The status and `error.code` of a response, which must be the JSON error.
async fn refusal(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let body: Value = response.json().await.expect("a JSON error");
    assert!(
        content_type.starts_with("application/json"),
        "{status} {content_type}"
    );
    let code = body["error"]["code"].as_str().expect("a code").to_owned();
    assert!(body["error"]["message"].is_string(), "{body}");
    (status, code)
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_nul_byte_anywhere_is_a_client_error(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let ada = app.customer_token("ada@example.org").await;
    let id = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();

    let answers = [
        refusal(app.get("/api/v1/shops/de%00mo").await).await,
        refusal(app.get("/api/v1/dev/mailbox?email=a%00@x.io").await).await,
        refusal(
            app.post_json(
                "/api/v1/auth/code",
                json!({ "email": "a\u{0}@x.io" }),
                Auth::None,
            )
            .await,
        )
        .await,
        refusal(
            app.post_json(
                "/api/v1/auth/login",
                json!({ "username": "bar\u{0}ista", "password": "x" }),
                Auth::None,
            )
            .await,
        )
        .await,
        refusal(
            app.post_json(
                "/api/v1/shops/demo/orders",
                json!({ "qr_token": "t\u{0}ken" }),
                Auth::Bearer(&ada),
            )
            .await,
        )
        .await,
        refusal(
            app.post_json(
                &format!("/api/v1/orders/{id}/cancel"),
                json!({ "reason": "no\u{0}" }),
                Auth::Bearer(&ada),
            )
            .await,
        )
        .await,
    ];

    for (n, (status, code)) in answers.iter().enumerate() {
        assert!((400..500).contains(status), "{n}: {status} {code}");
    }
    assert_eq!(
        booth.app.order_state(&id).await,
        "queued",
        "nothing changed"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn overlong_text_and_numbers_out_of_range_name_their_field(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let admin = app.staff_token("boss", app::model::Role::Admin).await;
    let ada = app.customer_token("ada@example.org").await;
    let id = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let patch = |body: Value| {
        app.request(Method::PATCH, "/api/v1/shops/demo", Auth::Bearer(&admin))
            .json(&body)
            .send()
    };
    let field_of = |response: reqwest::Response| async move {
        let status = response.status().as_u16();
        let body: Value = response.json().await.expect("json");
        (
            status,
            body["error"]["field"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
    };

    for (body, field) in [
        (
            json!({ "drinks_per_code": 3_000_000_000_u64 }),
            "drinks_per_code",
        ),
        (json!({ "code_window_s": 1 }), "code_window_s"),
        (json!({ "code_window_s": 86_400 }), "code_window_s"),
        (json!({ "capacity": -1 }), "capacity"),
        (json!({ "name": "x".repeat(121) }), "name"),
    ] {
        assert_eq!(
            field_of(patch(body).await.expect("sent")).await,
            (422, field.to_owned())
        );
    }
    let reason = app
        .post_json(
            &format!("/api/v1/orders/{id}/cancel"),
            json!({ "reason": "x".repeat(201) }),
            Auth::Bearer(&booth.barista),
        )
        .await;
    assert_eq!(field_of(reason).await, (422, "reason".to_owned()));
    let mut menu = app::ssr::seed::demo_menu();
    menu[0].name = "y".repeat(61);
    let response = app
        .request(Method::PUT, "/api/v1/shops/demo/menu", Auth::Bearer(&admin))
        .json(&menu)
        .send()
        .await
        .expect("sent");
    assert_eq!(field_of(response).await, (422, "menu[0].name".to_owned()));

    // Nothing out of range was kept.
    let shop: Value = app
        .get("/api/v1/shops/demo")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(shop["settings"]["drinks_per_code"], 10);
    assert_eq!(shop["menu"][0]["name"], "Espresso");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn long_keys_and_slugs_are_refused_before_the_database(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let start = |slug: String, key: String| {
        booth
            .app
            .request(
                Method::POST,
                &format!("/api/v1/shops/{slug}/orders"),
                Auth::Bearer(&ada),
            )
            .header("idempotency-key", key)
            .json(&json!({ "qr_token": "whatever" }))
            .send()
    };

    let long_key = start("demo".into(), "k".repeat(3000)).await.expect("sent");
    assert_eq!(
        refusal(long_key).await,
        (400, "invalid_idempotency_key".into())
    );
    let long_slug = start("s".repeat(3000), "key".into()).await.expect("sent");
    assert_eq!(refusal(long_slug).await, (404, "not_found".into()));
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn what_axum_refuses_is_the_contracts_json_error(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;

    let since = app
        .get_as(
            "/api/v1/shops/demo/stream?since=abc",
            Auth::Bearer(&booth.display),
        )
        .await;
    assert_eq!(refusal(since).await, (400, "malformed".into()));
    // No order can have that id.
    let path = app
        .get_as("/api/v1/orders/not-an-id", Auth::Bearer(&booth.display))
        .await;
    assert_eq!(refusal(path).await.0, 404);
    let method = app
        .request(
            Method::DELETE,
            "/api/v1/shops/demo/qr",
            Auth::Bearer(&booth.display),
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(refusal(method).await, (405, "method_not_allowed".into()));
    let huge = app
        .request(Method::POST, "/api/v1/auth/code", Auth::None)
        .header("content-type", "application/json")
        .body(format!(r#"{{"email": "{}"}}"#, "a".repeat(400_000)))
        .send()
        .await
        .expect("sent");
    assert_eq!(refusal(huge).await, (413, "too_large".into()));
    let not_utf8 = app
        .request(Method::POST, "/api/v1/auth/code", Auth::None)
        .header("content-type", "application/json")
        .body(vec![b'{', b'"', 0xff, 0xfe, b'"', b'}'])
        .send()
        .await
        .expect("sent");
    assert_eq!(refusal(not_utf8).await, (400, "malformed".into()));
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn server_functions_answer_bad_calls_with_4xx(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let ada = app.customer_token("ada@example.org").await;

    let missing = app
        .server_fn_as("orders/start", &[], Auth::Cookie(&ada))
        .await;
    assert_eq!(missing.status(), 400);
    let not_utf8 = app
        .request(Method::POST, "/api/auth/code", Auth::None)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'e', b'm', b'a', b'i', b'l', b'=', 0xff, 0xfe])
        .send()
        .await
        .expect("sent");
    assert!(not_utf8.status().is_client_error(), "{}", not_utf8.status());
    let huge = app
        .request(Method::POST, "/api/auth/code", Auth::None)
        .form(&[("email", "a".repeat(400_000))])
        .send()
        .await
        .expect("sent");
    assert_eq!(huge.status(), 413);
    let nul = app
        .server_fn_as(
            "orders/start",
            &[("shop", "demo"), ("token", "t\u{0}k")],
            Auth::Cookie(&ada),
        )
        .await;
    assert_eq!(nul.status(), 400);
}
