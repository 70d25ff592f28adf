//! The shop-local days a report covers, as asked for.

use chrono::NaiveDate;

use crate::error::AppError;

/// The longest range a report or an export covers.
pub const MAX_DAYS: i64 = 366;

/// Shop-local days `from`..`to`, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Days {
    /// The days asked for (`YYYY-MM-DD`; one defaults to the other, both to `today`); a 422
    /// naming the field when a date is not one, the range runs backwards or is too long.
    pub fn parse(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<Self, AppError> {
        let date = |field: &str, text: Option<&str>| {
            text.filter(|text| !text.is_empty())
                .map(|text| {
                    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                        AppError::invalid(
                            field,
                            "invalid_date",
                            format!("“{text}” is not a date like 2026-12-04."),
                        )
                    })
                })
                .transpose()
        };
        let from_day = date("from", from)?;
        let to_day = date("to", to)?;
        let days = Self {
            from: from_day.or(to_day).unwrap_or(today),
            to: to_day.or(from_day).unwrap_or(today),
        };
        if days.to < days.from {
            return Err(AppError::invalid(
                "to",
                "invalid_range",
                "The last day comes before the first.",
            ));
        }
        if (days.to - days.from).num_days() >= MAX_DAYS {
            return Err(AppError::invalid(
                "to",
                "invalid_range",
                format!("A report covers at most {MAX_DAYS} days."),
            ));
        }
        Ok(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn days_default_to_each_other_then_to_today() {
        let today = day("2026-12-04");
        let parsed = |from, to| Days::parse(from, to, today).map(|d| (d.from, d.to));
        assert_eq!(parsed(None, None), Ok((today, today)));
        assert_eq!(parsed(Some(""), Some("")), Ok((today, today)));
        let first = day("2026-01-01");
        assert_eq!(parsed(Some("2026-01-01"), None), Ok((first, first)));
        assert_eq!(parsed(None, Some("2026-01-01")), Ok((first, first)));
        let refused = |from, to| parsed(from, to).map_err(|err| err.field.unwrap_or_default());
        assert_eq!(refused(Some("2026-13-01"), None), Err("from".to_owned()));
        assert_eq!(
            refused(Some("2026-01-02"), Some("2026-01-01")),
            Err("to".to_owned())
        );
        assert_eq!(
            refused(Some("2024-12-31"), Some("2026-01-01")),
            Err("to".to_owned())
        );
        assert!(
            parsed(Some("2025-01-01"), Some("2026-01-01")).is_ok(),
            "366 days"
        );
    }
}
