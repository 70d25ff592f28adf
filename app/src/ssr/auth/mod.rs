//! Who is calling, and may they?
//!
//! - [`caller`]: the caller of each request, from its session cookie or bearer token,
//!   and the cross-site check on unsafe requests; [`client`]: where it comes from.
//! - [`policy`]: the one place that decides what a caller may do.
//! - [`sessions`]: server-side sessions, revocable; [`session_cache`]: the ones looked up
//!   lately, forgotten as soon as any changes.
//! - [`codes`]: customers sign in with a code sent by e-mail.
//! - [`passwords`]: staff sign in with a username and password; staff accounts;
//!   [`throttle`]: the bounds on checking passwords.

pub mod caller;
pub mod client;
pub mod codes;
pub mod passwords;
pub mod policy;
pub mod session_cache;
pub mod sessions;
pub mod throttle;

pub use caller::Caller;
use client::TrustedProxies;
pub use policy::{Action, authorize, authorize_at};

use axum::http::{HeaderValue, header::SET_COOKIE};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use serde::Deserialize;

use crate::{
    error::AppError,
    model::{SignedIn, User},
    ssr::AppState,
};

/// How sign-in treats clients. Every field can be set as `CREMA__AUTH__<FIELD>`.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// Codes one client (network address) may ask for per 15 minutes, and wrong codes it
    /// may enter. A conference's Wi-Fi puts many people behind one address, so this is
    /// generous; the limits per e-mail address are what stop abuse of one person's
    /// inbox. Default 200.
    pub codes_per_client: i64,
    /// The reverse proxies in front of Crema, whose `X-Forwarded-For` names the client:
    /// a comma-separated list of addresses and networks. Default none: the connection's
    /// address is the client.
    pub trusted_proxies: TrustedProxies,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            codes_per_client: 200,
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// Starts a session for `user`: its token for API clients, and the `Set-Cookie` value
/// that hands it to a browser.
pub async fn start_session(
    state: &AppState,
    user: User,
) -> Result<(SignedIn, HeaderValue), AppError> {
    let days = if user.device {
        sessions::DEVICE_SESSION_DAYS
    } else {
        sessions::SESSION_DAYS
    };
    let session = sessions::start_lasting(&state.pool, user.id.0, days).await?;
    let cookie =
        caller::session_cookie(&session.token, session.max_age_s(), state.secure_cookies());
    Ok((
        SignedIn {
            token: session.token,
            user,
        },
        cookie,
    ))
}

/// Ends the caller's session; returns the `Set-Cookie` value that clears the browser's.
pub async fn end_session(state: &AppState, caller: &Caller) -> Result<HeaderValue, AppError> {
    let session = caller
        .session
        .as_deref()
        .ok_or_else(AppError::unauthorized)?;
    sessions::revoke(&state.pool, session).await?;
    state.sessions.forget(session);
    Ok(caller::expired_session_cookie(state.secure_cookies()))
}

/// For server functions: hands a new session to the browser as its cookie; who signed in.
pub fn into_browser((signed_in, cookie): (SignedIn, HeaderValue)) -> User {
    set_response_cookie(cookie);
    signed_in.user
}

/// For server functions: adds a `Set-Cookie` header to the response.
pub fn set_response_cookie(cookie: HeaderValue) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.append_header(SET_COOKIE, cookie);
    }
}
