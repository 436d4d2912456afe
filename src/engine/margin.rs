//! What decided the result: the winner's lead over the runner-up, split by criterion,
//! and the part of that lead each fired rule is responsible for.
//!
//! A rule's effect is measured, not estimated: the answers are scored again with the
//! rule left out, and the effect is the winner's margin with the rule minus its margin
//! without it. A rule that only adds notes, or whose changes touch no pattern
//! that competes with the winner, has no effect: it is advice.

use super::without::scores_without;
use super::{Evaluation, PatternOutcome};
use crate::model::{Effect, RuleSet};

/// Effects smaller than this (in score points) are rounding, not a change.
const NEGLIGIBLE: f64 = 1e-9;

/// One fired rule's part in the winner's lead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleEffect {
    /// The rule (index into the rule set).
    pub rule: usize,
    /// Points of the winner's margin the rule accounts for: positive when it widened
    /// the lead, negative when it narrowed it; 0 for advice.
    pub margin: f64,
}

impl RuleEffect {
    /// True when the rule changed the result (the winner's margin, or the winner).
    pub fn changed_result(&self) -> bool {
        self.margin.abs() > NEGLIGIBLE
    }
}

/// The winner's lead in score points over the best other eligible pattern of an
/// evaluation, or over zero when no other pattern is eligible. `None` when `pattern`
/// is not eligible there.
pub fn margin_of(evaluation: &Evaluation, pattern: usize) -> Option<f64> {
    let own = evaluation.ranking.iter().find(|o| o.pattern == pattern)?.score?;
    let rival = evaluation.ranking.iter().filter(|o| o.pattern != pattern).filter_map(|o| o.score).fold(0.0, f64::max);
    Some(own - rival)
}

/// [`margin_of`] over scores indexed by pattern (`None`: excluded). The largest of the
/// others is the same whatever order they are taken in (`f64::max` ignores `NaN`; only
/// the sign of a zero could differ, which no difference of margins keeps above
/// [`NEGLIGIBLE`]).
fn lead(scores: &[Option<f64>], pattern: usize) -> Option<f64> {
    let own = (*scores.get(pattern)?)?;
    let rival = scores.iter().enumerate().filter(|(p, _)| *p != pattern).filter_map(|(_, s)| *s).fold(0.0, f64::max);
    Some(own - rival)
}

/// The effect of every fired rule on the winner's margin, in firing order. Empty when
/// no pattern is eligible.
///
/// Leaving a rule out changes no condition, so the scores without it come from the
/// evaluation's trace ([`scores_without`](super::without::scores_without)): the same
/// bits as evaluating the answers again without it.
pub fn rule_effects(rules: &RuleSet, evaluation: &Evaluation) -> Vec<RuleEffect> {
    let Some(winner) = evaluation.winner().map(|w| w.pattern) else { return Vec::new() };
    let Some(margin) = margin_of(evaluation, winner) else { return Vec::new() };
    evaluation
        .fired
        .iter()
        .map(|&rule| {
            let scores = rules.rules[rule].effects.iter().any(|e| !matches!(e, Effect::Note { .. }));
            let effect = if scores {
                lead(&scores_without(rules, evaluation, rule), winner).map_or(0.0, |m| margin - m)
            } else {
                0.0
            };
            RuleEffect { rule, margin: if effect.abs() > NEGLIGIBLE { effect } else { 0.0 } }
        })
        .collect()
}

/// One criterion's part in the winner's lead over the runner-up: the difference of
/// their contributions, in score points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionLead {
    /// The criterion (index into the rule set).
    pub criterion: usize,
    /// Winner's contribution minus runner-up's; the leads sum to the margin.
    pub points: f64,
}

/// Per criterion, the winner's lead over `runner_up`, largest first (ties in criterion
/// order).
pub fn criterion_leads(winner: &PatternOutcome, runner_up: &PatternOutcome) -> Vec<CriterionLead> {
    let mut leads: Vec<CriterionLead> = winner
        .criteria
        .iter()
        .zip(&runner_up.criteria)
        .map(|(w, r)| CriterionLead { criterion: w.criterion, points: w.contribution - r.contribution })
        .collect();
    leads.sort_by(|a, b| b.points.total_cmp(&a.points).then(a.criterion.cmp(&b.criterion)));
    leads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, evaluate_with};
    use crate::testing::complete_answers;

    #[test]
    fn criterion_leads_sum_to_the_margin() {
        let (rules, completion) = complete_answers("k8s_in_use = \"production\"\nops_capacity = \"dedicated\"");
        let evaluation = evaluate(&rules, &completion.answers);
        let (winner, runner_up) = (&evaluation.ranking[0], &evaluation.ranking[1]);
        let leads = criterion_leads(winner, runner_up);
        let sum: f64 = leads.iter().map(|l| l.points).sum();
        let margin =
            winner.score.unwrap_or_else(|| panic!("no value")) - runner_up.score.unwrap_or_else(|| panic!("no value"));
        assert!((sum - margin).abs() < 1e-9, "leads sum to {sum}, margin is {margin}");
        assert!(leads.windows(2).all(|w| w[0].points >= w[1].points), "largest first");
    }

    #[test]
    fn a_note_only_rule_is_advice_and_a_rating_rule_moves_the_margin() {
        let (rules, completion) =
            complete_answers("k8s_in_use = \"none\"\nk8s_skill = \"none\"\nops_capacity = \"none\"");
        let answers = completion.answers;
        let evaluation = evaluate(&rules, &answers);
        let effects = rule_effects(&rules, &evaluation);
        assert_eq!(effects.len(), evaluation.fired.len());
        for effect in &effects {
            let notes_only = rules.rules[effect.rule].effects.iter().all(|e| matches!(e, Effect::Note { .. }));
            if notes_only {
                assert!(!effect.changed_result(), "{} only adds notes", rules.rules[effect.rule].id);
            }
        }
        assert!(effects.iter().any(RuleEffect::changed_result), "some rule decided this result");
        // Leaving a rule out and putting it back is the whole effect: the margin
        // without the rule plus its effect is the margin with it.
        let winner = evaluation.winner().unwrap_or_else(|| panic!("no value")).pattern;
        let margin = margin_of(&evaluation, winner).unwrap_or_else(|| panic!("no value"));
        let decisive = effects.iter().find(|e| e.changed_result()).unwrap_or_else(|| panic!("no value"));
        let without = evaluate_with(&rules, &answers, Some(decisive.rule), evaluation.cost.clone());
        assert!(
            (margin_of(&without, winner).unwrap_or_else(|| panic!("no value")) + decisive.margin - margin).abs() < 1e-9
        );
    }
}
