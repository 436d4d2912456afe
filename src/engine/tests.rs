use super::*;
use crate::model::{AnswerValue, Answers};
use crate::testing::{mini, mini_validated};

fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
    let mut a = Answers::new();
    for (k, v) in pairs {
        a.set(*k, v.clone());
    }
    a
}

fn rule_index(rules: &crate::model::RuleSet, id: &str) -> usize {
    rules.rules.iter().position(|r| r.id == id).unwrap_or_else(|| panic!("no rule {id}"))
}

fn choice(s: &str) -> AnswerValue {
    AnswerValue::Choice(s.to_owned())
}

#[test]
fn scores_follow_the_weighted_sum_formula() {
    let rules = mini();
    // size=small: beta cost 2 - 2 = 0 -> clamped to 1. Weights 1, 1.
    let eval = evaluate(&rules, &answers(&[("size", choice("small"))]));
    let alpha = eval.ranking.iter().find(|o| o.pattern == 0).and_then(|o| o.score);
    let beta = eval.ranking.iter().find(|o| o.pattern == 1).and_then(|o| o.score);
    // alpha: 100 * (1*(5-1) + 1*(2-1)) / (4*2) = 62.5 ; beta: 100 * (0 + 3) / 8 = 37.5
    assert_eq!(alpha, Some(62.5));
    assert_eq!(beta, Some(37.5));
    let beta_cost = &eval.ranking[1].criteria[0];
    assert_eq!((beta_cost.base, beta_cost.rating), (2.0, 1.0), "clamped after all deltas");
    assert_eq!(beta_cost.deltas, vec![Delta { rule: rule_index(&rules, "small-favours-alpha"), delta: -2.0 }]);
}

#[test]
fn weights_multiply_and_contributions_add_up_to_the_score() {
    let rules = mini();
    let a = answers(&[("size", choice("large")), ("priorities", AnswerValue::Choices(vec!["speed".into()]))]);
    let eval = evaluate(&rules, &a);
    assert_eq!(eval.weights[1].weight, 3.0);
    assert_eq!(eval.weights[1].factors, vec![Factor { rule: rule_index(&rules, "priority-speed"), factor: 3.0 }]);
    for outcome in &eval.ranking {
        let sum: f64 = outcome.criteria.iter().map(|c| c.contribution).sum();
        assert!((sum - outcome.score.unwrap_or(f64::NAN)).abs() < 1e-9);
    }
    // beta: 100 * (1*1 + 3*4) / (4*4) = 81.25 beats alpha 100 * (4 + 3*1) / 16 = 43.75
    assert_eq!(eval.ranking[0].pattern, 1);
    assert_eq!(eval.ranking[0].score, Some(81.25));
}

#[test]
fn exclusions_rank_last_with_every_reason() {
    let rules = mini();
    let eval = evaluate(&rules, &answers(&[("gpu", AnswerValue::Bool(true)), ("size", choice("large"))]));
    let last = eval.ranking.last().unwrap_or_else(|| unreachable!());
    assert_eq!(last.pattern, 1);
    assert_eq!(last.score, None);
    assert_eq!(rules.rules[last.excluded_because[0].rule].id, "gpu-excludes-fargate");
    assert_eq!(eval.winner().map(|w| w.pattern), Some(0));
}

#[test]
fn no_winner_when_everything_is_excluded() {
    let text = "[[rule]]\nid = \"all-out\"\nwhen = { all = [] }\nreason = { en = \"No.\", ja = \"不可。\" }\nsource = \"s\"\neffects = [{ exclude = { orchestrator = \"ecs\" } }, { exclude = { orchestrator = \"eks\" } }]\n";
    let rules = mini_validated(&[("x.toml", text)]).rules.unwrap_or_else(|| panic!("invalid"));
    let eval = evaluate(&rules, &Answers::new());
    assert!(eval.winner().is_none());
}

#[test]
fn ties_break_by_pattern_order() {
    let rules = mini();
    // size=large: alpha 62.5, beta (1 + 4)/8 = 62.5 -> alpha first (rule-file order).
    let eval = evaluate(&rules, &answers(&[("size", choice("large"))]));
    assert_eq!(eval.ranking[0].score, eval.ranking[1].score);
    assert_eq!(eval.ranking[0].pattern, 0);
}

#[test]
fn rule_order_does_not_change_the_result() {
    let mut rules = mini();
    let a = answers(&[("size", choice("small")), ("priorities", AnswerValue::Choices(vec!["cost".into()]))]);
    let before = evaluate(&rules, &a);
    let n = rules.rules.len();
    rules.rules.reverse();
    let after = evaluate(&rules, &a);
    // Rule indices are reversed too; compare everything else.
    let scores = |e: &Evaluation| e.ranking.iter().map(|o| (o.pattern, o.score)).collect::<Vec<_>>();
    assert_eq!(scores(&before), scores(&after));
    let weights = |e: &Evaluation| e.weights.iter().map(|w| w.weight).collect::<Vec<_>>();
    assert_eq!(weights(&before), weights(&after));
    let first = before.weights[0].factors.iter().map(|f| n - 1 - f.rule).collect::<Vec<_>>();
    assert_eq!(first, after.weights[0].factors.iter().map(|f| f.rule).collect::<Vec<_>>());
}

#[test]
fn zero_total_weight_scores_zero_instead_of_nan() {
    let mut rules = mini();
    for c in &mut rules.criteria {
        c.weight = 0.0;
    }
    let eval = evaluate(&rules, &Answers::new());
    assert!(eval.ranking.iter().all(|o| o.score == Some(0.0)));
}
