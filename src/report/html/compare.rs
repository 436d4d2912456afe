//! The page of `compare --format html` (`templates/html/compare.html`).

use askama::Template;

use super::chart::{Chart, Series};
use super::{Column, Exclusion, Footer, columns, to_string};
use crate::model::Lang;
use crate::model::answers::format_number;
use crate::report::compare::{CompareReport, PatternColumn};
use crate::report::{RenderOptions, format_score};

/// A criterion of the comparison, with one cell per pattern.
struct CompareRowView<'a> {
    name: &'a str,
    description: &'a str,
    weight: String,
    cells: Vec<CompareCellView<'a>>,
}

struct CompareCellView<'a> {
    pattern: &'a str,
    /// The rating, with the points in the weighted view.
    shown: String,
    base: String,
    changed_by: &'a [String],
    excluded: bool,
    reason: &'a str,
    source: &'a str,
}

#[derive(Template)]
#[template(path = "html/compare.html", whitespace = "minimize")]
struct ComparePage<'a> {
    lang: Lang,
    title: String,
    footer: Footer<'a>,
    weighted: bool,
    patterns: &'a [PatternColumn],
    columns: Vec<Column<'a>>,
    chart: Chart,
    rows: Vec<CompareRowView<'a>>,
    /// The scores row of the weighted view.
    scores: Option<Vec<Option<String>>>,
    excluded: Vec<Exclusion<'a>>,
    sources: &'a [crate::model::Source],
}

/// Renders the side-by-side comparison.
pub fn render_compare(report: &CompareReport, _options: &RenderOptions) -> String {
    let lang = report.lang;
    let names: Vec<&str> = report.criteria.iter().map(|c| c.name.as_str()).collect();
    let series: Vec<Series<'_>> = report
        .patterns
        .iter()
        .map(|p| Series {
            name: &p.name,
            excluded: p.excluded,
            ratings: report
                .criteria
                .iter()
                .map(|row| row.cells.iter().find(|c| c.pattern == p.id).map_or(0.0, |c| c.rating))
                .collect(),
        })
        .collect();
    let rows = report
        .criteria
        .iter()
        .map(|row| CompareRowView {
            name: &row.name,
            description: &row.description,
            weight: format!("{:.2}", row.weight),
            cells: row
                .cells
                .iter()
                .map(|c| CompareCellView {
                    pattern: report.patterns.iter().find(|p| p.id == c.pattern).map_or(&c.pattern, |p| &p.name),
                    shown: match c.contribution {
                        Some(points) => format!("{} ({points:.1})", crate::report::format_rating_value(c.rating)),
                        None => crate::report::format_rating_value(c.rating),
                    },
                    base: format_number(c.base),
                    changed_by: &c.changed_by,
                    excluded: report.patterns.iter().any(|p| p.id == c.pattern && p.excluded),
                    reason: &c.reason,
                    source: &c.source,
                })
                .collect(),
        })
        .collect();
    let page = ComparePage {
        lang,
        title: lang.pick("Container platform patterns compared", "コンテナ基盤パターンの比較").to_owned(),
        footer: Footer { tool_version: &report.tool_version, rules_digest: &report.rules_digest },
        weighted: report.weighted,
        sources: &report.sources,
        patterns: &report.patterns,
        columns: columns(report.patterns.iter().map(|p| (p.name.as_str(), p.excluded))),
        chart: Chart::new(&names, &series, lang),
        rows,
        scores: report.weighted.then(|| report.patterns.iter().map(|p| p.score.map(format_score)).collect()),
        excluded: report
            .patterns
            .iter()
            .flat_map(|p| p.excluded_because.iter().map(|reason| Exclusion { name: &p.name, reason }))
            .collect(),
    };
    to_string(&page)
}
