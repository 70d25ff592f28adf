//! The day in numbers: a shop's report over a range of its days ("Reports" in API.md).

use serde::{Deserialize, Serialize};

/// Which days a report covers, as asked: shop-local days `from`..`to` inclusive
/// (`YYYY-MM-DD`, both today when absent); robots' orders only when `robots`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The first day, `YYYY-MM-DD` in the shop's time zone (default: today).
    #[serde(default)]
    pub from: Option<String>,
    /// The last day, inclusive (default: `from`, or today).
    #[serde(default)]
    pub to: Option<String>,
    /// Counts the robots' orders too (default: people's only).
    #[serde(default)]
    pub robots: Option<bool>,
}

/// A shop's orders over its days `from`..`to`: an order belongs to the shop-local day of
/// its `created_at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Report {
    pub shop: String,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`, inclusive.
    pub to: String,
    /// The shop's IANA time zone, whose days and hours these are.
    pub timezone: String,
    pub orders: OrderCounts,
    /// Every shop-local hour of the range that had an order: orders queued and orders
    /// made in it.
    pub by_hour: Vec<HourCount>,
    /// Orders made, by drink, most first.
    pub by_drink: Vec<DrinkCount>,
    /// Choices of the orders made, most first.
    pub by_choice: Vec<ChoiceCount>,
    /// Queued → ready, of the orders made, in seconds.
    pub wait_s: WaitSpread,
    /// Created → queued, of the orders queued, in seconds.
    pub choose_s: Quantiles,
    /// Orders made, by barista, most first.
    pub by_barista: Vec<BaristaCount>,
    /// The wait of the orders made in each hour, by the hour they were made.
    pub wait_by_hour: Vec<HourWait>,
}

/// How the range's orders ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrderCounts {
    /// Every order created.
    pub started: u32,
    /// Those that reached `queued` (a drink chosen, a number given).
    pub queued: u32,
    /// Those whose final state is `ready`: made.
    pub ready: u32,
    pub cancelled_by_customer: u32,
    pub cancelled_by_staff: u32,
    /// Timed out while the customer was choosing.
    pub customer_timeout: u32,
    /// Timed out waiting for a barista.
    pub barista_timeout: u32,
    /// Made and handed over.
    pub picked_up: u32,
    /// Made, never handed over, and gone from the boards (the shop's retention passed).
    pub uncollected: u32,
}

/// One shop-local hour.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HourCount {
    /// The hour's start, RFC 3339 with the shop's offset: `2026-12-04T09:00:00+01:00`.
    pub hour: String,
    /// Orders queued in this hour.
    pub queued: u32,
    /// Orders made in this hour.
    pub ready: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DrinkCount {
    /// The drink's id.
    pub drink: String,
    /// Its name on the menu (its id when no longer there).
    pub name: String,
    pub count: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChoiceCount {
    /// The choice's id.
    pub choice: String,
    /// Its name on the menu (its id when no longer there).
    pub name: String,
    pub count: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BaristaCount {
    /// The barista's display name.
    pub barista: String,
    pub made: u32,
}

/// Median, 90th percentile and longest, in whole seconds; zeros when there is none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WaitSpread {
    pub p50: u32,
    pub p90: u32,
    pub max: u32,
}

/// Median and 90th percentile, in whole seconds; zeros when there is none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Quantiles {
    pub p50: u32,
    pub p90: u32,
}

/// The wait (queued → ready) of the orders made in one shop-local hour.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HourWait {
    /// The hour's start, as in [`HourCount::hour`].
    pub hour: String,
    pub p50: u32,
    pub p90: u32,
}

/// A report as the console shows it: the numbers, and their charts drawn on the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// The shop's name, for the page's heading.
    pub name: String,
    pub report: Report,
    /// Whether it is today's (the page then follows the shop live).
    pub live: bool,
    /// The last event before the report was read: the live page follows from there.
    pub since: i64,
    pub charts: Vec<Chart>,
}

/// One chart: its heading, and an SVG picture with its own title and description.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    pub title: String,
    pub svg: String,
}

/// The CSV export's header row (API.md, "Reports").
pub const CSV_HEADER: [&str; 14] = [
    "id",
    "number",
    "day",
    "state",
    "drink",
    "choices",
    "customer_id",
    "barista",
    "created_at",
    "queued_at",
    "claimed_at",
    "ready_at",
    "ended_at",
    "cancel_reason",
];
