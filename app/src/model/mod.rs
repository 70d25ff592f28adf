//! Types shared by the server and the browser.

mod shop;

pub use shop::{Choice, Drink, Menu, ModifierGroup, Shop, ShopSettings};
