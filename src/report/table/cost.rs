//! The cost estimate as terminal tables: totals with the capacity behind them, the
//! per-node reservations, the break-even, every line with its source, the notes and
//! the sources; and the trace of the money ratings. Lays out data only.

use crate::report::labels::Labels;
use std::fmt::Write as _;

use comfy_table::CellAlignment;

use super::{answers_table, cell, new_table, section};
use crate::model::Lang;
use crate::report::cost::CostReport;
use crate::report::cost::text::{usd, workload_line};
use crate::report::{CostOnlyReport, RenderOptions, Report};

/// Renders the `cost` command's report: the estimate and the answers used.
pub fn render_cost(report: &CostOnlyReport, options: &RenderOptions) -> String {
    let mut out = String::new();
    cost_section(&mut out, &report.cost, report.lang, options);
    answers_table(&mut out, &report.answer_lines, report.lang, options);
    let _ = writeln!(out, "{}: {}", report.lang.pick("Rule set", "ルールセット"), report.rules_digest);
    // The section starts with a blank line; the command's output does not.
    out.trim_start_matches('\n').to_owned()
}

/// The estimate: totals with the capacity behind them, the break-even, every line with
/// its source, the notes and the sources.
pub(super) fn cost_section(out: &mut String, cost: &CostReport, lang: Lang, options: &RenderOptions) {
    let l = Labels::get(lang);
    section(out, l.cost_estimate);
    let _ = writeln!(out, "{}", cost.heading_line(lang));
    let _ = writeln!(out, "{}", workload_line(&cost.workload, lang));
    let mut table = new_table(options);
    table.set_header(vec![l.pattern, l.usd_month, l.capacity]);
    for p in &cost.patterns {
        table.add_row(vec![
            cell(cost.name_marked(&p.pattern, &p.name, lang)),
            cell(cost.monthly(&p.pattern).map_or_else(|| "-".to_owned(), usd)).set_alignment(CellAlignment::Right),
            cell(cost.capacity_text(&p.pattern, p.orchestrator, lang)),
        ]);
    }
    let _ = writeln!(out, "{table}");
    for line in cost.reserve_lines(lang) {
        let _ = writeln!(out, "{line}");
    }
    for text in cost.break_even_lines(lang) {
        let _ = writeln!(out, "{text}");
    }
    cost_lines(out, cost, lang, options);
    notes_and_sources(out, cost, lang, options);
}

fn notes_and_sources(out: &mut String, cost: &CostReport, lang: Lang, options: &RenderOptions) {
    let l = Labels::get(lang);
    if !cost.notes.is_empty() {
        section(out, l.cost_notes);
        let mut table = new_table(options);
        table.set_header(vec![l.patterns, l.note]);
        for note in &cost.notes {
            let patterns = if note.patterns.is_empty() {
                l.all_patterns.to_owned()
            } else {
                note.patterns.iter().map(|id| cost.name(id)).collect::<Vec<_>>().join(", ")
            };
            table.add_row(super::cells([patterns, note.text.clone()]));
        }
        let _ = writeln!(out, "{table}");
    }
    section(out, l.price_sources);
    for source in &cost.sources {
        let _ = writeln!(out, "- {source}");
    }
}

fn cost_lines(out: &mut String, cost: &CostReport, lang: Lang, options: &RenderOptions) {
    let l = Labels::get(lang);
    section(out, l.cost_lines);
    let mut table = new_table(options);
    table.set_header(vec![l.pattern, l.line, l.usd_month, l.source]);
    for line in &cost.lines {
        table.add_row(vec![
            cell(cost.name(&line.pattern)),
            cell(&line.description),
            cell(usd(line.monthly_usd)).set_alignment(CellAlignment::Right),
            cell(CostReport::line_source(line, lang)),
        ]);
    }
    let _ = writeln!(out, "{table}");
}

/// The trace of the money ratings (DESIGN §3 steps 5 and 6).
pub(super) fn money_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    let rows: Vec<_> = report
        .ranking
        .iter()
        .filter_map(|p| {
            p.criteria.get(crate::engine::money::COST_CRITERION).and_then(|c| c.money.as_ref().map(|m| (p, c, m)))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    section(out, l.cost_rating_formula);
    let mut table = new_table(options);
    table.set_header(vec![l.pattern, l.usd_month, l.rating]);
    for (pattern, score, money) in rows {
        table.add_row(vec![
            cell(&pattern.name),
            cell(usd(money.monthly_usd)).set_alignment(CellAlignment::Right),
            cell(format!("1 + 4 × {} / {} = {:.2}", usd(money.cheapest_usd), usd(money.monthly_usd), score.rating)),
        ]);
    }
    let _ = writeln!(out, "{table}");
}
