//! All-day counts: the drinks still to make (new and making), alike ones together, so a
//! barista steams milk once for several: "3 × Latte · Oat milk".

use leptos::prelude::*;

use crate::{
    components::BoardState,
    i18n,
    model::{Order, OrderState, Shop},
};

/// Each drink with its choices, and how many orders still to make want it: the most
/// wanted first, then by name.
pub fn all_day(orders: &[Order], shop: &Shop) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let to_make = orders
        .iter()
        .filter(|order| matches!(order.state, OrderState::Queued | OrderState::Making));
    for order in to_make {
        let Some(drink) = order.drink.as_deref() else {
            continue;
        };
        // The same options chosen in another order are the same drink: in the menu's
        // order.
        let mut choices = order.choices.clone().unwrap_or_default();
        if let Some(found) = shop.drink(drink) {
            let options: Vec<&str> = found
                .groups
                .iter()
                .flat_map(|group| &group.choices)
                .map(|choice| choice.id.as_str())
                .collect();
            choices.sort_by_key(|id| options.iter().position(|option| option == id));
        }
        let what = shop.describe(drink, &choices);
        match counts.iter_mut().find(|(known, _)| *known == what) {
            Some((_, count)) => *count += 1,
            None => counts.push((what, 1)),
        }
    }
    counts.sort_by(|(a, m), (b, n)| n.cmp(m).then_with(|| a.cmp(b)));
    counts
}

#[component]
pub fn AllDay(state: BoardState) -> impl IntoView {
    let counts = move || {
        state
            .orders
            .with(|orders| state.shop.with_value(|shop| all_day(orders, shop)))
    };
    let t = i18n::staff();
    view! {
        <section class="all-day" aria-label=t.all_day hidden=move || counts().is_empty()>
            <h2>{t.all_day}</h2>
            <ul>
                {move || counts()
                    .into_iter()
                    .map(|(what, count)| view! { <li><strong>{count} " ×"</strong> " " {what}</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OrderId;

    fn order(number: i32, state: OrderState, drink: &str, choices: &[&str]) -> Order {
        Order {
            id: OrderId(uuid::Uuid::from_u128(number as u128)),
            state,
            drink: Some(drink.to_owned()),
            choices: Some(choices.iter().map(|&c| c.to_owned()).collect()),
            ..Order::sample(Some(number))
        }
    }

    #[test]
    fn alike_drinks_still_to_make_count_together() {
        let shop = Shop {
            slug: "demo".to_owned(),
            name: "Demo".to_owned(),
            open: true,
            archived: false,
            menu: crate::ssr::seed::demo_menu(),
            settings: Default::default(),
            wait_estimate_s: None,
        };
        use OrderState::*;
        let orders = [
            order(1, Queued, "latte", &["oat", "vanilla"]),
            order(2, Making, "latte", &["vanilla", "oat"]),
            order(3, Queued, "latte", &["oat"]),
            order(4, Queued, "espresso", &[]),
            order(5, Queued, "latte", &["oat"]),
            order(6, Queued, "latte", &["oat", "vanilla"]),
            // Made, or no longer wanted: nothing to make.
            order(7, Ready, "espresso", &[]),
            order(8, Cancelled, "espresso", &[]),
        ];

        assert_eq!(
            all_day(&orders, &shop),
            [
                ("Latte · Oat milk · Vanilla".to_owned(), 3),
                ("Latte · Oat milk".to_owned(), 2),
                ("Espresso".to_owned(), 1),
            ]
        );
    }
}
