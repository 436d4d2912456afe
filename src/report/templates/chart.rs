//! The geometry of the ratings chart: grouped horizontal bars, one group per criterion
//! and one bar per pattern, on the 0–5 rating axis, with a legend above.
//!
//! This module computes coordinates, colours and the (plain) texts of labels and
//! tooltips; the template `_chart.html` draws them (`chart(view, t)`) and escapes
//! every text. It must not produce markup.

use std::fmt;

use minijinja::value::Value;
use minijinja::{Error, ErrorKind};
use serde::{Serialize, Serializer};

/// Okabe–Ito colours: told apart with the common colour-vision deficiencies and in
/// greyscale print by lightness; yellow last because it is faint on white.
const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];

/// The colour of a pattern by its fixed colour index (its position in the rules), in
/// every chart and every table that refers to it.
pub(super) fn color(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// Width of the drawing in SVG units (it scales to the page).
const WIDTH: f64 = 880.0;
/// The highest rating.
const MAX_RATING: f64 = 5.0;
/// Font size of the labels.
const FONT: f64 = 12.0;
/// Criterion labels never take more than this width; longer ones are shortened.
const MAX_LABEL: f64 = 260.0;
const LEGEND_ROW: f64 = 20.0;
const LEGEND_COLUMN: f64 = 210.0;
const GROUP_GAP: f64 = 14.0;
const RIGHT_MARGIN: f64 = 28.0;

/// An SVG coordinate, printed with one decimal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Px(pub(super) f64);

impl fmt::Display for Px {
    /// `{:.1}`, which rounds the exact binary value half to even. Away from a tie (every
    /// coordinate but a rare one) ten times the value, rounded, gives the same digits:
    /// its rounding error (under 2⁻²³ below 10⁹) cannot cross the tie when the
    /// fraction is more than 10⁻⁶ from it. That skips the exact formatting, which was
    /// most of the chart's cost; a tie, a negative value (`-0.0`) or a huge one take it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = self.0 * 10.0;
        if self.0.is_sign_positive() && tenths < 1e9 && (tenths.fract() - 0.5).abs() > 1e-6 {
            let n = tenths.round() as u64;
            return write!(f, "{}.{}", n / 10, n % 10);
        }
        write!(f, "{:.1}", self.0)
    }
}

impl Serialize for Px {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One pattern's ratings, one per criterion in chart order.
pub(super) struct Series {
    /// Display name.
    pub(super) name: String,
    /// The pattern's fixed colour index.
    pub(super) color_index: usize,
    /// Ruled out by a hard constraint (drawn faded and dashed).
    pub(super) excluded: bool,
    /// Ratings 1..5, one per criterion.
    pub(super) ratings: Vec<f64>,
}

/// A bar.
#[derive(Debug, Serialize)]
pub(super) struct Bar {
    pub(super) x: Px,
    pub(super) y: Px,
    pub(super) width: Px,
    pub(super) height: Px,
    pub(super) color: &'static str,
    pub(super) excluded: bool,
    /// Tooltip and accessible name: pattern, criterion and rating.
    pub(super) title: String,
    /// The rating as printed after the bar.
    pub(super) value: String,
    pub(super) value_x: Px,
    pub(super) value_y: Px,
}

/// A criterion with its bars.
#[derive(Debug, Serialize)]
pub(super) struct Group {
    /// The criterion name as drawn (shortened if very long).
    pub(super) label: String,
    /// The full name.
    pub(super) name: String,
    pub(super) label_y: Px,
    /// A light band behind every other group, for reading across.
    pub(super) band: Option<(Px, Px)>,
    pub(super) bars: Vec<Bar>,
}

/// A grid line and its label on the rating axis.
#[derive(Debug, Serialize)]
pub(super) struct Tick {
    pub(super) x: Px,
    pub(super) label: String,
}

/// A legend entry.
#[derive(Debug, Serialize)]
pub(super) struct LegendItem {
    pub(super) x: Px,
    pub(super) y: Px,
    pub(super) text_x: Px,
    pub(super) text_y: Px,
    pub(super) color: &'static str,
    pub(super) excluded: bool,
    pub(super) label: String,
}

/// Everything the chart template draws.
#[derive(Debug, Serialize)]
pub(super) struct Chart {
    pub(super) width: Px,
    pub(super) height: Px,
    pub(super) label_x: Px,
    pub(super) plot_left: Px,
    pub(super) plot_top: Px,
    pub(super) plot_bottom: Px,
    pub(super) tick_label_y: Px,
    pub(super) axis_label_x: Px,
    pub(super) axis_label_y: Px,
    pub(super) ticks: Vec<Tick>,
    pub(super) groups: Vec<Group>,
    pub(super) legend: Vec<LegendItem>,
}

impl Chart {
    /// Lays out the bars of `series` over `criteria` (names, in order); `excluded` and
    /// `colon` are the words of the legend and tooltips in the document's language.
    pub(super) fn new(criteria: &[&str], series: &[Series], excluded: &str, colon: &str) -> Self {
        let label_width = criteria.iter().map(|c| text_width(c)).fold(0.0, f64::max).min(MAX_LABEL);
        let plot_left = (label_width + 16.0).max(80.0);
        let plot_right = WIDTH - RIGHT_MARGIN;
        let x = |rating: f64| plot_left + (plot_right - plot_left) * rating.clamp(0.0, MAX_RATING) / MAX_RATING;

        let columns = (((WIDTH - 16.0) / LEGEND_COLUMN).floor() as usize).max(1);
        let legend: Vec<LegendItem> = series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (left, top) = (8.0 + (i % columns) as f64 * LEGEND_COLUMN, 8.0 + (i / columns) as f64 * LEGEND_ROW);
                let label = if s.excluded { format!("{}{excluded}", s.name) } else { s.name.clone() };
                LegendItem {
                    x: Px(left),
                    y: Px(top),
                    text_x: Px(left + 18.0),
                    text_y: Px(top + 11.0),
                    color: color(s.color_index),
                    excluded: s.excluded,
                    label: shorten(&label, LEGEND_COLUMN - 24.0),
                }
            })
            .collect();
        let legend_rows = series.len().div_ceil(columns);

        let plot_top = 8.0 + legend_rows as f64 * LEGEND_ROW + 12.0;
        let bar_height = (48.0 / series.len().max(1) as f64).clamp(5.0, 14.0);
        let pitch = bar_height + 1.0;
        let group_height = series.len() as f64 * pitch + GROUP_GAP;
        let groups: Vec<Group> = criteria
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let top = plot_top + c as f64 * group_height;
                let bars = series
                    .iter()
                    .enumerate()
                    .map(|(p, s)| {
                        let rating = s.ratings.get(c).copied().unwrap_or(0.0);
                        let y = top + GROUP_GAP / 2.0 + p as f64 * pitch;
                        let value = crate::report::format_rating_value(rating);
                        Bar {
                            x: Px(plot_left),
                            y: Px(y),
                            width: Px(x(rating) - plot_left),
                            height: Px(bar_height),
                            color: color(s.color_index),
                            excluded: s.excluded,
                            title: format!("{} — {name}{colon}{value}", s.name),
                            value_x: Px(x(rating) + 4.0),
                            value_y: Px(y + bar_height / 2.0 + 3.5),
                            value,
                        }
                    })
                    .collect();
                Group {
                    label: shorten(name, MAX_LABEL),
                    name: (*name).to_owned(),
                    label_y: Px(top + group_height / 2.0 + 4.0),
                    band: (c % 2 == 1).then_some((Px(top), Px(group_height))),
                    bars,
                }
            })
            .collect();
        let plot_bottom = plot_top + criteria.len() as f64 * group_height;
        let ticks = (1..=5).map(|r| Tick { x: Px(x(f64::from(r))), label: r.to_string() }).collect();
        Chart {
            width: Px(WIDTH),
            height: Px(plot_bottom + 50.0),
            label_x: Px(plot_left - 8.0),
            plot_left: Px(plot_left),
            plot_top: Px(plot_top),
            plot_bottom: Px(plot_bottom),
            tick_label_y: Px(plot_bottom + 16.0),
            axis_label_x: Px(f64::midpoint(plot_left, plot_right)),
            axis_label_y: Px(plot_bottom + 38.0),
            ticks,
            groups,
            legend,
        }
    }

    /// Number of bars (patterns × criteria).
    #[cfg(test)]
    pub(super) fn bar_count(&self) -> usize {
        self.groups.iter().map(|g| g.bars.len()).sum()
    }
}

/// `chart(patterns, criteria, t)`: the geometry of a view's ratings chart, from the
/// `ranking` and `criteria` of a `recommend` report (each pattern's `criteria` by id)
/// or the `patterns` and `criteria` rows of a `compare` report (one cell per pattern).
/// A pattern's colour is its `color_index` when the view has one, else its column.
pub(super) fn chart(patterns: &Value, criteria: &Value, t: &Value) -> Result<Value, Error> {
    let text = |v: Value| v.as_str().map(str::to_owned).unwrap_or_default();
    let number = |v: Value| f64::try_from(v).unwrap_or(0.0);
    let criteria: Vec<Value> = criteria.try_iter()?.collect();
    let names: Vec<String> = criteria.iter().map(|c| c.get_attr("name").map(text)).collect::<Result<_, _>>()?;
    let recommend = patterns.try_iter()?.next().is_some_and(|p| p.get_attr("pattern").is_ok_and(|v| !v.is_undefined()));
    let mut series = Vec::new();
    for (i, p) in patterns.try_iter()?.enumerate() {
        let id = text(p.get_attr(if recommend { "pattern" } else { "id" })?);
        let color_index = p.get_attr("color_index")?;
        let ratings = criteria
            .iter()
            .map(|c| -> Result<f64, Error> {
                if recommend {
                    let criterion = text(c.get_attr("id")?);
                    let score = p.get_attr("criteria").and_then(|c| c.get_attr(&criterion));
                    Ok(score.and_then(|s| s.get_attr("rating")).map_or(0.0, number))
                } else {
                    let cell = c.get_attr("cells")?.try_iter()?.find(|cell| {
                        cell.get_attr("pattern").ok().and_then(|v| v.as_str().map(|s| s == id)).unwrap_or(false)
                    });
                    Ok(cell.map_or(Ok(0.0), |cell| cell.get_attr("rating").map(number))?)
                }
            })
            .collect::<Result<Vec<f64>, Error>>()?;
        series.push(Series {
            name: text(p.get_attr("name")?),
            color_index: usize::try_from(color_index).unwrap_or(i),
            excluded: p.get_attr("excluded")?.is_true(),
            ratings,
        });
    }
    if series.is_empty() && names.is_empty() {
        return Err(Error::new(ErrorKind::InvalidOperation, "`chart` needs a view with criteria and patterns"));
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let chart = Chart::new(&names, &series, &text(t.get_attr("excluded_paren")?), &text(t.get_attr("colon")?));
    Ok(Value::from(minijinja::value::Serde(&chart)))
}

/// East Asian wide and full-width characters take about one em, the rest about 0.6.
fn char_width(c: char) -> f64 {
    let wide = matches!(
        u32::from(c),
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
    );
    if wide { FONT } else { FONT * 0.6 }
}

/// The estimated width of a label (no font metrics without a browser).
fn text_width(text: &str) -> f64 {
    text.chars().map(char_width).sum()
}

/// Shortens text to about `max` wide, ending with `…`; the full text stays in a title.
fn shorten(text: &str, max: f64) -> String {
    if text_width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut width = char_width('…');
    for c in text.chars() {
        width += char_width(c);
        if width > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coordinate_prints_as_the_exact_one_decimal_format_does() {
        let exact = |v: f64| format!("{v:.1}");
        // Ties of the binary value (0.25 is exact: half to even gives 0.2), values next
        // to them, integers, zeros of both signs, big and odd values.
        let mut values = vec![0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 2.45, 12.75, 1e8, 1e9 + 0.05, -3.25, 879.95];
        values.extend([0.25_f64, 12.75, 100.05].iter().flat_map(|&v| [v.next_up(), v.next_down()]));
        // And a deterministic spread of chart-like coordinates.
        let mut x = 0.123_456_789_f64;
        for _ in 0..200_000 {
            x = (x * 997.0 + 0.618_033_988_75).fract();
            values.push(x * 1000.0);
            values.push((x * 20_000.0).round() / 20.0);
        }
        for v in values {
            assert_eq!(Px(v).to_string(), exact(v), "{v:e}");
        }
    }

    fn series(name: &str, excluded: bool, ratings: &[f64]) -> Series {
        Series { name: name.to_owned(), color_index: usize::from(excluded), excluded, ratings: ratings.to_vec() }
    }

    #[test]
    fn one_bar_per_pattern_and_criterion_scaled_to_the_rating() {
        let chart = Chart::new(
            &["Cost", "Learning cost", "Portability"],
            &[series("A", false, &[5.0, 1.0, 3.0]), series("B", true, &[4.456_023_556, 4.0, 2.5])],
            " (excluded)",
            ": ",
        );
        assert_eq!(chart.bar_count(), 6);
        let full = chart.ticks[4].x.0 - chart.plot_left.0;
        let cost_a = &chart.groups[0].bars[0];
        assert!((cost_a.width.0 - full).abs() < 1e-9, "5 fills the axis");
        assert!((chart.groups[1].bars[0].width.0 - full / 5.0).abs() < 1e-9, "1 is a fifth");
        assert_eq!(chart.groups[2].bars[1].value, "2.50");
        assert_eq!(chart.groups[0].bars[1].value, "4.46", "a rating from money shows two decimals");
        assert!(chart.groups[0].bars[1].excluded);
        assert_ne!(cost_a.color, chart.groups[0].bars[1].color);
        assert_eq!(chart.legend[1].label, "B (excluded)");
        assert!(chart.height.0 > chart.plot_bottom.0);
        // Bars of one group do not overlap and stay inside the plot.
        for group in &chart.groups {
            for pair in group.bars.windows(2) {
                assert!(pair[0].y.0 + pair[0].height.0 <= pair[1].y.0);
            }
        }
    }

    #[test]
    fn long_and_wide_labels_are_measured_and_shortened() {
        assert!(text_width("ポータビリティ") > text_width("Portability"));
        let long = "x".repeat(200);
        let short = shorten(&long, MAX_LABEL);
        assert!(short.ends_with('…') && text_width(&short) <= MAX_LABEL);
        assert_eq!(shorten("Cost", MAX_LABEL), "Cost");
        let chart = Chart::new(&[&long], &[series("A", false, &[3.0])], "（除外）", "：");
        assert!(chart.plot_left.0 <= MAX_LABEL + 16.0);
        assert_eq!(chart.groups[0].name, long);
    }
}
