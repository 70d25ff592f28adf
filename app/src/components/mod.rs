//! Pieces the pages share.

mod feedback;
mod shop;

pub use feedback::{ErrorPanel, Loading};
pub use shop::{ShopStatus, use_shop, use_shop_slug};
