//! The `compare` view: the patterns side by side on every criterion, with the rating,
//! its reason and its source. Without answers it shows the base knowledge; with
//! answers, the weighted view (final ratings, weights, contributions, totals,
//! exclusions).

use serde::Serialize;

use super::{ExclusionReport, SCHEMA_VERSION};
use crate::engine::Evaluation;
use crate::model::{Answers, Lang, RuleSet};

/// One pattern as a column.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PatternColumn {
    /// Pattern id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One-sentence summary.
    pub summary: String,
    /// Score 0..100 (weighted view only; `null` when excluded or without answers).
    pub score: Option<f64>,
    /// Excluded by a hard constraint (weighted view only).
    pub excluded: bool,
    /// Every reason it is excluded.
    pub excluded_because: Vec<ExclusionReport>,
}

/// One pattern's cell on one criterion.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CompareCell {
    /// Pattern id.
    pub pattern: String,
    /// Rating 1..5 (final rating in the weighted view, else the base rating).
    pub rating: f64,
    /// Base rating from the rules.
    pub base: f64,
    /// Why this rating (the base rating's reason, or the money when the estimate sets it).
    pub reason: String,
    /// Where from.
    pub source: String,
    /// Rule ids whose deltas changed the rating (weighted view).
    pub changed_by: Vec<String>,
    /// Points of the score (weighted view; 0 for an excluded pattern).
    pub contribution: Option<f64>,
}

/// One criterion as a row.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CompareRow {
    /// Criterion id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the scale means.
    pub description: String,
    /// Weight (final in the weighted view, else the base weight).
    pub weight: f64,
    /// Share of the total weight, 0..1.
    pub share: f64,
    /// One cell per pattern, in column order.
    pub cells: Vec<CompareCell>,
}

/// Everything `compare` shows.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CompareReport {
    /// Version of this contract.
    pub schema_version: u32,
    /// container-advisor version.
    pub tool_version: String,
    /// Language of the texts.
    pub lang: Lang,
    /// True with answers: final ratings, weights and scores.
    pub weighted: bool,
    /// Columns, in rule order (or ranking order in the weighted view).
    pub patterns: Vec<PatternColumn>,
    /// Rows, in criterion order.
    pub criteria: Vec<CompareRow>,
    /// The answers of the weighted view.
    pub answers: Option<Answers>,
    /// Hash of the effective rule set.
    pub rules_digest: String,
    /// Every catalogue document the ratings shown cite, once each, by id.
    pub sources: Vec<crate::model::Source>,
}

impl CompareReport {
    /// The base knowledge side by side, optionally narrowed to some patterns (ids, in
    /// the given order).
    pub fn base(rules: &RuleSet, only: Option<&[usize]>, lang: Lang) -> Self {
        let order: Vec<usize> = only.map_or_else(|| (0..rules.patterns.len()).collect(), <[usize]>::to_vec);
        let total: f64 = rules.criteria.iter().map(|c| c.weight).sum();
        let criteria = rules
            .criteria
            .iter()
            .enumerate()
            .map(|(c, criterion)| CompareRow {
                id: criterion.id.to_string(),
                name: criterion.name.get(lang).to_owned(),
                description: criterion.description.get(lang).to_owned(),
                weight: criterion.weight,
                share: if total > 0.0 { criterion.weight / total } else { 0.0 },
                cells: order
                    .iter()
                    .map(|&p| {
                        let rating = &rules.ratings[p][c];
                        CompareCell {
                            pattern: rules.patterns[p].id.to_string(),
                            rating: f64::from(rating.value),
                            base: f64::from(rating.value),
                            reason: rating.reason.get(lang).to_owned(),
                            source: rules.sources.cite(&rating.source, lang),
                            changed_by: Vec::new(),
                            contribution: None,
                        }
                    })
                    .collect(),
            })
            .collect();
        CompareReport {
            schema_version: SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            lang,
            weighted: false,
            patterns: order.iter().map(|&p| column(rules, p, lang)).collect(),
            sources: rules
                .sources
                .cited(order.iter().flat_map(|&p| rules.ratings[p].iter().map(|r| r.source.as_str()))),
            criteria,
            answers: None,
            rules_digest: rules.digest.to_string(),
        }
    }

    /// The weighted view of an evaluation, columns in ranking order.
    pub fn weighted(
        rules: &RuleSet,
        answers: &Answers,
        evaluation: &Evaluation,
        only: Option<&[usize]>,
        lang: Lang,
    ) -> Self {
        // Only the scores: not the rule effects, notes and sources a whole report computes.
        let ranking = super::ranked_patterns(rules, evaluation, lang);
        let criteria = super::criteria_infos(rules, evaluation, lang);
        let order: Vec<usize> =
            evaluation.ranking.iter().map(|o| o.pattern).filter(|p| only.is_none_or(|only| only.contains(p))).collect();
        let mut compare = CompareReport::base(rules, Some(&order), lang);
        compare.weighted = true;
        compare.answers = Some(answers.clone());
        for column in &mut compare.patterns {
            if let Some(ranked) = ranking.iter().find(|r| r.pattern == column.id) {
                column.score = ranked.score;
                column.excluded = ranked.excluded;
                column.excluded_because.clone_from(&ranked.excluded_because);
            }
        }
        for row in &mut compare.criteria {
            if let Some(info) = criteria.iter().find(|c| c.id == row.id) {
                row.weight = info.weight;
                row.share = info.share;
            }
            for cell in &mut row.cells {
                let Some(score) =
                    ranking.iter().find(|r| r.pattern == cell.pattern).and_then(|r| r.criteria.get(&row.id))
                else {
                    continue;
                };
                cell.rating = score.rating;
                // The final rating's reason: the money's when the estimate sets it.
                cell.reason.clone_from(&score.reason);
                cell.source.clone_from(&score.source);
                cell.changed_by = score.deltas.iter().map(|d| d.rule.clone()).collect();
                cell.contribution = Some(score.contribution);
            }
        }
        compare
    }
}

impl CompareReport {
    /// Renders the comparison in a format (see [`super::Report::render`]).
    pub fn render(&self, format: super::Format, options: &super::RenderOptions) -> String {
        self.try_render(format, options).unwrap_or_else(|e| format!("{e}\n"))
    }

    /// Renders the comparison in a format; a template that fails names its file and line.
    pub fn try_render(
        &self,
        format: super::Format,
        options: &super::RenderOptions,
    ) -> Result<String, crate::error::InvalidInput> {
        let document = |name| options.templates.render(name, self, self.lang, options, minijinja::Value::UNDEFINED);
        match format {
            super::Format::Table => Ok(super::table::finish(&super::table::render_compare(self, options), options)),
            super::Format::Markdown => document("compare.md"),
            super::Format::Json => {
                let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
                text.push('\n');
                Ok(text)
            }
            super::Format::Csv => Ok(super::csv::render_compare(self, options)),
            super::Format::Html => document("compare.html"),
            super::Format::Adr => {
                let extra = minijinja::context! { adr => minijinja::Value::from(minijinja::value::Serde(super::adr::AdrView::from_compare(self, options))) };
                options.templates.render("compare.adr.md", self, self.lang, options, extra)
            }
        }
    }
}

fn column(rules: &RuleSet, p: usize, lang: Lang) -> PatternColumn {
    let pattern = &rules.patterns[p];
    PatternColumn {
        id: pattern.id.to_string(),
        name: pattern.name.get(lang).to_owned(),
        summary: pattern.summary.get(lang).to_owned(),
        score: None,
        excluded: false,
        excluded_because: Vec::new(),
    }
}
