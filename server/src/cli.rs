//! The server binary's command line: serving, managing staff accounts, and running a
//! shop's robots.

use std::io::BufRead;

use anyhow::Context;
use app::{
    model::{NewStaff, Role, SimulationSettings, SimulationState},
    ssr::{auth::passwords, robots, shops, staff},
};
use clap::{Parser, Subcommand, ValueEnum};
use leptos::config::LeptosOptions;

use crate::{config::Settings, startup};

#[derive(Parser)]
#[command(
    name = "crema",
    version,
    about = "Crema: free coffee at conference booths"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the apps and the API (the default).
    Serve,
    /// Manage staff accounts. Passwords are read from the first line of standard input.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Run a shop's booth with robots, or replay a recorded day there, and follow it until
    /// it ends. This process plays the robots too, so no server needs to be running; Ctrl-C
    /// leaves them to a running server.
    Simulate(Simulate),
}

#[derive(clap::Args)]
pub struct Simulate {
    /// The shop's slug.
    pub shop: String,
    /// Robot customers arriving per minute, on average (1–600).
    #[arg(long, default_value_t = 12)]
    pub customers_per_minute: u32,
    /// Robot baristas (1–20); for a replay, as many as the recorded day had unless given.
    #[arg(long)]
    pub baristas: Option<u32>,
    /// About how long a robot barista takes per drink (1–600 s).
    #[arg(long, default_value_t = 20)]
    pub make_s: u32,
    /// How long robot customers keep arriving (10–86400 s).
    #[arg(long, default_value_t = 600)]
    pub duration_s: u32,
    /// The share of robot customers who cancel (0–1).
    #[arg(long, default_value_t = 0.1)]
    pub cancel_ratio: f64,
    /// The share who never choose (0–1).
    #[arg(long, default_value_t = 0.05)]
    pub slow_ratio: f64,
    /// Replay this orders.csv export instead.
    #[arg(long, value_name = "FILE")]
    pub replay: Option<std::path::PathBuf>,
    /// The replay's speed (1–60 times the recorded day).
    #[arg(long, default_value_t = 10)]
    pub speed: u32,
    /// Stop the shop's robots instead.
    #[arg(long)]
    pub stop: bool,
}

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Create a staff account.
    Create {
        username: String,
        #[arg(long, value_enum)]
        role: StaffRole,
        /// The name shown to colleagues.
        #[arg(long)]
        name: Option<String>,
    },
    /// Disable an account: it can no longer sign in, and its sessions end.
    Disable { username: String },
    /// Enable a disabled account again.
    Enable { username: String },
    /// Set a new password; the account's sessions end.
    ResetPassword { username: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StaffRole {
    Barista,
    Display,
    Admin,
}

impl From<StaffRole> for Role {
    fn from(role: StaffRole) -> Self {
        match role {
            StaffRole::Barista => Role::Barista,
            StaffRole::Display => Role::Display,
            StaffRole::Admin => Role::Admin,
        }
    }
}

pub async fn run_staff(settings: &Settings, command: StaffCommand) -> anyhow::Result<()> {
    let pool = startup::database(settings).await?;
    let user = match command {
        StaffCommand::Create {
            username,
            role,
            name,
        } => {
            let input = NewStaff {
                username,
                display_name: name,
                role: role.into(),
                password: read_password()?,
                shops: Vec::new(),
            };
            staff::create(&pool, &input).await
        }
        StaffCommand::Disable { username } => passwords::set_disabled(&pool, &username, true).await,
        StaffCommand::Enable { username } => passwords::set_disabled(&pool, &username, false).await,
        StaffCommand::ResetPassword { username } => {
            let password = read_password()?;
            passwords::reset_password(&pool, &username, &password).await
        }
    }
    .map_err(|err| anyhow::anyhow!(err.message))?;
    println!("done: {} ({})", user.username, user.role.as_str());
    Ok(())
}

pub async fn run_simulation(settings: &Settings, command: Simulate) -> anyhow::Result<()> {
    let state = startup::prepare(
        settings,
        LeptosOptions::builder().output_name("crema").build(),
    )
    .await?;
    let pool = state.pool.clone();
    let shop = shops::get(&pool, &command.shop)
        .await
        .map_err(|err| anyhow::anyhow!(err.message))?;
    let started = if command.stop {
        robots::stop(&pool, &shop.slug).await.map(|()| None)
    } else if let Some(file) = &command.replay {
        let csv =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        robots::start_replay(&pool, &shop.slug, &csv, command.speed, command.baristas)
            .await
            .map(Some)
    } else {
        let settings = SimulationSettings {
            customers_per_minute: command.customers_per_minute,
            baristas: command.baristas.unwrap_or(2),
            make_s: command.make_s,
            duration_s: command.duration_s,
            cancel_ratio: command.cancel_ratio,
            slow_ratio: command.slow_ratio,
        };
        match settings.checked() {
            Ok(settings) => robots::start(&pool, &shop.slug, &settings).await.map(Some),
            Err(refusal) => Err(refusal),
        }
    }
    .map_err(|err| anyhow::anyhow!(err.message))?;
    let Some(simulation) = started else {
        println!("stopping the robots at {}", shop.slug);
        return Ok(());
    };
    println!("robots at {} until {} (UTC)", shop.slug, simulation.ends_at);
    // The robots' steps need this instance's sequencer, deadlines and teller running too.
    let playing = tokio::spawn(startup::work(state));
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        let simulation = robots::latest(&pool, &shop.slug)
            .await
            .map_err(|err| anyhow::anyhow!(err.message))?;
        let orders = &simulation.orders;
        println!(
            "{:?}: {} arrived; orders {:?}; refused {:?}",
            simulation.state,
            orders.arrivals(),
            orders.by_state,
            orders.refused,
        );
        if simulation.state == SimulationState::Ended {
            playing.abort();
            return Ok(());
        }
    }
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
