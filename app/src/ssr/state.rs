use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::*;
use sqlx::PgPool;

use super::{
    auth::{AuthSettings, session_cache::SessionCache, throttle::PasswordGate},
    mail::Mailer,
    orders::teller::Teller,
    sequencer::Sequencer,
};
use crate::error::AppError;

/// What every request may need, created once at start-up. The server makes it the axum
/// state and leptos_axum provides it as context to pages and server functions.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    /// Commits transactions that wrote events, and numbers the events.
    pub sequencer: Sequencer,
    /// Tells customers where their orders stand as the line moves.
    pub teller: Teller,
    /// The sessions looked up lately.
    pub sessions: SessionCache,
    /// The address phones reach this server at, like `https://coffee.example.org`; when
    /// unset, the address the request came in on.
    pub public_url: Option<Arc<str>>,
    /// Dev mode: demo data and the dev mailbox.
    pub dev_mode: bool,
    pub mailer: Arc<Mailer>,
    pub auth: AuthSettings,
    /// Bounds the password checks of staff sign-ins.
    pub passwords: PasswordGate,
    /// The bearer token `/metrics` asks for, when set.
    pub metrics_token: Option<Arc<str>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The state of the request being handled.
    pub fn current() -> Result<Self, AppError> {
        use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState missing from the request context");
            AppError::internal()
        })
    }

    /// Whether cookies need the `Secure` flag: when phones reach us over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }

    /// Whether a request with this `Authorization` header may read `/metrics`: anyone
    /// when no token is set, else who sends it (compared in constant time).
    pub fn may_read_metrics(&self, authorization: Option<&str>) -> bool {
        use subtle::ConstantTimeEq;

        let Some(token) = &self.metrics_token else {
            return true;
        };
        authorization
            .and_then(|value| value.strip_prefix("Bearer "))
            .is_some_and(|sent| bool::from(sent.trim().as_bytes().ct_eq(token.as_bytes())))
    }

    /// 404 unless dev mode is on: what exists only for demos and tests.
    pub fn require_dev_mode(&self) -> Result<(), AppError> {
        if self.dev_mode {
            Ok(())
        } else {
            Err(AppError::not_found("There is nothing here."))
        }
    }

    /// The base URL (without a trailing slash) of links that leave this screen, such as
    /// the one in the booth's QR code: the configured one, or the address (`Host`) the
    /// request came in on.
    pub fn public_url(&self, host: Option<&str>) -> Result<String, AppError> {
        if let Some(url) = &self.public_url {
            return Ok(url.trim_end_matches('/').to_owned());
        }
        let host = host.ok_or_else(|| {
            AppError::new(
                400,
                "missing_host",
                "The request has no Host header; set CREMA__PUBLIC_URL.",
            )
        })?;
        Ok(format!("http://{host}"))
    }
}
