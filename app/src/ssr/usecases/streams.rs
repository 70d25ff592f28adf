//! Who a live stream is for: what each caller may follow.

use super::Ctx;
use crate::{
    error::AppError,
    model::{Role, Shop},
    ssr::{
        auth::{Action, authorize, authorize_at},
        events::Audience,
        shops,
    },
};

/// A shop's stream: every event of the shop (barista, display, admin).
pub async fn shop(ctx: &Ctx, slug: &str) -> Result<Audience, AppError> {
    let user = authorize_at(&ctx.caller, Action::WatchShop, slug)?;
    let screen = user.role == Role::Display;
    let shop = shops::get(&ctx.state.pool, slug).await?;
    Ok(Audience::Shop {
        slug: shop.slug,
        screen,
    })
}

/// The shop's public stream, for `/how/{shop}`: anyone's while the shop shows how it
/// works, its staff's always; 404 otherwise, as for a shop that does not exist.
pub async fn public(ctx: &Ctx, slug: &str) -> Result<Audience, AppError> {
    public_of(ctx, slug).await.map(|(_, audience)| audience)
}

/// The shop, and its public audience for this caller (see [`public`]).
pub(super) async fn public_of(ctx: &Ctx, slug: &str) -> Result<(Shop, Audience), AppError> {
    let shop = shops::get(&ctx.state.pool, slug).await?;
    let staff = authorize_at(&ctx.caller, Action::WatchShop, slug).is_ok();
    if !shop.settings.how_it_works && !staff {
        return Err(AppError::not_found(
            "This booth does not show how it works.",
        ));
    }
    let audience = Audience::Public {
        slug: shop.slug.clone(),
        staff,
        off: false,
    };
    Ok((shop, audience))
}

/// Every shop's stream, for the operator's console (admin).
pub fn every(ctx: &Ctx) -> Result<Audience, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    Ok(Audience::Every)
}

/// The caller's own stream: their orders, and the status of the shops they ordered from
/// (customer).
pub async fn mine(ctx: &Ctx) -> Result<Audience, AppError> {
    let customer = authorize(&ctx.caller, Action::StartOrder)?;
    Ok(Audience::customer(&ctx.state.pool, customer.id).await?)
}
