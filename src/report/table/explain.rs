//! `--explain`: the whole trace (DESIGN §3 step 6) as tables — the weights with every
//! factor and its rule, then for every pattern the base rating, each delta with its
//! rule and reason, the final rating, the weight and the contribution to the score.

use crate::report::labels::Labels;
use std::fmt::Write as _;

use comfy_table::CellAlignment;

use super::{cell, new_table, section};
use crate::model::answers::format_number;
use crate::report::{RenderOptions, Report, format_score};

/// Appends the explanation tables.
pub(super) fn render(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);

    section(out, l.weights_long);
    let mut table = new_table(options);
    table.set_header(vec![l.criterion, l.base, l.factors, l.weight, l.share]);
    for c in &report.criteria {
        let factors = if c.factors.is_empty() {
            "-".to_owned()
        } else {
            c.factors.iter().map(|f| format!("×{} {}", format_number(f.value), f.rule)).collect::<Vec<_>>().join("\n")
        };
        table.add_row(vec![
            cell(&c.name),
            cell(format_number(c.base_weight)).set_alignment(CellAlignment::Right),
            cell(factors),
            cell(format!("{:.3}", c.weight)).set_alignment(CellAlignment::Right),
            cell(format!("{:.1}%", c.share * 100.0)).set_alignment(CellAlignment::Right),
        ]);
    }
    let _ = writeln!(out, "{table}");

    for p in &report.ranking {
        let heading = match p.score {
            Some(score) => format!("{}: {} = {}", p.name, l.score_word, format_score(score)),
            None => format!("{}: {}", p.name, l.excluded_not_counted),
        };
        section(out, &heading);
        let mut table = new_table(options);
        table.set_header(vec![l.criterion, l.base, l.changes_rule, l.rating, l.weight, l.points]);
        for c in &report.criteria {
            let Some(score) = p.criteria.get(&c.id) else { continue };
            let changes = if score.deltas.is_empty() {
                "-".to_owned()
            } else {
                score.deltas.iter().map(|d| format!("{:+} {}", d.value, d.rule)).collect::<Vec<_>>().join("\n")
            };
            let clamped = score.base + score.deltas.iter().map(|d| d.value).sum::<f64>() != score.rating;
            let rating = if score.money.is_some() {
                crate::report::format_rating(score)
            } else if clamped {
                format!("{} {}", crate::report::format_rating_value(score.rating), l.clamped)
            } else {
                crate::report::format_rating_value(score.rating)
            };
            table.add_row(vec![
                cell(&c.name),
                cell(if score.money.is_some() { "-".to_owned() } else { format_number(score.base) })
                    .set_alignment(CellAlignment::Right),
                cell(changes),
                cell(rating).set_alignment(CellAlignment::Right),
                cell(format!("{:.3}", score.weight)).set_alignment(CellAlignment::Right),
                cell(format!("{:.2}", score.contribution)).set_alignment(CellAlignment::Right),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    let _ = writeln!(out, "{}", l.points_formula);
}
