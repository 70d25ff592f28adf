//! Server functions, by resource. Their bodies run on the server only and call the
//! use cases in `ssr::usecases`, translating arguments in and errors out; in the browser
//! they are HTTP calls to `/api/{endpoint}`.

pub mod auth;
pub mod board;
pub mod orders;
pub mod shops;
