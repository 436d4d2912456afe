//! The cost estimate as Markdown: totals with their capacity, node reservations, the
//! break-even, every line with its source, the notes and the sources; and the trace of
//! the money ratings.

use std::fmt::Write as _;

use super::{cell, inline, table_head, table_row};
use crate::engine::money::COST_CRITERION;
use crate::model::Lang;
use crate::report::Report;
use crate::report::cost::CostReport;
use crate::report::cost::text::{usd, workload_line};

/// Appends the cost section under a heading of the given level (`##`, `###`).
pub(crate) fn section(out: &mut String, cost: &CostReport, lang: Lang, level: &str) {
    let t = |en, ja| lang.pick(en, ja);
    let _ = writeln!(out, "\n{level} {}\n", t("Monthly cost estimate (USD)", "月額コストの試算（USD）"));
    let _ = writeln!(out, "{}\n\n{}\n", inline(&cost.heading_line(lang)), inline(&workload_line(&cost.workload, lang)));
    table_head(
        out,
        &[t("Pattern", "パターン"), t("USD/month", "USD/月"), t("Capacity", "キャパシティ")],
        &[false, true, false],
    );
    for p in &cost.patterns {
        table_row(
            out,
            &[
                cell(&cost.name_marked(&p.pattern, &p.name, lang)),
                cost.monthly(&p.pattern).map_or_else(|| "-".to_owned(), usd),
                cell(&cost.capacity_text(&p.pattern, p.orchestrator, lang)),
            ],
        );
    }
    let _ = writeln!(out);
    for line in cost.reserve_lines(lang) {
        let _ = writeln!(out, "- {}", inline(&line));
    }
    for text in cost.break_even_lines(lang) {
        let _ = writeln!(out, "- {}", inline(&text));
    }
    let _ = writeln!(out, "\n{level}# {}\n", t("Cost lines", "コストの内訳"));
    table_head(
        out,
        &[t("Pattern", "パターン"), t("Line", "項目"), t("USD/month", "USD/月"), t("Source", "出典")],
        &[false, false, true, false],
    );
    for line in &cost.lines {
        table_row(
            out,
            &[
                cell(cost.name(&line.pattern)),
                cell(&line.description),
                usd(line.monthly_usd),
                cell(&CostReport::line_source(line, lang)),
            ],
        );
    }
    if !cost.notes.is_empty() {
        let _ = writeln!(out, "\n{level}# {}\n", t("Cost notes", "コストに関する注記"));
        for note in &cost.notes {
            let patterns =
                if note.patterns.is_empty() { t("all", "すべて").to_owned() } else { note.patterns.join(", ") };
            let _ = writeln!(out, "- **{}**: {}", inline(&patterns), inline(&note.text));
        }
    }
    let _ = writeln!(out, "\n{level}# {}\n", t("Price sources", "価格の出典"));
    for source in &cost.sources {
        let _ = writeln!(out, "- {}", inline(source));
    }
}

/// Appends how the `cost` ratings came from money (DESIGN §3 steps 5 and 6).
pub(crate) fn money_section(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    let rows: Vec<_> = report
        .ranking
        .iter()
        .filter_map(|p| p.criteria.get(COST_CRITERION).and_then(|c| c.money.as_ref().map(|m| (p, c, m))))
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{}\n",
        t(
            "The cost rating comes from the estimate: 1 + 4 × cheapest / monthly; rule changes on cost are not applied.",
            "コストの評価は見積もりから求めた（1 + 4 × 最安 / 月額）。コストへのルールによる増減は適用しない。"
        )
    );
    table_head(
        out,
        &[
            t("Pattern", "パターン"),
            t("USD/month", "USD/月"),
            t("Rating", "評価"),
            t("Rule changes not applied", "適用しないルールの増減"),
        ],
        &[false, true, false, false],
    );
    for (pattern, score, money) in rows {
        let deltas: Vec<String> = score.deltas.iter().map(|d| format!("`{}` ({:+})", d.rule, d.value)).collect();
        table_row(
            out,
            &[
                cell(&pattern.name),
                usd(money.monthly_usd),
                format!("1 + 4 × {} / {} = {:.2}", usd(money.cheapest_usd), usd(money.monthly_usd), score.rating),
                if deltas.is_empty() { "-".into() } else { deltas.join(", ") },
            ],
        );
    }
}
