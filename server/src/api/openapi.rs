//! The OpenAPI document of `/api/v1`, served at `/api/v1/openapi.json`. The paths come
//! from the handlers' `#[utoipa::path]` attributes as the router registers them; this
//! module adds what no handler states: the document's header, the sign-in schemes and
//! the error body.

use app::ssr::auth::caller::SESSION_COOKIE;
use utoipa::{
    Modify, OpenApi, ToSchema,
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Crema",
        description = "The public HTTP API of Crema, the ordering system for pop-up coffee \
                       booths: shops, QR codes, orders, their journey and live streams.",
    ),
    modifiers(&SignIn),
    security(("bearer" = []), ("session" = [])),
    tags(
        (name = "auth", description = "Signing in: customers by e-mail code, staff by password"),
        (name = "shops", description = "Booths, their menus, settings and QR codes"),
        (name = "orders", description = "The order workflow"),
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
