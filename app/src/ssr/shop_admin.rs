//! Running shops: creating them, changing their settings and menus (admins only).

use serde_json::{Map, Value, json};
use sqlx::PgPool;

use super::{
    events::{self, NewEvent},
    sequencer::Sequencer,
    shops,
};
use crate::{
    error::AppError,
    model::{Menu, Shop, ShopSettings},
};

/// A JSON body's fields, for the `{slug, name, ...settings}` shape of the API.
pub type Fields = Map<String, Value>;

fn take_string(fields: &mut Fields, name: &str) -> Result<Option<String>, AppError> {
    match fields.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) => Ok(Some(value.trim().to_owned())),
        Some(_) => Err(AppError::invalid(
            name,
            "invalid_field",
            format!("{name} must be a string."),
        )),
    }
}

fn check_name(name: &str) -> Result<(), AppError> {
    if (1..=120).contains(&name.chars().count()) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "name",
            "invalid_name",
            "A shop's name has 1 to 120 characters.",
        ))
    }
}

fn check_slug(slug: &str) -> Result<(), AppError> {
    let valid = (1..=64).contains(&slug.len())
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if valid {
        Ok(())
    } else {
        Err(AppError::invalid(
            "slug",
            "invalid_slug",
            "A slug is lowercase letters and digits in words joined by dashes, like reinvent-2026.",
        ))
    }
}

/// Settings from JSON, each field checked; errors name the field.
async fn settings_from(pool: &PgPool, value: Value) -> Result<ShopSettings, AppError> {
    let settings: ShopSettings = serde_json::from_value(value).map_err(|err| {
        AppError::invalid(
            "settings",
            "invalid_settings",
            format!("Those settings are not valid: {err}."),
        )
    })?;
    let positive = [
        ("customer_timeout_s", settings.customer_timeout_s),
        ("barista_timeout_s", settings.barista_timeout_s),
        ("capacity", settings.capacity),
        ("drinks_per_code", settings.drinks_per_code),
        ("code_window_s", settings.code_window_s),
    ];
    if let Some((field, _)) = positive.iter().find(|(_, value)| *value == 0) {
        return Err(AppError::invalid(
            field,
            "invalid_settings",
            format!("{field} must be at least 1."),
        ));
    }
    let known = sqlx::query_scalar!(
        r#"select exists (select 1 from pg_timezone_names where name = $1) as "known!""#,
        settings.timezone
    )
    .fetch_one(pool)
    .await?;
    if !known {
        return Err(AppError::invalid(
            "timezone",
            "invalid_timezone",
            format!(
                "“{}” is not a time zone name (like Europe/Paris).",
                settings.timezone
            ),
        ));
    }
    Ok(settings)
}

/// A menu from JSON, checked: unique ids, groups whose `min` ≤ `max` ≤ their choices.
pub fn menu_from(value: Value) -> Result<Menu, AppError> {
    let menu: Menu = serde_json::from_value(value).map_err(|err| {
        AppError::invalid(
            "menu",
            "invalid_menu",
            format!("That menu is not valid: {err}."),
        )
    })?;
    for (d, drink) in menu.iter().enumerate() {
        if drink.id.trim().is_empty() || menu[..d].iter().any(|other| other.id == drink.id) {
            return Err(AppError::invalid(
                &format!("menu[{d}].id"),
                "invalid_menu",
                "Each drink needs its own id.",
            ));
        }
        for (g, group) in drink.groups.iter().enumerate() {
            let field = format!("menu[{d}].groups[{g}]");
            if group.min > group.max || group.max as usize > group.choices.len() {
                return Err(AppError::invalid(
                    &format!("{field}.max"),
                    "invalid_menu",
                    format!("{}: min ≤ max ≤ the number of choices.", group.name),
                ));
            }
            for (c, choice) in group.choices.iter().enumerate() {
                if choice.id.trim().is_empty()
                    || group.choices[..c].iter().any(|other| other.id == choice.id)
                {
                    return Err(AppError::invalid(
                        &format!("{field}.choices[{c}].id"),
                        "invalid_menu",
                        "Each choice needs its own id.",
                    ));
                }
            }
        }
    }
    Ok(menu)
}

/// Creates a shop from `{slug, name, open?, menu?, ...settings}`.
pub async fn create(pool: &PgPool, mut fields: Fields) -> Result<Shop, AppError> {
    let slug = take_string(&mut fields, "slug")?
        .ok_or_else(|| AppError::invalid("slug", "invalid_slug", "A shop needs a slug."))?;
    check_slug(&slug)?;
    let name = take_string(&mut fields, "name")?
        .ok_or_else(|| AppError::invalid("name", "invalid_name", "A shop needs a name."))?;
    check_name(&name)?;
    let open = match fields.remove("open") {
        None => false,
        Some(Value::Bool(open)) => open,
        Some(_) => {
            return Err(AppError::invalid(
                "open",
                "invalid_field",
                "open must be true or false.",
            ));
        }
    };
    let menu = menu_from(fields.remove("menu").unwrap_or_else(|| json!([])))?;
    let settings = settings_from(pool, Value::Object(fields)).await?;
    sqlx::query!(
        "insert into shops (slug, name, open, menu, settings) values ($1, $2, $3, $4, $5)",
        slug,
        name,
        open,
        json!(menu),
        json!(settings),
    )
    .execute(pool)
    .await
    .map_err(|err| match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("shops_pkey") => AppError::new(
            409,
            "slug_taken",
            format!("There is already a shop called {slug}."),
        )
        .with_field("slug"),
        _ => err.into(),
    })?;
    shops::get(pool, &slug).await
}

/// Changes the shop's name and any of its settings.
pub async fn update(
    pool: &PgPool,
    sequencer: &Sequencer,
    slug: &str,
    mut fields: Fields,
    by: &str,
) -> Result<Shop, AppError> {
    let shop = shops::get(pool, slug).await?;
    let name = take_string(&mut fields, "name")?.unwrap_or(shop.name);
    check_name(&name)?;
    let mut settings = json!(shop.settings);
    if let Value::Object(current) = &mut settings {
        current.extend(fields);
    }
    let settings = settings_from(pool, settings).await?;
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "update shops set name = $2, settings = $3, updated_at = now() where slug = $1",
        slug,
        name,
        json!(settings),
    )
    .execute(&mut *tx)
    .await?;
    let message = format!("{by} changed the settings of {name}.");
    updated(
        &mut tx,
        slug,
        json!({ "name": name, "settings": settings }),
        message,
    )
    .await?;
    sequencer.commit(tx).await?;
    shops::get(pool, slug).await
}

/// Replaces the shop's menu.
pub async fn set_menu(
    pool: &PgPool,
    sequencer: &Sequencer,
    slug: &str,
    menu: Value,
    by: &str,
) -> Result<Shop, AppError> {
    let shop = shops::get(pool, slug).await?;
    let menu = menu_from(menu)?;
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "update shops set menu = $2, updated_at = now() where slug = $1",
        slug,
        json!(menu),
    )
    .execute(&mut *tx)
    .await?;
    let message = format!("{by} changed the menu of {}.", shop.name);
    updated(&mut tx, slug, json!({ "menu": menu }), message).await?;
    sequencer.commit(tx).await?;
    shops::get(pool, slug).await
}

async fn updated(
    tx: &mut sqlx::PgConnection,
    slug: &str,
    data: Value,
    message: String,
) -> sqlx::Result<()> {
    events::append(
        tx,
        [NewEvent {
            kind: "shop.updated",
            shop: slug,
            order_id: None,
            customer_id: None,
            data,
            message,
        }],
    )
    .await
}
