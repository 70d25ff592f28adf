//! Which language a page speaks, and the sign-in code's mail.

use app::{i18n::Lang, model::Role};
use reqwest::{Method, header::ACCEPT_LANGUAGE};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, TestApp, spawn_app};

/// The demo shop, set to German.
async fn german_demo(db: PgConnectOptions) -> TestApp {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    sqlx::query(
        "update shops set settings = settings || '{\"language\": \"de\"}' where slug = 'demo'",
    )
    .execute(&app.pool)
    .await
    .expect("the shop speaks German");
    app
}

/// The page's `<html lang>` and its `Vary`, asked for in `accept_language`.
async fn page_language(
    app: &TestApp,
    path: &str,
    accept_language: &str,
    auth: Auth<'_>,
) -> (String, String) {
    let response = app
        .request(Method::GET, path, auth)
        .header(ACCEPT_LANGUAGE, accept_language)
        .send()
        .await
        .expect("request sent");
    let vary = response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ");
    let html = response.text().await.expect("html");
    let lang = html
        .split_once("<html lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(lang, _)| lang.to_owned())
        .unwrap_or_else(|| panic!("{path}: no <html lang> in {html}"));
    (lang, vary)
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_customer_app_follows_the_browser_then_the_shop(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = german_demo(db).await;

    for (accept, expected) in [
        ("de-DE,de;q=0.9", "de"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "en"),
        ("fr-FR,it;q=0.5", "de"),
        ("", "de"),
    ] {
        let (lang, vary) = page_language(&app, "/order/demo", accept, Auth::None).await;

        assert_eq!(lang, expected, "Accept-Language: {accept}");
        assert!(vary.to_lowercase().contains("accept-language"), "{vary}");
    }
    let html = app
        .request(Method::GET, "/order/demo", Auth::None)
        .header(ACCEPT_LANGUAGE, "de")
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Zum Bestellen anmelden"), "{html}");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_staff_apps_speak_the_shops_language(_: PgPoolOptions, db: PgConnectOptions) {
    let app = german_demo(db).await;
    let admin = app.staff_token("boss", Role::Admin).await;

    for path in ["/barista/demo", "/display/demo"] {
        let (lang, _) = page_language(&app, path, "en-US,en", Auth::Cookie(&admin)).await;
        assert_eq!(lang, "de", "{path}");
    }
    // Pages of no shop, and the console, are English as they are.
    for path in ["/", "/admin", "/order/nowhere"] {
        let (lang, _) = page_language(&app, path, "de", Auth::Cookie(&admin)).await;
        assert_eq!(
            lang,
            if path == "/order/nowhere" { "de" } else { "en" },
            "{path}"
        );
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_code_is_mailed_in_the_language_it_was_asked_in(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = spawn_app(db).await;
    let subject = |email: &'static str| {
        let api = app.api();
        async move {
            api.mailbox(email).await.expect("a mailbox")[0]
                .subject
                .clone()
        }
    };

    // The JSON API: the browser's language.
    app.request(Method::POST, "/api/v1/auth/code", Auth::None)
        .header(ACCEPT_LANGUAGE, "de-AT")
        .json(&json!({ "email": "grete@example.org" }))
        .send()
        .await
        .expect("sent");
    assert!(
        subject("grete@example.org")
            .await
            .starts_with("Dein Crema-Code")
    );

    // The page's form: the page's language, whatever the browser's.
    app.server_fn(
        "auth/code",
        &[("email", "hans@example.org"), ("lang", "de")],
    )
    .await;
    assert!(
        subject("hans@example.org")
            .await
            .starts_with("Dein Crema-Code")
    );

    app.request(Method::POST, "/api/v1/auth/code", Auth::None)
        .header(ACCEPT_LANGUAGE, "fr")
        .json(&json!({ "email": "ada@example.org" }))
        .send()
        .await
        .expect("sent");
    assert!(
        subject("ada@example.org")
            .await
            .starts_with("Your Crema code")
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_apis_sentences_speak_the_shops_language(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = crate::orders::Booth::new(db, json!({ "language": "de" })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.serve(&ada).await;

    let journey: Vec<serde_json::Value> = booth
        .app
        .get_as(&format!("/api/v1/orders/{id}/journey"), Auth::Bearer(&ada))
        .await
        .json()
        .await
        .expect("json");
    let messages: Vec<&str> = journey
        .iter()
        .filter_map(|event| event["message"].as_str())
        .collect();
    assert_eq!(
        messages.last().copied(),
        Some("#1 ist fertig: Hol es an der Theke ab."),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|message| message.ends_with("bereitet #1 zu.")),
        "{messages:?}"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_apis_errors_about_a_shop_speak_its_language(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = crate::orders::Booth::new(db, json!({ "language": "de" })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let german = |code: &str| (Lang::De.common().error)(code).expect("a German sentence");

    // About the shop, by its path.
    let refused = booth.start(&ada, "not-a-code").await;
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.expect("json");
    assert_eq!(body["error"]["code"], "invalid_token");
    assert_eq!(body["error"]["message"], german("invalid_token"), "{body}");

    // About one of its orders, by the order's shop.
    let id = booth.serve(&ada).await;
    let refused = booth
        .app
        .request(
            Method::POST,
            &format!("/api/v1/orders/{id}/claim"),
            Auth::Bearer(&booth.barista),
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 409);
    let body: serde_json::Value = refused.json().await.expect("json");
    let code = body["error"]["code"].as_str().expect("a code").to_owned();
    assert_eq!(body["error"]["message"], german(&code), "{body}");

    // Nothing of a shop's: English, as the server writes it.
    let refused = booth.app.get("/api/v1/me").await;
    let body: serde_json::Value = refused.json().await.expect("json");
    assert_eq!(body["error"]["message"], "Please sign in first.");
}
