//! The server binary's command line: serving, and managing staff accounts.

use std::io::BufRead;

use anyhow::Context;
use app::{
    model::{NewStaff, Role},
    ssr::{auth::passwords, staff},
};
use clap::{Parser, Subcommand, ValueEnum};

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

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
