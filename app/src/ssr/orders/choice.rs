//! Whether a drink and its options make an order of a menu (whether they are in stock is
//! the stock's to say, as the order takes its portions: [`crate::ssr::stock::take`]).

use crate::{error::AppError, model::Drink};

/// Checks a choice against the menu: the drink and each choice exist, no choice twice,
/// and every group gets between its `min` and `max`.
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
    for (index, choice) in choices.iter().enumerate() {
        let field = format!("choices[{index}]");
        if choices[..index].contains(choice) {
            return Err(AppError::invalid(
                &field,
                "duplicate_choice",
                "That option is chosen twice.",
            ));
        }
        let known = found
            .groups
            .iter()
            .flat_map(|group| &group.choices)
            .any(|option| &option.id == choice);
        if !known {
            return Err(AppError::invalid(
                &field,
                "unknown_choice",
                format!("The {} has no such option.", found.name),
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
            choose("latte", &["oat", "rum"]),
            refused("unknown_choice", "choices[1]")
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
