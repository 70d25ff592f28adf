//! The Content-Security-Policy of every page: scripts only with the render's nonce (the
//! hydration script, which then loads the app's module) and WebAssembly; everything
//! else from this origin.

use axum::http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
use leptos::{nonce::use_nonce, prelude::use_context};
use leptos_axum::ResponseOptions;

/// The policy for a page rendered with `nonce`. Styles allow inline attributes (the
/// server renders a few `style="…"`); `cargo leptos watch` adds its reload socket.
pub fn content_security_policy(nonce: &str, watching: bool) -> String {
    let reload = if watching { " ws: wss:" } else { "" };
    format!(
        "default-src 'self'; \
         script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; \
         connect-src 'self'{reload}; \
         worker-src 'self'; \
         manifest-src 'self'; \
         object-src 'none'; \
         base-uri 'none'; \
         form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Gives the page being rendered its policy, with the render's nonce.
pub fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    let watching = std::env::var_os("LEPTOS_WATCH").is_some();
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce, watching)) {
        response.insert_header(CONTENT_SECURITY_POLICY, policy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_need_the_nonce() {
        let policy = content_security_policy("abc", false);

        assert!(policy.contains("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("ws:"));
        assert!(content_security_policy("abc", true).contains("connect-src 'self' ws: wss:"));
    }
}
