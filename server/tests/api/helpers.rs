use app::ssr::AppState;
use leptos::config::get_configuration;
use server::{startup::Application, telemetry};
use sqlx::PgPool;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
}

/// Runs the real router on 127.0.0.1 at a free port, in the background, with `pool`.
/// Logs show with `TEST_LOG=1`.
pub async fn spawn_app(pool: PgPool) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        telemetry::init("debug,sqlx=warn");
    }
    let leptos_options = get_configuration(None)
        .expect("LEPTOS_OUTPUT_NAME is set in .cargo/config.toml")
        .leptos_options;
    let state = AppState {
        leptos_options,
        pool,
        public_url: None,
        dev_mode: false,
    };
    let app = Application::bind(state, "127.0.0.1:0".parse().expect("valid address"))
        .await
        .expect("a free port");
    let address = format!("http://{}", app.local_addr().expect("bound"));
    tokio::spawn(app.run(std::future::pending()));
    TestApp {
        address,
        client: reqwest::Client::new(),
    }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function the way the browser does: a form-encoded POST.
    pub async fn server_fn(&self, endpoint: &str, args: &[(&str, &str)]) -> reqwest::Response {
        let body = args
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect::<Vec<_>>()
            .join("&");
        self.client
            .post(format!("{}/api/{endpoint}", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("request sent")
    }
}
