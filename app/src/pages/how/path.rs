//! One order's path through the workflow: `/how/{shop}/{order}`, for its customer (from
//! the receipt) and the staff. The graph with the states it passed marked and the
//! transitions it took lit, and the time it spent in each state.

use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{WorkflowGraph, taken};
use crate::{
    api::orders::follow_order,
    components::{ErrorPanel, Loading, use_shop_slug},
    error::AppError,
    i18n,
    model::{Event, Graph, OrderFeed, OrderId, OrderState},
};

#[component]
pub fn OrderPathPage() -> impl IntoView {
    let slug = use_shop_slug();
    let params = use_params_map();
    let order = Memo::new(move |_| params.read().get("order").unwrap_or_default());
    let feed = Resource::new(
        move || order.get(),
        |order| async move {
            match order.parse::<OrderId>() {
                Ok(order) => follow_order(order).await,
                Err(_) => Err(AppError::not_found("There is no such order.")),
            }
        },
    );
    view! {
        <Title text="An order's path"/>
        <main class="app how">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match feed.await {
                        Ok(feed) => Either::Left(view! { <OrderPath feed slug=slug.get_untracked()/> }),
                        Err(error) => Either::Right(view! { <ErrorPanel error/> }),
                    }
                })}
            </Transition>
        </main>
    }
}

/// A state the order was in: since when, and for how long (none while it still is, or
/// when it ended there).
struct Stay {
    state: OrderState,
    since: String,
    seconds: Option<i64>,
}

/// The states the order's events took it through, in order.
fn stays(journey: &[Event]) -> Vec<Stay> {
    let entered: Vec<(OrderState, &str)> = journey
        .iter()
        .filter_map(|event| Some((event.change.order()?.state, event.at.as_str())))
        .fold(Vec::new(), |mut entered, (state, at)| {
            if entered.last().is_none_or(|(last, _)| *last != state) {
                entered.push((state, at));
            }
            entered
        });
    entered
        .iter()
        .enumerate()
        .map(|(at, (state, since))| Stay {
            state: *state,
            since: since.get(11..19).unwrap_or_default().to_owned(),
            seconds: entered
                .get(at + 1)
                .and_then(|(_, until)| Some(epoch_s(until)? - epoch_s(since)?)),
        })
        .collect()
}

/// Seconds since 1970 of an RFC 3339 time in UTC (`YYYY-MM-DDTHH:MM:SS…Z`, as Crema
/// writes them).
fn epoch_s(at: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| at.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

fn duration(seconds: i64) -> String {
    match seconds {
        0..60 => format!("{seconds} s"),
        _ => format!("{} min {} s", seconds / 60, seconds % 60),
    }
}

#[component]
fn OrderPath(feed: OrderFeed, slug: String) -> impl IntoView {
    let OrderFeed { order, journey, .. } = feed;
    let graph = Graph::workflow();
    let lit: Vec<usize> = journey
        .iter()
        .flat_map(|event| taken(&graph, event))
        .collect();
    let stays = stays(&journey);
    let marked: Vec<OrderState> = stays.iter().map(|stay| stay.state).collect();
    let t = i18n::customer();
    let name = order
        .number
        .map_or_else(|| "Your order".to_owned(), |n| format!("Order #{n}"));
    view! {
        <header class="topbar">
            <h1>{format!("{name}: its path through the workflow")}</h1>
        </header>
        <div class="how-layout">
            <section class="panel how-picture" aria-labelledby="path-graph-title">
                <h2 id="path-graph-title">"The states it passed, and the steps it took"</h2>
                <WorkflowGraph
                    count=|_| None
                    lit=Signal::derive(move || lit.clone())
                    marked=Signal::derive(move || marked.clone())
                    title=format!("{name}'s path through the order workflow")
                />
            </section>
            <section class="panel how-events" aria-labelledby="path-title">
                <h2 id="path-title">"Time in each state"</h2>
                <ol class="how-path">
                    {stays
                        .into_iter()
                        .map(|stay| view! {
                            <li data-state=stay.state.as_str()>
                                <strong>{(t.state)(stay.state)}</strong>
                                <span class="how-time">{format!("from {} UTC", stay.since)}</span>
                                <span>{stay.seconds.map(duration).unwrap_or_else(|| if stay.state.is_open() { "so far".to_owned() } else { "the end".to_owned() })}</span>
                            </li>
                        })
                        .collect_view()}
                </ol>
                <p><a href=format!("/order/{slug}/{}", order.id.0) rel="external">"Back to the order"</a></p>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_count_from_1970() {
        assert_eq!(epoch_s("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch_s("2026-12-05T01:02:03.456Z"), Some(1_796_432_523));
        assert_eq!(epoch_s("nonsense"), None);
    }
}
