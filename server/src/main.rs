use anyhow::Context;
use leptos::config::get_configuration;
use server::{config::Settings, startup, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init("info,sqlx=warn,tower_http=warn");

    let settings = Settings::from_env().context("reading the configuration")?;
    let leptos_options = get_configuration(None)
        .context("reading the Leptos configuration (build with cargo-leptos)")?
        .leptos_options;
    let addr = leptos_options.site_addr;

    let state = startup::prepare(&settings, leptos_options).await?;
    let app = startup::Application::bind(state, addr).await?;
    app.announce().await;
    app.run(startup::shutdown_signal()).await?;
    Ok(())
}
