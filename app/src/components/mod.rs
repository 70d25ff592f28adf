//! Pieces the pages share.

pub mod auth;
mod board;
mod feedback;
pub mod live;
mod shop;

pub use board::BoardState;
pub use feedback::{ErrorPanel, Loading};
pub use shop::{ShopStatus, use_shop, use_shop_slug};
