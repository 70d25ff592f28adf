//! The report's charts, drawn on the server as SVG pictures that scale with the page,
//! name themselves to screen readers and keep their series apart without colour vision.

use std::{cmp::Reverse, error::Error};

use plotters::chart::MeshStyle;
use plotters::coord::types::RangedCoordi32;
use plotters::coord::{Shift, combinators::WithKeyPoints, ranged1d::ValueFormatter};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::model::{Chart, HourCount, Report};

/// Every chart's width, and the height of those that do not grow with their data.
const WIDTH: u32 = 720;
const HEIGHT: u32 = 320;
/// The height each bar of a ranking adds to its chart.
const BAR_HEIGHT: u32 = 36;
/// The most bars a ranking shows.
const RANKED: usize = 10;
/// The most characters of a name a ranking shows.
const NAME_CHARS: usize = 24;
/// An hour's or a bar's share of its axis: ticks fall on its multiples.
const SLOT: i32 = 100;
/// Text size as plotters takes it; the SVG says 1/1.24 of it, 15 px.
const TEXT: f64 = 18.6;

// Okabe–Ito colours, apart in every kind of colour blindness; ink and grid in greys.
const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
const AXIS: RGBColor = RGBColor(0x76, 0x76, 0x76);
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);

/// A picture's body when its drawing fails.
const FAILED: &str = "<text x=\"50%\" y=\"50%\" text-anchor=\"middle\" \
    font-family=\"sans-serif\" font-size=\"16\">This chart could not be drawn.</text>\n</svg>\n";

/// The whole picture, in pixels from its top left corner.
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), Box<dyn Error>>;

/// The report's charts, drawn as SVG: orders per hour, drinks and choices ranked, the wait over the day.
pub fn draw(report: &Report) -> Vec<Chart> {
    let drinks = report.by_drink.iter().map(|d| (d.name.as_str(), d.count));
    let choices = report.by_choice.iter().map(|c| (c.name.as_str(), c.count));
    vec![
        orders_per_hour(report),
        ranked("Drinks made", drinks.collect(), BLUE),
        ranked("Choices made", choices.collect(), GREEN),
        wait_over_the_day(report),
    ]
}

/// Orders queued and made in each hour, side by side.
fn orders_per_hour(report: &Report) -> Chart {
    let hours = &report.by_hour;
    let labels: Vec<String> = hours.iter().map(|h| hour_label(&h.hour, report)).collect();
    let queued: u32 = hours.iter().map(|h| h.queued).sum();
    let made: u32 = hours.iter().map(|h| h.ready).sum();
    let summary = match hours.iter().zip(&labels).rev().max_by_key(|p| p.0.queued) {
        Some((_, busiest)) => format!("{queued} queued, {made} made, busiest {busiest}"),
        None => "no orders".to_owned(),
    };
    let most = hours.iter().map(|h| h.queued.max(h.ready)).max();
    picture("Orders per hour", &summary, HEIGHT, |root| {
        let y = 0..headroom(most.unwrap_or(0), 2);
        let mut chart = frame(root, 64).build_cartesian_2d(hour_axis(&labels), y)?;
        let label = |x: &i32| nth(&labels, x / SLOT);
        let mut mesh = chart.configure_mesh();
        style(&mut mesh).disable_x_mesh().x_label_formatter(&label);
        mesh.x_desc("Hour").y_desc("Orders").draw()?;
        let bars = |count: fn(&HourCount) -> u32, shift: i32, colour: RGBColor| {
            hours.iter().enumerate().map(move |(i, h)| {
                let x = i as i32 * SLOT + shift;
                Rectangle::new([(x, 0), (x + 36, count(h))], colour.filled())
            })
        };
        let queued = chart.draw_series(bars(|h| h.queued, -38, ORANGE))?;
        queued.label("Queued").legend(swatch(ORANGE));
        let made = chart.draw_series(bars(|h| h.ready, 2, BLUE))?;
        made.label("Made").legend(swatch(BLUE));
        finish(root, &mut chart, hours.is_empty(), true)
    })
}

/// The biggest counts, most first at the top, each bar named and its count at its end.
fn ranked(title: &str, mut counts: Vec<(&str, u32)>, colour: RGBColor) -> Chart {
    counts.sort_by_key(|(_, count)| Reverse(*count));
    let total: u32 = counts.iter().map(|(_, count)| count).sum();
    let summary = match counts.first() {
        Some((name, count)) => format!("{total} in all, most {name} ({count})"),
        None => "no orders".to_owned(),
    };
    counts.truncate(RANKED);
    let bars = counts.len();
    let names: Vec<String> = counts.iter().map(|(name, _)| shorten(name)).collect();
    let widest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let most = counts.first().map_or(0, |(_, count)| *count);
    let height = (bars as u32 * BAR_HEIGHT + 76).max(160);
    picture(title, &summary, height, |root| {
        // The first bar sits highest on the axis.
        let y = |rank: usize| (bars - 1 - rank) as i32 * SLOT;
        let mut chart = frame(root, (widest as u32 * 8 + 24).clamp(64, 240))
            .margin_right(40)
            .build_cartesian_2d(0..headroom(most, 5), slots(bars, 1))?;
        let label = |at: &i32| nth(&names, bars as i32 - 1 - at / SLOT);
        let mut mesh = chart.configure_mesh();
        style(&mut mesh).disable_y_mesh().y_label_formatter(&label);
        mesh.x_desc("Orders made").draw()?;
        let at_end = text(TEXT).pos(Pos::new(HPos::Left, VPos::Center));
        for (rank, &(_, count)) in counts.iter().enumerate() {
            let bar = Rectangle::new([(0, y(rank) - 32), (count, y(rank) + 32)], colour.filled());
            let label = Text::new(count.to_string(), (6, 0), at_end.clone());
            chart.draw_series([bar])?;
            chart.draw_series([EmptyElement::at((count, y(rank))) + label])?;
        }
        finish(root, &mut chart, bars == 0, false)
    })
}

/// The median and 90th percentile wait of the orders made in each hour, in minutes.
fn wait_over_the_day(report: &Report) -> Chart {
    let hours = &report.wait_by_hour;
    let labels: Vec<String> = hours.iter().map(|h| hour_label(&h.hour, report)).collect();
    let points = |wait: fn(&_) -> u32| -> Vec<(i32, f64)> {
        let minutes = hours.iter().map(|h| minutes(wait(h)));
        (0..).step_by(SLOT as usize).zip(minutes).collect()
    };
    let (median, p90) = (points(|h| h.p50), points(|h| h.p90));
    let (p50_all, p90_all) = (minutes(report.wait_s.p50), minutes(report.wait_s.p90));
    let summary = match hours.iter().zip(&labels).rev().max_by_key(|p| p.0.p90) {
        Some((_, slowest)) => {
            format!("median {p50_all:.1} min, 90th percentile {p90_all:.1} min, slowest {slowest}")
        }
        None => "no orders".to_owned(),
    };
    let longest = p90.iter().chain(&median).map(|p| p.1).fold(0.0, f64::max);
    picture("Wait over the day", &summary, HEIGHT, |root| {
        let y = 0.0..(longest * 1.5).max(5.0);
        let mut chart = frame(root, 64).build_cartesian_2d(hour_axis(&labels), y)?;
        let label = |x: &i32| nth(&labels, x / SLOT);
        let whole = |y: &f64| format!("{y:.0}");
        let mut mesh = chart.configure_mesh();
        style(&mut mesh).disable_x_mesh().x_label_formatter(&label);
        mesh.y_label_formatter(&whole)
            .x_desc("Hour")
            .y_desc("Minutes")
            .draw()?;
        let (solid, dashed) = (BLUE.stroke_width(3), VERMILLION.stroke_width(3));
        let line = chart.draw_series([PathElement::new(median.clone(), solid)])?;
        line.label("Median")
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], solid));
        let line = chart.draw_series([DashedPathElement::new(p90.clone(), 8, 5, dashed)])?;
        line.label("90th percentile")
            .legend(move |(x, y)| DashedPathElement::new([(x, y), (x + 24, y)], 8, 5, dashed));
        chart.draw_series(median.iter().map(|&p| Circle::new(p, 5, BLUE.filled())))?;
        let triangle = |&p| TriangleMarker::new(p, 7, VERMILLION.filled());
        chart.draw_series(p90.iter().map(triangle))?;
        finish(root, &mut chart, hours.is_empty(), true)
    })
}

/// A chart's SVG: drawn by `paint`, or a note when that fails; named to screen readers and
/// as wide as its container.
fn picture(title: &str, summary: &str, height: u32, paint: impl FnOnce(&Area) -> Drawn) -> Chart {
    let mut svg = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let painted = root
            .fill(&WHITE)
            .map_err(Box::from)
            .and_then(|()| paint(&root));
        painted.and_then(|()| Ok(root.present()?))
    };
    let body = match (drawn, svg.split_once('>')) {
        (Ok(()), Some((_, body))) => body.to_owned(),
        _ => FAILED.to_owned(),
    };
    let svg = format!(
        "<svg viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}: {}</title>\n{body}",
        escape(title),
        escape(summary)
    );
    let title = title.to_owned();
    Chart { title, svg }
}

/// The chart's frame: margins, and room for the axes' labels.
fn frame<'a, 'b>(root: &'a Area<'b>, y_labels: u32) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(root);
    builder.margin(16).margin_right(24);
    builder.x_label_area_size(56).y_label_area_size(y_labels);
    builder
}

/// The look every chart's axes share: a light grid and readable labels.
fn style<'m, 'a, 'b, X, Y>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, SVGBackend<'a>>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, SVGBackend<'a>>
where
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    mesh.bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS);
    mesh.label_style(text(TEXT))
        .axis_desc_style(text(TEXT))
        .y_labels(6)
}

/// An empty chart's "No orders", centred; otherwise its legend, top right, if it has one.
fn finish<'a, CT>(
    root: &Area,
    chart: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    empty: bool,
    legend: bool,
) -> Drawn
where
    CT: CoordTranslate,
{
    if empty {
        let (x, y) = chart.plotting_area().get_pixel_range();
        let at = ((x.start + x.end) / 2, (y.start + y.end) / 2);
        let centre = Pos::new(HPos::Center, VPos::Center);
        root.draw(&Text::new("No orders", at, text(22.0).pos(centre)))?;
    } else if legend {
        let mut labels = chart.configure_series_labels();
        labels
            .position(SeriesLabelPosition::UpperRight)
            .margin(12)
            .label_font(text(TEXT));
        labels
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .draw()?;
    }
    Ok(())
}

/// One tick per hour, fewer when their labels would not fit side by side.
fn hour_axis(labels: &[String]) -> WithKeyPoints<RangedCoordi32> {
    let chars = labels.first().map_or(5, String::len);
    let fit = (WIDTH as usize - 120) / (chars * 8 + 12);
    slots(labels.len(), labels.len().div_ceil(fit.max(1)).max(1))
}

/// An axis of `count` slots (one at least), with a tick on every `step`th.
fn slots(count: usize, step: usize) -> WithKeyPoints<RangedCoordi32> {
    let ticks = (0..count).step_by(step).map(|i| i as i32 * SLOT).collect();
    (-SLOT / 2..count.max(1) as i32 * SLOT - SLOT / 2).with_key_points(ticks)
}

/// Room past the biggest count, a `share`th of it, for the legend or the count's label;
/// never an empty range.
fn headroom(most: u32, share: u32) -> u32 {
    most.saturating_add(most / share + 1).max(4)
}

/// The label of a slot.
fn nth(labels: &[String], slot: i32) -> String {
    let label = usize::try_from(slot).ok().and_then(|i| labels.get(i));
    label.cloned().unwrap_or_default()
}

/// A legend's colour square.
fn swatch(colour: RGBColor) -> impl Fn((i32, i32)) -> Rectangle<(i32, i32)> {
    move |(x, y)| Rectangle::new([(x, y - 7), (x + 16, y + 7)], colour.filled())
}

/// The charts' text style at `size`.
fn text(size: f64) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// An hour's label, "09:00", with its day, "12-04 09:00", when the report spans several.
fn hour_label(hour: &str, report: &Report) -> String {
    let several_days = report.from != report.to;
    let label = hour.get(if several_days { 5..16 } else { 11..16 });
    label.map_or_else(|| hour.to_owned(), |label| label.replacen('T', " ", 1))
}

/// A name fit for a bar's label: on one line, and cut short when long.
fn shorten(name: &str) -> String {
    let name = one_line(name);
    match name.char_indices().nth(NAME_CHARS) {
        Some((cut, _)) => format!("{}…", name[..cut].trim_end()),
        None => name,
    }
}

/// Text with its control characters, line breaks included, made spaces.
fn one_line(text: &str) -> String {
    let visible = |c: char| if c.is_control() { ' ' } else { c };
    text.chars().map(visible).collect()
}

/// Text made safe inside an XML element.
fn escape(text: &str) -> String {
    let text = one_line(text).replace('&', "&amp;").replace('<', "&lt;");
    text.replace('>', "&gt;").replace('"', "&quot;")
}

/// Seconds, in minutes.
fn minutes(seconds: u32) -> f64 {
    f64::from(seconds) / 60.0
}

#[cfg(test)]
mod tests;
