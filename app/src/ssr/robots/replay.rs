//! Replays: a day exported as `orders.csv` (the report's format), read into what each
//! recorded order's customer and barista did and when, for robots to play again.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sqlx::{PgPool, types::Json};
use uuid::Uuid;

use super::start_error;
use crate::{
    error::AppError,
    model::{CSV_HEADER, OrderState, SimulationSettings},
};

/// The most orders a replay takes: a busy booth's several days.
pub const MAX_ORDERS: usize = 20_000;
/// The replay speeds: 1× to 60× the recorded day.
pub const SPEEDS: std::ops::RangeInclusive<u32> = 1..=60;

/// One recorded order, in seconds of the recorded day.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    /// After the first recorded order.
    pub at_s: f64,
    /// What its customer chose and after how long; none when they never chose.
    pub choice: Option<(String, Vec<String>, f64)>,
    /// How long its drink took once claimed; none when it was never made.
    pub make_s: Option<f64>,
    /// When it ended without being made: after how long from its start.
    pub cancel_s: Option<f64>,
    /// Who made or cancelled it: the day's baristas are counted by name.
    pub barista: String,
}

/// The recorded orders of an `orders.csv` export, oldest first; 422 `invalid_csv` naming
/// the first line that is not one.
pub fn read(csv_text: &str) -> Result<Vec<Recorded>, AppError> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader
        .headers()
        .map_err(|err| invalid(format!("The header row cannot be read: {err}.")))?
        .clone();
    let column = |name: &str| header.iter().position(|title| title == name);
    let columns: Vec<usize> = CSV_HEADER
        .iter()
        .map(|name| {
            column(name).ok_or_else(|| invalid(format!("The header has no {name} column.")))
        })
        .collect::<Result<_, _>>()?;
    let mut rows: Vec<(DateTime<Utc>, Recorded)> = Vec::new();
    for (at, record) in reader.records().enumerate() {
        let line = at + 2;
        let record =
            record.map_err(|err| invalid(format!("Line {line} cannot be read: {err}.")))?;
        let cell = |name: &str| {
            let at = CSV_HEADER
                .iter()
                .position(|title| *title == name)
                .expect("a CSV column");
            record.get(columns[at]).unwrap_or_default().trim()
        };
        let time = |name: &str| -> Result<Option<DateTime<Utc>>, AppError> {
            match cell(name) {
                "" => Ok(None),
                text => DateTime::parse_from_rfc3339(text)
                    .map(|at| Some(at.with_timezone(&Utc)))
                    .map_err(|_| invalid(format!("Line {line}: {name} is not an RFC 3339 time."))),
            }
        };
        let created = time("created_at")?
            .ok_or_else(|| invalid(format!("Line {line}: created_at is empty.")))?;
        let state = OrderState::ALL
            .into_iter()
            .find(|state| state.as_str() == cell("state"))
            .ok_or_else(|| {
                invalid(format!(
                    "Line {line}: {:?} is no order state.",
                    cell("state")
                ))
            })?;
        let after = |at: Option<DateTime<Utc>>, from: DateTime<Utc>| {
            at.map(|at| ((at - from).num_milliseconds().max(0)) as f64 / 1000.0)
        };
        let (queued, claimed) = (time("queued_at")?, time("claimed_at")?);
        let choice = match (cell("drink"), queued) {
            ("", _) | (_, None) => None,
            (drink, Some(queued)) => Some((
                drink.to_owned(),
                cell("choices")
                    .split(';')
                    .filter(|choice| !choice.is_empty())
                    .map(str::to_owned)
                    .collect(),
                after(Some(queued), created).unwrap_or_default(),
            )),
        };
        let made = state == OrderState::Ready;
        rows.push((
            created,
            Recorded {
                at_s: 0.0,
                choice,
                make_s: if made {
                    after(time("ready_at")?, claimed.unwrap_or(created))
                } else {
                    None
                },
                cancel_s: if made || state.is_open() {
                    None
                } else {
                    Some(after(time("ended_at")?, created).unwrap_or_default())
                },
                barista: cell("barista").to_owned(),
            },
        ));
        if rows.len() > MAX_ORDERS {
            return Err(invalid(format!(
                "A replay takes at most {MAX_ORDERS} orders."
            )));
        }
    }
    rows.sort_by_key(|(created, _)| *created);
    let Some(first) = rows.first().map(|(created, _)| *created) else {
        return Err(invalid("The file has no orders.".to_owned()));
    };
    Ok(rows
        .into_iter()
        .map(|(created, recorded)| Recorded {
            at_s: (created - first).num_milliseconds() as f64 / 1000.0,
            ..recorded
        })
        .collect())
}

/// What a replay looks like as a simulation's settings: the recorded day's rate, its
/// baristas (or `baristas` when given), its median make time, its length at `speed`.
pub fn settings(recorded: &[Recorded], speed: u32, baristas: Option<u32>) -> SimulationSettings {
    let span_s = recorded.last().map_or(0.0, |last| last.at_s);
    let named: BTreeSet<&str> = recorded
        .iter()
        .map(|order| order.barista.as_str())
        .filter(|name| !name.is_empty())
        .collect();
    let mut makes: Vec<f64> = recorded.iter().filter_map(|order| order.make_s).collect();
    makes.sort_by(f64::total_cmp);
    let count = recorded.len() as f64;
    SimulationSettings {
        customers_per_minute: (count / (span_s / 60.0).max(1.0)).round().clamp(1.0, 600.0) as u32,
        baristas: baristas.unwrap_or(named.len() as u32).clamp(1, 20),
        make_s: makes
            .get(makes.len() / 2)
            .map_or(1.0, |median| median.round().max(1.0)) as u32,
        duration_s: ((span_s / f64::from(speed)).ceil() as u32).max(1),
        cancel_ratio: recorded
            .iter()
            .filter(|order| order.cancel_s.is_some())
            .count() as f64
            / count,
        slow_ratio: 0.0,
    }
}

/// Starts the replay of `recorded` at `shop`: its robot baristas, and its orders to arrive
/// at `speed` times the recorded pace.
pub async fn start(
    pool: &PgPool,
    shop: &str,
    recorded: &[Recorded],
    speed: u32,
    baristas: Option<u32>,
) -> Result<Uuid, AppError> {
    let settings = settings(recorded, speed, baristas);
    let mut tx = pool.begin().await?;
    let id: Uuid = sqlx::query_scalar(
        "insert into simulations (shop, settings, ends_at, speed)
         values ($1, $2, now() + make_interval(secs => $3), $4)
         returning id",
    )
    .bind(shop)
    .bind(Json(&settings))
    .bind(recorded.last().map_or(0.0, |last| last.at_s) / f64::from(speed))
    .bind(speed as i32)
    .fetch_one(&mut *tx)
    .await
    .map_err(start_error)?;
    super::hire_baristas(&mut tx, id, shop, settings.baristas).await?;
    let column = |read: fn(&Recorded) -> Option<f64>| recorded.iter().map(read).collect::<Vec<_>>();
    sqlx::query(
        "insert into replay_orders (simulation_id, row, at_s, drink, choices, choose_s, make_s,
                                    cancel_s)
         select $1, row - 1, at_s, drink, coalesce(string_to_array(choices, ';'), '{}'),
                choose_s, make_s, cancel_s
         from unnest($2::float8[], $3::text[], $4::text[], $5::float8[], $6::float8[],
                     $7::float8[])
              with ordinality as r(at_s, drink, choices, choose_s, make_s, cancel_s, row)",
    )
    .bind(id)
    .bind(recorded.iter().map(|order| order.at_s).collect::<Vec<_>>())
    .bind(
        recorded
            .iter()
            .map(|order| order.choice.as_ref().map(|c| c.0.clone()))
            .collect::<Vec<_>>(),
    )
    .bind(
        recorded
            .iter()
            .map(|order| order.choice.as_ref().map(|c| c.1.join(";")))
            .collect::<Vec<_>>(),
    )
    .bind(column(|order| order.choice.as_ref().map(|c| c.2)))
    .bind(column(|order| order.make_s))
    .bind(column(|order| order.cancel_s))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn invalid(message: String) -> AppError {
    AppError::invalid("csv", "invalid_csv", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: &str = "\
id,number,day,state,drink,choices,customer_id,barista,created_at,queued_at,claimed_at,ready_at,ended_at,cancel_reason
a,1,2026-12-01,ready,latte,oat;large,c1,Ana,2026-12-01T09:00:10Z,2026-12-01T09:00:40Z,2026-12-01T09:01:00Z,2026-12-01T09:02:30Z,2026-12-01T09:02:30Z,
b,,2026-12-01,cancelled,,,c2,,2026-12-01T09:00:00Z,,,,2026-12-01T09:00:20Z,changed my mind
c,2,2026-12-01,cancelled,espresso,,c3,Ben,2026-12-01T09:01:00Z,2026-12-01T09:01:10Z,2026-12-01T09:01:20Z,,2026-12-01T09:01:50Z,out of beans
";

    #[test]
    fn an_export_reads_as_what_each_side_did_and_when() {
        let recorded = read(DAY).unwrap();
        assert_eq!(recorded.len(), 3);
        // Oldest first, timed from the first.
        assert_eq!(recorded[0].at_s, 0.0);
        assert_eq!(recorded[0].choice, None);
        assert_eq!(recorded[0].cancel_s, Some(20.0));
        assert_eq!(recorded[1].at_s, 10.0);
        assert_eq!(
            recorded[1].choice,
            Some((
                "latte".to_owned(),
                vec!["oat".to_owned(), "large".to_owned()],
                30.0
            ))
        );
        assert_eq!(recorded[1].make_s, Some(90.0));
        assert_eq!(recorded[1].cancel_s, None);
        assert_eq!(recorded[2].make_s, None);
        assert_eq!(recorded[2].cancel_s, Some(50.0));
        let settings = settings(&recorded, 10, None);
        assert_eq!(settings.baristas, 2);
        assert_eq!(settings.make_s, 90);
        assert_eq!(settings.duration_s, 6);
    }

    #[test]
    fn a_file_that_is_no_export_is_refused_by_line() {
        let refusal = |text: &str| read(text).unwrap_err().message;
        assert_eq!(refusal("id,number\n1,2\n"), "The header has no day column.");
        assert_eq!(
            refusal(&DAY.lines().next().unwrap().to_owned()),
            "The file has no orders."
        );
        let bad_time = DAY.replace("2026-12-01T09:00:00Z", "nine");
        assert_eq!(
            refusal(&bad_time),
            "Line 3: created_at is not an RFC 3339 time."
        );
        let bad_state = DAY.replace("cancelled,,", "lost,,");
        assert_eq!(refusal(&bad_state), "Line 3: \"lost\" is no order state.");
    }
}
