//! Server functions, by resource. Their bodies run on the server only and call the
//! services in `ssr`; in the browser they are HTTP calls to `/api/{endpoint}`.

pub mod auth;
pub mod board;
pub mod orders;
pub mod shops;
