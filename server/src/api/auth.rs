use app::{
    error::AppError,
    model::User,
    ssr::{
        AppState,
        auth::{Action, Caller, authorize, codes, end_session, passwords, start_session},
    },
};
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header::SET_COOKIE},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{body::Body, openapi::ApiError};

#[derive(Deserialize, ToSchema)]
pub struct CodeRequest {
    email: String,
}

#[derive(Deserialize, ToSchema)]
pub struct CodeVerification {
    email: String,
    code: String,
}

#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    username: String,
    password: String,
}

/// A new session: the token for API clients; browsers get it as a cookie too.
#[derive(Serialize, ToSchema)]
struct SignedIn {
    token: String,
    user: User,
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
    State(state): State<AppState>,
    caller: Caller,
    Body(request): Body<CodeRequest>,
) -> Result<StatusCode, AppError> {
    codes::request(&state, &request.email, &caller.client).await?;
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
    State(state): State<AppState>,
    Body(verification): Body<CodeVerification>,
) -> Result<Response, AppError> {
    let user = codes::verify(&state.pool, &verification.email, &verification.code).await?;
    signed_in(&state, user).await
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
        (status = 401, description = "Wrong username or password", body = ApiError)
    )
)]
pub async fn login(
    State(state): State<AppState>,
    Body(credentials): Body<Credentials>,
) -> Result<Response, AppError> {
    let user = passwords::login(&state.pool, &credentials.username, &credentials.password).await?;
    signed_in(&state, user).await
}

async fn signed_in(state: &AppState, user: User) -> Result<Response, AppError> {
    let (session, cookie) = start_session(state, &user).await?;
    let body = SignedIn {
        token: session.token,
        user,
    };
    Ok(([(SET_COOKIE, cookie)], Json(body)).into_response())
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
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<Response, AppError> {
    let cookie = end_session(&state, &caller).await?;
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
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
pub async fn me(caller: Caller) -> Result<Json<User>, AppError> {
    authorize(&caller, Action::ActAsSelf).cloned().map(Json)
}
