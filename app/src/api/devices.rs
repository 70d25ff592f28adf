//! Paired screens: a screen that is not signed in shows a code and waits; the console
//! pairs it, lists the screens and removes them.

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{Device, NewDevice, PairingState, Role, ScreenPairing},
};

/// A code for this screen to show, as a `role` screen of `shop` (anyone); the browser
/// keeps the pairing's secret as a cookie.
#[server(endpoint = "devices/pairing/start", output = crate::api::Answer)]
pub async fn start_pairing(role: Role, shop: Option<String>) -> Result<ScreenPairing, AppError> {
    use crate::ssr::{
        auth::set_response_cookie,
        usecases::{devices, serve},
    };

    serve(|ctx| async move {
        let (pairing, cookie) = devices::start_screen_pairing(&ctx, role, shop).await?;
        set_response_cookie(cookie);
        Ok(pairing)
    })
    .await
}

/// Whether this screen has been paired; once it has, the browser gets its session.
#[server(endpoint = "devices/pairing", output = crate::api::Answer)]
pub async fn check_pairing() -> Result<PairingState, AppError> {
    use crate::ssr::{
        auth::set_response_cookie,
        usecases::{devices, serve},
    };

    serve(|ctx| async move {
        let (state, cookies) = devices::pairing_state(&ctx).await?;
        cookies.into_iter().for_each(set_response_cookie);
        Ok(state)
    })
    .await
}

/// The paired screens (admin).
#[server(endpoint = "admin/devices", output = crate::api::Answer)]
pub async fn list_devices() -> Result<Vec<Device>, AppError> {
    use crate::ssr::usecases::{devices, serve};

    serve(|ctx| async move { devices::list(&ctx).await }).await
}

/// Pairs the screen that shows the code (admin).
#[server(endpoint = "admin/devices/pair", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn pair_device(input: NewDevice) -> Result<Device, AppError> {
    use crate::ssr::usecases::{devices, serve};

    serve(|ctx| async move { devices::pair(&ctx, input).await }).await
}

/// Removes a paired screen: it is signed out at once (admin).
#[server(endpoint = "admin/devices/remove", output = crate::api::Answer)]
pub async fn remove_device(id: String) -> Result<(), AppError> {
    use crate::ssr::usecases::{devices, serve};

    serve(|ctx| async move { devices::remove(&ctx, &id).await }).await
}
