//! A shop's robots in the console: a demo that runs itself from one click (the form holds
//! a demo's settings), stopping it, replaying a recorded day (an `orders.csv` export) to
//! try the shop's settings on it; and whether the booth kept up: its queue and its waits
//! over the simulation.

use std::time::Duration;

use leptos::{prelude::*, task::spawn_local};

use super::{
    fields::{FieldError, FormError, error_id},
    keeping_up::{Timeline, tally, verdict},
    send,
};
use crate::{
    api::admin::{get_simulation, replay_day, start_robots, stop_robots},
    components::Fields,
    error::AppError,
    model::{Simulation, SimulationSettings, SimulationState},
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
    // Read once the panel is opened, not for every shop the console lists.
    let opened = RwSignal::new(false);
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
        if !opened.get() {
            return;
        }
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
        <details
            class="console-robots"
            on:toggle=move |event| {
                let details: web_sys::HtmlDetailsElement = event_target(&event);
                opened.set(details.open());
            }
        >
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
            let orders = tally(&simulation.orders.by_state);
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
