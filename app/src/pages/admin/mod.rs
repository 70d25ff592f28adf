//! The operator's console, on a laptop or a tablet: `/admin`. Every shop with its live
//! state (open, orders in progress, today's count, what is sold out), a new shop, each
//! shop's settings with the server's refusal next to the field, opening, closing and
//! archiving, links to its apps and its screen's poster; the staff accounts; and the
//! paired screens.

mod fields;
mod keeping_up;
mod menu;
mod poster;
mod report;
mod robots;
mod screens;
mod settings;
mod staff;

pub use poster::PosterPage;
pub use report::ReportPage;

use fields::{FieldError, FormError, error_id};

use std::time::Duration;

use leptos::{either::EitherOf3, prelude::*, task::spawn_local};
use leptos_meta::Title;

use crate::{
    api::admin::{get_console, update_shop},
    api::shops::set_shop_open,
    components::{
        ErrorPanel, Loading,
        auth::{AccountBar, AuthEpoch, StaffAccessDenied, use_staff_access},
        live::{LinkNotice, LinkStatus, use_event_stream},
    },
    error::AppError,
    model::{Console, Event, Shop, ShopChanges, ShopSummary, StaffApp, User},
};

/// How long the console waits after an event before it reads the shops again: a busy
/// booth's burst of events is one read.
const SETTLE: Duration = Duration::from_millis(400);

#[component]
pub fn AdminPage() -> impl IntoView {
    let access = use_staff_access(StaffApp::Admin);
    let epoch = AuthEpoch::get();
    let console = Resource::new(move || epoch.get(), |_| get_console());
    view! {
        <Title text="Console"/>
        <main class="app admin">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (access.await, console.await) {
                        (Err(error), _) => EitherOf3::A(view! {
                            <StaffAccessDenied app=StaffApp::Admin error/>
                        }),
                        (Ok(user), Ok(console)) => EitherOf3::B(view! { <ConsoleView console user/> }),
                        (Ok(_), Err(error)) => EitherOf3::C(view! { <ErrorPanel error/> }),
                    }
                })}
            </Transition>
        </main>
    }
}

/// Sends a form's change: `busy` while it runs, the refusal kept in `error` (shown by
/// field), `done` with the answer.
fn send<T: 'static>(
    busy: RwSignal<bool>,
    error: RwSignal<Option<AppError>>,
    call: impl Future<Output = Result<T, AppError>> + 'static,
    done: impl FnOnce(T) + 'static,
) {
    busy.set(true);
    spawn_local(async move {
        match call.await {
            Ok(answer) => {
                error.set(None);
                done(answer);
            }
            Err(refusal) => error.set(Some(refusal)),
        }
        busy.set(false);
    });
}

/// What the console's pieces share: the shops as last read, and a way to read them again.
#[derive(Clone, Copy)]
struct Shops {
    list: RwSignal<Vec<ShopSummary>>,
    timezones: StoredValue<Vec<String>>,
    /// Whether a read is already planned.
    planned: StoredValue<bool>,
}

impl Shops {
    /// Reads the shops again, soon: once for a burst of events.
    fn refresh(self) {
        if self.planned.get_value() {
            return;
        }
        self.planned.set_value(true);
        set_timeout(
            move || {
                spawn_local(async move {
                    if let Ok(console) = get_console().await {
                        self.list.set(console.shops);
                    }
                    self.planned.set_value(false);
                });
            },
            SETTLE,
        );
    }

    /// Puts a shop the server changed into the list, its counts kept.
    fn changed(self, shop: Shop) {
        self.list.update(|list| {
            if let Some(known) = list.iter_mut().find(|s| s.shop.slug == shop.slug) {
                *known = known.with_shop(shop);
            }
        });
    }

    /// Puts the shop as the server answered into the list.
    fn put(self, summary: ShopSummary) {
        self.list.update(
            |list| match list.iter_mut().find(|s| s.shop.slug == summary.shop.slug) {
                Some(known) => *known = summary,
                None => list.insert(0, summary),
            },
        );
    }
}

#[component]
fn ConsoleView(console: Console, user: User) -> impl IntoView {
    let Console {
        shops,
        timezones,
        since,
    } = console;
    let shops = Shops {
        list: RwSignal::new(shops),
        timezones: StoredValue::new(timezones),
        planned: StoredValue::new(false),
    };
    let link = use_event_stream("/api/v1/stream".to_owned(), since, move |_: Event| {
        shops.refresh();
    });
    view! {
        <header class="topbar">
            <h1>"Crema console"</h1>
            <LinkStatus link/>
            <nav class="console-nav" aria-label="Console">
                <a href="#shops">"Shops"</a>
                <a href="#staff">"Staff"</a>
                <a href="#screens">"Screens"</a>
            </nav>
        </header>
        <LinkNotice link/>
        <section id="shops" class="console-section" aria-labelledby="shops-title">
            <h2 id="shops-title">"Shops"</h2>
            <settings::NewShopForm shops/>
            <ul class="console-shops">
                <For
                    each=move || shops.list.get()
                    key=|summary| summary.shop.slug.clone()
                    children=move |summary| view! { <ShopCard shops slug=summary.shop.slug/> }
                />
            </ul>
        </section>
        <staff::StaffSection shops/>
        <screens::ScreensSection shops/>
        <AccountBar user/>
    }
}

/// One shop: its state, its controls, its links, its settings.
#[component]
fn ShopCard(shops: Shops, slug: String) -> impl IntoView {
    let summary = {
        let slug = slug.clone();
        Memo::new(move |_| {
            shops
                .list
                .with(|list| list.iter().find(|s| s.shop.slug == slug).cloned())
        })
    };
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let current = move || summary.get_untracked();
    let toggle_open = {
        let slug = slug.clone();
        move |_| {
            let Some(summary) = current() else { return };
            let slug = slug.clone();
            busy.set(true);
            spawn_local(async move {
                match set_shop_open(slug, !summary.shop.open).await {
                    Ok(shop) => shops.changed(shop),
                    Err(error) => notice.set(Some(error.message)),
                }
                busy.set(false);
            });
        }
    };
    let toggle_archived = {
        let slug = slug.clone();
        move |_| {
            let Some(summary) = current() else { return };
            let slug = slug.clone();
            let changes = ShopChanges {
                archived: Some(!summary.shop.archived),
                ..ShopChanges::default()
            };
            busy.set(true);
            spawn_local(async move {
                match update_shop(slug, changes).await {
                    Ok(shop) => shops.changed(shop),
                    Err(error) => notice.set(Some(error.message)),
                }
                busy.set(false);
            });
        }
    };
    let field = move |read: fn(&ShopSummary) -> String| {
        move || summary.with(|s| s.as_ref().map(read).unwrap_or_default())
    };
    let open = move || summary.with(|s| s.as_ref().is_some_and(|s| s.shop.open));
    let archived = move || summary.with(|s| s.as_ref().is_some_and(|s| s.shop.archived));
    let links = [
        ("Customer page", format!("/order/{slug}")),
        ("Barista board", format!("/barista/{slug}")),
        ("Booth screen", format!("/display/{slug}")),
        ("Screen poster", format!("/admin/poster/{slug}")),
        ("Report", format!("/admin/{slug}/report")),
    ];
    view! {
        <li class="panel console-shop" class:archived=archived>
            <header class="console-shop-head">
                <h3>{field(|s| s.shop.name.clone())}</h3>
                <span class="muted">{slug.clone()}</span>
                <span class="status" class:open=open class:closed=move || !open()>
                    {move || if archived() { "Archived" } else if open() { "Open" } else { "Closed" }}
                </span>
            </header>
            <p class="console-shop-numbers">
                <span><strong>{field(|s| s.in_progress.to_string())}</strong>" in progress"</span>
                <span><strong>{field(|s| s.today.to_string())}</strong>" ordered today"</span>
                <span class="stock-summary" class:alert=move || summary.with(|s| s.as_ref().is_some_and(|s| !s.sold_out.is_empty()))>
                    {field(|s| if s.sold_out.is_empty() {
                        "all in stock".to_owned()
                    } else {
                        format!("sold out: {}", s.sold_out.join(", "))
                    })}
                </span>
                <span class="stock-low" hidden=move || summary.with(|s| s.as_ref().is_none_or(|s| s.low.is_empty()))>
                    {field(|s| format!("low: {}", s.low.join(", ")))}
                </span>
            </p>
            <div class="console-shop-actions">
                <button
                    class="button small"
                    class:secondary=open
                    type="button"
                    hidden=archived
                    disabled=move || busy.get()
                    on:click=toggle_open
                >
                    {move || if open() { "Close" } else { "Open" }}
                </button>
                <button class="button small secondary" type="button" disabled=move || busy.get() on:click=toggle_archived>
                    {move || if archived() { "Bring back" } else { "Archive" }}
                </button>
                <nav class="console-links" aria-label=format!("{slug}'s apps")>
                    {links
                        .into_iter()
                        .map(|(label, href)| view! { <a href=href rel="external">{label}</a> })
                        .collect_view()}
                </nav>
            </div>
            <p class="board-notice" role="alert" hidden=move || notice.with(Option::is_none)>
                {move || notice.get()}
            </p>
            <robots::RobotsPanel slug=slug.clone()/>
            <menu::MenuEditor shops slug=slug.clone()/>
            <settings::SettingsForm shops slug/>
        </li>
    }
}
