use app::model::Role;
use reqwest::Method;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, error_code, spawn_app};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn each_app_renders_the_shop_on_the_server(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let admin = app.staff_token("boss", Role::Admin).await;

    for path in ["/", "/order/demo", "/barista/demo", "/display/demo"] {
        let response = app.get_as(path, Auth::Cookie(&admin)).await;

        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.expect("html");
        assert!(html.contains("Crema demo booth"), "{path}: {html}");
        assert!(html.contains("Open"), "{path}");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_staff_apps_show_a_sign_in_form_to_strangers(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;

    for (path, title) in [
        ("/barista/demo", "Barista sign-in"),
        ("/display/demo", "Booth screen sign-in"),
    ] {
        let response = app.get(path).await;

        assert_eq!(response.status(), 401, "{path}");
        let html = response.text().await.expect("html");
        assert!(html.contains(title), "{path}: {html}");
        assert!(html.contains(r#"name="password""#), "{path}");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_unknown_shop_is_a_404_page(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.get("/order/nowhere").await;

    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("html");
    assert!(html.contains("There is no shop called"), "{html}");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_unknown_address_is_a_404_page(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_staff_apps_render_a_busy_board_on_the_server(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = crate::orders::Booth::new(db, serde_json::json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let bo = booth.app.customer_token("bo@example.org").await;
    booth.serve(&ada).await;
    booth.queued(&bo).await;

    for (path, token) in [
        ("/barista/demo", &booth.barista),
        ("/display/demo", &booth.display),
    ] {
        let response = booth.app.get_as(path, Auth::Cookie(token)).await;

        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.expect("html");
        for number in ["#1", "#2"] {
            assert!(html.contains(number), "{path} shows {number}: {html}");
        }
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn pages_carry_a_content_security_policy_their_scripts_meet(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;

    let response = app.get("/order/demo").await;

    let header = |name: &str| response.headers()[name].to_str().expect("ascii").to_owned();
    let policy = header("content-security-policy");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce")
        .to_owned();
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    let html = response.text().await.expect("html");
    let scripts = html.matches("<script").count();
    let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(
        scripts > 0 && with_nonce >= scripts,
        "{scripts} scripts, {with_nonce} nonces"
    );
    let again = app.get("/order/demo").await;
    assert!(
        !again.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains(&nonce),
        "a fresh nonce per page"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn what_a_signed_in_person_gets_is_stored_nowhere(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let ada = app.customer_token("ada@example.org").await;

    let personal = app.get_as("/order/demo", Auth::Cookie(&ada)).await;
    let api = app.get_as("/api/v1/me/orders", Auth::Bearer(&ada)).await;
    let anonymous = app.get("/order/demo").await;

    for response in [&personal, &api] {
        assert_eq!(response.headers()["cache-control"], "private, no-store");
    }
    assert!(!anonymous.headers().contains_key("cache-control"));
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_scan_posted_to_the_codes_address_answers_with_the_orders_page(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = crate::orders::Booth::new(db, serde_json::json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let token = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let code = format!("/order/demo?t={token}");
    let scan = |auth, key: &'static str| {
        booth
            .app
            .request(Method::POST, &code, auth)
            .form(&[("key", key)])
            .send()
    };

    let first = scan(Auth::Cookie(&ada), "scan-1").await.expect("sent");
    assert_eq!(first.status(), 200);
    let page = first.headers()["content-location"].clone();
    let path = page.to_str().expect("ascii");
    assert!(path.starts_with("/order/demo/"), "{path}");
    assert_eq!(first.headers()["cache-control"], "private, no-store");
    let html = first.text().await.expect("html");
    assert!(html.contains("Choose your drink"), "{html}");
    // The page shows its own address, not the code's.
    assert!(html.contains(&format!("history.replaceState(null, '', \"{path}\")")));

    // The answer lost and the scan sent again: the same order.
    let again = scan(Auth::Cookie(&ada), "scan-1").await.expect("sent");
    assert_eq!(again.headers()["content-location"], page);
    let orders: Vec<serde_json::Value> = booth
        .app
        .get_as("/api/v1/me/orders", Auth::Bearer(&ada))
        .await
        .json()
        .await
        .expect("orders");
    assert_eq!(orders.len(), 1);

    // Signed out: the contract's error (the worker then loads the code's page).
    let stranger = scan(Auth::None, "scan-2").await.expect("sent");
    assert_eq!(stranger.status(), 401);
    assert_eq!(error_code(stranger).await, "unauthorized");

    // A browser's form refused goes back to the code's page, which says why.
    let expired = "/order/demo?t=expired";
    let refused = booth
        .app
        .request(Method::POST, expired, Auth::Cookie(&ada))
        .header("accept", "text/html")
        .header("referer", format!("{}{expired}", booth.app.address))
        .form(&[("key", "scan-3")])
        .send()
        .await
        .expect("sent");
    let back = refused.url().as_str().to_owned();
    assert!(
        back.starts_with(&format!("{}{expired}&__path=", booth.app.address)),
        "{back}"
    );
    assert!(back.contains("&__err="), "{back}");
    let html = refused.text().await.expect("html");
    assert!(html.contains("This code has expired"), "{html}");
}
