use app::error::AppError;
use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::header::CONTENT_TYPE,
};
use serde::de::DeserializeOwned;

/// A JSON request body whose rejections are API errors: 400 when it is not JSON at all,
/// 422 naming the field when it is JSON of the wrong shape.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        // `application/json`, or a type of it such as `application/problem+json`.
        let is_json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(str::trim)
            .is_some_and(|mime| {
                mime == "application/json"
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !is_json {
            return Err(AppError::new(
                400,
                "malformed",
                "Send the body as JSON, with Content-Type: application/json.",
            ));
        }
        parse(&bytes(request, state).await?).map(Self)
    }
}

/// A JSON body that may be left out: an empty body is `T::default()`.
pub struct OptionalBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalBody<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let bytes = bytes(request, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(T::default()));
        }
        parse(&bytes).map(Self)
    }
}

/// The JSON path at fault: where the error was, or the field found missing there.
fn field(path: &str, message: &str) -> Option<String> {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name);
    match (path, missing) {
        (".", None) => None,
        (".", Some(name)) => Some(name.to_owned()),
        (path, Some(name)) => Some(format!("{path}.{name}")),
        (path, None) => Some(path.to_owned()),
    }
}

/// The body: 413 when over the limit, 400 when it cannot be read.
async fn bytes<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(request, state).await.map_err(|err| {
        let status = err.status().as_u16();
        let code = if status == 413 {
            "too_large"
        } else {
            "malformed"
        };
        AppError::new(status, code, err.body_text())
    })
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let err = AppError::new(422, "invalid_body", inner.to_string());
                match field(&path, &inner.to_string()) {
                    Some(field) => err.with_field(&field),
                    None => err,
                }
            }
            _ => AppError::new(400, "malformed", inner.to_string()),
        }
    })?;
    json.end()
        .map_err(|err| AppError::new(400, "malformed", err.to_string()))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use app::model::Menu;

    use super::*;

    fn refusal(body: &str) -> (u16, Option<String>) {
        let err = parse::<Menu>(body.as_bytes()).expect_err("refused");
        (err.status, err.field)
    }

    #[test]
    fn a_body_of_the_wrong_shape_names_the_field() {
        let tea = r#"{"id": "tea", "name": "Tea", "available": true, "groups": [
            {"id": "milk", "name": "Milk", "min": -1, "max": 1, "choices": []}]}"#;
        assert_eq!(
            refusal(&format!("[{tea}]")),
            (422, Some("[0].groups[0].min".to_owned()))
        );
        assert_eq!(
            refusal(r#"[{"id": "tea", "available": true}]"#),
            (422, Some("[0].name".to_owned()))
        );
        assert_eq!(refusal(r#"{}"#), (422, None));
        assert_eq!(refusal("[] trailing"), (400, None));
        assert_eq!(refusal("[{"), (400, None));
    }
}
