//! The OpenAPI document of `/api/v1`, served at `/api/v1/openapi.json`. The paths come
//! from the handlers' `#[utoipa::path]` attributes as the router registers them; this
//! module adds what no handler states: the document's header, the sign-in schemes and
//! the error body.

use app::ssr::auth::caller::SESSION_COOKIE;
use utoipa::{
    Modify, OpenApi, ToSchema,
    openapi::{
        ResponseBuilder,
        security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Crema",
        description = "The public HTTP API of Crema, the ordering system for pop-up coffee \
                       booths: shops, QR codes, orders, their journey, stock and live streams.",
    ),
    modifiers(&SignIn),
    security(("bearer" = []), ("session" = [])),
    tags(
        (name = "auth", description = "Signing in: customers by e-mail code, staff by password"),
        (name = "shops", description = "Booths, their menus, settings and QR codes"),
        (name = "orders", description = "The order workflow"),
        (name = "stock", description = "Sold out at the counter, and portions left"),
        (name = "staff", description = "Staff accounts, and the shops they work at"),
        (name = "reports", description = "A shop's day in numbers, and its orders as CSV"),
        (name = "robots", description = "Robot customers and baristas that run a booth on their own"),
        (name = "devices", description = "Screens paired by a code they show: booth screens and barista tablets"),
        (name = "streams", description = "Live events as server-sent events, with replay"),
        (name = "dev", description = "Dev mode only"),
    ),
)]
pub struct ApiDoc;

/// The two ways to be signed in: the token the sign-in endpoints return, or their cookie.
struct SignIn;

impl Modify for SignIn {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(SESSION_COOKIE))),
        );
    }
}

/// The answers any operation may give besides its own: 400 for a path, query, header
/// or body that does not parse, 503 while the database is unreachable (or, for a change,
/// its events are pending); with a body, 413 when it is too large and 422 when it is
/// JSON of the wrong shape. Applied to the whole document, once the handlers' paths are
/// in it.
pub struct EveryAnswer;

impl Modify for EveryAnswer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let error = || {
            utoipa::openapi::ContentBuilder::new()
                .schema(Some(utoipa::openapi::Ref::from_schema_name("ApiError")))
                .build()
        };
        let answer = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content("application/json", error())
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                let has_body = operation.request_body.is_some();
                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, description: &str| {
                    responses
                        .entry(status.to_owned())
                        .or_insert_with(|| answer(description).into());
                };
                add(
                    "400",
                    "Malformed: a path, query, header or body that does not parse",
                );
                add(
                    "503",
                    "Briefly unavailable, or (for a change) committed with its events pending",
                );
                if has_body {
                    add("413", "The body is too large");
                    add(
                        "422",
                        "Well-formed but invalid; `field` names the input at fault",
                    );
                }
            }
        }
    }
}

/// Every 4xx and 5xx answer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ApiError {
    error: ErrorDetail,
}

#[derive(ToSchema)]
#[allow(dead_code)]
struct ErrorDetail {
    /// Stable, `snake_case`, for programs to match on.
    code: String,
    /// One sentence for a person.
    message: String,
    /// The JSON path of the input at fault, when one is.
    field: Option<String>,
}
