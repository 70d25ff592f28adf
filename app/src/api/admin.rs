//! The operator's console: its shops with their live state, and the admin's changes to
//! shops and staff accounts. Sent as JSON: settings and accounts have more shape than a
//! form says.

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{
        Console, Menu, MenuEditing, NewShop, NewStaff, Poster, ReportView, Shop, ShopChanges,
        Simulation, SimulationSettings, Staff, StaffChanges,
    },
};

/// Every shop, archived ones too, with its orders in progress, today's count and what is
/// sold out; the time zones a shop may be in (admin).
#[server(endpoint = "admin/console", output = crate::api::Answer)]
pub async fn get_console() -> Result<Console, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::console(&ctx).await }).await
}

/// A new shop (admin).
#[server(endpoint = "admin/shops/new", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn create_shop(input: NewShop) -> Result<Shop, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::create(&ctx, input).await }).await
}

/// Changes a shop's name and settings, or archives it (admin).
#[server(endpoint = "admin/shops/change", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn update_shop(slug: String, changes: ShopChanges) -> Result<Shop, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::update(&ctx, &slug, changes).await }).await
}

/// Every staff account (admin).
#[server(endpoint = "admin/staff", output = crate::api::Answer)]
pub async fn list_staff() -> Result<Vec<Staff>, AppError> {
    use crate::ssr::usecases::{serve, staff};

    serve(|ctx| async move { staff::list(&ctx).await }).await
}

/// A new staff account (admin).
#[server(endpoint = "admin/staff/new", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn create_staff(input: NewStaff) -> Result<Staff, AppError> {
    use crate::ssr::usecases::{serve, staff};

    serve(|ctx| async move { staff::create(&ctx, input).await }).await
}

/// Changes a staff account (admin).
#[server(endpoint = "admin/staff/change", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn update_staff(id: String, changes: StaffChanges) -> Result<Staff, AppError> {
    use crate::ssr::usecases::{serve, staff};

    serve(|ctx| async move { staff::update(&ctx, &id, changes).await }).await
}

/// Ends every session of a staff account (admin).
#[server(endpoint = "admin/staff/sessions", output = crate::api::Answer)]
pub async fn end_staff_sessions(id: String) -> Result<(), AppError> {
    use crate::ssr::usecases::{serve, staff};

    serve(|ctx| async move { staff::end_sessions(&ctx, &id).await }).await
}

/// The shop's screen poster: the booth screen's address and its QR code (admin).
#[server(endpoint = "admin/poster", output = crate::api::Answer)]
pub async fn get_poster(slug: String) -> Result<Poster, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::poster(&ctx, &slug).await }).await
}

/// The shop's menu for the editor: each item's own flag, and the stock's counts (admin).
#[server(endpoint = "admin/menu", output = crate::api::Answer)]
pub async fn get_menu(slug: String) -> Result<MenuEditing, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::menu_for_editing(&ctx, &slug).await }).await
}

/// Replaces the shop's menu; the server checks it, and open menus follow (admin).
#[server(endpoint = "admin/menu/save", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn save_menu(slug: String, menu: Menu) -> Result<Shop, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::set_menu(&ctx, &slug, menu).await }).await
}

/// A shop's report over its days `from`..`to` (`YYYY-MM-DD`; today when absent), with
/// its charts drawn on the server (admin).
#[server(endpoint = "admin/report", output = crate::api::Answer)]
pub async fn get_report(
    shop: String,
    from: Option<String>,
    to: Option<String>,
) -> Result<ReportView, AppError> {
    use crate::{
        model::ReportQuery,
        ssr::usecases::{reports, serve},
    };

    let query = ReportQuery {
        from,
        to,
        robots: None,
    };
    serve(|ctx| async move { reports::view(&ctx, &shop, query).await }).await
}

/// The shop's latest simulation, or none when robots never ran there (admin).
#[server(endpoint = "admin/robots", output = crate::api::Answer)]
pub async fn get_simulation(shop: String) -> Result<Option<Simulation>, AppError> {
    use crate::ssr::usecases::{robots, serve};

    serve(|ctx| async move {
        match robots::latest(&ctx, &shop).await {
            Err(none) if none.status == 404 && none.code == "not_found" => Ok(None),
            result => result.map(Some),
        }
    })
    .await
}

/// Starts robots at the shop (admin).
#[server(endpoint = "admin/robots/start", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn start_robots(
    shop: String,
    settings: SimulationSettings,
) -> Result<Simulation, AppError> {
    use crate::ssr::usecases::{robots, serve};

    serve(|ctx| async move { robots::start(&ctx, &shop, settings).await }).await
}

/// Stops the shop's robots (admin).
#[server(endpoint = "admin/robots/stop", output = crate::api::Answer)]
pub async fn stop_robots(shop: String) -> Result<(), AppError> {
    use crate::ssr::usecases::{robots, serve};

    serve(|ctx| async move { robots::stop(&ctx, &shop).await }).await
}

/// Replays a recorded day (an `orders.csv` export) at the shop, `speed` times as fast
/// (admin).
#[server(endpoint = "admin/robots/replay", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn replay_day(
    shop: String,
    csv: String,
    speed: u32,
    baristas: Option<u32>,
) -> Result<Simulation, AppError> {
    use crate::ssr::usecases::{robots, serve};

    serve(|ctx| async move { robots::replay(&ctx, &shop, &csv, speed, baristas).await }).await
}
