//! What-if: two reports side by side (`recommend --answers A --versus B`) and what
//! changed between them — answers, winner, ranking and scores, fired rules.

use crate::report::labels::Labels;
use std::fmt::Write as _;

use comfy_table::CellAlignment;
use serde::Serialize;

use super::table::{cell as term_cell, cells, new_table};
use super::{FiredRule, RenderOptions, Report, SCHEMA_VERSION, format_score};
use crate::model::Lang;

/// One answer that differs.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct AnswerChange {
    /// Question id.
    pub id: String,
    /// The question.
    pub question: String,
    /// The answer in A, in words (`null`: unanswered).
    pub a: Option<String>,
    /// The answer in B.
    pub b: Option<String>,
}

/// One pattern's place and score in A and in B.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct PatternChange {
    /// Pattern id.
    pub pattern: String,
    /// Display name.
    pub name: String,
    /// 1-based rank among eligible patterns in A (`null`: excluded).
    pub rank_a: Option<usize>,
    /// Same in B.
    pub rank_b: Option<usize>,
    /// Score in A (`null`: excluded).
    pub score_a: Option<f64>,
    /// Score in B.
    pub score_b: Option<f64>,
    /// `score_b − score_a` when both are eligible.
    pub delta: Option<f64>,
}

/// The comparison of two answer sets.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct VersusReport {
    /// Version of this contract.
    pub schema_version: u32,
    /// Language of the texts.
    pub lang: Lang,
    /// Name of A (its file).
    pub a_label: String,
    /// Name of B.
    pub b_label: String,
    /// True when nothing a reader would care about differs.
    pub unchanged: bool,
    /// True when the recommended pattern differs.
    pub winner_changed: bool,
    /// Answers that differ, in question order.
    pub answers_changed: Vec<AnswerChange>,
    /// Every pattern, in B's ranking order.
    pub ranking: Vec<PatternChange>,
    /// Rules that fire in B but not in A.
    pub rules_added: Vec<FiredRule>,
    /// Rules that fire in A but not in B.
    pub rules_removed: Vec<FiredRule>,
    /// The full report of A.
    pub a: Report,
    /// The full report of B.
    pub b: Report,
}

fn rank_of(report: &Report, pattern: &str) -> Option<usize> {
    report.ranking.iter().filter(|p| !p.excluded).position(|p| p.pattern == pattern).map(|i| i + 1)
}

impl VersusReport {
    /// Compares two reports made in the same language from the same rules.
    pub fn new(a: Report, b: Report, a_label: String, b_label: String) -> Self {
        let mut answers_changed = Vec::new();
        let mut ids: Vec<&str> = a.answer_lines.iter().map(|l| l.id.as_str()).collect();
        for line in &b.answer_lines {
            if !ids.contains(&line.id.as_str()) {
                ids.push(&line.id);
            }
        }
        for id in ids {
            let in_a = a.answer_lines.iter().find(|l| l.id == id);
            let in_b = b.answer_lines.iter().find(|l| l.id == id);
            if in_a.map(|l| &l.answer) != in_b.map(|l| &l.answer) {
                answers_changed.push(AnswerChange {
                    id: id.to_owned(),
                    question: in_a.or(in_b).map(|l| l.question.clone()).unwrap_or_default(),
                    a: in_a.map(|l| l.answer.clone()),
                    b: in_b.map(|l| l.answer.clone()),
                });
            }
        }
        let ranking: Vec<PatternChange> = b
            .ranking
            .iter()
            .map(|pb| {
                let pa = a.ranking.iter().find(|p| p.pattern == pb.pattern);
                let score_a = pa.and_then(|p| p.score);
                PatternChange {
                    pattern: pb.pattern.clone(),
                    name: pb.name.clone(),
                    rank_a: rank_of(&a, &pb.pattern),
                    rank_b: rank_of(&b, &pb.pattern),
                    score_a,
                    score_b: pb.score,
                    delta: score_a.zip(pb.score).map(|(x, y)| y - x),
                }
            })
            .collect();
        let fired_ids = |r: &Report| r.rules_fired.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        let (ids_a, ids_b) = (fired_ids(&a), fired_ids(&b));
        let rules_added: Vec<FiredRule> = b.rules_fired.iter().filter(|f| !ids_a.contains(&f.id)).cloned().collect();
        let rules_removed: Vec<FiredRule> = a.rules_fired.iter().filter(|f| !ids_b.contains(&f.id)).cloned().collect();
        let winner_changed = a.recommendation.pattern != b.recommendation.pattern;
        let unchanged = !winner_changed
            && answers_changed.is_empty()
            && rules_added.is_empty()
            && rules_removed.is_empty()
            && ranking.iter().all(|p| p.score_a == p.score_b && p.rank_a == p.rank_b);
        VersusReport {
            schema_version: SCHEMA_VERSION,
            lang: b.lang,
            a_label,
            b_label,
            unchanged,
            winner_changed,
            answers_changed,
            ranking,
            rules_added,
            rules_removed,
            a,
            b,
        }
    }

    /// Renders the comparison in a format (see [`super::Report::render`]).
    pub fn render(&self, format: super::Format, options: &RenderOptions) -> String {
        self.try_render(format, options).unwrap_or_else(|e| format!("{e}\n"))
    }

    /// Renders the comparison in a format; a template that fails names its file and line.
    pub fn try_render(
        &self,
        format: super::Format,
        options: &RenderOptions,
    ) -> Result<String, crate::error::InvalidInput> {
        // The page footer names the version and the rule set of B.
        let extra = minijinja::context! { tool_version => &self.b.tool_version, rules_digest => &self.b.rules_digest };
        let document = |name| options.templates.render(name, self, self.lang, options, extra.clone());
        match format {
            super::Format::Table => Ok(super::table::finish(&self.to_table(options), options)),
            super::Format::Markdown => document("versus.md"),
            super::Format::Json => Ok(self.to_json()),
            super::Format::Csv => Ok(super::csv::render_versus(self, options)),
            super::Format::Html => document("versus.html"),
            super::Format::Adr => {
                let extra = minijinja::value::merge_maps([
                    minijinja::context! { adr => minijinja::Value::from(minijinja::value::Serde(super::adr::AdrView::new(&self.b, options))) },
                    super::templates::cost_text(self.b.cost.as_ref(), self.lang),
                ]);
                options.templates.render("versus.adr.md", self, self.lang, options, extra)
            }
        }
    }

    /// Pretty JSON (serde of this model) with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Terminal tables.
    pub fn to_table(&self, options: &RenderOptions) -> String {
        let l = Labels::get(self.lang);
        let none = l.none_word;
        let mut out = String::new();
        let (wa, wb) = (
            self.a.recommendation.name.as_deref().unwrap_or(none),
            self.b.recommendation.name.as_deref().unwrap_or(none),
        );
        let _ = writeln!(out, "A = {}\nB = {}\n", self.a_label, self.b_label);
        if self.unchanged {
            let _ = writeln!(out, "{}: {wa}", l.no_change_recommendation_in_both);
            return out;
        }
        if self.winner_changed {
            let _ = writeln!(out, "{}: {wa} → {wb}", l.versus_changes);
        } else {
            let _ = writeln!(out, "{}: {wa}", l.versus_stays);
        }
        if !self.answers_changed.is_empty() {
            let _ = writeln!(out, "\n{}", l.answers_differ);
            let mut table = new_table(options);
            table.set_header(vec![l.question, "A", "B"]);
            for c in &self.answers_changed {
                table.add_row(vec![
                    format!("{} ({})", c.question, c.id),
                    c.a.clone().unwrap_or_else(|| "-".into()),
                    c.b.clone().unwrap_or_else(|| "-".into()),
                ]);
            }
            let _ = writeln!(out, "{table}");
        }
        let _ = writeln!(out, "\n{}", l.ranking_and_scores);
        let mut table = new_table(options);
        table.set_header(vec![l.pattern, "A", "B", l.change]);
        let cell = |rank: Option<usize>, score: Option<f64>| match (rank, score) {
            (Some(r), Some(s)) => format!("#{r} {}", format_score(s)),
            _ => l.excluded.to_owned(),
        };
        for p in &self.ranking {
            table.add_row(vec![
                term_cell(&p.name),
                term_cell(cell(p.rank_a, p.score_a)).set_alignment(CellAlignment::Right),
                term_cell(cell(p.rank_b, p.score_b)).set_alignment(CellAlignment::Right),
                term_cell(p.delta.map_or_else(|| "-".to_owned(), |d| format!("{d:+.1}")))
                    .set_alignment(CellAlignment::Right),
            ]);
        }
        let _ = writeln!(out, "{table}");
        for (title, rules) in [(l.rules_only_b, &self.rules_added), (l.rules_only_a, &self.rules_removed)] {
            if rules.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title}");
            let mut table = new_table(options);
            table.set_header(vec![l.rule, l.reason]);
            for r in rules {
                table.add_row(cells([&r.id, &r.reason]));
            }
            let _ = writeln!(out, "{table}");
        }
        out
    }
}
