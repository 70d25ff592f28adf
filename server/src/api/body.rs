use app::error::AppError;
use axum::{
    Json,
    body::Bytes,
    extract::{FromRequest, Request, rejection::JsonRejection},
};
use serde::de::DeserializeOwned;

/// A JSON request body whose rejections are API errors: 400 when it is not JSON at all,
/// 422 when it is JSON of the wrong shape.
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(JsonRejection::JsonDataError(err)) => {
                Err(AppError::new(422, "invalid_body", err.body_text()))
            }
            Err(err) => Err(AppError::new(400, "malformed", err.body_text())),
        }
    }
}

/// A JSON body that may be left out: an empty body is `T::default()`.
pub struct OptionalBody<T>(pub T);

impl<S, T> FromRequest<S> for OptionalBody<T>
where
    T: DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|err| AppError::new(400, "malformed", err.body_text()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(T::default()));
        }
        serde_json::from_slice(&bytes)
            .map(Self)
            .map_err(|err| match err.classify() {
                serde_json::error::Category::Data => {
                    AppError::new(422, "invalid_body", err.to_string())
                }
                _ => AppError::new(400, "malformed", err.to_string()),
            })
    }
}
