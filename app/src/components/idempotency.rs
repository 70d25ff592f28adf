//! The idempotency key of the change a page asks for. It stays the same until the server
//! answers, so a request sent again because it got no answer (a dropped connection, a
//! second tap) is answered with the first answer instead of acting twice; after any
//! outcome, the next request gets a fresh key.
//!
//! A page's forms carry a key too, for a browser that posts them without the app: the
//! server renders each form's key, made by the [`FreshKey`] it provides.

use leptos::prelude::*;

use crate::error::AppError;

#[derive(Clone, Copy)]
pub struct IdempotencyKey(StoredValue<Option<String>>);

/// Makes the key a form is rendered with: provided while the server renders a page.
#[derive(Clone, Copy)]
pub struct FreshKey(pub fn() -> String);

impl IdempotencyKey {
    pub fn new() -> Self {
        let rendered = use_context::<FreshKey>().map(|FreshKey(fresh)| fresh());
        Self(StoredValue::new(rendered))
    }

    /// The key of the request about to be sent; on the server, the one the page's form
    /// carries.
    pub fn get(&self) -> String {
        self.0.get_value().unwrap_or_else(|| {
            let random = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
            let key = format!("{:08x}{:08x}{:08x}", random(), random(), random());
            self.0.set_value(Some(key.clone()));
            key
        })
    }

    /// Takes note of what came back: an outcome, or none known (then a retry keeps the
    /// key).
    pub fn answered<T>(&self, result: &Result<T, AppError>) {
        if !matches!(result, Err(error) if error.outcome_unknown()) {
            self.0.set_value(None);
        }
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}
