//! The report: one serialisable model of everything a user sees, and one renderer per
//! format.
//!
//! [`Report::new`] turns an evaluation into plain data in one language (names,
//! reasons, sources); renderers only lay that data out. JSON is `serde_json` of this
//! model (DESIGN §7, `schema_version: 1`). Nothing here computes a score or does I/O.

pub mod adr;
pub mod because;
pub mod catalogue;
pub mod compare;
pub mod cost;
pub mod cost_only;
pub mod csv;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod reach;
pub mod robustness;
pub mod table;
pub mod templates;
pub mod versus;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::Evaluation;
use crate::engine::margin::rule_effects;
use crate::engine::robustness::Robustness;
use crate::model::{Answers, Capacity, Condition, Hosts, Lang, NoteKind, Orchestrator, RuleSet, Source};

pub use cost::{CostReport, MoneyReport};
pub use cost_only::CostOnlyReport;
pub use robustness::RobustnessReport;
pub use templates::Templates;

use crate::error::InvalidInput;

/// The version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Terminal tables.
    #[default]
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// The JSON contract.
    Json,
    /// RFC 4180 CSV, one row per pattern × criterion.
    Csv,
    /// One self-contained HTML file with an SVG chart; no script, nothing from the network.
    Html,
    /// An architecture decision record in the MADR 4 layout.
    Adr,
}

/// How to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Terminal width in columns (tables wrap to it).
    pub width: u16,
    /// ANSI colour.
    pub color: bool,
    /// Show the whole trace (`--explain`).
    pub explain: bool,
    /// The date a document carries, ISO `YYYY-MM-DD` (the ADR's `date`). Renderers read
    /// no clock: the binary passes today's date or `SOURCE_DATE_EPOCH`'s; `None` (or
    /// anything that is not such a date) leaves the date out.
    pub date: Option<String>,
    /// ASCII table borders, for a terminal whose locale is not UTF-8 (`LANG=C`).
    pub ascii: bool,
    /// The document templates: the built-in ones unless a team replaced some
    /// ([`Templates::load`]).
    pub templates: Templates,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self { width: 100, color: false, explain: false, date: None, ascii: false, templates: Templates::default() }
    }
}

/// The recommended pattern.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Recommendation {
    /// Pattern id, or `null` when every pattern is excluded.
    pub pattern: Option<String>,
    /// Its display name.
    pub name: Option<String>,
    /// Its score, 0..100.
    pub score: Option<f64>,
    /// Its orchestrator, `ecs` or `eks`.
    pub orchestrator: Option<Orchestrator>,
    /// Its capacity, `ec2` or `fargate`.
    pub capacity: Option<Capacity>,
    /// Who runs its hosts, `self` or `aws`.
    pub hosts: Option<Hosts>,
}

/// Why a pattern is excluded.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ExclusionReport {
    /// The rule.
    pub rule: String,
    /// Why.
    pub reason: String,
}

/// One rule's change to a rating or weight.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Adjustment {
    /// The rule.
    pub rule: String,
    /// Delta (ratings) or factor (weights).
    pub value: f64,
}

/// A pattern's result on one criterion.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CriterionScore {
    /// Final rating, 1..5.
    pub rating: f64,
    /// Base rating.
    pub base: f64,
    /// Deltas of fired rules.
    pub deltas: Vec<Adjustment>,
    /// Final weight of the criterion.
    pub weight: f64,
    /// Points of the score from this criterion (0 for an excluded pattern).
    pub contribution: f64,
    /// On `cost` when the workload is priced: the figures the rating comes from. The
    /// rating is then the money's alone: `deltas` is empty and `base` unused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money: Option<MoneyReport>,
    /// Why this rating: the base rating's reason, or the money when it sets the rating.
    pub reason: String,
    /// Where the base rating comes from (the price sources when money sets it).
    pub source: String,
}

/// One pattern in the ranking.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RankedPattern {
    /// Pattern id.
    pub pattern: String,
    /// Display name.
    pub name: String,
    /// Orchestrator, `ecs` or `eks`.
    pub orchestrator: Orchestrator,
    /// Capacity, `ec2` or `fargate`.
    pub capacity: Capacity,
    /// Who runs the hosts, `self` or `aws`.
    pub hosts: Hosts,
    /// One-sentence summary.
    pub summary: String,
    /// The pattern's place in the rule files: the same colour in every chart.
    pub color_index: usize,
    /// Score 0..100, `null` when excluded.
    pub score: Option<f64>,
    /// True when a hard constraint rules it out.
    pub excluded: bool,
    /// Every reason it is excluded.
    pub excluded_because: Vec<ExclusionReport>,
    /// Result per criterion id.
    pub criteria: BTreeMap<String, CriterionScore>,
}

/// A criterion with its final weight.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CriterionInfo {
    /// Criterion id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Base weight.
    pub base_weight: f64,
    /// Factors of fired rules.
    pub factors: Vec<Adjustment>,
    /// Final weight.
    pub weight: f64,
    /// Share of the total weight, 0..1.
    pub share: f64,
}

/// A rule that fired.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FiredRule {
    /// Rule id.
    pub id: String,
    /// Why it exists.
    pub reason: String,
    /// Where the knowledge comes from.
    pub source: String,
    /// Ids of the questions its condition reads, in first-use order.
    pub questions: Vec<String>,
    /// True when the rule changed the result: without it, the winner's margin (or the
    /// winner) would differ. The others are advice.
    pub changed_result: bool,
    /// Points of the winner's margin the rule accounts for (+ widened, − narrowed);
    /// `null` for advice.
    pub effect: Option<f64>,
}

/// Advice for a reviewer.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct NoteReport {
    /// The rule that gave it.
    pub rule: String,
    /// Risk, mitigation or consider.
    pub kind: NoteKind,
    /// The pattern ids it is about.
    pub patterns: Vec<String>,
    /// Their names, in the same order.
    pub pattern_names: Vec<String>,
    /// The advice.
    pub text: String,
    /// Where the knowledge comes from.
    pub source: String,
}

/// One answer as the user gave it (or as defaulted), with the question text.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AnswerLine {
    /// Question id.
    pub id: String,
    /// The question.
    pub question: String,
    /// The answer in words.
    pub answer: String,
    /// True when the default was taken.
    pub defaulted: bool,
}

/// Everything a `recommend` run shows. Serialises to the JSON contract.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// Version of this contract.
    pub schema_version: u32,
    /// container-advisor version.
    pub tool_version: String,
    /// Language of the texts.
    pub lang: Lang,
    /// The recommended pattern.
    pub recommendation: Recommendation,
    /// Why, in one sentence: the criteria that decided it, the runner-up and the margin.
    pub because: String,
    /// Every pattern, best first; excluded patterns last.
    pub ranking: Vec<RankedPattern>,
    /// Criteria in rule order with their weights.
    pub criteria: Vec<CriterionInfo>,
    /// Rules that fired: those that changed the result first, by the size of their
    /// effect on the winner's margin, then the advice in rule order.
    pub rules_fired: Vec<FiredRule>,
    /// Win probability, flips and margin; `null` without an eligible pattern.
    pub robustness: Option<RobustnessReport>,
    /// The monthly cost estimate; `null` without a priced workload.
    pub cost: Option<CostReport>,
    /// Advice from fired rules, each note once.
    pub notes: Vec<NoteReport>,
    /// The answers used, by question id.
    pub answers: Answers,
    /// Ids of answers that took their question's default.
    pub defaulted: Vec<String>,
    /// The answers in words, in question order.
    pub answer_lines: Vec<AnswerLine>,
    /// Every catalogue document the fired rules, notes and prices cite, once each, by id.
    pub sources: Vec<Source>,
    /// Hash of the effective rule set.
    pub rules_digest: String,
}

impl Report {
    /// Builds the report of an evaluation in one language.
    pub fn new(
        rules: &RuleSet,
        answers: &Answers,
        defaulted: &[String],
        evaluation: &Evaluation,
        robustness: Option<&Robustness>,
        lang: Lang,
    ) -> Self {
        let pattern_name = |p: usize| rules.patterns[p].name.get(lang).to_owned();
        let ranking = ranked_patterns(rules, evaluation, lang);
        let cost = evaluation.cost.as_ref().map(|estimate| {
            let mut cost = CostReport::new(estimate, rules, lang);
            // In a recommendation, "cheapest" is among the patterns no hard constraint
            // rules out: the one the money ratings measure against.
            cost.cheapest = cheapest_eligible(&cost, &ranking);
            cost
        });
        let criteria = criteria_infos(rules, evaluation, lang);
        let mut rules_fired: Vec<FiredRule> = rule_effects(rules, evaluation)
            .into_iter()
            .map(|effect| {
                let rule = &rules.rules[effect.rule];
                let mut questions = Vec::new();
                condition_questions(&rule.when, &mut questions);
                FiredRule {
                    id: rule.id.to_string(),
                    reason: rule.reason.get(lang).to_owned(),
                    source: rules.sources.cite(&rule.source, lang),
                    questions,
                    changed_result: effect.changed_result(),
                    effect: effect.changed_result().then_some(effect.margin),
                }
            })
            .collect();
        // Stable: advice keeps rule order.
        rules_fired.sort_by(|a, b| {
            let size = |r: &FiredRule| r.effect.map_or(-1.0, f64::abs);
            size(b).total_cmp(&size(a))
        });
        let notes = notes(rules, evaluation, lang);
        let answer_lines = answer_lines(rules, answers, defaulted, lang);
        let cited = evaluation.fired.iter().map(|&i| rules.rules[i].source.as_str());
        let cited = cited.chain(evaluation.notes.iter().map(|n| n.source.as_str()));
        let price_sources = evaluation.cost.iter().flat_map(|c| c.sources.iter().map(String::as_str));
        let sources = rules.sources.cited(cited.chain(price_sources));
        let winner = evaluation.winner();
        Report {
            schema_version: SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            lang,
            recommendation: Recommendation {
                pattern: winner.map(|w| rules.patterns[w.pattern].id.to_string()),
                name: winner.map(|w| pattern_name(w.pattern)),
                score: winner.and_then(|w| w.score),
                orchestrator: winner.map(|w| rules.patterns[w.pattern].orchestrator),
                capacity: winner.map(|w| rules.patterns[w.pattern].capacity),
                hosts: winner.map(|w| rules.patterns[w.pattern].hosts),
            },
            because: because::sentence(rules, evaluation, lang),
            ranking,
            criteria,
            rules_fired,
            robustness: robustness
                .filter(|_| winner.is_some())
                .map(|r| RobustnessReport::new(rules, r, winner.map(|w| w.pattern), lang)),
            cost,
            notes,
            answers: answers.clone(),
            defaulted: defaulted.to_vec(),
            answer_lines,
            sources,
            rules_digest: rules.digest.to_string(),
        }
    }

    /// Renders the report in a format. With the built-in templates this cannot fail
    /// (the tests render every one); with a team's templates use [`Self::try_render`].
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        self.try_render(format, options).unwrap_or_else(|e| format!("{e}\n"))
    }

    /// Renders the report in a format; a template that fails names its file and line.
    pub fn try_render(&self, format: Format, options: &RenderOptions) -> Result<String, InvalidInput> {
        let document = |name| {
            let extra = templates::cost_text(self.cost.as_ref(), self.lang);
            options.templates.render(name, self, self.lang, options, extra)
        };
        match format {
            Format::Table => Ok(table::finish(&table::render(self, options), options)),
            Format::Markdown => document("recommend.md"),
            Format::Json => Ok(json::render(self)),
            Format::Csv => Ok(csv::render(self, options)),
            Format::Html => document("recommend.html"),
            Format::Adr => {
                let extra = minijinja::value::merge_maps([
                    minijinja::context! { adr => minijinja::Value::from(minijinja::value::Serde(adr::AdrView::new(self, options))) },
                    templates::cost_text(self.cost.as_ref(), self.lang),
                ]);
                options.templates.render("recommend.adr.md", self, self.lang, options, extra)
            }
        }
    }
}

/// The answers in words, in question order.
pub fn answer_lines(rules: &RuleSet, answers: &Answers, defaulted: &[String], lang: Lang) -> Vec<AnswerLine> {
    rules
        .questions
        .iter()
        .filter_map(|q| {
            answers.get(&q.id).map(|value| AnswerLine {
                id: q.id.to_string(),
                question: q.text.get(lang).to_owned(),
                answer: value.label(q, lang),
                defaulted: defaulted.iter().any(|d| *d == q.id),
            })
        })
        .collect()
}

/// The notes of an evaluation, each once: a note that several rules or effects give
/// with the same text is merged, with the patterns of all of them.
fn notes(rules: &RuleSet, evaluation: &Evaluation, lang: Lang) -> Vec<NoteReport> {
    let mut notes: Vec<NoteReport> = Vec::new();
    for n in &evaluation.notes {
        let text = n.text.get(lang);
        let patterns = n.patterns.iter().map(|&p| rules.patterns[p].id.to_string());
        if let Some(seen) = notes.iter_mut().find(|seen| seen.text == text) {
            for (id, &p) in patterns.zip(&n.patterns) {
                if !seen.patterns.contains(&id) {
                    seen.patterns.push(id);
                    seen.pattern_names.push(rules.patterns[p].name.get(lang).to_owned());
                }
            }
            continue;
        }
        notes.push(NoteReport {
            rule: n.rule.clone(),
            kind: n.kind,
            patterns: patterns.collect(),
            pattern_names: n.patterns.iter().map(|&p| rules.patterns[p].name.get(lang).to_owned()).collect(),
            text: text.to_owned(),
            source: rules.sources.cite(&n.source, lang),
        });
    }
    notes
}

/// The cheapest priced pattern that is not excluded.
fn cheapest_eligible(cost: &CostReport, ranking: &[RankedPattern]) -> Option<String> {
    ranking
        .iter()
        .filter(|p| !p.excluded)
        .filter_map(|p| cost.monthly(&p.pattern).map(|usd| (p, usd)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, _)| p.pattern.clone())
}

/// Every criterion with its final weight and the factors that made it, in rule order.
pub(crate) fn criteria_infos(rules: &RuleSet, evaluation: &Evaluation, lang: Lang) -> Vec<CriterionInfo> {
    let total_weight: f64 = evaluation.weights.iter().map(|w| w.weight).sum();
    evaluation
        .weights
        .iter()
        .map(|w| CriterionInfo {
            id: rules.criteria[w.criterion].id.to_string(),
            name: rules.criteria[w.criterion].name.get(lang).to_owned(),
            base_weight: w.base,
            factors: by_rule_id(
                w.factors
                    .iter()
                    .map(|f| Adjustment { rule: rules.rules[f.rule].id.to_string(), value: f.factor })
                    .collect(),
                |a| &a.rule,
            ),
            weight: w.weight,
            share: if total_weight > 0.0 { w.weight / total_weight } else { 0.0 },
        })
        .collect()
}

/// Every pattern's result, in ranking order.
pub(crate) fn ranked_patterns(rules: &RuleSet, evaluation: &Evaluation, lang: Lang) -> Vec<RankedPattern> {
    let pattern_name = |p: usize| rules.patterns[p].name.get(lang).to_owned();
    evaluation
        .ranking
        .iter()
        .map(|outcome| RankedPattern {
            pattern: rules.patterns[outcome.pattern].id.to_string(),
            name: pattern_name(outcome.pattern),
            orchestrator: rules.patterns[outcome.pattern].orchestrator,
            capacity: rules.patterns[outcome.pattern].capacity,
            hosts: rules.patterns[outcome.pattern].hosts,
            summary: rules.patterns[outcome.pattern].summary.get(lang).to_owned(),
            color_index: outcome.pattern,
            score: outcome.score,
            excluded: outcome.score.is_none(),
            excluded_because: by_rule_id(
                outcome
                    .excluded_because
                    .iter()
                    .map(|e| ExclusionReport {
                        rule: rules.rules[e.rule].id.to_string(),
                        reason: rules.rules[e.rule].reason.get(lang).to_owned(),
                    })
                    .collect(),
                |e| &e.rule,
            ),
            criteria: outcome
                .criteria
                .iter()
                .map(|c| {
                    let money = c.money.as_ref().map(|m| MoneyReport::new(m, rules));
                    let score = CriterionScore {
                        rating: c.rating,
                        base: c.base,
                        // Money sets the rating alone: the deltas it supersedes are not listed.
                        deltas: if money.is_some() {
                            Vec::new()
                        } else {
                            by_rule_id(
                                c.deltas
                                    .iter()
                                    .map(|d| Adjustment { rule: rules.rules[d.rule].id.to_string(), value: d.delta })
                                    .collect(),
                                |a| &a.rule,
                            )
                        },
                        weight: c.weight,
                        contribution: if outcome.score.is_some() { c.contribution } else { 0.0 },
                        source: if money.is_some() {
                            evaluation.cost.as_ref().map(|e| e.sources.join("; ")).unwrap_or_default()
                        } else {
                            rules.sources.cite(&rules.ratings[outcome.pattern][c.criterion].source, lang)
                        },
                        reason: money.as_ref().map_or_else(
                            || rules.ratings[outcome.pattern][c.criterion].reason.get(lang).to_owned(),
                            |m| m.reason(c.rating, rules, lang),
                        ),
                        money,
                    };
                    (rules.criteria[c.criterion].id.to_string(), score)
                })
                .collect(),
        })
        .collect()
}

/// Appends the ids of the questions a condition reads, each once.
fn condition_questions(condition: &Condition, out: &mut Vec<String>) {
    let q = match condition {
        Condition::Is { q, .. }
        | Condition::In { q, .. }
        | Condition::Contains { q, .. }
        | Condition::Compare { q, .. }
        | Condition::Answered { q, .. } => q,
        Condition::All(all) | Condition::Any(all) => {
            for c in all {
                condition_questions(c, out);
            }
            return;
        }
        Condition::Not(c) => return condition_questions(c, out),
    };
    if !out.iter().any(|o| *o == *q) {
        out.push(q.to_string());
    }
}

/// Sorts by rule id, so the trace reads the same whatever the order of the rules.
fn by_rule_id<T>(mut items: Vec<T>, id: impl Fn(&T) -> &String) -> Vec<T> {
    items.sort_by(|a, b| id(a).cmp(id(b)));
    items
}

/// A score as people read it: one decimal.
pub fn format_score(score: f64) -> String {
    format!("{score:.1}")
}

/// A rating as people read it: whole ratings as they are, ratings from money with two
/// decimals (`4.46`).
pub fn format_rating_value(rating: f64) -> String {
    if rating.fract() == 0.0 { crate::model::answers::format_number(rating) } else { format!("{rating:.2}") }
}

/// A rating with its change from the base, e.g. `4 (+1)`; a rating from the cost
/// estimate shows with `($)`.
pub fn format_rating(score: &CriterionScore) -> String {
    if score.money.is_some() {
        return format!("{:.2} ($)", score.rating);
    }
    let change = score.rating - score.base;
    if change == 0.0 {
        format_rating_value(score.rating)
    } else {
        format!("{} ({change:+})", format_rating_value(score.rating))
    }
}
