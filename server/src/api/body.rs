use app::error::AppError;
use axum::{
    Json,
    extract::{FromRequest, Request, rejection::JsonRejection},
};

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
