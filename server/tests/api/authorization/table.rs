//! The table: each endpoint and the status each kind of caller gets from it.

use reqwest::Method;
use serde_json::{Value, json};

pub enum Call {
    /// A JSON API or page request.
    Http(Method, String, Option<Value>),
    /// A server function, form-encoded.
    ServerFn(&'static str, Vec<(&'static str, String)>),
}

/// `order` is an order of customer A's, in `awaiting_drink`.
pub fn table(order: &str) -> Vec<(Call, [u16; 8])> {
    use Call::*;
    let id = order;
    let order = |path: &str| path.replace("{order}", id);
    let args = |args: &[(&'static str, &str)]| {
        args.iter()
            .map(|(name, value)| (*name, value.replace("{order}", id)))
            .collect::<Vec<_>>()
    };
    vec![
        (
            Http(Method::GET, order("/api/v1/me"), None),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            Http(Method::POST, order("/api/v1/auth/logout"), Some(json!({}))),
            [401, 204, 204, 204, 204, 204, 204, 204],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/auth/code"),
                Some(json!({ "email": "new@example.org" })),
            ),
            [204; 8],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/auth/verify"),
                Some(json!({ "email": "nobody@example.org", "code": "123456" })),
            ),
            [401; 8],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/auth/login"),
                Some(json!({ "username": "nobody", "password": "nothing!" })),
            ),
            [401; 8],
        ),
        (
            Http(
                Method::GET,
                order("/api/v1/dev/mailbox?email=someone@example.org"),
                None,
            ),
            [200; 8],
        ),
        (
            Http(Method::GET, order("/api/v1/dev/mailbox"), None),
            [422; 8],
        ),
        (
            Http(Method::GET, order("/api/v1/nothing-here"), None),
            [404; 8],
        ),
        (Http(Method::GET, order("/"), None), [200; 8]),
        (Http(Method::GET, order("/order/demo"), None), [200; 8]),
        (
            Http(Method::GET, order("/barista/demo"), None),
            [401, 403, 403, 200, 403, 200, 200, 403],
        ),
        (
            Http(Method::GET, order("/display/demo"), None),
            [401, 403, 403, 403, 200, 200, 403, 200],
        ),
        (Http(Method::GET, order("/dev/mailbox"), None), [200; 8]),
        (Http(Method::GET, order("/api/v1/shops"), None), [200; 8]),
        (
            Http(Method::GET, order("/api/v1/shops/demo"), None),
            [200; 8],
        ),
        (
            Http(
                Method::PUT,
                order("/api/v1/shops/demo/open"),
                Some(json!({ "open": true })),
            ),
            [401, 403, 403, 200, 403, 200, 200, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/shops/demo/qr"), None),
            [401, 403, 403, 403, 200, 200, 403, 200],
        ),
        (
            Http(Method::GET, order("/api/v1/shops/demo/stock"), None),
            [200; 8],
        ),
        (
            Http(
                Method::PATCH,
                order("/api/v1/shops/demo/stock"),
                Some(json!({ "choices": { "oat": { "remaining": 24 } } })),
            ),
            [401, 403, 403, 200, 403, 200, 200, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/shops/demo/report"), None),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/shops/demo/orders.csv"), None),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            Http(Method::GET, order("/admin/demo/report"), None),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/staff"), None),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/staff"),
                Some(
                    json!({ "username": "newbie", "role": "barista", "password": "a long password" }),
                ),
            ),
            [401, 403, 403, 403, 403, 201, 403, 403],
        ),
        (
            Http(
                Method::PATCH,
                order("/api/v1/staff/00000000-0000-0000-0000-000000000000"),
                Some(json!({ "display_name": "Nobody" })),
            ),
            [401, 403, 403, 403, 403, 404, 403, 403],
        ),
        (
            Http(
                Method::DELETE,
                order("/api/v1/staff/00000000-0000-0000-0000-000000000000/sessions"),
                None,
            ),
            [401, 403, 403, 403, 403, 404, 403, 403],
        ),
        (
            Http(Method::POST, order("/api/v1/devices/pairing"), None),
            [201; 8],
        ),
        (
            // Without the pairing cookie there is nothing to look at.
            Http(Method::GET, order("/api/v1/devices/pairing"), None),
            [404; 8],
        ),
        (
            Http(Method::GET, order("/api/v1/devices"), None),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/devices"),
                Some(
                    json!({ "code": "ZZZZZZZZ", "name": "TV", "role": "display", "shop": "demo" }),
                ),
            ),
            [401, 403, 403, 403, 403, 404, 403, 403],
        ),
        (
            Http(
                Method::DELETE,
                order("/api/v1/devices/00000000-0000-0000-0000-000000000000"),
                None,
            ),
            [401, 403, 403, 403, 403, 404, 403, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/shops/demo/orders"), None),
            [401, 403, 403, 200, 200, 200, 200, 200],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/shops/demo/orders"),
                Some(json!({ "qr_token": "guessed" })),
            ),
            [401, 422, 422, 403, 403, 403, 403, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/me/orders"), None),
            [401, 200, 200, 403, 403, 403, 403, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/orders/{order}"), None),
            [401, 200, 404, 200, 200, 200, 200, 200],
        ),
        (
            Http(Method::GET, order("/api/v1/orders/{order}/journey"), None),
            [401, 200, 404, 200, 200, 200, 200, 200],
        ),
        (
            Http(
                Method::PUT,
                order("/api/v1/orders/{order}/drink"),
                Some(json!({ "drink": "mocha" })),
            ),
            [401, 422, 404, 403, 403, 403, 403, 403],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/shops"),
                Some(json!({ "slug": "annex", "name": "Annex" })),
            ),
            [401, 403, 403, 403, 403, 201, 403, 403],
        ),
        (
            // Staff accounts work at every shop; a paired screen at its own only.
            Http(Method::GET, order("/api/v1/shops/annex/orders"), None),
            [401, 403, 403, 200, 200, 200, 403, 403],
        ),
        (
            Http(
                Method::PATCH,
                order("/api/v1/shops/demo"),
                Some(json!({ "capacity": 20 })),
            ),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            Http(
                Method::PUT,
                order("/api/v1/shops/demo/menu"),
                Some(json!([])),
            ),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (ServerFn("shops", args(&[])), [200; 8]),
        (
            ServerFn("devices/pairing/start", args(&[("role", "display")])),
            [200; 8],
        ),
        (ServerFn("devices/pairing", args(&[])), [404; 8]),
        (
            ServerFn("admin/console", args(&[])),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            ServerFn("admin/report", args(&[("shop", "demo")])),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            ServerFn(
                "admin/report",
                args(&[
                    ("shop", "demo"),
                    ("from", "2026-06-14"),
                    ("to", "2026-06-15"),
                ]),
            ),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            ServerFn("admin/staff", args(&[])),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            ServerFn("admin/poster", args(&[("slug", "demo")])),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            ServerFn(
                "admin/staff/sessions",
                args(&[("id", "00000000-0000-0000-0000-000000000000")]),
            ),
            [401, 403, 403, 403, 403, 404, 403, 403],
        ),
        (
            ServerFn("admin/devices", args(&[])),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (
            ServerFn(
                "admin/devices/remove",
                args(&[("id", "00000000-0000-0000-0000-000000000000")]),
            ),
            [401, 403, 403, 403, 403, 404, 403, 403],
        ),
        (ServerFn("shop", args(&[("slug", "demo")])), [200; 8]),
        (
            ServerFn("booth_code", args(&[("slug", "demo")])),
            [401, 403, 403, 403, 200, 200, 403, 200],
        ),
        (ServerFn("auth/me", args(&[])), [200; 8]),
        (
            ServerFn("auth/app", args(&[("app", "barista")])),
            [401, 403, 403, 200, 403, 200, 200, 403],
        ),
        (
            ServerFn("auth/app", args(&[("app", "display")])),
            [401, 403, 403, 403, 200, 200, 403, 200],
        ),
        (
            ServerFn("auth/logout", args(&[])),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        (ServerFn("dev/mailbox", args(&[])), [200; 8]),
        (
            ServerFn("shop/open", args(&[("slug", "demo"), ("open", "true")])),
            [401, 403, 403, 200, 403, 200, 200, 403],
        ),
        (
            ServerFn(
                "orders/start",
                args(&[("shop", "demo"), ("token", "guessed")]),
            ),
            [401, 422, 422, 403, 403, 403, 403, 403],
        ),
        (
            ServerFn(
                "orders/drink",
                args(&[
                    ("order", "{order}"),
                    ("drink", "mocha"),
                    ("choices[0]", "oat"),
                ]),
            ),
            [401, 422, 404, 403, 403, 403, 403, 403],
        ),
        (
            // Claiming an order still awaiting its drink: staff learn it is too early.
            ServerFn(
                "orders/act",
                args(&[("order", "{order}"), ("action", "claim")]),
            ),
            [401, 403, 403, 409, 403, 409, 409, 403],
        ),
        (
            ServerFn("orders/get", args(&[("order", "{order}")])),
            [401, 200, 404, 200, 200, 200, 200, 200],
        ),
        (
            // Gone: no page read an order's journey apart from the order (the JSON API's
            // journey stays).
            ServerFn("orders/journey", args(&[("order", "{order}")])),
            [404; 8],
        ),
        (
            ServerFn("orders/mine", args(&[])),
            [401, 200, 200, 403, 403, 403, 403, 403],
        ),
        (
            ServerFn("orders/follow", args(&[("order", "{order}")])),
            [401, 200, 404, 200, 200, 200, 200, 200],
        ),
        (
            ServerFn("board", args(&[("slug", "demo")])),
            [401, 403, 403, 200, 200, 200, 200, 200],
        ),
        (
            // Gone: the boards start from `board` (the JSON API's orders stay).
            ServerFn(
                "orders/of_shop",
                args(&[("shop", "demo"), ("states[0]", "queued")]),
            ),
            [404; 8],
        ),
        // Last: erasing customer A's account leaves the rows above no order of theirs.
        (
            ServerFn("auth/erase", args(&[])),
            [401, 200, 200, 403, 403, 403, 403, 403],
        ),
        (
            Http(Method::DELETE, order("/api/v1/me"), None),
            [401, 204, 204, 403, 403, 403, 403, 403],
        ),
    ]
}
