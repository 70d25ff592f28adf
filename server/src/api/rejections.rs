//! Every error the API answers has the contract's JSON shape, axum's own rejections too
//! (a path or query that does not parse, a body too large, a method the route lacks),
//! which come as plain text.

use app::error::AppError;
use axum::{
    body::to_bytes,
    extract::Request,
    http::header::{CONTENT_LENGTH, CONTENT_TYPE},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The most of a rejection's text kept as the error's message.
const MESSAGE_LIMIT: usize = 1024;

/// Middleware around every route: an API response that is an error but not JSON becomes
/// the JSON error of its status.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/v1/");
    let response = next.run(request).await;
    if api {
        to_json(response).await
    } else {
        response
    }
}

async fn to_json(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = to_bytes(body, MESSAGE_LIMIT)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let code = match status.as_u16() {
        400 => "malformed",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "too_large",
        415 => "unsupported_media_type",
        422 => "invalid",
        429 => "rate_limited",
        500.. => "internal",
        _ => "refused",
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("Refused.").to_owned()
    } else {
        text
    };
    let json = AppError::new(status.as_u16(), code, message).into_response();
    // The rejection's own headers (`Allow`, `Retry-After`) stay; the body is the JSON one.
    parts.headers.remove(CONTENT_LENGTH);
    for (name, value) in json.headers() {
        parts.headers.insert(name, value.clone());
    }
    Response::from_parts(parts, json.into_body())
}
