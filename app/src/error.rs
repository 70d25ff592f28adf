//! The one error type of Crema's server functions.
//!
//! It carries what the JSON API's error body carries (`code`, `message`, `field`) plus
//! the HTTP status, so a page can show the message and the server can answer with the
//! right status whichever surface raised it.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// The HTTP status this error is answered with.
    pub status: u16,
    /// A stable `snake_case` code that programs can match on.
    pub code: String,
    /// One sentence for a person.
    pub message: String,
    /// The JSON path of the input at fault, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Seconds to wait before trying again, for a 429 (its `Retry-After`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<u64>,
}

/// The code of the error a call gets when the server could not be reached.
const NO_ANSWER: &str = "network";
/// The code of the 503 a change gets when it committed but its events were not numbered
/// in time.
pub const EVENTS_PENDING: &str = "events_pending";

impl AppError {
    /// Whether this is no answer at all (the server could not be reached), rather than
    /// the server's.
    pub fn is_no_answer(&self) -> bool {
        self.code == NO_ANSWER
    }

    /// Whether the caller cannot tell whether its change was made (no answer came, or
    /// it was made and its events are pending): a retry sends the same idempotency key.
    pub fn outcome_unknown(&self) -> bool {
        self.is_no_answer() || self.code == EVENTS_PENDING
    }

    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            field: None,
            retry_after_s: None,
        }
    }

    /// The same error under a more specific code.
    pub fn with_code(mut self, code: &str) -> Self {
        self.code = code.to_owned();
        self
    }

    /// Names the input at fault (a JSON path such as `email`).
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    /// 422: well-formed, but `field` is not acceptable.
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::new(422, code, message).with_field(field)
    }

    pub fn unauthorized() -> Self {
        Self::new(401, "unauthorized", "Please sign in first.")
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(403, "forbidden", message)
    }

    /// 429: too many tries; try again in `retry_after_s` seconds.
    pub fn rate_limited(retry_after_s: u64, message: impl Into<String>) -> Self {
        Self {
            retry_after_s: Some(retry_after_s.max(1)),
            ..Self::new(429, "rate_limited", message)
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, "not_found", message)
    }

    pub fn internal() -> Self {
        Self::new(
            500,
            "internal",
            "Something went wrong on our side. Please try again in a moment.",
        )
    }

    pub fn unavailable() -> Self {
        Self::new(
            503,
            "unavailable",
            "Crema is briefly unavailable. Please try again in a moment.",
        )
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server, the errors of a call that never reached its function (its
    /// arguments did not read) also set the response's status.
    fn from_server_fn_error(err: ServerFnErrorErr) -> Self {
        let err = match err {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => Self::new(
                400,
                "malformed",
                format!("The request was malformed: {detail}."),
            ),
            ServerFnErrorErr::Request(_) => Self::new(
                503,
                NO_ANSWER,
                "Crema could not be reached. Check your connection and try again.",
            ),
            // On the server, the request's body did not read: too large, or not UTF-8.
            ServerFnErrorErr::Deserialization(detail) if cfg!(feature = "ssr") => {
                if detail.contains("length limit") {
                    Self::new(413, "too_large", "The request is too large.")
                } else {
                    Self::new(
                        400,
                        "malformed",
                        format!("The request was malformed: {detail}."),
                    )
                }
            }
            ServerFnErrorErr::UnsupportedRequestMethod(method) => Self::new(
                405,
                "method_not_allowed",
                format!("This call does not take {method}."),
            ),
            _ => Self::internal(),
        };
        #[cfg(feature = "ssr")]
        crate::ssr::error::set_status(&err);
        err
    }
}
