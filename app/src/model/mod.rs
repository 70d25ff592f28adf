//! Types shared by the server and the browser.

mod mail;
mod order;
mod shop;
mod user;

pub use mail::DevMail;
pub use order::{Canceller, Event, Order, OrderState, Step};
pub use shop::{Choice, Drink, Menu, ModifierGroup, Shop, ShopSettings};
pub use user::{Role, User};
