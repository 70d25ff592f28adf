//! A menu as the console edits it: ids for what was added, made from names, and one
//! choice id (one ingredient) kept to one name and one flag across the menu.

use serde::{Deserialize, Serialize};

use std::collections::HashSet;

use super::{Choice, Menu, Stock, choices, choices_mut};

/// A shop's menu for the editor: each item's own flag (not whether it can be ordered
/// right now), and the stock's counts beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuEditing {
    pub menu: Menu,
    pub stock: Stock,
}

/// Gives each drink, group and choice added without an id one made from its name,
/// unique where it must be: drinks among drinks, groups within their drink. A new choice
/// named like a choice elsewhere on the menu is the same ingredient and takes its id and
/// flag; otherwise its id is new to the whole menu. Nor does a new item take the id of
/// one the shop's `stock` still counts (removed from the menu, its count kept): a chai
/// added again starts afresh, not sold out at 0.
pub fn assign_ids(menu: &mut Menu, stock: &Stock) {
    for d in 0..menu.len() {
        if menu[d].id.is_empty() {
            let base = id_from(&menu[d].name);
            menu[d].id = unique(&base, |id| {
                stock.drinks.contains_key(id) || menu.iter().any(|drink| drink.id == id)
            });
        }
        for g in 0..menu[d].groups.len() {
            if menu[d].groups[g].id.is_empty() {
                let base = id_from(&menu[d].groups[g].name);
                let groups = &menu[d].groups;
                menu[d].groups[g].id =
                    unique(&base, |id| groups.iter().any(|group| group.id == id));
            }
            for c in 0..menu[d].groups[g].choices.len() {
                if !menu[d].groups[g].choices[c].id.is_empty() {
                    continue;
                }
                let name = menu[d].groups[g].choices[c].name.trim().to_lowercase();
                let same = choices(menu)
                    .find(|other| !other.id.is_empty() && other.name.trim().to_lowercase() == name)
                    .cloned();
                let choice = match same {
                    Some(same) => same,
                    None => {
                        let base = id_from(&name);
                        let id = unique(&base, |id| {
                            stock.choices.contains_key(id)
                                || choices(menu).any(|other| other.id == id)
                        });
                        Choice {
                            id,
                            ..menu[d].groups[g].choices[c].clone()
                        }
                    }
                };
                menu[d].groups[g].choices[c] = choice;
            }
        }
    }
}

/// Changes every choice with this id alike: one ingredient has one name and one flag.
pub fn change_choice(menu: &mut Menu, id: &str, change: impl Fn(&mut Choice)) {
    choices_mut(menu)
        .filter(|choice| !id.is_empty() && choice.id == id)
        .for_each(change);
}

/// Before saving: each item whose flag the admin left alone (`touched` holds
/// `drink:{id}` and `choice:{id}` of those they changed) takes the stock's flag as it is
/// now, so that saving never undoes what the counter marked while the editor was open.
pub fn keep_counter_flags(menu: &mut Menu, stock: &Stock, touched: &HashSet<String>) {
    for drink in menu.iter_mut() {
        if let Some(item) = stock.drinks.get(&drink.id)
            && !touched.contains(&format!("drink:{}", drink.id))
        {
            drink.available = item.available;
        }
    }
    for choice in choices_mut(menu) {
        if let Some(item) = stock.choices.get(&choice.id)
            && !touched.contains(&format!("choice:{}", choice.id))
        {
            choice.available = item.available;
        }
    }
}

/// "Oat milk" → "oat-milk": lower-case letters and digits, dashes between words.
fn id_from(name: &str) -> String {
    let mut id = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_end_matches('-').chars().take(40).collect();
    if id.is_empty() { "item".to_owned() } else { id }
}

/// `base`, or `base-2`, `base-3`… when it is `taken`.
fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Where a refusal's `field` (like `menu[1].groups[0].max`) is, in the menu's names:
/// "Latte › Milk".
pub fn place(menu: &Menu, field: &str) -> Option<String> {
    let mut at = field
        .split(['[', ']'])
        .filter_map(|part| part.parse::<usize>().ok());
    let drink = menu.get(at.next()?)?;
    let mut names = vec![drink.name.clone()];
    if let Some(group) = at.next().and_then(|g| drink.groups.get(g)) {
        names.push(group.name.clone());
        if let Some(choice) = at.next().and_then(|c| group.choices.get(c)) {
            names.push(choice.name.clone());
        }
    }
    Some(names.join(" › "))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn menu(value: serde_json::Value) -> Menu {
        serde_json::from_value(value).expect("a menu")
    }

    #[test]
    fn new_items_get_ids_from_their_names() {
        let mut menu = menu(json!([
            { "id": "latte", "name": "Latte", "available": true, "groups": [
                { "id": "milk", "name": "Milk", "min": 1, "max": 1, "choices": [
                    { "id": "oat", "name": "Oat", "available": false },
                ]},
            ]},
            { "id": "", "name": "Latte ", "available": true, "groups": [
                { "id": "", "name": "Milk", "min": 0, "max": 1, "choices": [
                    { "id": "", "name": "oat", "available": true },
                    { "id": "", "name": "Soy milk!", "available": true },
                ]},
                { "id": "", "name": "Milk", "min": 0, "max": 1, "choices": [
                    { "id": "", "name": "Whole", "available": true },
                ]},
            ]},
        ]));

        let retired: Stock = serde_json::from_value(json!({
            "drinks": {}, "choices": { "soy-milk": { "available": true, "remaining": 0 } },
        }))
        .expect("a stock");
        assign_ids(&mut menu, &retired);

        assert_eq!(menu[1].id, "latte-2");
        assert_eq!(menu[1].groups[0].id, "milk");
        assert_eq!(menu[1].groups[1].id, "milk-2");
        let oat = &menu[1].groups[0].choices[0];
        assert_eq!(
            (oat.id.as_str(), oat.name.as_str(), oat.available),
            ("oat", "Oat", false)
        );
        assert_eq!(
            menu[1].groups[0].choices[1].id, "soy-milk-2",
            "not the retired one's"
        );
        assert_eq!(menu[1].groups[1].choices[0].id, "whole");
        assert_eq!(crate::model::check_menu(&menu), Ok(()));
    }

    #[test]
    fn one_ingredient_changes_everywhere() {
        let oat = json!({ "id": "oat", "name": "Oat", "available": true });
        let group = json!({ "id": "milk", "name": "Milk", "min": 0, "max": 1, "choices": [oat] });
        let mut menu = menu(json!([
            { "id": "latte", "name": "Latte", "available": true, "groups": [group] },
            { "id": "flat", "name": "Flat white", "available": true, "groups": [group] },
        ]));

        change_choice(&mut menu, "oat", |choice| choice.available = false);

        assert!(choices(&menu).all(|choice| !choice.available));
        // The counter put oat back meanwhile; the admin touched nothing of it.
        let stock: Stock = serde_json::from_value(json!({
            "drinks": { "latte": { "available": false } },
            "choices": { "oat": { "available": true, "remaining": 4 } },
        }))
        .expect("a stock");
        let touched = HashSet::from(["choice:oat".to_owned()]);
        keep_counter_flags(&mut menu, &stock, &touched);
        assert!(!menu[0].available, "the counter's");
        assert!(
            choices(&menu).all(|choice| !choice.available),
            "the admin's"
        );
        keep_counter_flags(&mut menu, &stock, &HashSet::new());
        assert!(choices(&menu).all(|choice| choice.available));
        assert_eq!(
            place(&menu, "menu[1].groups[0].choices[0].id").as_deref(),
            Some("Flat white › Milk › Oat")
        );
        assert_eq!(
            place(&menu, "menu[0].groups[0].max").as_deref(),
            Some("Latte › Milk")
        );
        assert_eq!(place(&menu, "menu[7]"), None);
        assert_eq!(id_from("  ¡Café! Olé "), "caf-ol");
        assert_eq!(id_from("☕"), "item");
    }
}
