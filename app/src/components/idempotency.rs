//! Idempotency keys for the changes a page asks for: a retry of the same request (after
//! a dropped connection, say) carries the same key, so the server answers it with the
//! first answer instead of acting twice; a different request gets a different key.

use std::hash::{DefaultHasher, Hash, Hasher};

use leptos::prelude::*;

/// The keys of one page.
#[derive(Clone, Copy)]
pub struct IdempotencyKey(StoredValue<Option<String>>);

impl IdempotencyKey {
    pub fn new() -> Self {
        Self(StoredValue::new(None))
    }

    /// The key of `request` (its arguments), on this page. In the browser only.
    pub fn for_request(&self, request: &impl Hash) -> String {
        let page = self.0.get_value().unwrap_or_else(|| {
            let random = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
            let page = format!("{:08x}{:08x}", random(), random());
            self.0.set_value(Some(page.clone()));
            page
        });
        let mut hasher = DefaultHasher::new();
        request.hash(&mut hasher);
        format!("{page}-{:016x}", hasher.finish())
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}
