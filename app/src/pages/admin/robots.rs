//! A shop's robots in the console: a demo that runs itself from one click (the form holds
//! a demo's settings), stopping it, replaying a recorded day (an `orders.csv` export) to
//! try the shop's settings on it; and whether the booth kept up: its queue and its waits
//! over the simulation.

use std::time::Duration;

use leptos::{prelude::*, task::spawn_local};

use super::{
    fields::{FieldError, FormError, error_id},
    send,
};
use crate::{
    api::admin::{get_simulation, replay_day, start_robots, stop_robots},
    components::Fields,
    error::AppError,
    model::{Moment, Simulation, SimulationSettings, SimulationState},
};

/// How often the panel reads a running simulation again.
const READ_EVERY: Duration = Duration::from_secs(2);

const START_FIELDS: &[&str] = &[
    "customers_per_minute",
    "baristas",
    "make_s",
    "duration_s",
    "cancel_ratio",
    "slow_ratio",
];
const REPLAY_FIELDS: &[&str] = &["csv", "speed", "baristas"];

#[component]
pub fn RobotsPanel(slug: String) -> impl IntoView {
    let simulation = RwSignal::new(None::<Simulation>);
    let running = move || {
        simulation.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.state == SimulationState::Running)
        })
    };
    let read = Callback::new({
        let slug = slug.clone();
        move |()| {
            let slug = slug.clone();
            spawn_local(async move {
                if let Ok(latest) = get_simulation(slug).await {
                    simulation.set(latest);
                }
            });
        }
    });
    Effect::new(move |_| {
        read.run(());
        let again = move || {
            if running() {
                read.run(());
            }
        };
        if let Ok(handle) = set_interval_with_handle(again, READ_EVERY) {
            on_cleanup(move || handle.clear());
        }
    });
    let started = move |started: Simulation| simulation.set(Some(started));
    view! {
        <details class="console-robots">
            <summary>"Robots and replays"</summary>
            <p class="muted">
                "Robot customers and baristas run the booth through the same rules as people; "
                "they serve only their own orders and stay out of reports."
            </p>
            <SimulationStatus simulation slug=slug.clone() read/>
            <div class="console-robots-forms" hidden=running>
                <StartForm slug=slug.clone() started/>
                <ReplayForm slug started/>
            </div>
        </details>
    }
}

/// The latest simulation: running or ended, its orders by state, what was refused, and
/// how the booth kept up.
#[component]
fn SimulationStatus(
    simulation: RwSignal<Option<Simulation>>,
    slug: String,
    read: Callback<()>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let stop = move |_| {
        send(busy, error, stop_robots(slug.clone()), move |()| {
            read.run(())
        })
    };
    move || {
        simulation.get().map(|simulation| {
            let running = simulation.state == SimulationState::Running;
            let kind = match &simulation.replay {
                Some(replay) => format!("Replay of {} orders at {}×", replay.orders, replay.speed),
                None => format!(
                    "Robots: {} customers a minute, {} baristas",
                    simulation.settings.customers_per_minute, simulation.settings.baristas
                ),
            };
            let orders = simulation
                .orders
                .by_state
                .iter()
                .map(|(state, n)| format!("{n} {}", state.replace('_', " ")))
                .collect::<Vec<_>>()
                .join(", ");
            let verdict = verdict(&simulation);
            let stop = stop.clone();
            view! {
                <div class="simulation-status" role="status">
                    <p>
                        <strong>{if running { "Running" } else { "Ended" }}</strong>
                        " · " {kind} " · until " {simulation.ends_at.get(11..19).unwrap_or_default().to_owned()} " UTC"
                    </p>
                    <p>{if orders.is_empty() { "No orders yet.".to_owned() } else { format!("Orders: {orders}.") }}</p>
                    <p class="simulation-verdict">{verdict}</p>
                    <Timeline moments=simulation.timeline.clone()/>
                    <button class="button small secondary" type="button" hidden=!running disabled=move || busy.get() on:click=stop>
                        "Stop the robots"
                    </button>
                    <FormError error fields=&[]/>
                </div>
            }
        })
    }
}

/// Whether the booth kept up: nobody turned away and no drink waited past its deadline.
fn verdict(simulation: &Simulation) -> String {
    let longest = simulation
        .timeline
        .iter()
        .filter_map(|moment| moment.wait_s)
        .max();
    let queue = simulation
        .timeline
        .iter()
        .map(|moment| moment.queued)
        .max()
        .unwrap_or(0);
    let wait = longest.map_or_else(String::new, |s| match s {
        0..60 => format!(", waits up to {s} s"),
        _ => format!(", waits up to {} min {} s", s / 60, s % 60),
    });
    let turned_away: u32 = simulation.orders.refused.values().sum();
    if turned_away == 0 {
        format!("Kept up: at most {queue} waiting for a barista{wait}.")
    } else {
        let why = simulation
            .orders
            .refused
            .iter()
            .map(|(code, n)| format!("{n} {}", code.replace('_', " ")))
            .collect::<Vec<_>>()
            .join(", ");
        format!("Fell behind: {turned_away} turned away ({why}); at most {queue} waiting{wait}.")
    }
}

/// The queue (a line) and the waits (dots) over the simulation, drawn to fit.
#[component]
fn Timeline(moments: Vec<Moment>) -> impl IntoView {
    const W: f64 = 600.0;
    const H: f64 = 120.0;
    let last = moments.last().map_or(1, |m| m.at_s.max(1)) as f64;
    let most_queued = moments.iter().map(|m| m.queued).max().unwrap_or(0).max(1) as f64;
    let longest = moments
        .iter()
        .filter_map(|m| m.wait_s)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let x = |m: &Moment| f64::from(m.at_s) / last * W;
    let queue: String = moments
        .iter()
        .map(|m| {
            format!(
                "{:.1},{:.1}",
                x(m),
                H - f64::from(m.queued) / most_queued * H
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let waits = moments
        .iter()
        .filter_map(|m| {
            let y = H - f64::from(m.wait_s?) / longest * H;
            Some(view! { <circle cx=format!("{:.1}", x(m)) cy=format!("{y:.1}") r="4"/> })
        })
        .collect_view();
    let description = format!(
        "The queue peaked at {} orders; the longest median wait was {} s.",
        most_queued as u32, longest as u32
    );
    (!moments.is_empty()).then(|| {
        view! {
            <figure class="simulation-timeline">
                <svg viewBox=format!("-4 -8 {} {}", W + 8.0, H + 16.0) role="img" aria-label=description.clone()>
                    <polyline class="queue" points=queue/>
                    <g class="waits">{waits}</g>
                </svg>
                <figcaption class="muted">
                    "Line: orders waiting for a barista (up to " {most_queued as u32} "). Dots: the wait from queue to ready (up to "
                    {longest as u32} " s)."
                </figcaption>
            </figure>
        }
    })
}

/// Robots at a rate: one click starts a demo with the settings shown.
#[component]
fn StartForm(slug: String, started: impl Fn(Simulation) + Clone + 'static) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let form = format!("{slug}-robots");
    let on_submit = {
        let slug = slug.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let Some(fields) = Fields::of(&event_target(&event)) else {
                return;
            };
            let whole = |name: &str| fields.get(name).trim().parse::<u32>().unwrap_or(0);
            let share = |name: &str| fields.get(name).trim().parse::<f64>().unwrap_or(0.0) / 100.0;
            let settings = SimulationSettings {
                customers_per_minute: whole("customers_per_minute"),
                baristas: whole("baristas"),
                make_s: whole("make_s"),
                duration_s: whole("duration_s") * 60,
                cancel_ratio: share("cancel_ratio"),
                slow_ratio: share("slow_ratio"),
            };
            send(
                busy,
                error,
                start_robots(slug.clone(), settings),
                started.clone(),
            );
        }
    };
    let field = move |name: &'static str,
                      label: &'static str,
                      value: &'static str,
                      max: &'static str| {
        let form = form.clone();
        view! {
            <label>
                {label}
                <input type="number" name=name value=value min="0" max=max required aria-describedby=error_id(&form, name)/>
                <FieldError error form field=name/>
            </label>
        }
    };
    view! {
        <form class="console-form" on:submit=on_submit>
            <h4>"Run the booth with robots"</h4>
            {field("customers_per_minute", "Customers a minute", "12", "600")}
            {field("baristas", "Robot baristas", "2", "20")}
            {field("make_s", "Seconds to make a drink", "20", "600")}
            {field("duration_s", "Minutes to run", "10", "1440")}
            {field("cancel_ratio", "% who cancel", "10", "100")}
            {field("slow_ratio", "% who never choose", "5", "100")}
            <FormError error fields=START_FIELDS/>
            <button class="button" type="submit" disabled=move || busy.get()>"Start the robots"</button>
        </form>
    }
}

/// A recorded day played again under this shop's settings.
#[component]
fn ReplayForm(slug: String, started: impl Fn(Simulation) + Clone + 'static) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let form = format!("{slug}-replay");
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(fields) = Fields::of(&event_target(&event)) else {
            return;
        };
        let speed = fields.get("speed").trim().parse::<u32>().unwrap_or(0);
        let baristas = fields.get("baristas").trim().parse::<u32>().ok();
        let file = fields.file("csv");
        let (slug, started) = (slug.clone(), started.clone());
        send(
            busy,
            error,
            async move {
                let csv = file.await?;
                replay_day(slug, csv, speed, baristas).await
            },
            started,
        );
    };
    view! {
        <form class="console-form" on:submit=on_submit>
            <h4>"Replay a recorded day"</h4>
            <label>
                "An orders.csv export (the report's)"
                <input type="file" name="csv" accept=".csv,text/csv" required aria-describedby=error_id(&form, "csv")/>
                <FieldError error form=form.clone() field="csv"/>
            </label>
            <label>
                "Speed (1–60 times)"
                <input type="number" name="speed" value="10" min="1" max="60" required aria-describedby=error_id(&form, "speed")/>
                <FieldError error form=form.clone() field="speed"/>
            </label>
            <label>
                "Robot baristas (empty: as many as that day had)"
                <input type="number" name="baristas" min="1" max="20" aria-describedby=error_id(&form, "baristas")/>
                <FieldError error form=form.clone() field="baristas"/>
            </label>
            <FormError error fields=REPLAY_FIELDS/>
            <button class="button" type="submit" disabled=move || busy.get()>"Replay it"</button>
        </form>
    }
}
