use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use leptos::config::get_configuration;
use server::{
    cli::{Cli, Command},
    config::Settings,
    startup, telemetry,
};

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init("info,sqlx=warn,tower_http=warn");
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // The causes, one line, without a backtrace: these are a person's errors.
            eprintln!("crema: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::from_env().context("reading the configuration")?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Staff(command) => server::cli::run_staff(&settings, command).await,
        Command::Simulate(command) => server::cli::run_simulation(&settings, command).await,
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let leptos_options = get_configuration(None)
        .context("reading the Leptos configuration (build with cargo-leptos)")?
        .leptos_options;
    let addr = leptos_options.site_addr;

    let state = startup::prepare(&settings, leptos_options).await?;
    let app = startup::Application::bind(state, addr).await?;
    app.announce().await;
    if settings.dev_mode {
        println!(
            "Dev mode: staff sign in as admin, barista or display with password {:?}; \
             mail goes to /dev/mailbox",
            settings.demo_password
        );
    }
    app.run(startup::shutdown_signal()).await?;
    Ok(())
}
