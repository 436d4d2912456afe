//! The default terminal result of `recommend`: one screen (at most 40 lines at 100
//! columns, 50 with a cost estimate) with the recommendation, why, how sure, the
//! eligible patterns with their scores (and monthly cost), each exclusion on one line,
//! the most important notes and the way to see everything else.

use crate::report::labels::Labels;
use std::fmt::Write as _;

use comfy_table::{Attribute, CellAlignment, Color, Table, presets};

use super::{cell, for_terminal, note_kind, paragraph, section};
use crate::model::{Lang, NoteKind};
use crate::report::cost::text::usd;
use crate::report::robustness::format_share;
use crate::report::{NoteReport, RenderOptions, Report, format_score};

/// Notes shown on the first screen; the rest are counted.
const NOTES_SHOWN: usize = 3;

/// Renders the one-screen result.
pub(super) fn render(report: &Report, options: &RenderOptions) -> String {
    let lang = report.lang;
    let l = Labels::get(lang);
    let mut out = String::new();
    headline(&mut out, report, options);
    paragraph(&mut out, &report.because, options);
    if let Some(robustness) = &report.robustness {
        paragraph(&mut out, &robustness.verdict, options);
    }
    if let Some(cost) = &report.cost {
        out.push('\n');
        paragraph(&mut out, &format!("{}: {}", l.cost_estimate, cost.heading_line(lang)), options);
    }
    out.push('\n');
    for line in ranking(report, options).to_string().lines() {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    exclusions(&mut out, report, options);
    notes(&mut out, report, options);
    out.push('\n');
    paragraph(&mut out, l.see_everything, options);
    out
}

fn headline(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    let line = match (&report.recommendation.name, report.recommendation.score) {
        (Some(name), Some(score)) => {
            let score = format!("{} {}", l.score_word, format_score(score));
            format!(
                "{}: {}{}",
                l.recommendation,
                for_terminal(name),
                crate::report::markdown::paren(report.lang, &score)
            )
        }
        _ => l.no_recommendation_short.to_owned(),
    };
    if options.color {
        let _ = writeln!(out, "\u{1b}[1;32m{line}\u{1b}[0m");
    } else {
        let _ = writeln!(out, "{line}");
    }
}

/// The eligible patterns, best first: score, share of plausible weightings won, and
/// the monthly cost when priced. No borders: one line per pattern.
fn ranking(report: &Report, options: &RenderOptions) -> Table {
    let l = Labels::get(report.lang);
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    table.set_width(if options.width == 0 { 80 } else { options.width });
    if !options.color {
        table.force_no_tty();
    }
    let priced = report.cost.as_ref();
    let mut header = vec![cell("#"), cell(l.pattern), cell(l.score)];
    if report.robustness.is_some() {
        header.push(cell(l.wins_in_short));
    }
    if priced.is_some() {
        header.push(cell(l.usd_month));
    }
    table.set_header(header);
    for (i, p) in report.ranking.iter().enumerate().filter(|(_, p)| !p.excluded) {
        let mut name = cell(&p.name);
        if i == 0 && options.color {
            name = name.fg(Color::Green).add_attribute(Attribute::Bold);
        }
        let mut row = vec![
            cell(i + 1),
            name,
            cell(p.score.map_or_else(|| "-".to_owned(), format_score)).set_alignment(CellAlignment::Right),
        ];
        if let Some(robustness) = &report.robustness {
            let share = robustness.win_probability.get(&p.pattern).copied().unwrap_or(0.0);
            row.push(cell(format_share(share)).set_alignment(CellAlignment::Right));
        }
        if let Some(cost) = priced {
            let monthly = cost.monthly(&p.pattern).map_or_else(|| l.not_priced.to_owned(), usd);
            row.push(cell(monthly).set_alignment(CellAlignment::Right));
        }
        table.add_row(row);
    }
    table
}

/// One line per excluded pattern: its name and the first rule that rules it out.
fn exclusions(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    let excluded: Vec<_> = report.ranking.iter().filter(|p| p.excluded).collect();
    if excluded.is_empty() {
        return;
    }
    section(out, l.ruled_out);
    for p in excluded {
        let Some(first) = p.excluded_because.first() else { continue };
        let more = p.excluded_because.len() - 1;
        let more = match (more, report.lang) {
            (0, _) => String::new(),
            (n, Lang::En) => format!(" (+{n} more)"),
            (n, Lang::Ja) => format!("（ほか {n} 件）"),
        };
        let line = format!("  {} — {}{more}: {}", p.name, first.rule, first.reason);
        one_line(out, &line, options);
    }
}

/// The notes that matter most — about the recommendation first, risks before
/// mitigations before ideas to consider — one line each, and how many more there are.
fn notes(out: &mut String, report: &Report, options: &RenderOptions) {
    if report.notes.is_empty() {
        return;
    }
    let winner = report.recommendation.pattern.as_deref();
    let rank = |n: &NoteReport| {
        let about_winner = winner.is_some_and(|w| n.patterns.iter().any(|p| p == w));
        let kind = match n.kind {
            NoteKind::Risk => 0,
            NoteKind::Mitigation => 1,
            NoteKind::Consider => 2,
        };
        (!about_winner, kind)
    };
    let mut ordered: Vec<&NoteReport> = report.notes.iter().collect();
    ordered.sort_by_key(|n| rank(n)); // Stable: rule order within a rank.
    let shown = ordered.len().min(NOTES_SHOWN);
    section(
        out,
        &match report.lang {
            Lang::En => format!("Notes for the review ({shown} of {})", ordered.len()),
            Lang::Ja => format!("レビューで確認すべき点（{} 件中 {shown} 件）", ordered.len()),
        },
    );
    for note in &ordered[..shown] {
        let patterns = note.pattern_names.join(", ");
        let line = format!("  {} · {patterns}: {}", note_kind(note.kind, report.lang), note.text);
        one_line(out, &line, options);
    }
    let rest = ordered.len() - shown;
    if rest > 0 {
        let _ = writeln!(
            out,
            "  {}",
            match report.lang {
                Lang::En => format!(
                    "… and {rest} more ({})",
                    if rest == 1 { "--explain shows it" } else { "--explain shows them" }
                ),
                Lang::Ja => format!("…ほか {rest} 件（--explain で表示します）"),
            }
        );
    }
}

/// Text cut to one line of the width, with "…" where it was cut.
fn one_line(out: &mut String, text: &str, options: &RenderOptions) {
    let width = if options.width == 0 { 80 } else { usize::from(options.width) };
    let text = for_terminal(text).replace('\n', " ");
    let lines = textwrap::wrap(&text, width.saturating_sub(1).max(20));
    match lines.as_slice() {
        [] => {}
        [only] => {
            let _ = writeln!(out, "{only}");
        }
        [first, ..] => {
            let _ = writeln!(out, "{}…", first.trim_end());
        }
    }
}
