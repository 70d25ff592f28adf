//! Pieces the pages share.

pub mod auth;
mod board;
mod feedback;
mod focus;
mod idempotency;
pub mod live;
mod pairing;
mod post_form;
mod shop;

pub use board::BoardState;
pub use feedback::{ErrorPanel, Loading};
pub use focus::focus_if_lost;
pub use idempotency::{FreshKey, IdempotencyKey};
pub use post_form::{Fields, PostForm};
pub use shop::{ShopStatus, use_shop, use_shop_slug};
