//! One self-contained HTML file of a [`Report`], a [`CompareReport`] and a
//! [`VersusReport`]: inline CSS and an inline SVG chart; no script, font, image or
//! anything else from the network, so it can be mailed, archived or opened offline.
//!
//! The markup lives in `templates/html/` (askama). The engine HTML-escapes every
//! expression, so rule text and answers can never become markup (STYLE 16). These
//! modules only turn a report into view data — formatted numbers, rows, chart
//! coordinates — one page type per view, and must not build HTML from strings.
//!
//! [`Report`]: super::Report
//! [`CompareReport`]: super::compare::CompareReport
//! [`VersusReport`]: super::versus::VersusReport

mod chart;
mod compare;
mod cost;
mod recommend;
mod versus;

use askama::Template;

use self::chart::color;
use super::ExclusionReport;

pub use compare::render_compare;
pub use cost::render_cost;
pub use recommend::render;
pub use versus::render_versus;

/// The tool version and rule set in the footer of every page.
struct Footer<'a> {
    tool_version: &'a str,
    rules_digest: &'a str,
}

/// A reason a pattern is excluded.
struct Exclusion<'a> {
    name: &'a str,
    reason: &'a ExclusionReport,
}

/// A pattern as a column header.
struct Column<'a> {
    name: &'a str,
    color: &'static str,
    excluded: bool,
}

/// Column headers keyed to the chart's colours, in chart order.
fn columns<'a>(patterns: impl Iterator<Item = (&'a str, bool)>) -> Vec<Column<'a>> {
    patterns.enumerate().map(|(i, (name, excluded))| Column { name, color: color(i), excluded }).collect()
}

/// Renders a page. Rendering into a `String` fails only if a `Display` impl does,
/// and none of the view's does; an empty document would then show the bug.
fn to_string(page: &impl Template) -> String {
    let mut text = page.render().unwrap_or_default();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests;
