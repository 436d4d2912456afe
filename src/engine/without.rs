//! The scores with one fired rule left out, from an evaluation's trace: what
//! [`evaluate_with`](super::evaluate_with) gives with that rule left out, bit for bit,
//! without evaluating the conditions again or building a trace.
//!
//! Conditions read the answers alone, so leaving a rule out only takes its effects away:
//! the other rules fire as before. The trace keeps every criterion's factors and every
//! cell's deltas sorted by value (then rule), which is the order the engine sums and
//! multiplies them in; the same lists less one rule's entries stay in that order. So
//! the weights, ratings, contributions and scores below are the same operations, in the
//! same order, as the engine's, through the same [`score`](super::score) functions.

use super::{Evaluation, Exclusion, money, score};
use crate::model::RuleSet;

/// Every pattern's score without `rule`, indexed by pattern: `None` when another rule
/// still excludes it.
pub(crate) fn scores_without(rules: &RuleSet, evaluation: &Evaluation, rule: usize) -> Vec<Option<f64>> {
    let weights: Vec<f64> = evaluation
        .weights
        .iter()
        .map(|w| score::weight(w.base, w.factors.iter().filter(|f| f.rule != rule).map(|f| f.factor)))
        .collect();
    let total_weight = score::total_weight(weights.iter().copied());
    let mut exclusions: Vec<Vec<Exclusion>> = vec![Vec::new(); rules.patterns.len()];
    for outcome in &evaluation.ranking {
        exclusions[outcome.pattern] = outcome.excluded_because.iter().filter(|e| e.rule != rule).cloned().collect();
    }
    // The money ratings depend on which patterns are eligible, which leaving out an
    // exclusion can change.
    let money = money::ratings(evaluation.cost.as_ref(), &exclusions);
    let cost_criterion = rules.criterion_index(money::COST_CRITERION);
    let mut scores = vec![None; rules.patterns.len()];
    for outcome in &evaluation.ranking {
        let p = outcome.pattern;
        if !exclusions[p].is_empty() {
            continue;
        }
        let contributions = outcome.criteria.iter().map(|trace| {
            let c = trace.criterion;
            let money = if cost_criterion == Some(c) { money[p].as_ref() } else { None };
            let rating = money.map_or_else(
                || score::rating(trace.base, trace.deltas.iter().filter(|d| d.rule != rule).map(|d| d.delta)),
                |m| m.rating,
            );
            score::contribution(weights[c], rating, total_weight)
        });
        scores[p] = Some(score::score(contributions));
    }
    scores
}

#[cfg(test)]
mod tests;
