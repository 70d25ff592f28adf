//! The built site's files: where they are, the bundles' names, and how long browsers may
//! keep them.
//!
//! The release build names each bundle after its content (`/pkg/crema.<hash>.js` and
//! `.wasm`, scripts/lib/site.sh): a page names the bundle it was rendered for, and a
//! browser keeps the files for good, without asking again. Under `cargo leptos watch`
//! they keep their plain names, and browsers ask each time. (cargo-leptos' own
//! `hash-files` names one bundle, in one `hash.txt` that Leptos reads at run time; the
//! site has two.)

use std::{path::PathBuf, sync::OnceLock};

use axum::{
    extract::Request,
    http::{HeaderValue, header::CACHE_CONTROL},
    middleware::Next,
    response::Response,
};
use leptos::config::LeptosOptions;

/// The bundle of every app: the staff apps' pages load it, and every page under watch.
const EVERY_APP: &str = "crema";
/// The customer app's own bundle (`/order/…`), without the staff apps.
const CUSTOMER: &str = "crema-customer";

/// How long a file named after its content may be kept: as long as a browser likes.
const FOREVER: &str = "public, max-age=31536000, immutable";

/// A file of the site's bundle folder.
pub fn pkg_file(options: &LeptosOptions, name: &str) -> PathBuf {
    PathBuf::from(&*options.site_root)
        .join(&*options.site_pkg_dir)
        .join(name)
}

/// Whether `cargo leptos watch` runs the server.
pub fn watching() -> bool {
    std::env::var_os("LEPTOS_WATCH").is_some()
}

/// The site's bundles, each by the name of its files without extension: `crema.<hash>`
/// after a release build, the plain name under watch (which builds the bundle of every
/// app only).
pub struct Bundles {
    every_app: String,
    customer: Option<String>,
}

impl Bundles {
    /// The site's bundles, looked up in its bundle folder once.
    pub fn of(options: &LeptosOptions) -> &'static Self {
        static BUNDLES: OnceLock<Bundles> = OnceLock::new();
        BUNDLES.get_or_init(|| {
            if watching() {
                return Self {
                    every_app: options.output_name.to_string(),
                    customer: None,
                };
            }
            Self {
                every_app: find(options, EVERY_APP)
                    .unwrap_or_else(|| options.output_name.to_string()),
                customer: find(options, CUSTOMER),
            }
        })
    }

    /// The bundle a page loads: the customer app's pages (`customer`) load the customer
    /// app's own when the site has one; every other page loads the bundle of every app.
    pub fn for_page(&self, customer: bool) -> &str {
        match &self.customer {
            Some(stem) if customer => stem,
            _ => &self.every_app,
        }
    }
}

/// The name of bundle `bundle`'s files in the site, `<bundle>.<hash>`, if it has them.
fn find(options: &LeptosOptions, bundle: &str) -> Option<String> {
    std::fs::read_dir(pkg_file(options, ""))
        .ok()?
        .flatten()
        .find_map(|entry| {
            let file = entry.file_name().into_string().ok()?;
            let hash = file
                .strip_prefix(bundle)?
                .strip_prefix('.')?
                .strip_suffix(".wasm")?;
            is_content_hash(hash).then(|| format!("{bundle}.{hash}"))
        })
}

/// Middleware: the bundles' files named after their content are kept for good.
pub async fn cache_bundles(request: Request, next: Next) -> Response {
    let named_by_content = is_named_by_content(request.uri().path());
    let mut response = next.run(request).await;
    if named_by_content && response.status().is_success() {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(FOREVER));
    }
    response
}

/// Whether `path` is a bundle's file named after its content, such as
/// `/pkg/crema.0123456789abcdef.wasm`.
fn is_named_by_content(path: &str) -> bool {
    path.strip_prefix("/pkg/")
        .is_some_and(|file| file.split('.').any(is_content_hash))
}

/// The build's content hash: 16 lowercase hexadecimal digits.
fn is_content_hash(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_named_by_content_are_kept_for_good() {
        assert!(is_named_by_content("/pkg/crema.0123456789abcdef.wasm"));
        assert!(is_named_by_content(
            "/pkg/crema-customer.0123456789abcdef.js"
        ));
        assert!(!is_named_by_content("/pkg/crema.wasm"));
        assert!(!is_named_by_content("/pkg/crema.css"));
        assert!(!is_named_by_content("/pkg/crema.0123456789ABCDEF.wasm"));
        assert!(!is_named_by_content("/order/0123456789abcdef.js"));
    }
}
