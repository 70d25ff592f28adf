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

use super::body::Body;

#[derive(Deserialize)]
pub struct CodeRequest {
    email: String,
}

#[derive(Deserialize)]
pub struct CodeVerification {
    email: String,
    code: String,
}

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
}

/// A new session: the token for API clients; browsers get it as a cookie too.
#[derive(Serialize)]
struct SignedIn {
    token: String,
    user: User,
}

pub async fn request_code(
    State(state): State<AppState>,
    caller: Caller,
    Body(request): Body<CodeRequest>,
) -> Result<StatusCode, AppError> {
    codes::request(&state, &request.email, &caller.client).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn verify_code(
    State(state): State<AppState>,
    Body(verification): Body<CodeVerification>,
) -> Result<Response, AppError> {
    let user = codes::verify(&state.pool, &verification.email, &verification.code).await?;
    signed_in(&state, user).await
}

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

pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<Response, AppError> {
    let cookie = end_session(&state, &caller).await?;
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

pub async fn me(caller: Caller) -> Result<Json<User>, AppError> {
    authorize(&caller, Action::ActAsSelf).cloned().map(Json)
}
