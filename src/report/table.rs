//! Terminal tables (comfy-table) of a [`Report`]: the ranking, the ratings per
//! criterion, exclusions with reasons, the cost estimate, fired rules, notes and the
//! answers used; and of a [`super::CostOnlyReport`] (the `cost` command, in `cost`).

mod explain;
mod summary;

use crate::report::labels::Labels;
use std::fmt::Write as _;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::robustness::{format_factor, format_share};
use super::{AnswerLine, RenderOptions, Report, format_rating, format_score};
use crate::engine::robustness::Direction;
use crate::model::{Lang, NoteKind};

mod cost;

pub use cost::render_cost;

/// Renders the report for the terminal: the one-screen result, or with `--explain`
/// everything, in the section order every document uses.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    if !options.explain {
        return summary::render(report, options);
    }
    let l = Labels::get(report.lang);
    let mut out = String::new();
    match (&report.recommendation.name, report.recommendation.score) {
        (Some(name), Some(score)) => {
            let _ = writeln!(out, "{}: {name} ({} {})", l.recommendation, l.score_word, format_score(score));
        }
        _ => {
            let _ = writeln!(out, "{}", l.no_recommendation_short);
        }
    }
    paragraph(&mut out, &report.because, options);
    robustness_section(&mut out, report, options);
    ranking_section(&mut out, report, options);
    exclusions_section(&mut out, report, options);
    ratings_section(&mut out, report, options);
    explain::render(&mut out, report, options);
    notes_section(&mut out, report, options);
    rules_section(&mut out, report, options);
    if let Some(cost) = &report.cost {
        cost::cost_section(&mut out, cost, report.lang, options);
        cost::money_section(&mut out, report, options);
    }
    answers_section(&mut out, report, options);
    let _ = writeln!(out, "\n{}: {}", l.rule_set_heading, report.rules_digest);
    out
}

fn ranking_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    section(out, l.ranking);
    let mut table = new_table(options);
    let mut header = vec![l.rank, l.pattern, l.score, l.status];
    if report.cost.is_some() {
        header.push(l.usd_month);
    }
    table.set_header(header);
    for (i, p) in report.ranking.iter().enumerate() {
        let (rank, score, status) = match p.score {
            Some(score) => ((i + 1).to_string(), format_score(score), String::new()),
            None => ("-".to_owned(), "-".to_owned(), l.excluded.to_owned()),
        };
        let mut name = cell(&p.name);
        if i == 0 && p.score.is_some() && options.color {
            name = name.fg(Color::Green).add_attribute(Attribute::Bold);
        }
        let mut row = vec![cell(rank), name, cell(score).set_alignment(CellAlignment::Right), cell(status)];
        if let Some(cost) = &report.cost {
            let monthly = cost.monthly(&p.pattern).map_or_else(|| "-".to_owned(), super::cost::text::usd);
            row.push(cell(monthly).set_alignment(CellAlignment::Right));
        }
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
}

fn robustness_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    let Some(robustness) = &report.robustness else { return };
    section(out, l.how_sure_is_this);
    paragraph(out, &robustness.verdict, options);
    let mut table = new_table(options);
    table.set_header(vec![l.pattern, l.wins_in, l.overtakes_the_recommendation_first_when]);
    for p in report.ranking.iter().filter(|p| !p.excluded) {
        let share = robustness.win_probability.get(&p.pattern).copied().unwrap_or(0.0);
        let flips: Vec<String> = robustness
            .flips
            .iter()
            .filter(|f| f.to == p.pattern)
            .map(|f| {
                let arrow = if f.direction == Direction::Raise { "↑" } else { "↓" };
                format!("{} {arrow} {}×", f.criterion_name, format_factor(f.factor))
            })
            .collect();
        let flips = if report.recommendation.pattern.as_deref() == Some(p.pattern.as_str()) {
            l.the_recommendation.to_owned()
        } else if flips.is_empty() {
            "-".to_owned()
        } else {
            flips.join(", ")
        };
        table.add_row(vec![cell(&p.name), cell(format_share(share)).set_alignment(CellAlignment::Right), cell(flips)]);
    }
    let _ = writeln!(out, "{table}");
    let margin = robustness.margin.map_or_else(|| "-".to_owned(), |m| format!("{m:.1}"));
    let (samples, sigma, seed) = (robustness.samples, robustness.sigma, robustness.seed);
    let text = match report.lang {
        Lang::En => format!(
            "Margin over the runner-up: {margin} points. Shares from {samples} weightings \
             (each weight × exp({sigma}·N(0,1)), seed {seed}); ↑/↓: the factor on one weight at which the pattern ties."
        ),
        Lang::Ja => format!(
            "2 位との差: {margin} ポイント。割合は {samples} 通りの重み付け（各重み × exp({sigma}·N(0,1))、seed {seed}）から求めました。\
             ↑/↓ は、その重みを何倍にすると並ぶかを示します。"
        ),
    };
    paragraph(out, &text, options);
}

fn ratings_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    section(out, l.ratings_by_criterion_scale);
    let mut table = new_table(options);
    let mut header = vec![cell(l.criterion), cell(l.weight)];
    header.extend(report.ranking.iter().map(|p| cell(&p.name)));
    table.set_header(header);
    for criterion in &report.criteria {
        let mut row = vec![
            cell(&criterion.name),
            cell(format!("{:.2} ({:.0}%)", criterion.weight, criterion.share * 100.0))
                .set_alignment(CellAlignment::Right),
        ];
        for p in &report.ranking {
            let text = p.criteria.get(&criterion.id).map(format_rating).unwrap_or_default();
            row.push(cell(text).set_alignment(CellAlignment::Right));
        }
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
}

fn exclusions_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    let excluded: Vec<_> = report.ranking.iter().filter(|p| p.excluded).collect();
    if excluded.is_empty() {
        return;
    }
    section(out, l.excluded_patterns);
    let mut table = new_table(options);
    table.set_header(vec![l.pattern, l.rule, l.reason]);
    for p in &excluded {
        for e in &p.excluded_because {
            table.add_row(cells([&p.name, &e.rule, &e.reason]));
        }
    }
    keep_whole(&mut table, 1, excluded.iter().flat_map(|p| p.excluded_because.iter().map(|e| e.rule.as_str())));
    let _ = writeln!(out, "{table}");
}

fn rules_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    let (decisive, advice): (Vec<_>, Vec<_>) = report.rules_fired.iter().partition(|r| r.changed_result);
    section(out, l.rules_changed_by_effect);
    if decisive.is_empty() {
        let _ = writeln!(out, "{}", l.none_parenthesised);
    } else {
        let mut table = new_table(options);
        table.set_header(vec![l.rule, l.effect_column, l.reason, l.source]);
        for rule in &decisive {
            let effect = rule.effect.map_or_else(String::new, |e| format!("{e:+.1}"));
            table.add_row(vec![
                cell(&rule.id),
                cell(effect).set_alignment(CellAlignment::Right),
                cell(&rule.reason),
                cell(&rule.source),
            ]);
        }
        keep_whole(&mut table, 0, decisive.iter().map(|r| r.id.as_str()));
        let _ = writeln!(out, "{table}");
    }
    if advice.is_empty() {
        return;
    }
    section(out, l.advice_explained);
    let mut table = new_table(options);
    table.set_header(vec![l.rule, l.reason, l.source]);
    for rule in &advice {
        table.add_row(cells([&rule.id, &rule.reason, &rule.source]));
    }
    keep_whole(&mut table, 0, advice.iter().map(|r| r.id.as_str()));
    let _ = writeln!(out, "{table}");
}

fn notes_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let l = Labels::get(report.lang);
    if report.notes.is_empty() {
        return;
    }
    section(out, l.notes);
    let mut table = new_table(options);
    table.set_header(vec![l.kind, l.patterns, l.note]);
    for note in &report.notes {
        table.add_row(cells([
            note_kind(note.kind, report.lang).to_owned(),
            note.pattern_names.join(", "),
            note.text.clone(),
        ]));
    }
    let _ = writeln!(out, "{table}");
}

fn answers_section(out: &mut String, report: &Report, options: &RenderOptions) {
    answers_table(out, &report.answer_lines, report.lang, options);
}

fn answers_table(out: &mut String, answer_lines: &[AnswerLine], lang: Lang, options: &RenderOptions) {
    let l = Labels::get(lang);
    if answer_lines.is_empty() {
        return;
    }
    section(out, l.answers);
    let mut table = new_table(options);
    table.set_header(vec![l.question, l.answer]);
    for line in answer_lines {
        let answer = if line.defaulted { format!("{} {}", line.answer, l.defaulted) } else { line.answer.clone() };
        table.add_row(cells([format!("{} ({})", line.question, line.id), answer]));
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

/// Keeps a column of ids (rule ids) at least as wide as its longest entry, up to 40
/// columns, so an id is never broken in the middle.
fn keep_whole<'a>(table: &mut Table, column: usize, ids: impl Iterator<Item = &'a str>) {
    // The width includes one space of padding on each side.
    let longest = ids.map(|id| id.chars().count()).max().unwrap_or(0).min(40) + 2;
    if let Some(column) = table.column_mut(column) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(u16::try_from(longest).unwrap_or(42))));
    }
}

/// Appends prose wrapped to the table width (Japanese breaks between characters).
pub(super) fn paragraph(out: &mut String, text: &str, options: &RenderOptions) {
    let width = if options.width == 0 { 80 } else { usize::from(options.width) };
    let _ = writeln!(out, "{}", textwrap::fill(&for_terminal(text), width));
}

pub(super) fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{}", crate::escape::terminal_line(title));
}

/// Unbroken runs longer than this are cut with a line break before they reach
/// comfy-table, which re-measures the rest of a word at every split (quadratic: a
/// 400,000-character word took 18 s).
const LONGEST_RUN: usize = 200;

/// A cell of user or rule text: control and invisible characters shown escaped, and
/// runs without white space cut every [`LONGEST_RUN`] characters.
#[allow(clippy::needless_pass_by_value)] // The signature of `Cell::new`, which it replaces.
pub fn cell(text: impl ToString) -> Cell {
    Cell::new(for_terminal(&text.to_string()))
}

/// [`cell`] for each text of a row.
pub fn cells<S: ToString>(texts: impl IntoIterator<Item = S>) -> Vec<Cell> {
    texts.into_iter().map(cell).collect()
}

/// Text for a table cell or a paragraph: see [`cell`].
pub fn for_terminal(text: &str) -> String {
    let escaped = crate::escape::terminal(text, false);
    // Nothing to cut when no run is that long (most text): a copy, not a rebuild.
    let longest = || escaped.split(char::is_whitespace).map(|run| run.chars().count()).max().unwrap_or(0);
    if escaped.len() <= LONGEST_RUN || longest() <= LONGEST_RUN {
        return escaped.into_owned();
    }
    let mut out = String::with_capacity(escaped.len());
    let mut run = 0;
    for c in escaped.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run > LONGEST_RUN {
                out.push('\n');
                run = 1;
            }
        }
        out.push(c);
    }
    out
}

/// The whole rendered text for the terminal: any control character that reached it
/// outside a cell is shown escaped; only the colour this program adds is kept.
pub fn finish(out: &str, options: &RenderOptions) -> String {
    crate::escape::terminal(out, options.color).into_owned()
}

/// A table that wraps to the given width (80 columns when the width is unknown).
pub fn new_table(options: &RenderOptions) -> Table {
    let mut table = Table::new();
    table.load_style(if options.ascii { presets::ASCII_FULL_CONDENSED } else { presets::UTF8_FULL_CONDENSED });
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(if options.width == 0 { 80 } else { options.width });
    if !options.color {
        table.force_no_tty();
    }
    table
}

/// The side-by-side comparison: ratings with bars (and points in the weighted view),
/// then every rating's reason and source, one table per criterion.
pub fn render_compare(report: &super::compare::CompareReport, options: &RenderOptions) -> String {
    let l = Labels::get(report.lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", if report.weighted { l.compare_weighted_intro } else { l.compare_base_intro });
    let mut table = new_table(options);
    let mut header = vec![cell(l.criterion), cell(l.weight)];
    header.extend(report.patterns.iter().map(|p| cell(&p.name)));
    table.set_header(header);
    for row in &report.criteria {
        let mut cells = vec![cell(&row.name), cell(format!("{:.2}", row.weight)).set_alignment(CellAlignment::Right)];
        cells.extend(row.cells.iter().map(|c| {
            let text = match c.contribution {
                Some(points) => format!(
                    "{} {} ({points:.1})",
                    crate::model::answers::format_number(c.rating),
                    super::markdown::bar(c.rating)
                ),
                None => {
                    format!("{} {}", crate::model::answers::format_number(c.rating), super::markdown::bar(c.rating))
                }
            };
            cell(text)
        }));
        table.add_row(cells);
    }
    if report.weighted {
        let mut cells = vec![cell(l.score).add_attribute(Attribute::Bold), cell("")];
        cells.extend(report.patterns.iter().map(|p| {
            cell(p.score.map_or_else(|| l.excluded.to_owned(), format_score)).set_alignment(CellAlignment::Right)
        }));
        table.add_row(cells);
    }
    let _ = writeln!(out, "{table}");
    for p in report.patterns.iter().filter(|p| p.excluded) {
        for e in &p.excluded_because {
            let _ = writeln!(out, "{} {}: {} ({})", p.name, l.is_excluded, e.reason, e.rule);
        }
    }
    for row in &report.criteria {
        section(&mut out, &format!("{} — {}", row.name, row.description));
        let mut table = new_table(options);
        table.set_header(vec![l.pattern, l.rating, l.reason, l.source]);
        for c in &row.cells {
            let name =
                report.patterns.iter().find(|p| p.id == c.pattern).map_or(c.pattern.as_str(), |p| p.name.as_str());
            table.add_row(vec![
                cell(name),
                cell(compare_rating(c, report.lang)).set_alignment(CellAlignment::Right),
                cell(&c.reason),
                cell(&c.source),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    out
}

/// A compare cell's rating as the detail tables show it: the rating of the table above,
/// with the base beside it when rules or money changed it.
fn compare_rating(c: &super::compare::CompareCell, lang: Lang) -> String {
    let rating = super::format_rating_value(c.rating);
    if c.rating == c.base {
        rating
    } else {
        format!("{rating} {}", lang.pick(&format!("(base {})", c.base), &format!("（基本 {}）", c.base)))
    }
}
