//! Signing in and out, and who is calling.

use app::{
    error::AppError,
    model::{CodeRequest, CodeVerification, Credentials, NameChange, SignedIn, User},
    ssr::usecases::{Ctx, auth},
};
use axum::{
    Json,
    http::{HeaderValue, StatusCode, header::SET_COOKIE},
    response::{IntoResponse, Response},
};

use super::{body::Body, openapi::ApiError};

/// 204, and the `Set-Cookie` that makes a browser forget its session.
fn signed_out(cookie: HeaderValue) -> Response {
    (StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response()
}

/// The session as the answer's body, and as a browser's cookie.
fn session((signed_in, cookie): (SignedIn, HeaderValue)) -> Response {
    ([(SET_COOKIE, cookie)], Json(signed_in)).into_response()
}

/// Sends a sign-in code to an e-mail address.
#[utoipa::path(
    post,
    path = "/auth/code",
    tag = "auth",
    request_body = CodeRequest,
    responses(
        (status = 204, description = "A code is on its way"),
        (status = 400, description = "Malformed JSON", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError),
        (status = 429, description = "Too many codes asked for", body = ApiError)
    )
)]
pub async fn request_code(
    ctx: Ctx,
    Body(input): Body<CodeRequest>,
) -> Result<StatusCode, AppError> {
    auth::request_code(&ctx, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs a customer in with the code from the e-mail.
#[utoipa::path(
    post,
    path = "/auth/verify",
    tag = "auth",
    request_body = CodeVerification,
    responses(
        (status = 200, description = "Signed in; the session cookie is set too", body = SignedIn),
        (status = 400, description = "Malformed JSON", body = ApiError),
        (status = 401, description = "Wrong or expired code", body = ApiError)
    )
)]
pub async fn verify_code(
    ctx: Ctx,
    Body(input): Body<CodeVerification>,
) -> Result<Response, AppError> {
    Ok(session(auth::verify_code(&ctx, input).await?))
}

/// Signs a staff member in with a username and password.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = Credentials,
    responses(
        (status = 200, description = "Signed in; the session cookie is set too", body = SignedIn),
        (status = 400, description = "Malformed JSON", body = ApiError),
        (status = 401, description = "Wrong username or password", body = ApiError),
        (status = 429, description = "Too many failed sign-ins from this client or for this username, or too many at once: `Retry-After` says when to come back", body = ApiError)
    )
)]
pub async fn login(ctx: Ctx, Body(input): Body<Credentials>) -> Result<Response, AppError> {
    Ok(session(auth::login(&ctx, input).await?))
}

/// Ends the caller's session.
#[utoipa::path(
    post,
    path = "/auth/logout",
    tag = "auth",
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = ApiError)
    )
)]
pub async fn logout(ctx: Ctx) -> Result<Response, AppError> {
    Ok(signed_out(auth::logout(&ctx).await?))
}

/// The signed-in caller.
#[utoipa::path(
    get,
    path = "/me",
    tag = "auth",
    responses(
        (status = 200, description = "Who is calling", body = User),
        (status = 401, description = "Not signed in", body = ApiError)
    )
)]
pub async fn me(ctx: Ctx) -> Result<Json<User>, AppError> {
    auth::me(&ctx).map(Json)
}

/// Gives the calling customer the name the baristas call out, or takes it away (`null`).
#[utoipa::path(
    patch,
    path = "/me",
    tag = "auth",
    request_body = NameChange,
    responses(
        (status = 200, description = "The customer, with their name", body = User),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not a customer", body = ApiError),
        (status = 422, description = "`invalid_name`: not 1 to 40 characters on one line", body = ApiError)
    )
)]
pub async fn rename_me(ctx: Ctx, Body(input): Body<NameChange>) -> Result<Json<User>, AppError> {
    auth::rename_me(&ctx, input).await.map(Json)
}

/// Erases the calling customer's account: their e-mail address and name; their orders
/// stay, anonymous, for the reports. Their sessions end.
#[utoipa::path(
    delete,
    path = "/me",
    tag = "auth",
    responses(
        (status = 204, description = "Erased, and signed out"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not a customer", body = ApiError)
    )
)]
pub async fn erase_me(ctx: Ctx) -> Result<Response, AppError> {
    Ok(signed_out(auth::erase_me(&ctx).await?))
}
