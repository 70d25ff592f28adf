//! The customer chooses a drink: the order gets its number and joins the queue.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{ATTEMPTS, OrderRow, busy, invalid_state, read};
use crate::{
    error::AppError,
    model::{Drink, Order, OrderState, Step},
    ssr::auth::{Action, Caller, authorize},
};

/// Checks a choice against the menu: the drink and each choice exist and are
/// available, no choice twice, and every group gets between its `min` and `max`.
pub fn check_choice<'m>(
    menu: &'m [Drink],
    drink: &str,
    choices: &[String],
) -> Result<&'m Drink, AppError> {
    let Some(found) = menu.iter().find(|item| item.id == drink) else {
        return Err(AppError::invalid(
            "drink",
            "unknown_drink",
            "That drink is not on the menu.",
        ));
    };
    if !found.available {
        return Err(AppError::invalid(
            "drink",
            "drink_unavailable",
            format!("Sorry, the {} is sold out.", found.name),
        ));
    }
    for (index, choice) in choices.iter().enumerate() {
        let field = format!("choices[{index}]");
        if choices[..index].contains(choice) {
            return Err(AppError::invalid(
                &field,
                "duplicate_choice",
                "That option is chosen twice.",
            ));
        }
        let option = found
            .groups
            .iter()
            .flat_map(|group| &group.choices)
            .find(|option| &option.id == choice)
            .ok_or_else(|| {
                AppError::invalid(
                    &field,
                    "unknown_choice",
                    format!("The {} has no such option.", found.name),
                )
            })?;
        if !option.available {
            return Err(AppError::invalid(
                &field,
                "choice_unavailable",
                format!("Sorry, {} is sold out.", option.name),
            ));
        }
    }
    for group in &found.groups {
        let chosen = group
            .choices
            .iter()
            .filter(|option| choices.contains(&option.id))
            .count() as u32;
        if !group.accepts(chosen) {
            let wanted = match (group.min, group.max) {
                (min, max) if min == max => format!("exactly {min}"),
                (0, max) => format!("at most {max}"),
                (min, max) => format!("between {min} and {max}"),
            };
            return Err(AppError::invalid(
                "choices",
                "invalid_choices",
                format!("{}: choose {wanted}.", group.name),
            ));
        }
    }
    Ok(found)
}

/// Gives the order its drink and its number, and queues it. Writes nothing when it
/// refuses; the caller commits (see `ssr::idempotency`).
///
/// Like the baristas' steps (see `steps::take`), it reads the order, decides, and writes
/// only if the order is still as read. The write takes the shop's next number: the
/// counter row's lock hands numbers out one by one and is held to the commit, so the
/// order, its number and its event are written in that one statement; a rolled-back
/// order gives its number back, so there are no gaps.
pub async fn choose(
    tx: &mut PgConnection,
    caller: &Caller,
    id: Uuid,
    drink: &str,
    choices: &[String],
) -> Result<Order, AppError> {
    for _ in 0..ATTEMPTS {
        let current = read(&mut *tx, id, true).await?;
        let row = &current.row;
        authorize(
            caller,
            Action::ChangeOwnOrder {
                customer_id: &row.customer_id.to_string(),
            },
        )?;
        if Step::ChooseDrink.next(row.state).is_none() {
            return Err(invalid_state(row.state, "given a drink"));
        }
        let menu = current.menu.as_deref().unwrap_or_default();
        let drink = check_choice(menu, drink, choices)?;
        let settings = &current.settings;
        let deadline_at =
            current.now + chrono::Duration::seconds(i64::from(settings.barista_timeout_s));
        let mut order: Order = OrderRow {
            state: OrderState::Queued,
            drink: Some(drink.id.clone()),
            choices: Some(choices.to_vec()),
            updated_at: current.now,
            deadline_at: Some(deadline_at),
            ..row.clone()
        }
        .into();
        // The number is the statement's to give: the event gets it there.
        let data = json!({ "order": order, "drink_name": drink.name });
        let number = sqlx::query_scalar!(
            r#"with current as (
                   select id from orders where id = $1 and version = $2 for no key update
               ),
               numbered as (
                   insert into order_numbers (shop, day, last)
                   select $3, ($4::timestamptz at time zone $5)::date, 1 from current
                   on conflict (shop, day) do update set last = order_numbers.last + 1
                   returning day, last
               ),
               queued as (
                   update orders
                   set state = 'queued', number = numbered.last, number_day = numbered.day,
                       drink = $6, choices = $7, queued_at = $4, updated_at = $4,
                       deadline_at = $8, version = version + 1
                   from numbered
                   where id = $1
                   returning number
               ),
               logged as (
                   insert into event_inbox (type, shop, order_id, customer_id, at, data, message)
                   select 'order.queued', $3, $1, $9, $4,
                          jsonb_set($10, '{order,number}', to_jsonb(number)),
                          format('%s ordered: number %s is in the queue.', $11::text, number)
                   from queued
               )
               select number from queued"#,
            id,
            current.version,
            row.shop,
            current.now,
            settings.timezone,
            drink.id,
            choices,
            deadline_at,
            row.customer_id,
            data,
            drink.name,
        )
        .fetch_optional(&mut *tx)
        .await?
        .flatten();
        if number.is_some() {
            order.number = number;
            return Ok(order);
        }
    }
    Err(busy())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::seed::demo_menu;

    fn choose(drink: &str, choices: &[&str]) -> Result<String, (String, Option<String>)> {
        let menu = demo_menu();
        let choices: Vec<String> = choices.iter().map(|c| (*c).to_owned()).collect();
        check_choice(&menu, drink, &choices)
            .map(|drink| drink.id.clone())
            .map_err(|err| (err.code, err.field))
    }

    fn refused(code: &str, field: &str) -> Result<String, (String, Option<String>)> {
        Err((code.to_owned(), Some(field.to_owned())))
    }

    #[test]
    fn a_complete_choice_passes() {
        assert_eq!(
            choose("latte", &["oat", "vanilla", "caramel"]),
            Ok("latte".to_owned())
        );
        assert_eq!(
            choose("cappuccino", &["whole"]),
            Ok("cappuccino".to_owned())
        );
    }

    #[test]
    fn what_is_not_on_the_menu_is_refused() {
        assert_eq!(choose("mocha", &[]), refused("unknown_drink", "drink"));
        assert_eq!(
            choose("iced-latte", &["oat"]),
            refused("drink_unavailable", "drink")
        );
        assert_eq!(
            choose("latte", &["oat", "rum"]),
            refused("unknown_choice", "choices[1]")
        );
        assert_eq!(
            choose("latte", &["soy"]),
            refused("choice_unavailable", "choices[0]")
        );
        assert_eq!(
            choose("latte", &["oat", "oat"]),
            refused("duplicate_choice", "choices[1]")
        );
    }

    #[test]
    fn groups_keep_to_their_min_and_max() {
        assert_eq!(
            choose("latte", &["vanilla"]),
            refused("invalid_choices", "choices")
        );
        assert_eq!(
            choose("latte", &["oat", "whole"]),
            refused("invalid_choices", "choices")
        );
        assert_eq!(
            choose("latte", &["oat", "vanilla", "caramel", "hazelnut"]),
            refused("invalid_choices", "choices")
        );
    }
}
