//! A menu as the console edits it: ids for what was added, made from names, and one
//! choice id (one ingredient) kept to one name and one flag across the menu.

use serde::{Deserialize, Serialize};

use super::{Choice, Menu, Stock};

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
/// flag; otherwise its id is new to the whole menu.
pub fn assign_ids(menu: &mut Menu) {
    for d in 0..menu.len() {
        if menu[d].id.is_empty() {
            let base = id_from(&menu[d].name);
            menu[d].id = unique(&base, |id| menu.iter().any(|drink| drink.id == id));
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
                        let id = unique(&base, |id| choices(menu).any(|other| other.id == id));
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
    menu.iter_mut()
        .flat_map(|drink| &mut drink.groups)
        .flat_map(|group| &mut group.choices)
        .filter(|choice| !id.is_empty() && choice.id == id)
        .for_each(change);
}

fn choices(menu: &Menu) -> impl Iterator<Item = &Choice> {
    menu.iter()
        .flat_map(|drink| &drink.groups)
        .flat_map(|group| &group.choices)
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

        assign_ids(&mut menu);

        assert_eq!(menu[1].id, "latte-2");
        assert_eq!(menu[1].groups[0].id, "milk");
        assert_eq!(menu[1].groups[1].id, "milk-2");
        let oat = &menu[1].groups[0].choices[0];
        assert_eq!(
            (oat.id.as_str(), oat.name.as_str(), oat.available),
            ("oat", "Oat", false)
        );
        assert_eq!(menu[1].groups[0].choices[1].id, "soy-milk");
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
