//! Terminal tables (comfy-table) of a [`Report`]: the ranking, the ratings per
//! criterion, exclusions with reasons, the cost estimate, fired rules, notes and the
//! answers used; and of a [`super::CostOnlyReport`] (the `cost` command, in `cost`).

use std::fmt::Write as _;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{AnswerLine, RenderOptions, Report, format_rating, format_score};
use crate::model::{Lang, NoteKind};

mod cost;

pub use cost::render_cost;

/// Renders the report as terminal tables.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let t = |en, ja| report.lang.pick(en, ja);
    let mut out = String::new();
    match (&report.recommendation.name, report.recommendation.score) {
        (Some(name), Some(score)) => {
            let _ = writeln!(
                out,
                "{}: {name} ({} {})",
                t("Recommendation", "推奨"),
                t("score", "スコア"),
                format_score(score)
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "{}",
                t(
                    "No recommendation: every pattern is excluded by a hard constraint.",
                    "推奨なし: すべてのパターンが制約により除外された。"
                )
            );
        }
    }
    ranking_section(&mut out, report, options);
    ratings_section(&mut out, report, options);
    exclusions_section(&mut out, report, options);
    if let Some(cost) = &report.cost {
        cost::cost_section(&mut out, cost, report.lang, options);
        cost::money_section(&mut out, report, options);
    }
    rules_section(&mut out, report, options);
    notes_section(&mut out, report, options);
    answers_section(&mut out, report, options);
    let _ = writeln!(out, "{}: {}", t("Rule set", "ルールセット"), report.rules_digest);
    out
}

fn ranking_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    section(out, t("Ranking", "ランキング"));
    let mut table = new_table(options);
    table.set_header(vec![t("Rank", "順位"), t("Pattern", "パターン"), t("Score", "スコア"), t("Status", "状態")]);
    for (i, p) in report.ranking.iter().enumerate() {
        let (rank, score, status) = match p.score {
            Some(score) => ((i + 1).to_string(), format_score(score), String::new()),
            None => ("-".to_owned(), "-".to_owned(), t("excluded", "除外").to_owned()),
        };
        let mut name = Cell::new(&p.name);
        if i == 0 && p.score.is_some() && options.color {
            name = name.fg(Color::Green).add_attribute(Attribute::Bold);
        }
        table.add_row(vec![
            Cell::new(rank),
            name,
            Cell::new(score).set_alignment(CellAlignment::Right),
            Cell::new(status),
        ]);
    }
    let _ = writeln!(out, "{table}");
}

fn ratings_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    section(
        out,
        t(
            "Ratings by criterion (1 worst – 5 best; change from base in brackets)",
            "評価軸ごとの評価（1 が最低、5 が最高。括弧内はルールによる増減）",
        ),
    );
    let mut table = new_table(options);
    let mut header = vec![Cell::new(t("Criterion", "評価軸")), Cell::new(t("Weight", "重み"))];
    header.extend(report.ranking.iter().map(|p| Cell::new(&p.pattern)));
    table.set_header(header);
    for criterion in &report.criteria {
        let mut row = vec![
            Cell::new(&criterion.name),
            Cell::new(format!("{:.2} ({:.0}%)", criterion.weight, criterion.share * 100.0))
                .set_alignment(CellAlignment::Right),
        ];
        for p in &report.ranking {
            let text = p.criteria.get(&criterion.id).map(format_rating).unwrap_or_default();
            row.push(Cell::new(text).set_alignment(CellAlignment::Right));
        }
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
}

fn exclusions_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    let excluded: Vec<_> = report.ranking.iter().filter(|p| p.excluded).collect();
    if excluded.is_empty() {
        return;
    }
    section(out, t("Excluded patterns", "除外されたパターン"));
    let mut table = new_table(options);
    table.set_header(vec![t("Pattern", "パターン"), t("Rule", "ルール"), t("Reason", "理由")]);
    for p in excluded {
        for e in &p.excluded_because {
            table.add_row(vec![&p.name, &e.rule, &e.reason]);
        }
    }
    let _ = writeln!(out, "{table}");
}

fn rules_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    section(out, t("Rules that fired", "適用されたルール"));
    if report.rules_fired.is_empty() {
        let _ = writeln!(out, "{}", t("(none)", "（なし）"));
        return;
    }
    let mut table = new_table(options);
    table.set_header(vec![t("Rule", "ルール"), t("Reason", "理由"), t("Source", "出典")]);
    for rule in &report.rules_fired {
        table.add_row(vec![&rule.id, &rule.reason, &rule.source]);
    }
    let _ = writeln!(out, "{table}");
}

fn notes_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    if report.notes.is_empty() {
        return;
    }
    section(out, t("Notes for the review", "レビューで確認すべき点"));
    let mut table = new_table(options);
    table.set_header(vec![t("Kind", "種別"), t("Patterns", "対象"), t("Note", "内容")]);
    for note in &report.notes {
        table.add_row(vec![note_kind(note.kind, report.lang).to_owned(), note.patterns.join(", "), note.text.clone()]);
    }
    let _ = writeln!(out, "{table}");
}

fn answers_section(out: &mut String, report: &Report, options: &RenderOptions) {
    answers_table(out, &report.answer_lines, report.lang, options);
}

fn answers_table(out: &mut String, answer_lines: &[AnswerLine], lang: Lang, options: &RenderOptions) {
    let t = |en, ja| lang.pick(en, ja);
    if answer_lines.is_empty() {
        return;
    }
    section(out, t("Answers", "回答"));
    let mut table = new_table(options);
    table.set_header(vec![t("Question", "質問"), t("Answer", "回答")]);
    for line in answer_lines {
        let answer = if line.defaulted {
            format!("{} {}", line.answer, t("(default)", "（既定値）"))
        } else {
            line.answer.clone()
        };
        table.add_row(vec![format!("{} ({})", line.question, line.id), answer]);
    }
    let _ = writeln!(out, "{table}");
}

/// The localised name of a note kind.
pub fn note_kind(kind: NoteKind, lang: Lang) -> &'static str {
    match kind {
        NoteKind::Risk => lang.pick("risk", "リスク"),
        NoteKind::Mitigation => lang.pick("mitigation", "緩和策"),
        NoteKind::Consider => lang.pick("consider", "検討候補"),
    }
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

/// A table that wraps to the given width (80 columns when the width is unknown).
pub fn new_table(options: &RenderOptions) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(if options.width == 0 { 80 } else { options.width });
    if !options.color {
        table.force_no_tty();
    }
    table
}
