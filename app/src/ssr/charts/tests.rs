use super::*;
use crate::model::{DrinkCount, HourWait};

/// A morning of two hours, one drink of each name.
fn morning(drinks: &[&str]) -> Report {
    let hour = |h: &str| format!("2026-12-04T{h}:00:00+01:00");
    Report {
        from: "2026-12-04".into(),
        to: "2026-12-04".into(),
        by_hour: vec![
            HourCount {
                hour: hour("09"),
                queued: 3,
                ready: 2,
            },
            HourCount {
                hour: hour("10"),
                queued: 5,
                ready: 6,
            },
        ],
        by_drink: drinks
            .iter()
            .map(|name| DrinkCount {
                drink: name.to_string(),
                name: name.to_string(),
                count: 1,
            })
            .collect(),
        wait_by_hour: vec![HourWait {
            hour: hour("10"),
            p50: 180,
            p90: 420,
        }],
        ..Report::default()
    }
}

#[test]
fn four_charts_in_order_each_named() {
    let charts = draw(&morning(&["Flat white"]));
    let titles: Vec<&str> = charts.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Orders per hour",
            "Drinks made",
            "Choices made",
            "Wait over the day"
        ]
    );
    for chart in &charts {
        assert!(
            chart.svg.starts_with("<svg viewBox=\"0 0 720 "),
            "{}",
            chart.svg
        );
        assert!(chart.svg.contains("width=\"100%\" role=\"img\""));
        assert!(chart.svg.contains(&format!("<title>{}: ", chart.title)));
        assert!(chart.svg.contains("<text"));
        let root = chart.svg.lines().next().unwrap_or_default();
        assert!(!root.contains("height"), "fixed height in {root}");
    }
    assert!(
        charts[0]
            .svg
            .contains("<title>Orders per hour: 8 queued, 8 made, busiest 10:00</title>")
    );
    assert!(charts[0].svg.contains("09:00"));
}

#[test]
fn an_empty_report_draws_four_empty_charts() {
    let charts = draw(&Report::default());
    assert_eq!(charts.len(), 4);
    for chart in &charts {
        assert!(chart.svg.contains("No orders"), "{}", chart.svg);
        assert!(chart.svg.contains(": no orders</title>"));
    }
}

#[test]
fn names_are_escaped() {
    let charts = draw(&morning(&[r#"<b>"Tea & Co"</b>"#]));
    for chart in &charts {
        assert!(!chart.svg.contains("<b>"), "{}", chart.svg);
        assert!(!chart.svg.contains("& Co"));
    }
    assert!(
        charts[1]
            .svg
            .contains("&lt;b&gt;&quot;Tea &amp; Co&quot;&lt;/b&gt;")
    );
}

#[test]
fn hours_of_several_days_carry_their_day() {
    let mut report = morning(&[]);
    assert_eq!(hour_label("2026-12-04T09:00:00+01:00", &report), "09:00");
    report.to = "2026-12-05".into();
    assert_eq!(
        hour_label("2026-12-04T09:00:00+01:00", &report),
        "12-04 09:00"
    );
    assert!(draw(&report)[0].svg.contains("12-04 10:00"));
}

#[test]
fn a_failed_drawing_leaves_a_note() {
    let chart = picture("Broken", "nothing", HEIGHT, |_| Err("no ink".into()));
    assert!(chart.svg.contains("<title>Broken: nothing</title>"));
    assert!(chart.svg.contains("This chart could not be drawn."));
    assert!(chart.svg.trim_end().ends_with("</svg>"));
}

#[test]
fn long_names_are_cut_short() {
    assert_eq!(shorten("Oat\nmilk"), "Oat milk");
    assert_eq!(shorten(&"é".repeat(30)), format!("{}…", "é".repeat(24)));
}
