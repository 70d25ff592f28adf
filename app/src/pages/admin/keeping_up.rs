//! Whether a simulated booth kept up: a verdict in words, and its queue and waits drawn.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::model::{Moment, Simulation};

/// Whether the booth kept up: nobody turned away and no drink waited past its deadline.
pub fn verdict(simulation: &Simulation) -> String {
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
        let why = tally(&simulation.orders.refused);
        format!("Fell behind: {turned_away} turned away ({why}); at most {queue} waiting{wait}.")
    }
}

/// Counts by name in words: "3 ready, 1 picked up" (names are snake_case codes).
pub fn tally(counts: &BTreeMap<String, u32>) -> String {
    counts
        .iter()
        .map(|(name, n)| format!("{n} {}", name.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The queue (a line) and the waits (dots) over the simulation, drawn to fit.
#[component]
pub fn Timeline(moments: Vec<Moment>) -> impl IntoView {
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
