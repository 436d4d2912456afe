//! GitHub-flavoured Markdown of a [`Report`], a [`CompareReport`] and a
//! [`VersusReport`]: headings and pipe tables that paste cleanly into a design doc.

pub(crate) mod cost;

use std::fmt::Write as _;

use super::compare::CompareReport;
use super::robustness::{format_factor, format_share};
use super::table::note_kind;
use super::versus::VersusReport;
use super::{RenderOptions, Report, format_rating, format_score};
use crate::engine::robustness::Direction;
use crate::model::answers::format_number;

/// ` (text)` in English, `（text）` in Japanese (no space before a full-width bracket).
pub(crate) fn paren(lang: crate::model::Lang, text: &str) -> String {
    lang.pick(" (", "（").to_owned() + text + lang.pick(")", "）")
}

/// The characters that open markup in running text: HTML and entities' brackets
/// (`<`, `>`), links and images (`[`, `]`), code spans, emphasis, headings, tables,
/// and the escape character itself.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|'];

/// In a table cell, only what could open HTML or a link, or end the cell.
const CELL: &[char] = &['\\', '|', '<', '>', '[', ']'];

/// The one Markdown escaper (cells, inline text, the ADR's text): the text on one line
/// (every line break a reader might honour, `\r` alone included, becomes a space, and
/// other control characters are dropped), with a backslash before each of `special`.
/// So rule text cannot start a row, a heading, a list or a code block, open raw HTML
/// or make a link.
pub fn escape_with(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_control() && c != '\t' {
            // Dropped: nothing a reader should see.
        } else {
            if special.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Escapes text for a table cell: on one line, trimmed, no HTML, link or cell end.
pub fn cell(text: &str) -> String {
    escape_with(text.trim(), CELL)
}

/// Escapes inline text outside tables so rule text cannot open HTML, links or blocks
/// (trimmed, so that text at the start of a line cannot indent a code block either).
pub fn inline(text: &str) -> String {
    escape_leading(&escape_with(text.trim(), INLINE))
}

/// Escapes a block marker at the start of escaped text that may begin a line: a list
/// bullet (`-`, `+`), an ordered-list number (`1.`, `1)`), a setext underline or
/// thematic break (`=`, `-`) or a `~~~` fence, which the inline escapes leave alone.
pub fn escape_leading(s: &str) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(s[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    match s.chars().next() {
        Some('-' | '+' | '=' | '~') => format!("\\{s}"),
        _ => s.to_owned(),
    }
}

/// An inline code span that shows `s` whatever backticks it holds (on one line).
pub fn code(s: &str) -> String {
    let s = escape_with(s, &[]);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

pub(crate) fn table_row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

pub(crate) fn table_head(out: &mut String, head: &[&str], right: &[bool]) {
    table_row(out, &head.iter().map(|h| cell(h)).collect::<Vec<_>>());
    let rule: Vec<String> = right.iter().map(|r| if *r { "---:".to_owned() } else { "---".to_owned() }).collect();
    table_row(out, &rule);
}

/// Renders a recommendation.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let t = |en, ja| report.lang.pick(en, ja);
    let mut out = String::new();
    match (&report.recommendation.name, report.recommendation.score) {
        (Some(name), Some(score)) => {
            let _ =
                writeln!(out, "# {}: {}\n", t("Container platform recommendation", "コンテナ基盤の推奨"), inline(name));
            let _ = writeln!(
                out,
                "{} **{}**{}",
                t("Recommended:", "推奨:"),
                inline(name),
                paren(report.lang, &format!("{} {} / 100", t("score", "スコア"), format_score(score)))
            );
        }
        _ => {
            let _ = writeln!(out, "# {}\n", t("Container platform recommendation", "コンテナ基盤の推奨"));
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
    if let Some(r) = &report.robustness {
        let _ = writeln!(out, "\n> {}", inline(&r.verdict));
    }

    ranking_section(&mut out, report);
    excluded_section(&mut out, report);
    if let Some(cost) = &report.cost {
        cost::section(&mut out, cost, report.lang, "##");
        cost::money_section(&mut out, report);
    }
    ratings_section(&mut out, report);
    flips_section(&mut out, report);
    if options.explain {
        explain(&mut out, report);
    }

    rules_section(&mut out, report);
    notes_section(&mut out, report);
    sources_section(&mut out, &report.sources, report.lang);
    answers_section(&mut out, &report.answer_lines, report.lang);
    footer(&mut out, report.lang, &report.tool_version, &report.rules_digest);
    out
}

fn ranking_section(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    let _ = writeln!(out, "\n## {}\n", t("Ranking", "ランキング"));
    table_head(
        out,
        &[t("Rank", "順位"), t("Pattern", "パターン"), t("Score", "スコア"), t("Wins in", "首位になる割合")],
        &[true, false, true, true],
    );
    for (i, p) in report.ranking.iter().enumerate() {
        let share =
            report.robustness.as_ref().and_then(|r| r.win_probability.get(&p.pattern)).map(|s| format_share(*s));
        let row = match p.score {
            Some(score) => {
                vec![(i + 1).to_string(), cell(&p.name), format_score(score), share.unwrap_or_else(|| "-".into())]
            }
            None => vec!["-".into(), cell(&p.name), t("excluded", "除外").into(), "-".into()],
        };
        table_row(out, &row);
    }
}

fn excluded_section(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    let excluded: Vec<_> = report.ranking.iter().filter(|p| p.excluded).collect();
    if !excluded.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t("Excluded patterns", "除外されたパターン"));
        for p in excluded {
            for e in &p.excluded_because {
                let _ = writeln!(
                    out,
                    "- **{}**: {}{}",
                    inline(&p.name),
                    inline(&e.reason),
                    paren(report.lang, &format!("`{}`", e.rule))
                );
            }
        }
    }
}

fn ratings_section(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    let _ = writeln!(out, "\n## {}\n", t("Ratings by criterion", "評価軸ごとの評価"));
    let _ = writeln!(
        out,
        "{}\n",
        t(
            "1 is worst, 5 is best; the change from the base rating is in brackets.",
            "1 が最低、5 が最高。括弧内はルールによる増減。"
        )
    );
    let mut head = vec![t("Criterion", "評価軸").to_owned(), t("Weight", "重み").to_owned()];
    head.extend(report.ranking.iter().map(|p| p.name.clone()));
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut right = vec![false, true];
    right.extend(report.ranking.iter().map(|_| true));
    table_head(out, &head_refs, &right);
    for c in &report.criteria {
        let mut row = vec![cell(&c.name), format!("{:.2} ({:.0}%)", c.weight, c.share * 100.0)];
        row.extend(report.ranking.iter().map(|p| p.criteria.get(&c.id).map(format_rating).unwrap_or_default()));
        table_row(out, &row);
    }
}

fn flips_section(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    if let Some(r) = &report.robustness
        && !r.flips.is_empty()
    {
        let _ = writeln!(out, "\n## {}\n", t("What would change the recommendation", "推奨が変わる条件"));
        table_head(
            out,
            &[t("Criterion", "評価軸"), t("Weight change", "重みの変化"), t("New winner", "逆転するパターン")],
            &[false, true, false],
        );
        for f in &r.flips {
            let arrow = if f.direction == Direction::Raise { "↑" } else { "↓" };
            table_row(
                out,
                &[cell(&f.criterion_name), format!("{arrow} {}×", format_factor(f.factor)), cell(&f.to_name)],
            );
        }
        let margin = r.margin.map_or_else(|| "-".to_owned(), |m| format!("{m:.1}"));
        let _ = match report.lang {
            crate::model::Lang::En => writeln!(
                out,
                "\nMargin over the runner-up: {margin} points. Shares from {} weightings (σ = {}, seed {}).",
                r.samples, r.sigma, r.seed
            ),
            crate::model::Lang::Ja => writeln!(
                out,
                "\n2 位との差は {margin} ポイント。割合は {} 通りの重み付け（σ = {}、seed {}）から求めた。",
                r.samples, r.sigma, r.seed
            ),
        };
    }
}

fn rules_section(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    let _ = writeln!(out, "\n## {}\n", t("Rules that fired", "適用されたルール"));
    if report.rules_fired.is_empty() {
        let _ = writeln!(out, "{}", t("None.", "なし。"));
    }
    for rule in &report.rules_fired {
        let source = paren(report.lang, &format!("{}: {}", t("source", "出典"), inline(&rule.source)));
        let _ = writeln!(out, "- `{}`: {}{source}", rule.id, inline(&rule.reason));
    }
}

fn notes_section(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    if !report.notes.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t("Notes for the review", "レビューで確認すべき点"));
        for note in &report.notes {
            let source = paren(report.lang, &format!("{}: {}", t("source", "出典"), inline(&note.source)));
            let _ = writeln!(
                out,
                "- **{}**{}: {}{source}",
                note_kind(note.kind, report.lang),
                paren(report.lang, &note.patterns.join(", ")),
                inline(&note.text),
            );
        }
    }
}

/// The catalogue documents a report cites, each a link: `- [Title](url), Publisher, date`.
pub(super) fn sources_section(out: &mut String, sources: &[crate::model::Source], lang: crate::model::Lang) {
    if sources.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", lang.pick("Sources", "出典"));
    for s in sources {
        // The URL is checked by validation (`invalid-source`): plain, no brackets or spaces.
        let _ = writeln!(out, "- [{}]({}), {}, {}", inline(s.title.get(lang)), s.url, inline(&s.publisher), s.date);
    }
}

fn answers_section(out: &mut String, lines: &[super::AnswerLine], lang: crate::model::Lang) {
    let t = |en, ja| lang.pick(en, ja);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", t("Answers", "回答"));
    table_head(out, &[t("Question", "質問"), "id", t("Answer", "回答")], &[false, false, false]);
    for line in lines {
        let answer = if line.defaulted {
            format!("{} {}", line.answer, t("(default)", "（既定値）"))
        } else {
            line.answer.clone()
        };
        table_row(out, &[cell(&line.question), format!("`{}`", line.id), cell(&answer)]);
    }
}

/// The last lines of every document: tool version and rule set.
fn footer(out: &mut String, lang: crate::model::Lang, tool_version: &str, rules_digest: &str) {
    let _ = writeln!(
        out,
        "\n---\n\ncontainer-advisor {tool_version} · {} `{rules_digest}`",
        lang.pick("rule set", "ルールセット")
    );
}

fn explain(out: &mut String, report: &Report) {
    let t = |en, ja| report.lang.pick(en, ja);
    let reason = |rule: &str| report.rules_fired.iter().find(|r| r.id == rule).map_or("", |r| r.reason.as_str());
    let _ = writeln!(out, "\n## {}\n", t("How every point is computed", "スコアの内訳"));
    let _ = writeln!(
        out,
        "{}\n",
        t(
            "Points = 100 × weight × (rating − 1) / (4 × total weight); a pattern's points add up to its score.",
            "寄与 = 100 × 重み × (評価 − 1) / (4 × 重みの合計)。各パターンの寄与の合計がスコアになる。"
        )
    );
    let _ = writeln!(out, "### {}\n", t("Weights", "重み"));
    table_head(
        out,
        &[t("Criterion", "評価軸"), t("Base", "基本値"), t("Factors", "係数"), t("Weight", "重み")],
        &[false, true, false, true],
    );
    for c in &report.criteria {
        let factors: Vec<String> =
            c.factors.iter().map(|f| format!("×{} `{}`", format_number(f.value), f.rule)).collect();
        table_row(
            out,
            &[
                cell(&c.name),
                format_number(c.base_weight),
                if factors.is_empty() { "-".into() } else { factors.join("<br>") },
                format!("{:.3}", c.weight),
            ],
        );
    }
    for p in &report.ranking {
        let score = p.score.map_or_else(|| t("excluded", "除外").to_owned(), format_score);
        let _ = writeln!(out, "\n### {} ({score})\n", inline(&p.name));
        table_head(
            out,
            &[
                t("Criterion", "評価軸"),
                t("Base", "基本"),
                t("Changes", "増減"),
                t("Rating", "評価"),
                t("Weight", "重み"),
                t("Points", "寄与"),
            ],
            &[false, true, false, true, true, true],
        );
        for c in &report.criteria {
            let Some(s) = p.criteria.get(&c.id) else { continue };
            let changes: Vec<String> =
                s.deltas.iter().map(|d| format!("{:+} `{}`: {}", d.value, d.rule, cell(reason(&d.rule)))).collect();
            table_row(
                out,
                &[
                    cell(&c.name),
                    format_number(s.base),
                    if changes.is_empty() { "-".into() } else { changes.join("<br>") },
                    super::format_rating_value(s.rating),
                    format!("{:.3}", s.weight),
                    format!("{:.2}", s.contribution),
                ],
            );
        }
    }
}

/// Renders the `cost` command's report: the estimate and the answers used.
pub fn render_cost(report: &super::CostOnlyReport, _options: &RenderOptions) -> String {
    let t = |en, ja| report.lang.pick(en, ja);
    let mut out = format!("# {}\n", t("Monthly cost estimate", "月額コストの試算"));
    cost::section(&mut out, &report.cost, report.lang, "##");
    answers_section(&mut out, &report.answer_lines, report.lang);
    footer(&mut out, report.lang, &report.tool_version, &report.rules_digest);
    out
}

/// Renders the side-by-side comparison.
pub fn render_compare(report: &CompareReport, _options: &RenderOptions) -> String {
    let t = |en, ja| report.lang.pick(en, ja);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t("Container platform patterns compared", "コンテナ基盤パターンの比較"));
    if report.weighted {
        let _ = writeln!(
            out,
            "{}\n",
            t(
                "Weighted by your answers: final ratings, weights and points.",
                "回答に基づく重み付け後の評価、重み、寄与を示す。"
            )
        );
    } else {
        let _ = writeln!(
            out,
            "{}\n",
            t(
                "Base ratings of the rules, before any answers (1 is worst, 5 is best).",
                "回答を反映する前のルールの基本評価（1 が最低、5 が最高）。"
            )
        );
    }
    for p in &report.patterns {
        let _ = writeln!(out, "- **{}**: {}", inline(&p.name), inline(&p.summary));
    }
    let mut head = vec![t("Criterion", "評価軸").to_owned(), t("Weight", "重み").to_owned()];
    head.extend(report.patterns.iter().map(|p| p.name.clone()));
    let refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut right = vec![false, true];
    right.extend(report.patterns.iter().map(|_| true));
    let _ = writeln!(out);
    table_head(&mut out, &refs, &right);
    for row in &report.criteria {
        let mut cells = vec![cell(&row.name), format!("{:.2}", row.weight)];
        cells.extend(row.cells.iter().map(|c| match c.contribution {
            Some(points) => format!("{} ({points:.1})", super::format_rating_value(c.rating)),
            None => format!("{} {}", super::format_rating_value(c.rating), bar(c.rating)),
        }));
        table_row(&mut out, &cells);
    }
    if report.weighted {
        let mut cells = vec![format!("**{}**", t("Score", "スコア")), String::new()];
        cells.extend(
            report.patterns.iter().map(|p| {
                p.score.map_or_else(|| t("excluded", "除外").to_owned(), |s| format!("**{}**", format_score(s)))
            }),
        );
        table_row(&mut out, &cells);
        for p in report.patterns.iter().filter(|p| p.excluded) {
            for e in &p.excluded_because {
                let rule = paren(report.lang, &format!("`{}`", e.rule));
                let _ = writeln!(
                    out,
                    "\n- **{}** {}: {}{rule}",
                    inline(&p.name),
                    t("is excluded", "は除外"),
                    inline(&e.reason)
                );
            }
        }
    }
    let _ = writeln!(out, "\n## {}\n", t("Reasons and sources", "理由と出典"));
    for row in &report.criteria {
        let _ = writeln!(out, "### {}\n\n{}\n", inline(&row.name), inline(&row.description));
        table_head(
            &mut out,
            &[t("Pattern", "パターン"), t("Rating", "評価"), t("Reason", "理由"), t("Source", "出典")],
            &[false, true, false, false],
        );
        for c in &row.cells {
            let name =
                report.patterns.iter().find(|p| p.id == c.pattern).map_or(c.pattern.as_str(), |p| p.name.as_str());
            table_row(&mut out, &[cell(name), format_number(c.base), cell(&c.reason), cell(&c.source)]);
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "---\n\ncontainer-advisor {} · {} `{}`",
        report.tool_version,
        t("rule set", "ルールセット"),
        report.rules_digest
    );
    sources_section(&mut out, &report.sources, report.lang);
    out
}

/// A five-step bar for a 1..5 rating, e.g. `■■■■□`.
pub fn bar(rating: f64) -> String {
    let filled = rating.round().clamp(0.0, 5.0) as usize;
    format!("{}{}", "■".repeat(filled), "□".repeat(5 - filled))
}

/// Renders a what-if comparison.
pub fn render_versus(versus: &VersusReport, _options: &RenderOptions) -> String {
    let t = |en, ja| versus.lang.pick(en, ja);
    let none = t("none", "なし");
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t("What changes between two answer sets", "2 つの回答の比較"));
    let _ = writeln!(out, "- A: {}\n- B: {}\n", code(&versus.a_label), code(&versus.b_label));
    let (wa, wb) = (
        versus.a.recommendation.name.as_deref().unwrap_or(none),
        versus.b.recommendation.name.as_deref().unwrap_or(none),
    );
    if versus.unchanged {
        let _ = writeln!(
            out,
            "{} **{}**.",
            t("No change. Recommendation in both:", "変化なし。どちらも推奨は"),
            inline(wa)
        );
        return out;
    }
    let _ = if versus.winner_changed {
        writeln!(out, "{}: **{}** → **{}**", t("The recommendation changes", "推奨が変わる"), inline(wa), inline(wb))
    } else {
        writeln!(out, "{}: **{}**", t("The recommendation stays", "推奨は変わらない"), inline(wa))
    };
    if !versus.answers_changed.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t("Answers that differ", "異なる回答"));
        table_head(&mut out, &[t("Question", "質問"), "A", "B"], &[false, false, false]);
        for c in &versus.answers_changed {
            table_row(
                &mut out,
                &[cell(&c.question), cell(c.a.as_deref().unwrap_or("-")), cell(c.b.as_deref().unwrap_or("-"))],
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t("Ranking and scores", "順位とスコア"));
    table_head(&mut out, &[t("Pattern", "パターン"), "A", "B", t("Change", "差")], &[false, true, true, true]);
    let score = |rank: Option<usize>, score: Option<f64>| match (rank, score) {
        (Some(r), Some(s)) => format!("#{r} {}", format_score(s)),
        _ => t("excluded", "除外").to_owned(),
    };
    for p in &versus.ranking {
        table_row(
            &mut out,
            &[
                cell(&p.name),
                score(p.rank_a, p.score_a),
                score(p.rank_b, p.score_b),
                p.delta.map_or_else(|| "-".into(), |d| format!("{d:+.1}")),
            ],
        );
    }
    for (title, rules) in [
        (t("Rules that fire only in B", "B でだけ適用されるルール"), &versus.rules_added),
        (t("Rules that fire only in A", "A でだけ適用されるルール"), &versus.rules_removed),
    ] {
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {title}\n");
        for r in rules {
            let _ = writeln!(out, "- `{}`: {}", r.id, inline(&r.reason));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(cell("x\r\r## heading\r| y"), "x ## heading \\| y", "a lone CR starts no row or heading");
        assert_eq!(cell("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>");
        assert_eq!(cell("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(code("a`b\n`c"), "``a`b `c``");
        assert_eq!(inline("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
        assert_eq!(bar(4.0), "■■■■□");
    }
}
