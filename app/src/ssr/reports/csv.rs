//! The CSV export of a shop's orders, a day at a time, in the contract's columns.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::{
    error::AppError,
    model::{CSV_HEADER, OrderState, Shop},
    ssr::events::rfc3339,
};

/// The CSV rows of the shop's orders created on `day`, oldest first, after the header
/// row when `header`.
pub async fn csv_day(
    pool: &PgPool,
    shop: &Shop,
    day: NaiveDate,
    robots: bool,
    header: bool,
) -> Result<Vec<u8>, AppError> {
    let rows = sqlx::query!(
        r#"select o.id as "id!", o.number, (o.created_at at time zone $4)::date as "day!",
                  o.state as "state!: OrderState", o.drink, o.choices, o.customer_id as "customer_id!",
                  coalesce(u.display_name, u.username) as barista,
                  o.created_at as "created_at!", o.queued_at, o.claimed_at, o.ready_at, o.ended_at, o.cancel_reason
           from shop_day_orders($1, $2, $3, $4, $5) as o left join users u on u.id = o.barista_id
           order by o.created_at, o.id"#,
        &shop.slug,
        day,
        day,
        &shop.settings.timezone,
        robots,
    )
    .fetch_all(pool)
    .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let time = |at: Option<DateTime<Utc>>| at.map(rfc3339).unwrap_or_default();
    if header {
        out.write_record(CSV_HEADER).map_err(csv_error)?;
    }
    for row in rows {
        let id: Uuid = row.id;
        out.write_record([
            id.to_string(),
            row.number.map(|n| n.to_string()).unwrap_or_default(),
            row.day.to_string(),
            row.state.as_str().to_owned(),
            row.drink.unwrap_or_default(),
            row.choices.unwrap_or_default().join(";"),
            row.customer_id.to_string(),
            inert(row.barista.unwrap_or_default()),
            rfc3339(row.created_at),
            time(row.queued_at),
            time(row.claimed_at),
            time(row.ready_at),
            time(row.ended_at),
            inert(row.cancel_reason.unwrap_or_default()),
        ])
        .map_err(csv_error)?;
    }
    out.into_inner().map_err(|err| csv_error(err.into_error()))
}

/// Free text as a spreadsheet shows it rather than runs it: a cell that would start with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (a formula) starts with `'`.
fn inert(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

fn csv_error(err: impl std::fmt::Display) -> AppError {
    tracing::error!("writing the CSV export: {err}");
    AppError::internal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_that_a_spreadsheet_would_run_stays_text() {
        assert_eq!(inert("=HYPERLINK(\"x\")".to_owned()), "'=HYPERLINK(\"x\")");
        for formula in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(inert(formula.to_owned()).starts_with('\''), "{formula}");
        }
        assert_eq!(inert("Out of milk".to_owned()), "Out of milk");
        assert_eq!(inert(String::new()), "");
    }
}
