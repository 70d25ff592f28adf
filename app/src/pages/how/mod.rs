//! How it works: `/how/{shop}`, a second screen at the booth (public when the shop's
//! `how_it_works` is on, for its staff always). The workflow's graph with today's orders
//! counted in each state and its transitions lighting up as events flow, the event stream
//! beside it naming what acted; and `/how/{shop}/{order}`, one order's path through the
//! graph with the time it spent in each state, reachable from its receipt.

mod graph;
mod path;

pub use path::OrderPathPage;

use std::time::Duration;

use leptos::{either::Either, prelude::*, task::spawn_local};
use leptos_meta::Title;

use crate::{
    api::shops::get_how,
    components::{
        ErrorPanel, Loading,
        live::{LinkStatus, use_event_stream},
        use_shop_slug,
    },
    i18n,
    model::{ActorKind, Event, Graph, HowView, OrderState, Step},
};
use graph::WorkflowGraph;

/// How long a transition stays lit after an order takes it.
const LIT: Duration = Duration::from_millis(1500);
/// How long the page waits after an event before it counts again: a burst is one read.
const SETTLE: Duration = Duration::from_millis(400);
/// The most events the stream beside the graph shows.
const SHOWN: usize = 30;

#[component]
pub fn HowPage() -> impl IntoView {
    let slug = use_shop_slug();
    let how = Resource::new(move || slug.get(), get_how);
    view! {
        <Title text="How it works"/>
        <main class="app how">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match how.await {
                        Ok(how) => Either::Left(view! { <LiveWorkflow how/> }),
                        Err(error) => Either::Right(view! { <ErrorPanel error/> }),
                    }
                })}
            </Transition>
        </main>
    }
}

/// The edges of `graph` that `event`'s order took: none for an event that steps no order.
fn taken(graph: &Graph, event: &Event) -> Vec<usize> {
    let Some(order) = event.change.order() else {
        return Vec::new();
    };
    let step = Step::of(&event.change);
    graph
        .edges
        .iter()
        .enumerate()
        .filter(|(_, edge)| edge.taken_by(step, order.state))
        .map(|(at, _)| at)
        .collect()
}

#[component]
fn LiveWorkflow(how: HowView) -> impl IntoView {
    let HowView {
        slug,
        name,
        counts,
        events,
        since,
    } = how;
    let counts = RwSignal::new(counts);
    let events = RwSignal::new(events);
    let lit = RwSignal::new(Vec::<usize>::new());
    let graph = StoredValue::new(Graph::workflow());
    let planned = StoredValue::new(false);
    let count_again = {
        let slug = slug.clone();
        move || {
            if planned.get_value() {
                return;
            }
            planned.set_value(true);
            let slug = slug.clone();
            set_timeout(
                move || {
                    spawn_local(async move {
                        if let Ok(how) = get_how(slug).await {
                            counts.set(how.counts);
                        }
                        planned.set_value(false);
                    });
                },
                SETTLE,
            );
        }
    };
    let stream = format!("/api/v1/shops/{slug}/public/stream");
    let link = use_event_stream(stream, since, move |event: Event| {
        let taken = graph.with_value(|graph| taken(graph, &event));
        if !taken.is_empty() {
            lit.update(|lit| lit.extend(&taken));
            set_timeout(
                move || {
                    lit.update(|lit| {
                        for edge in &taken {
                            if let Some(at) = lit.iter().position(|lit| lit == edge) {
                                lit.remove(at);
                            }
                        }
                    })
                },
                LIT,
            );
        }
        events.update(|events| {
            events.push(event);
            let over = events.len().saturating_sub(SHOWN);
            events.drain(..over);
        });
        count_again();
    });
    let count = move |state: OrderState| {
        counts.with(|counts| {
            counts
                .iter()
                .find(|(counted, _)| *counted == state)
                .map(|(_, n)| *n)
        })
    };
    view! {
        <header class="topbar">
            <h1>"How it works: " {name.clone()}</h1>
            <LinkStatus link/>
        </header>
        <div class="how-layout">
            <section class="panel how-picture" aria-labelledby="how-graph-title">
                <h2 id="how-graph-title">"Every order's workflow, today's orders in each state"</h2>
                <WorkflowGraph
                    count
                    lit
                    marked=Signal::derive(Vec::new)
                    title=format!("The order workflow at {name}, with today's orders in each state")
                />
                <p class="muted">
                    "Each order is a durable workflow in Postgres: a step is taken only if the "
                    "transition table allows it from the order's state, and every step is an "
                    "event that the sequencer numbers and every screen receives."
                </p>
            </section>
            <section class="panel how-events" aria-labelledby="how-events-title">
                <h2 id="how-events-title">"Events as they happen"</h2>
                <EventList events/>
            </section>
        </div>
    }
}

/// What acted, as the page names it.
fn actor(event: &Event) -> String {
    let actor = event.change.actor();
    let named = |what: &str| match &actor.name {
        Some(name) => format!("{what} {name}"),
        None => what.to_owned(),
    };
    match actor.kind {
        ActorKind::Customer => "The customer's phone".to_owned(),
        ActorKind::Staff => named("Barista"),
        ActorKind::Device => named("Tablet"),
        ActorKind::Robot => actor.name.clone().unwrap_or_else(|| "Robot".to_owned()),
        ActorKind::System => "The deadline runner".to_owned(),
    }
}

/// The events, newest first: when, the sequencer's number, what acted, and what happened.
#[component]
fn EventList(events: RwSignal<Vec<Event>>) -> impl IntoView {
    let t = i18n::customer();
    view! {
        <ol class="how-stream" aria-live="polite">
            <For
                each=move || events.get().into_iter().rev()
                key=|event| event.seq
                let:event
            >
                <li>
                    <span class="how-time">{event.at.get(11..19).unwrap_or_default().to_owned()}</span>
                    <span class="how-seq" title="The sequencer's number: every screen sees events in this order">
                        {format!("#{}", event.seq)}
                    </span>
                    <strong class="how-actor">{actor(&event)}</strong>
                    <span class="how-kind">{event.kind().as_str()}</span>
                    <span class="how-message">{t.event_text(&event)}</span>
                </li>
            </For>
        </ol>
    }
}
