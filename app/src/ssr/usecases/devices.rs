//! Paired screens: a screen asks for a code and waits; the admin pairs it, lists the
//! screens and removes them.

use axum::http::HeaderValue;

use super::Ctx;
use crate::{
    error::AppError,
    model::{Device, NewDevice, PAIR_QUERY, Pairing, PairingState, Role, ScreenPairing, is_slug},
    ssr::{
        auth::{
            Action, authorize,
            caller::{pairing_cookie, session_cookie},
        },
        devices::{self, PAIRING_COOKIE_S, Progress},
        qr,
    },
};

/// A code for this screen to show, and the `Set-Cookie` that keeps its secret (anyone).
pub async fn start_pairing(ctx: &Ctx) -> Result<(Pairing, HeaderValue), AppError> {
    let (pairing, secret) = devices::start(&ctx.state.pool, &ctx.caller.client).await?;
    let cookie = pairing_cookie(&secret, PAIRING_COOKIE_S, ctx.state.secure_cookies());
    Ok((pairing, cookie))
}

/// As [`start_pairing`], for a screen that shows its code: with the QR code of the
/// console's pairing form, the code, role and shop filled in.
pub async fn start_screen_pairing(
    ctx: &Ctx,
    role: Role,
    shop: Option<String>,
) -> Result<(ScreenPairing, HeaderValue), AppError> {
    if !matches!(role, Role::Barista | Role::Display) {
        return Err(AppError::invalid(
            "role",
            "invalid_role",
            "Only booth screens and barista tablets are paired.",
        ));
    }
    // A shop no shop can be called is left out of the form's link.
    let shop = shop.filter(|shop| is_slug(shop));
    let (pairing, cookie) = start_pairing(ctx).await?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair(PAIR_QUERY, &pairing.code);
    query.append_pair("role", role.as_str());
    if let Some(shop) = &shop {
        query.append_pair("shop", shop);
    }
    let url = format!("{}/admin?{}#screens", ctx.public_url()?, query.finish());
    let svg = qr::svg(&url)?;
    Ok((ScreenPairing { pairing, url, svg }, cookie))
}

/// Where this screen's pairing stands (the browser holding the pairing cookie). Once
/// paired, the answer signs the screen in: the `Set-Cookie` values of its session, and
/// of its pairing cookie's end.
pub async fn pairing_state(ctx: &Ctx) -> Result<(PairingState, Vec<HeaderValue>), AppError> {
    let secret = ctx.caller.pairing.as_deref().ok_or_else(|| {
        AppError::not_found("This screen has not asked for a pairing code.").with_code("no_pairing")
    })?;
    match devices::progress(&ctx.state.pool, secret).await? {
        Progress::Waiting => Ok((PairingState::Waiting, Vec::new())),
        Progress::Paired(device, session) => {
            let secure = ctx.state.secure_cookies();
            let cookies = vec![
                session_cookie(&session.token, session.max_age_s(), secure),
                pairing_cookie("", 0, secure),
            ];
            let shop = device.shops.first().cloned().unwrap_or_default();
            Ok((
                PairingState::Paired {
                    role: device.role,
                    shop,
                },
                cookies,
            ))
        }
    }
}

/// Pairs the screen that shows the code (admin).
pub async fn pair(ctx: &Ctx, input: NewDevice) -> Result<Device, AppError> {
    authorize(&ctx.caller, Action::ManageStaff)?;
    devices::pair(&ctx.state.pool, &input).await
}

/// The paired screens (admin).
pub async fn list(ctx: &Ctx) -> Result<Vec<Device>, AppError> {
    authorize(&ctx.caller, Action::ManageStaff)?;
    Ok(devices::list(&ctx.state.pool).await?)
}

/// Removes a paired screen; its session ends at once (admin).
pub async fn remove(ctx: &Ctx, id: &str) -> Result<(), AppError> {
    authorize(&ctx.caller, Action::ManageStaff)?;
    let id = id.parse().map_err(|_| devices::no_such_device())?;
    devices::remove(&ctx.state.pool, id).await?;
    ctx.state.sessions.forget_all();
    Ok(())
}
