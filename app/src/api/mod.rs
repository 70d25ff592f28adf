//! Server functions, by resource. Their bodies run on the server only and call the
//! use cases in `ssr::usecases`, translating arguments in and errors out; in the browser
//! they are HTTP calls to `/api/{endpoint}`.

pub mod admin;
pub mod auth;
pub mod board;
pub mod devices;
pub mod orders;
pub mod shops;
pub mod stock;

use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType, codec::Post};
use serde::{Serialize, de::DeserializeOwned};

/// How every server function answers: JSON in the body of the `POST`, as server_fn's
/// `Json`, but read in the browser as text, the way the page's resources and the live
/// streams are read. The wasm then holds one JSON reader per type, not two (server_fn's
/// reads bytes).
pub type Answer = Post<JsonText>;

/// JSON, written as bytes and read as text.
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}
