//! A shop's day in numbers, for its operator: `/admin/{shop}/report?from=&to=`. The
//! totals, orders per hour, drinks and choices ranked, the wait, per barista; charts
//! drawn on the server; today's report follows the shop live; the orders as CSV.

use std::time::Duration;

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
    task::spawn_local,
};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::admin::get_report,
    components::{
        ErrorPanel, Loading,
        auth::{AccountBar, AuthEpoch, StaffAccessDenied, use_staff_access},
        live::{LinkNotice, LinkStatus, use_event_stream},
        use_shop_slug,
    },
    model::{Event, Report, ReportView, StaffApp, User},
};

/// How long the page waits after an event before it reads the report again: a busy
/// booth's burst of events is one read.
const SETTLE: Duration = Duration::from_millis(500);

#[component]
pub fn ReportPage() -> impl IntoView {
    let access = use_staff_access(StaffApp::Admin);
    let epoch = AuthEpoch::get();
    let slug = use_shop_slug();
    let query = use_query_map();
    let asked = move || {
        let query = query.read();
        let day = |name: &str| query.get(name).filter(|day| !day.is_empty());
        (slug.get(), day("from"), day("to"))
    };
    let report = Resource::new(
        move || (epoch.get(), asked()),
        |(_, (slug, from, to))| get_report(slug, from, to),
    );
    view! {
        <Title text="Report"/>
        <main class="app admin report">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (access.await, report.await) {
                        (Err(error), _) => EitherOf3::A(view! {
                            <StaffAccessDenied app=StaffApp::Admin error/>
                        }),
                        (Ok(user), Ok(view)) => EitherOf3::B(view! { <ReportBody view user/> }),
                        (Ok(_), Err(error)) => EitherOf3::C(view! {
                            <RangeForm slug=slug.get_untracked() from=asked().1.unwrap_or_default() to=asked().2.unwrap_or_default()/>
                            <ErrorPanel error/>
                        }),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn ReportBody(view: ReportView, user: User) -> impl IntoView {
    let (slug, from, to) = (
        view.report.shop.clone(),
        view.report.from.clone(),
        view.report.to.clone(),
    );
    let (live, since, name) = (view.live, view.since, view.name.clone());
    let shown = RwSignal::new(view);
    let stream = format!("/api/v1/shops/{slug}/stream");
    let link = live.then(|| {
        let planned = StoredValue::new(false);
        let (slug, from, to) = (slug.clone(), from.clone(), to.clone());
        let timer = StoredValue::new(None::<TimeoutHandle>);
        on_cleanup(move || {
            if let Some(timer) = timer.try_get_value().flatten() {
                timer.clear();
            }
        });
        let reread = move |_: Event| {
            if planned.get_value() {
                return;
            }
            planned.set_value(true);
            let (slug, from, to) = (slug.clone(), from.clone(), to.clone());
            let read = move || {
                // Events from here on plan the next read: none is missed while this runs.
                planned.set_value(false);
                spawn_local(async move {
                    if let Ok(view) = get_report(slug, Some(from), Some(to)).await {
                        shown.set(view);
                    }
                });
            };
            timer.set_value(set_timeout_with_handle(read, SETTLE).ok());
        };
        use_event_stream(stream, since, reread)
    });
    let csv = format!("/api/v1/shops/{slug}/orders.csv?from={from}&to={to}");
    view! {
        <Title text=format!("Report · {name}")/>
        <header class="topbar">
            <h1>{format!("{name} · report")}</h1>
            {link.map(|link| view! { <LinkStatus link/> })}
            <nav class="console-nav" aria-label="Report">
                <a href="/admin" rel="external">"Console"</a>
                <a href=csv rel="external" download>"Download CSV"</a>
            </nav>
        </header>
        {link.map(|link| view! { <LinkNotice link/> })}
        <RangeForm slug=slug.clone() from to/>
        <p class="muted report-range">{move || shown.with(|view| range_text(&view.report))}</p>
        <Totals shown/>
        <section class="report-charts" aria-label="Charts">
            {move || shown.with(|view| {
                view.charts
                    .iter()
                    .map(|chart| view! {
                        <figure class="panel report-chart">
                            <figcaption>{chart.title.clone()}</figcaption>
                            <div inner_html=chart.svg.clone()></div>
                        </figure>
                    })
                    .collect_view()
            })}
        </section>
        <Baristas shown/>
        <AccountBar user/>
    }
}

/// "2026-12-04 (Europe/Berlin)", or a range.
fn range_text(report: &Report) -> String {
    if report.from == report.to {
        format!("{} ({})", report.from, report.timezone)
    } else {
        format!("{} to {} ({})", report.from, report.to, report.timezone)
    }
}

/// Picks the days: a plain form, so it works before the page is live too.
#[component]
fn RangeForm(slug: String, from: String, to: String) -> impl IntoView {
    view! {
        <form class="panel report-form" method="get" action=format!("/admin/{slug}/report")>
            <label>"From" <input type="date" name="from" value=from/></label>
            <label>"To" <input type="date" name="to" value=to/></label>
            <button class="button small" type="submit">"Show"</button>
            <a class="button small secondary" href=format!("/admin/{slug}/report")>"Today"</a>
        </form>
    }
}

/// The day's totals and waits, as figures.
#[component]
fn Totals(shown: RwSignal<ReportView>) -> impl IntoView {
    let figures = move || {
        shown.with(|ReportView { report, .. }| {
            let orders = report.orders;
            [
                ("Started", orders.started.to_string()),
                ("Made", orders.ready.to_string()),
                ("Handed over", orders.picked_up.to_string()),
                ("Never collected", orders.uncollected.to_string()),
                (
                    "Cancelled by customers",
                    orders.cancelled_by_customer.to_string(),
                ),
                ("Cancelled by staff", orders.cancelled_by_staff.to_string()),
                ("Not chosen in time", orders.customer_timeout.to_string()),
                ("Not made in time", orders.barista_timeout.to_string()),
                ("Wait, median", duration_text(report.wait_s.p50)),
                ("Wait, 90 %", duration_text(report.wait_s.p90)),
                ("Longest wait", duration_text(report.wait_s.max)),
                ("Choosing, median", duration_text(report.choose_s.p50)),
            ]
        })
    };
    view! {
        <dl class="report-totals" aria-label="Totals">
            {move || figures()
                .into_iter()
                .map(|(label, value)| view! {
                    <div class="panel report-figure">
                        <dt>{label}</dt>
                        <dd data-figure=figure_id(label)>{value}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
}

/// Orders made per barista.
#[component]
fn Baristas(shown: RwSignal<ReportView>) -> impl IntoView {
    view! {
        <section class="panel report-baristas" aria-labelledby="baristas-title">
            <h2 id="baristas-title">"Made, by barista"</h2>
            {move || shown.with(|ReportView { report, .. }| {
                if report.by_barista.is_empty() {
                    Either::Left(view! { <p class="muted">"No orders made."</p> })
                } else {
                    Either::Right(view! {
                        <table>
                            <thead><tr><th scope="col">"Barista"</th><th scope="col">"Made"</th></tr></thead>
                            <tbody>
                                {report.by_barista.iter().map(|row| view! {
                                    <tr><td>{row.barista.clone()}</td><td>{row.made}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })
                }
            })}
        </section>
    }
}

/// "wait-90": a figure's label as a name tests and styles can use.
fn figure_id(label: &str) -> String {
    let words = label
        .to_lowercase()
        .replace(|c: char| !c.is_alphanumeric(), " ");
    words.split_whitespace().collect::<Vec<_>>().join("-")
}

/// "4 min 05 s", "45 s".
fn duration_text(seconds: u32) -> String {
    match seconds {
        0..60 => format!("{seconds} s"),
        _ => format!("{} min {:02} s", seconds / 60, seconds % 60),
    }
}
