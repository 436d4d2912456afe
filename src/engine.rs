//! The rule engine: which rules fire, the ratings and weights they produce, the scores
//! and the trace that explains every point (DESIGN §3 steps 1–4 and 6).
//!
//! Pure: no I/O, no clock, no randomness. The same rule set and answers always give
//! the same [`Evaluation`], whatever the order of the rules.

pub mod margin;
pub mod money;
pub mod robustness;
pub mod score;
mod without;

use crate::cost::CostEstimate;
use crate::model::{Answers, Effect, NoteKind, RuleSet, Text};

pub use crate::model::condition::holds;
pub use money::MoneyRating;

/// Ratings are clamped into this range after all deltas.
pub const RATING_MIN: f64 = 1.0;
/// See [`RATING_MIN`].
pub const RATING_MAX: f64 = 5.0;

/// One rule's change to a rating.
#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    /// Index of the rule that made it, in [`RuleSet::rules`].
    pub rule: usize,
    /// The amount added.
    pub delta: f64,
}

/// One rule's factor on a weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// Index of the rule that applied it, in [`RuleSet::rules`].
    pub rule: usize,
    /// The factor.
    pub factor: f64,
}

/// How a criterion's weight came about.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightTrace {
    /// Criterion index.
    pub criterion: usize,
    /// Base weight from the criteria file.
    pub base: f64,
    /// Factors of fired rules, sorted by value.
    pub factors: Vec<Factor>,
    /// `base × Π factors`.
    pub weight: f64,
}

/// How one pattern's rating on one criterion came about, and what it contributes.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionTrace {
    /// Criterion index.
    pub criterion: usize,
    /// Base rating.
    pub base: f64,
    /// Deltas of fired rules, sorted by value.
    pub deltas: Vec<Delta>,
    /// `clamp(base + Σ deltas, 1, 5)`, or the money rating when `money` is set.
    pub rating: f64,
    /// Set on the `cost` criterion when the workload is priced: the rating comes from the
    /// monthly estimate (DESIGN §3 step 5), and `deltas` are shown but not applied.
    pub money: Option<MoneyRating>,
    /// The criterion's final weight.
    pub weight: f64,
    /// Points of the score this criterion gives: `100 · w · (r − 1) / (4 · Σw)`.
    pub contribution: f64,
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    /// Index of the rule that excluded it, in [`RuleSet::rules`]; its reason says why.
    pub rule: usize,
}

/// The result for one pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternOutcome {
    /// Pattern index.
    pub pattern: usize,
    /// 0..100, or `None` if excluded.
    pub score: Option<f64>,
    /// Every reason it is excluded (empty if eligible).
    pub excluded_because: Vec<Exclusion>,
    /// Trace per criterion, in criterion order.
    pub criteria: Vec<CriterionTrace>,
}

/// Advice from a fired rule.
#[derive(Debug, Clone, PartialEq)]
pub struct FiredNote {
    /// The rule.
    pub rule: String,
    /// Risk, mitigation or consider.
    pub kind: NoteKind,
    /// The patterns it is about (indices).
    pub patterns: Vec<usize>,
    /// The advice.
    pub text: Text,
    /// Where the knowledge comes from.
    pub source: String,
}

/// Everything the engine concluded, with its trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Patterns ranked: eligible by score (ties by rule order), then excluded.
    pub ranking: Vec<PatternOutcome>,
    /// Final weights with their factors, in criterion order.
    pub weights: Vec<WeightTrace>,
    /// Indices of the rules that fired, in rule order.
    pub fired: Vec<usize>,
    /// Notes of fired rules, in rule order.
    pub notes: Vec<FiredNote>,
    /// The monthly cost estimate, when the rules have prices and the answers a workload.
    pub cost: Option<CostEstimate>,
}

impl Evaluation {
    /// The recommended pattern's outcome: the top of the ranking, unless every pattern
    /// is excluded.
    pub fn winner(&self) -> Option<&PatternOutcome> {
        self.ranking.first().filter(|o| o.score.is_some())
    }
}

/// Runs every rule over the answers and scores the patterns.
pub fn evaluate(rules: &RuleSet, answers: &Answers) -> Evaluation {
    evaluate_with(rules, answers, None, money::estimate(rules, answers))
}

/// [`evaluate`] with one rule left out and the cost estimate given (the estimate
/// depends on the answers alone, so a counterfactual reuses it).
pub(crate) fn evaluate_with(
    rules: &RuleSet,
    answers: &Answers,
    left_out: Option<usize>,
    cost: Option<CostEstimate>,
) -> Evaluation {
    let n_patterns = rules.patterns.len();
    let n_criteria = rules.criteria.len();
    let mut deltas: Vec<Vec<Vec<Delta>>> = vec![vec![Vec::new(); n_criteria]; n_patterns];
    let mut weights: Vec<WeightTrace> = rules
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| WeightTrace { criterion: i, base: c.weight, factors: Vec::new(), weight: c.weight })
        .collect();
    let mut exclusions: Vec<Vec<Exclusion>> = vec![Vec::new(); n_patterns];
    let mut fired = Vec::new();
    let mut notes = Vec::new();

    for (index, rule) in rules.rules.iter().enumerate() {
        if Some(index) == left_out || !holds(&rule.when, answers) {
            continue;
        }
        fired.push(index);
        for effect in &rule.effects {
            match effect {
                Effect::Rating { criterion, delta, patterns } => {
                    for &p in patterns {
                        deltas[p][*criterion].push(Delta { rule: index, delta: *delta });
                    }
                }
                Effect::Weight { criterion, factor } => {
                    let trace = &mut weights[*criterion];
                    trace.factors.push(Factor { rule: index, factor: *factor });
                }
                Effect::Exclude { patterns } => {
                    for &p in patterns {
                        exclusions[p].push(Exclusion { rule: index });
                    }
                }
                Effect::Note { patterns, kind, text } => notes.push(FiredNote {
                    rule: rule.id.to_string(),
                    kind: *kind,
                    patterns: patterns.clone(),
                    text: text.clone(),
                    source: rule.source.to_string(),
                }),
            }
        }
    }

    // Summing deltas and multiplying factors in order of their values makes the result
    // independent of rule order, to the bit, without looking rules up again.
    for trace in &mut weights {
        trace.factors.sort_by(|a, b| a.factor.total_cmp(&b.factor).then(a.rule.cmp(&b.rule)));
        trace.weight = score::weight(trace.base, trace.factors.iter().map(|f| f.factor));
    }
    for cell in deltas.iter_mut().flatten() {
        cell.sort_by(|a, b| a.delta.total_cmp(&b.delta).then(a.rule.cmp(&b.rule)));
    }

    let total_weight = score::total_weight(weights.iter().map(|w| w.weight));
    let mut money = money::ratings(cost.as_ref(), &exclusions);
    let cost_criterion = rules.criterion_index(money::COST_CRITERION);
    let mut ranking: Vec<PatternOutcome> = (0..n_patterns)
        .map(|p| {
            let criteria: Vec<CriterionTrace> = (0..n_criteria)
                .map(|c| {
                    let base = f64::from(rules.ratings[p][c].value);
                    let money = if cost_criterion == Some(c) { money[p].take() } else { None };
                    let rating = money
                        .as_ref()
                        .map_or_else(|| score::rating(base, deltas[p][c].iter().map(|d| d.delta)), |m| m.rating);
                    let weight = weights[c].weight;
                    let contribution = score::contribution(weight, rating, total_weight);
                    CriterionTrace {
                        criterion: c,
                        base,
                        deltas: std::mem::take(&mut deltas[p][c]),
                        rating,
                        money,
                        weight,
                        contribution,
                    }
                })
                .collect();
            let excluded_because = std::mem::take(&mut exclusions[p]);
            let score = excluded_because.is_empty().then(|| score::score(criteria.iter().map(|c| c.contribution)));
            PatternOutcome { pattern: p, score, excluded_because, criteria }
        })
        .collect();
    // Stable sort: equal scores keep rule-file pattern order; excluded go last.
    ranking.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    Evaluation { ranking, weights, fired, notes, cost }
}

#[cfg(test)]
mod tests;
