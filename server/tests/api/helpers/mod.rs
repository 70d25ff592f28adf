mod database;

use std::sync::Arc;

use app::{
    model::Role,
    ssr::{
        AppState,
        auth::{AuthSettings, passwords, session_cache::SessionCache, throttle::PasswordGate},
        db,
        mail::Mailer,
        orders::teller::Teller,
        sequencer::Sequencer,
    },
};
use leptos::config::get_configuration;
use reqwest::{Method, Response};
use serde_json::{Value, json};
use server::{client::Client, startup::Application, telemetry};
use sqlx::{PgPool, postgres::PgConnectOptions};
use tokio::task::JoinHandle;

pub const STAFF_PASSWORD: &str = "staff password";

pub struct TestApp {
    pub address: String,
    /// The app's own pool, built as in production.
    pub pool: PgPool,
    /// The app's own sequencer, for tests that run the workflow's services directly.
    pub sequencer: Sequencer,
    pub teller: Teller,
    pub client: reqwest::Client,
    server: JoinHandle<std::io::Result<()>>,
}

/// Stops the server, so its connections close and `#[sqlx::test]` can drop the database.
impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Runs the real router on 127.0.0.1 at a free port, in the background, on the test's
/// database, in dev mode (mail lands in the dev mailbox). Logs show with `TEST_LOG=1`.
///
/// Tests take the database's connection options from `#[sqlx::test]` rather than its
/// pool, whose one-second idle timeout exposes a pool race of sqlx 0.8 (see `db::pool_with`).
pub async fn spawn_app(db: PgConnectOptions) -> TestApp {
    spawn_app_with(db, true, AuthSettings::default()).await
}

pub async fn spawn_app_with(db: PgConnectOptions, dev_mode: bool, auth: AuthSettings) -> TestApp {
    spawn_app_configured(db, |state| {
        state.dev_mode = dev_mode;
        state.mailer = Arc::new(if dev_mode {
            Mailer::DevMailbox
        } else {
            Mailer::Off
        });
        state.auth = auth;
    })
    .await
}

/// The app with the state `configure` leaves, from a test's dev-mode defaults.
pub async fn spawn_app_configured(
    db: PgConnectOptions,
    configure: impl FnOnce(&mut AppState),
) -> TestApp {
    let pool = db::pool_with(db, 5);
    if std::env::var_os("TEST_LOG").is_some() {
        telemetry::init("debug,sqlx=warn");
    }
    let leptos_options = get_configuration(None)
        .expect("LEPTOS_OUTPUT_NAME is set in .cargo/config.toml")
        .leptos_options;
    let sequencer = Sequencer::new(pool.clone());
    let teller = Teller::new(pool.clone(), sequencer.clone());
    let mut state = AppState {
        leptos_options,
        pool: pool.clone(),
        sequencer: sequencer.clone(),
        teller: teller.clone(),
        sessions: SessionCache::default(),
        public_url: None,
        dev_mode: true,
        mailer: Arc::new(Mailer::DevMailbox),
        auth: AuthSettings::default(),
        passwords: PasswordGate::default(),
        metrics_token: None,
    };
    configure(&mut state);
    let app = Application::bind(state, "127.0.0.1:0".parse().expect("valid address"))
        .await
        .expect("a free port");
    let address = format!("http://{}", app.local_addr().expect("bound"));
    let server = tokio::spawn(app.run(std::future::pending()));
    TestApp {
        address,
        pool,
        sequencer,
        teller,
        client: reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("a client"),
        server,
    }
}

/// How a request proves who sends it.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Bearer(&'a str),
    Cookie(&'a str),
}

impl TestApp {
    pub fn request(&self, method: Method, path: &str, auth: Auth<'_>) -> reqwest::RequestBuilder {
        let request = self
            .client
            .request(method, format!("{}{path}", self.address));
        match auth {
            Auth::None => request,
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Cookie(token) => request.header("cookie", format!("crema_session={token}")),
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.get_as(path, Auth::None).await
    }

    pub async fn get_as(&self, path: &str, auth: Auth<'_>) -> Response {
        self.request(Method::GET, path, auth)
            .send()
            .await
            .expect("request sent")
    }

    /// The JSON body of a GET that answers 200.
    pub async fn get_json(&self, path: &str, auth: Auth<'_>) -> Value {
        let response = self.get_as(path, auth).await;
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.expect("json")
    }

    pub async fn post_json(&self, path: &str, body: Value, auth: Auth<'_>) -> Response {
        self.request(Method::POST, path, auth)
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    /// The status of `GET /api/v1/me`: 200 while the session lives, 401 after.
    pub async fn me_status(&self, auth: Auth<'_>) -> u16 {
        self.get_as("/api/v1/me", auth).await.status().as_u16()
    }

    /// Calls a server function the way the browser does: a form-encoded POST.
    pub async fn server_fn(&self, endpoint: &str, args: &[(&str, &str)]) -> Response {
        self.server_fn_as(endpoint, args, Auth::None).await
    }

    pub async fn server_fn_as(
        &self,
        endpoint: &str,
        args: &[(&str, &str)],
        auth: Auth<'_>,
    ) -> Response {
        self.request(Method::POST, &format!("/api/{endpoint}"), auth)
            .form(args)
            .send()
            .await
            .expect("request sent")
    }

    /// The typed client of this server, signed out.
    pub fn api(&self) -> Client {
        Client::new(self.client.clone(), &self.address)
    }

    /// The code in the newest message of the dev mailbox to `email`.
    pub async fn latest_code(&self, email: &str) -> String {
        let mail = self.api().mailbox(email).await.expect("a mailbox");
        mail.first()
            .and_then(|mail| mail.code.clone())
            .expect("a code in the newest mail")
    }

    pub async fn request_code(&self, email: &str) -> Response {
        self.post_json("/api/v1/auth/code", json!({ "email": email }), Auth::None)
            .await
    }

    pub async fn verify(&self, email: &str, code: &str) -> Response {
        self.post_json(
            "/api/v1/auth/verify",
            json!({ "email": email, "code": code }),
            Auth::None,
        )
        .await
    }

    /// Signs a customer in by e-mail code; returns their session token.
    pub async fn customer_token(&self, email: &str) -> String {
        let signed_in = self.api().sign_in_customer(email).await;
        signed_in.expect("the customer signs in").token
    }

    /// Creates a staff account (or reuses it) and signs it in; returns the token.
    pub async fn staff_token(&self, username: &str, role: Role) -> String {
        passwords::create_staff_unless_exists(&self.pool, username, role, STAFF_PASSWORD)
            .await
            .expect("staff account");
        let signed_in = self.api().login(username, STAFF_PASSWORD).await;
        signed_in.expect("the staff member signs in").token
    }

    /// The order once it reaches `state`, as `token` sees it; fails after five seconds.
    pub async fn wait_for_state(&self, token: &str, id: &str, state: &str) -> Value {
        for _ in 0..50 {
            let order: Value = self
                .get_as(&format!("/api/v1/orders/{id}"), Auth::Bearer(token))
                .await
                .json()
                .await
                .expect("json");
            if order["state"] == state {
                return order;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("order {id} never reached {state}");
    }

    /// A new screen asks for a pairing code: the code, and the secret of its pairing
    /// cookie.
    pub async fn start_pairing(&self) -> (String, String) {
        let response = self
            .request(Method::POST, "/api/v1/devices/pairing", Auth::None)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 201);
        let secret = set_cookie(&response, "crema_pairing").expect("a pairing cookie");
        let pairing: Value = response.json().await.expect("json");
        let code = pairing["code"].as_str().expect("a code").to_owned();
        (code, secret)
    }

    /// The screen holding the pairing cookie `secret` looks whether it has been paired.
    pub async fn pairing_state(&self, secret: &str) -> Response {
        self.client
            .get(format!("{}/api/v1/devices/pairing", self.address))
            .header("cookie", format!("crema_pairing={secret}"))
            .send()
            .await
            .expect("sent")
    }

    /// Pairs a new screen for `shop` as `role`, as a screen and the console do; returns
    /// the device's id and its session token.
    pub async fn pair_device(&self, name: &str, role: &str, shop: &str) -> (String, String) {
        let admin = self.staff_token("pairing-admin", Role::Admin).await;
        let (code, secret) = self.start_pairing().await;
        let response = self
            .post_json(
                "/api/v1/devices",
                json!({ "code": code, "name": name, "role": role, "shop": shop }),
                Auth::Bearer(&admin),
            )
            .await;
        assert_eq!(response.status(), 201);
        let device: Value = response.json().await.expect("json");
        let paired = self.pairing_state(&secret).await;
        let token = set_cookie(&paired, "crema_session").expect("a session cookie");
        let id = device["id"].as_str().expect("an id").to_owned();
        (id, token)
    }

    pub async fn login(&self, username: &str, password: &str) -> Response {
        self.post_json(
            "/api/v1/auth/login",
            json!({ "username": username, "password": password }),
            Auth::None,
        )
        .await
    }
}

/// The value a response's `Set-Cookie` gives the cookie `name`, if it sets it.
/// The URL of the test's database, for a `crema` process of its own.
pub fn database_url(db: &PgConnectOptions) -> String {
    format!(
        "postgres://{}@{}:{}/{}",
        db.get_username(),
        db.get_host(),
        db.get_port(),
        db.get_database().expect("a database"),
    )
}

pub fn set_cookie(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| {
            let (pair, _) = value.split_once(';').unwrap_or((value, ""));
            let (cookie, value) = pair.split_once('=')?;
            (cookie == name).then(|| value.to_owned())
        })
}

/// The `error.code` of an API error response.
pub async fn error_code(response: Response) -> String {
    let body: Value = response.json().await.expect("an error body");
    body["error"]["code"]
        .as_str()
        .expect("an error code")
        .to_owned()
}
