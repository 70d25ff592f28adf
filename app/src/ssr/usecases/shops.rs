//! Shops: reading them, opening and closing, the booth's code, the staff board, and the
//! admins' set-up (creating shops, changing their settings and menus).

use chrono::{DateTime, Duration, Utc};

use super::Ctx;
use crate::{
    error::AppError,
    model::{
        Actor, Board, BoothCode, Change, Console, Menu, MenuEditing, NewShop, Order, OrderState,
        Poster, SetOpen, Shop, ShopArchived, ShopChanges, ShopSettings, ShopStatus, ShopSummary,
        ShopUpdated, check_menu,
    },
    ssr::{
        auth::{Action, authorize, authorize_at},
        events::{self, NewEvent, rfc3339},
        orders, qr, shops, stock, users,
    },
};

/// Every shop, by name; archived ones too `with_archived`.
pub async fn list(ctx: &Ctx, with_archived: bool) -> Result<Vec<Shop>, AppError> {
    Ok(shops::list(&ctx.state.pool, with_archived).await?)
}

/// One shop, by its slug.
pub async fn get(ctx: &Ctx, slug: &str) -> Result<Shop, AppError> {
    shops::get(&ctx.state.pool, slug).await
}

/// Opens or closes the shop (barista, admin).
pub async fn set_open(ctx: &Ctx, slug: &str, input: SetOpen) -> Result<Shop, AppError> {
    let barista = authorize_at(&ctx.caller, Action::WorkCounter, slug)?;
    let mut tx = ctx.state.pool.begin().await?;
    if let Some(name) = shops::set_open(&mut tx, slug, input.open).await? {
        let status = ShopStatus {
            actor: Actor::staff_user(barista),
            shop_name: name,
            open: input.open,
        };
        let change = if input.open {
            Change::ShopOpened(status)
        } else {
            Change::ShopClosed(status)
        };
        events::append(&mut tx, &[NewEvent::of_shop(slug, change)]).await?;
        ctx.state.sequencer.commit(tx).await?;
    }
    let shop = shops::get(&ctx.state.pool, slug).await?;
    if shop.archived && input.open {
        return Err(shops::archived(&shop.name));
    }
    Ok(shop)
}

/// The booth screen's QR code: the current token's address in the customer app, and how
/// long and for how many drinks it lasts (display, admin).
pub async fn booth_code(ctx: &Ctx, slug: &str) -> Result<BoothCode, AppError> {
    authorize_at(&ctx.caller, Action::RunDisplay, slug)?;
    let shop = shops::get(&ctx.state.pool, slug).await?;
    let code = qr::current(&ctx.state.pool, &shop.slug, &shop.settings).await?;
    Ok(BoothCode {
        url: format!("{}/order/{}?t={}", ctx.public_url()?, shop.slug, code.token),
        token: code.token,
        remaining: code.remaining,
        window_ends_at: rfc3339(code.window_ends_at),
        svg: None,
    })
}

/// [`booth_code`] drawn, on the server, for the booth screen.
pub async fn booth_screen(ctx: &Ctx, slug: &str) -> Result<BoothCode, AppError> {
    let code = booth_code(ctx, slug).await?;
    Ok(BoothCode {
        svg: Some(qr::svg(&code.url)?),
        ..code
    })
}

/// The shop's board: its open orders, those ready within the retention and not yet
/// handed over, who the staff are, the code's drinks left and the stock (barista,
/// display, admin).
pub async fn board(ctx: &Ctx, slug: &str) -> Result<Board, AppError> {
    authorize_at(&ctx.caller, Action::WatchShop, slug)?;
    let pool = &ctx.state.pool;
    // First: whatever commits after this, the stream replays.
    let since = events::last_seq(pool).await?;
    let shop = shops::get(pool, slug).await?;
    let retention = Duration::seconds(i64::from(shop.settings.ready_retention_s));
    let recent = |order: &Order| {
        order.state != OrderState::Ready
            || DateTime::parse_from_rfc3339(&order.updated_at)
                .is_ok_and(|at| Utc::now() - at.with_timezone(&Utc) < retention)
    };
    let mut shown = OrderState::OPEN.to_vec();
    shown.push(OrderState::Ready);
    let names = ctx.sees_names(&shop.settings);
    let mut orders: Vec<Order> = orders::of_shop(pool, &shop.slug, &shown, false)
        .await?
        .into_iter()
        .filter(recent)
        .map(|order| Order {
            customer_name: order.customer_name.filter(|_| names),
            ..order
        })
        .collect();
    orders::queue::place_all(pool, &mut orders).await?;
    let code_remaining = qr::current(pool, &shop.slug, &shop.settings)
        .await?
        .remaining;
    let stock = stock::of_shop(pool, &shop.slug).await?.of_menu(&shop.menu);
    Ok(Board {
        stock,
        staff: users::staff_names(pool).await?,
        shop,
        orders,
        code_remaining,
        since,
    })
}

/// Creates a shop from its slug, name and any settings (admin).
pub async fn create(ctx: &Ctx, input: NewShop) -> Result<Shop, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    input.check()?;
    let settings = checked(ctx, input.settings.apply(ShopSettings::default())?).await?;
    let (slug, name) = (input.slug.trim(), input.name.trim());
    shops::insert(
        &ctx.state.pool,
        slug,
        name,
        input.open,
        &input.menu,
        &settings,
    )
    .await?;
    shops::get(&ctx.state.pool, slug).await
}

/// Changes the shop's name and any of its settings, and archives it or brings it back
/// (admin).
pub async fn update(ctx: &Ctx, slug: &str, input: ShopChanges) -> Result<Shop, AppError> {
    let admin = authorize(&ctx.caller, Action::ManageShops)?;
    let shop = shops::get(&ctx.state.pool, slug).await?;
    input.check()?;
    let name = input.name.as_deref().map_or(shop.name.as_str(), str::trim);
    let settings = checked(ctx, input.settings.apply(shop.settings.clone())?).await?;
    let actor = Actor::staff_user(admin);
    let mut tx = ctx.state.pool.begin().await?;
    let mut changes = Vec::new();
    if name != shop.name || settings != shop.settings {
        shops::update_settings(&mut tx, slug, name, &settings).await?;
        changes.push(Change::ShopUpdated(ShopUpdated {
            actor: actor.clone(),
            name: name.to_owned(),
            settings: Some(settings),
            menu: None,
        }));
    }
    if let Some(archived) = input.archived
        && shops::set_archived(&mut tx, slug, archived)
            .await?
            .is_some()
    {
        changes.push(Change::ShopArchived(ShopArchived {
            actor,
            shop_name: name.to_owned(),
            archived,
        }));
    }
    let events: Vec<NewEvent> = changes
        .into_iter()
        .map(|change| NewEvent::of_shop(slug, change))
        .collect();
    events::append(&mut tx, &events).await?;
    ctx.state.sequencer.commit(tx).await?;
    shops::get(&ctx.state.pool, slug).await
}

/// The operator's console: every shop, archived ones last, with how its day goes, and
/// the time zones a shop may be in (admin).
pub async fn console(ctx: &Ctx) -> Result<Console, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    let pool = &ctx.state.pool;
    // First: whatever commits after this, the stream replays.
    let since = events::last_seq(pool).await?;
    let counts = shops::day_counts(pool).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let mut shops: Vec<ShopSummary> = shops::list_with_stock(pool, true)
        .await?
        .into_iter()
        .map(|(shop, stock)| {
            let (in_progress, today) = counts
                .iter()
                .find(|(slug, ..)| *slug == shop.slug)
                .map_or((0, 0), |(_, in_progress, today)| {
                    (count(*in_progress), count(*today))
                });
            ShopSummary::new(shop, in_progress, today, &stock)
        })
        .collect();
    shops.sort_by_key(|summary| summary.shop.archived);
    Ok(Console {
        shops,
        timezones: shops::timezones(pool).await?,
        since,
    })
}

/// A shop's screen poster: the booth screen's address, to open on the screen by scanning
/// it (admin).
pub async fn poster(ctx: &Ctx, slug: &str) -> Result<Poster, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    let shop = shops::get(&ctx.state.pool, slug).await?;
    let url = format!("{}/display/{}", ctx.public_url()?, shop.slug);
    Ok(Poster {
        svg: qr::svg(&url)?,
        name: shop.name,
        url,
    })
}

/// The shop's menu for the editor, with its stock (admin).
pub async fn menu_for_editing(ctx: &Ctx, slug: &str) -> Result<MenuEditing, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    shops::menu_for_editing(&ctx.state.pool, slug).await
}

/// Replaces the shop's menu (admin).
pub async fn set_menu(ctx: &Ctx, slug: &str, menu: Menu) -> Result<Shop, AppError> {
    let admin = authorize(&ctx.caller, Action::ManageShops)?;
    let shop = shops::get(&ctx.state.pool, slug).await?;
    check_menu(&menu)?;
    let mut tx = ctx.state.pool.begin().await?;
    shops::update_menu(&mut tx, slug, &menu).await?;
    let change = Change::ShopUpdated(ShopUpdated {
        actor: Actor::staff_user(admin),
        name: shop.name,
        settings: None,
        menu: Some(menu),
    });
    events::append(&mut tx, &[NewEvent::of_shop(slug, change)]).await?;
    ctx.state.sequencer.commit(tx).await?;
    shops::get(&ctx.state.pool, slug).await
}

/// `settings`, once the database knows their time zone.
async fn checked(ctx: &Ctx, settings: ShopSettings) -> Result<ShopSettings, AppError> {
    shops::known_timezone(&ctx.state.pool, &settings.timezone).await?;
    Ok(settings)
}
