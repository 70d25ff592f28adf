//! Signing in (customers by e-mail code, staff by password), signing out, who is
//! calling, and the dev mailbox.

use axum::http::HeaderValue;

use super::Ctx;
use crate::{
    error::AppError,
    model::{
        CodeRequest, CodeVerification, Credentials, DevMail, NameChange, SignedIn, StaffApp, User,
    },
    ssr::{
        auth::{
            Action, authorize, caller::expired_session_cookie, codes, end_session, passwords,
            start_session,
        },
        mail, users,
    },
};

/// Sends a sign-in code to the address, within the rate limits.
pub async fn request_code(ctx: &Ctx, input: CodeRequest) -> Result<(), AppError> {
    codes::request(&ctx.state, &input.email, &ctx.caller.client, ctx.lang).await
}

/// Signs a customer in with the code they received; the session's cookie for a browser
/// comes with it.
pub async fn verify_code(
    ctx: &Ctx,
    input: CodeVerification,
) -> Result<(SignedIn, HeaderValue), AppError> {
    let user = codes::verify(&ctx.state, &input.email, &input.code, &ctx.caller.client).await?;
    start_session(&ctx.state, user).await
}

/// Signs a staff member in; the session's cookie for a browser comes with it.
pub async fn login(ctx: &Ctx, input: Credentials) -> Result<(SignedIn, HeaderValue), AppError> {
    let user = passwords::login(
        &ctx.state.pool,
        &ctx.state.passwords,
        &input.username,
        &input.password,
        &ctx.caller.client,
    )
    .await?;
    start_session(&ctx.state, user).await
}

/// Ends the caller's session; returns the `Set-Cookie` value that clears a browser's.
pub async fn logout(ctx: &Ctx) -> Result<HeaderValue, AppError> {
    end_session(&ctx.state, &ctx.caller).await
}

/// Erases the calling customer's account (their e-mail address and name; their orders
/// stay, anonymous) and ends its sessions; returns the `Set-Cookie` value that clears a
/// browser's.
pub async fn erase_me(ctx: &Ctx) -> Result<HeaderValue, AppError> {
    let customer = authorize(&ctx.caller, Action::ChangeOwnAccount)?;
    users::erase_customer(&ctx.state.pool, customer.id).await?;
    ctx.state.sessions.forget_all();
    Ok(expired_session_cookie(ctx.state.secure_cookies()))
}

/// Gives the calling customer the name the baristas call out, or takes it away (customer).
pub async fn rename_me(ctx: &Ctx, input: NameChange) -> Result<User, AppError> {
    let customer = authorize(&ctx.caller, Action::ChangeOwnAccount)?;
    let name = input.checked()?;
    if name == customer.display_name {
        return Ok(customer.clone());
    }
    users::rename_customer(&ctx.state.pool, customer.id, name.as_deref()).await?;
    // The session cache holds the caller as they were.
    ctx.state.sessions.forget_all();
    Ok(User {
        display_name: name,
        ..customer.clone()
    })
}

/// The signed-in caller.
pub fn me(ctx: &Ctx) -> Result<User, AppError> {
    authorize(&ctx.caller, Action::ActAsSelf).cloned()
}

/// The signed-in caller, if any.
pub fn current_user(ctx: &Ctx) -> Option<User> {
    ctx.caller.user.clone()
}

/// The caller, when they may use `app`: 401 for nobody, 403 for the wrong role.
pub fn open_staff_app(ctx: &Ctx, app: StaffApp) -> Result<User, AppError> {
    let action = match app {
        StaffApp::Barista => Action::WorkCounter,
        StaffApp::Display => Action::RunDisplay,
        StaffApp::Admin => Action::ManageShops,
    };
    authorize(&ctx.caller, action).cloned()
}

/// Dev mode only (404 otherwise): the mail "sent" to `email`, newest first. The address
/// is required: nobody lists everyone's codes.
pub async fn dev_mailbox(ctx: &Ctx, email: Option<&str>) -> Result<Vec<DevMail>, AppError> {
    ctx.state.require_dev_mode()?;
    let email = email
        .filter(|email| !email.trim().is_empty())
        .ok_or_else(|| {
            AppError::invalid(
                "email",
                "email_required",
                "Say whose mail to show: ?email=someone@example.org.",
            )
        })?;
    let email = codes::normalize_email(email)?;
    Ok(mail::dev_mailbox(&ctx.state.pool, &email).await?)
}
