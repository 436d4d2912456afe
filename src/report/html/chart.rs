//! The geometry of the ratings chart: grouped horizontal bars, one group per criterion
//! and one bar per pattern, on the 0–5 rating axis, with a legend above.
//!
//! This module computes coordinates, colours and the (plain) texts of labels and
//! tooltips; `templates/html/chart.html` draws them and escapes every text. It must
//! not produce markup.

use std::fmt;

use crate::model::Lang;

/// Okabe–Ito colours: told apart with the common colour-vision deficiencies and in
/// greyscale print by lightness; yellow last because it is faint on white.
const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];

/// The colour of the `index`-th pattern, in the chart and in the tables that refer to it.
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}", self.0)
    }
}

/// One pattern's ratings, one per criterion in chart order.
pub(super) struct Series<'a> {
    /// Display name.
    pub(super) name: &'a str,
    /// Ruled out by a hard constraint (drawn faded and dashed).
    pub(super) excluded: bool,
    /// Ratings 1..5, one per criterion.
    pub(super) ratings: Vec<f64>,
}

/// A bar.
#[derive(Debug)]
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
#[derive(Debug)]
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
#[derive(Debug)]
pub(super) struct Tick {
    pub(super) x: Px,
    pub(super) label: String,
}

/// A legend entry.
#[derive(Debug)]
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
#[derive(Debug)]
pub(super) struct Chart {
    pub(super) width: Px,
    pub(super) height: Px,
    /// Accessible name and visible caption.
    pub(super) title: String,
    /// Accessible description of how to read it.
    pub(super) description: String,
    pub(super) label_x: Px,
    pub(super) plot_left: Px,
    pub(super) plot_top: Px,
    pub(super) plot_bottom: Px,
    pub(super) tick_label_y: Px,
    pub(super) axis_label: String,
    pub(super) axis_label_x: Px,
    pub(super) axis_label_y: Px,
    pub(super) ticks: Vec<Tick>,
    pub(super) groups: Vec<Group>,
    pub(super) legend: Vec<LegendItem>,
}

impl Chart {
    /// Lays out the bars of `series` over `criteria` (names, in order).
    pub(super) fn new(criteria: &[&str], series: &[Series<'_>], lang: Lang) -> Self {
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
                let label = if s.excluded {
                    format!("{}{}", s.name, lang.pick(" (excluded)", "（除外）"))
                } else {
                    s.name.to_owned()
                };
                LegendItem {
                    x: Px(left),
                    y: Px(top),
                    text_x: Px(left + 18.0),
                    text_y: Px(top + 11.0),
                    color: color(i),
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
                            color: color(p),
                            excluded: s.excluded,
                            title: format!("{} — {}{}{value}", s.name, name, lang.pick(": ", "：")),
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
            title: lang
                .pick(
                    "Ratings by criterion and pattern (1 is worst, 5 is best)",
                    "評価軸・パターンごとの評価（1 が最低、5 が最高）",
                )
                .to_owned(),
            description: lang
                .pick(
                    "Grouped bars: one group per criterion, one bar per pattern, longer is better. \
                     Faded, dashed bars belong to excluded patterns.",
                    "評価軸ごとにパターン別の棒を並べた。長いほど良い。薄い破線の棒は除外されたパターン。",
                )
                .to_owned(),
            label_x: Px(plot_left - 8.0),
            plot_left: Px(plot_left),
            plot_top: Px(plot_top),
            plot_bottom: Px(plot_bottom),
            tick_label_y: Px(plot_bottom + 16.0),
            axis_label: lang.pick("Rating (1 worst – 5 best)", "評価（1 が最低、5 が最高）").to_owned(),
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

    fn series<'a>(name: &'a str, excluded: bool, ratings: &[f64]) -> Series<'a> {
        Series { name, excluded, ratings: ratings.to_vec() }
    }

    #[test]
    fn one_bar_per_pattern_and_criterion_scaled_to_the_rating() {
        let chart = Chart::new(
            &["Cost", "Learning cost", "Portability"],
            &[series("A", false, &[5.0, 1.0, 3.0]), series("B", true, &[4.456_023_556, 4.0, 2.5])],
            Lang::En,
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
        let chart = Chart::new(&[&long], &[series("A", false, &[3.0])], Lang::Ja);
        assert!(chart.plot_left.0 <= MAX_LABEL + 16.0);
        assert_eq!(chart.groups[0].name, long);
    }
}
