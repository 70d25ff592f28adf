//! The caller of each request.

use std::{convert::Infallible, net::SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{
        HeaderMap, HeaderValue, Method,
        header::{AUTHORIZATION, CACHE_CONTROL, COOKIE, HOST, ORIGIN, SET_COOKIE},
        request::Parts,
    },
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::prelude::*;

use super::{
    client::{self, TrustedProxies},
    sessions::{self, TokenHash},
};
use crate::{error::AppError, model::User, ssr::AppState};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "crema_session";
/// Its name under HTTPS: the `__Host-` prefix makes browsers keep it to this host, sent
/// over HTTPS only.
pub const SECURE_SESSION_COOKIE: &str = "__Host-crema_session";

/// The cookie of a screen waiting to be paired (see `ssr::devices`), and its name under
/// HTTPS.
pub const PAIRING_COOKIE: &str = "crema_pairing";
pub const SECURE_PAIRING_COOKIE: &str = "__Host-crema_pairing";

/// The longest a browser keeps a cookie (Chrome's limit: 400 days).
pub const MAX_COOKIE_AGE_S: i64 = 400 * 24 * 60 * 60;

/// The session cookie's name, with or without HTTPS.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

fn pairing_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_PAIRING_COOKIE
    } else {
        PAIRING_COOKIE
    }
}

/// Who made the request: a signed-in user or nobody, and from where.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    pub user: Option<User>,
    /// The session the request came with, so that signing out can end it.
    pub session: Option<TokenHash>,
    /// The client's network address, for rate limits.
    pub client: String,
    /// The secret of the screen's pairing, while it waits to be paired.
    pub pairing: Option<String>,
}

impl Caller {
    /// The caller of the request being handled, for pages and server functions.
    pub fn current() -> Self {
        use_context::<Parts>()
            .and_then(|parts| parts.extensions.get::<Self>().cloned())
            .unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(parts.extensions.get::<Self>().cloned().unwrap_or_default())
    }
}

/// Middleware on every page, server function and API route: refuses cross-site unsafe
/// requests that rely on the cookie, then resolves the caller from the bearer token or
/// the session cookie.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let (token, by_cookie) = match bearer_token(headers) {
        Some(token) => (Some(token), false),
        None => (
            cookie_token(headers, cookie_name(state.secure_cookies())),
            true,
        ),
    };
    if by_cookie
        && !is_safe(request.method())
        && is_cross_site(headers, state.public_url.as_deref())
    {
        return AppError::forbidden(
            "Cross-site requests are refused. Use Crema from its own pages.",
        )
        .with_code("cross_site")
        .into_response();
    }

    let mut caller = Caller {
        client: client_address(&request, &state.auth.trusted_proxies),
        pairing: cookie_token(headers, pairing_cookie_name(state.secure_cookies())),
        ..Caller::default()
    };
    // A paired screen's session lasts until it is removed, but browsers keep a cookie
    // 400 days at most: each page it loads gives it the cookie again.
    let mut renew_cookie = None;
    if let Some(token) = token {
        match sessions::find(&state.pool, &state.sessions, &token).await {
            Ok(Some((user, session))) => {
                if user.device {
                    crate::ssr::devices::seen(&state.pool, user.id);
                    let page = !request.uri().path().starts_with("/api/");
                    if by_cookie && page && request.method() == Method::GET {
                        renew_cookie = Some(session_cookie(
                            &token,
                            MAX_COOKIE_AGE_S,
                            state.secure_cookies(),
                        ));
                    }
                }
                caller.user = Some(user);
                caller.session = Some(session);
            }
            Ok(None) => {}
            Err(err) => return AppError::from(err).into_response(),
        }
    }
    let signed_in = caller.user.is_some();
    request.extensions_mut().insert(caller);
    let mut response = next.run(request).await;
    // What a signed-in person gets is theirs, and so is an answer that sets a cookie: no
    // cache may keep it for the next person on a shared phone (the service worker keeps
    // only what may be stored).
    if let Some(cookie) = renew_cookie
        && !response.headers().contains_key(SET_COOKIE)
    {
        response.headers_mut().insert(SET_COOKIE, cookie);
    }
    let personal = signed_in || response.headers().contains_key(SET_COOKIE);
    if personal && !response.headers().contains_key(CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    response
}

/// The client, as the rate limits name it (see [`client`]).
fn client_address(request: &Request, proxies: &TrustedProxies) -> String {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| client::key(proxies.client(addr.ip(), request.headers())))
        .unwrap_or_default()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| token.to_owned())
}

fn cookie_token(headers: &HeaderMap, cookie: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == cookie && !value.is_empty()).then(|| value.to_owned())
        })
}

/// Whether a browser sent this request from another site. Browsers say so in
/// `Sec-Fetch-Site`, or at least in `Origin`; programs that send neither are not
/// browsers riding on a cookie.
fn is_cross_site(headers: &HeaderMap, public_url: Option<&str>) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !(site == "same-origin" || site == "none");
    }
    let Some(origin) = headers.get(ORIGIN).and_then(|origin| origin.to_str().ok()) else {
        return false;
    };
    let own_host = headers.get(HOST).and_then(|host| host.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    let matches_public = public_url.is_some_and(|url| url.trim_end_matches('/') == origin);
    !(matches_public || (origin_host.is_some() && origin_host == own_host))
}

/// The `Set-Cookie` value that starts a browser session.
pub fn session_cookie(token: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    cookie(cookie_name(secure), token, max_age_s, secure)
}

/// The `Set-Cookie` value that ends a browser session.
pub fn expired_session_cookie(secure: bool) -> HeaderValue {
    cookie(cookie_name(secure), "", 0, secure)
}

/// The `Set-Cookie` value that gives a screen its pairing secret (an empty one ends it).
pub fn pairing_cookie(secret: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    cookie(pairing_cookie_name(secure), secret, max_age_s, secure)
}

fn cookie(name: &str, token: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let max_age_s = max_age_s.min(MAX_COOKIE_AGE_S);
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_s}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    axum::http::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn finds_the_session_among_other_cookies() {
        let headers = headers(&[("cookie", "theme=dark; crema_session=abc123; lang=en")]);

        assert_eq!(
            cookie_token(&headers, SESSION_COOKIE).as_deref(),
            Some("abc123")
        );
        assert_eq!(cookie_token(&headers, SECURE_SESSION_COOKIE), None);
    }

    #[test]
    fn under_https_the_cookie_is_host_only_and_secure() {
        let set = session_cookie("t0k", 60, true);
        let cleared = expired_session_cookie(true);

        for value in [&set, &cleared] {
            let value = value.to_str().expect("ascii");
            assert!(value.starts_with("__Host-crema_session="), "{value}");
            assert!(
                value.contains("; Path=/;") && value.ends_with("; Secure"),
                "{value}"
            );
        }
        assert!(
            !expired_session_cookie(false)
                .to_str()
                .expect("ascii")
                .contains("Secure")
        );
    }

    #[test]
    fn reads_a_bearer_token() {
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Bearer t0k")])).as_deref(),
            Some("t0k")
        );
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Basic t0k")])),
            None
        );
    }

    #[test]
    fn tells_cross_site_requests() {
        let host = ("host", "127.0.0.1:3000");
        assert!(
            !is_cross_site(&headers(&[host]), None),
            "no browser headers"
        );
        assert!(!is_cross_site(
            &headers(&[host, ("origin", "http://127.0.0.1:3000")]),
            None
        ));
        assert!(is_cross_site(
            &headers(&[host, ("origin", "https://evil.example")]),
            None
        ));
        assert!(is_cross_site(&headers(&[host, ("origin", "null")]), None));
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            None
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            None
        ));
        assert!(!is_cross_site(
            &headers(&[
                ("host", "10.0.0.5:3000"),
                ("origin", "https://coffee.example")
            ]),
            Some("https://coffee.example/")
        ));
    }
}
