//! Signing in and out, and who is signed in.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    error::AppError,
    model::{DevMail, User},
};

/// The signed-in user, if any.
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(crate::ssr::auth::Caller::current().user)
}

/// Sends a sign-in code to `email`.
#[server(endpoint = "auth/code")]
pub async fn request_code(email: String) -> Result<(), AppError> {
    use crate::ssr::{
        AppState,
        auth::{Caller, codes},
        respond,
    };

    let state = AppState::current()?;
    let caller = Caller::current();
    respond(codes::request(&state, &email, &caller.client).await)
}

/// Signs a customer in with the code they received.
#[server(endpoint = "auth/verify")]
pub async fn verify_code(email: String, code: String) -> Result<User, AppError> {
    use crate::ssr::{
        AppState,
        auth::{codes, sign_in_browser},
        respond,
    };

    let state = AppState::current()?;
    respond(
        async {
            let user = codes::verify(&state.pool, &email, &code).await?;
            sign_in_browser(&state, &user).await?;
            Ok(user)
        }
        .await,
    )
}

/// Signs a staff member in.
#[server(endpoint = "auth/login")]
pub async fn staff_login(username: String, password: String) -> Result<User, AppError> {
    use crate::ssr::{
        AppState,
        auth::{passwords, sign_in_browser},
        respond,
    };

    let state = AppState::current()?;
    respond(
        async {
            let user = passwords::login(&state.pool, &username, &password).await?;
            sign_in_browser(&state, &user).await?;
            Ok(user)
        }
        .await,
    )
}

/// Signs out: the session ends on the server.
#[server(endpoint = "auth/logout")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::{
        AppState,
        auth::{Caller, end_session, set_response_cookie},
        respond,
    };

    let state = AppState::current()?;
    respond(
        async {
            let cookie = end_session(&state, &Caller::current()).await?;
            set_response_cookie(cookie);
            Ok(())
        }
        .await,
    )
}

/// The staff apps, each open to its own roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffApp {
    Barista,
    Display,
}

/// The signed-in user, when they may use `app`: 401 for nobody, 403 for the wrong role.
#[server(endpoint = "auth/app")]
pub async fn open_staff_app(app: StaffApp) -> Result<User, AppError> {
    use crate::ssr::{
        auth::{Action, Caller, authorize},
        respond,
    };

    let action = match app {
        StaffApp::Barista => Action::WorkCounter,
        StaffApp::Display => Action::RunDisplay,
    };
    respond(authorize(&Caller::current(), action).cloned())
}

/// Dev mode only: the mail "sent", newest first, to `email` when given.
#[server(endpoint = "dev/mailbox")]
pub async fn dev_mailbox(email: Option<String>) -> Result<Vec<DevMail>, AppError> {
    use crate::ssr::{AppState, mail, respond};

    let state = AppState::current()?;
    respond(
        async {
            state.require_dev_mode()?;
            Ok(mail::dev_mailbox(&state.pool, email.as_deref()).await?)
        }
        .await,
    )
}
