use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::engine::margin::{RuleEffect, margin_of, rule_effects};
use crate::engine::{evaluate, evaluate_with};
use crate::model::{AnswerValue, Answers, Effect, QuestionKind};

/// Answers with a random value for every question (an option, a subset, a bool, or a
/// number in its range), so workloads get priced and rules exclude patterns.
fn random_answers(rules: &RuleSet, rng: &mut ChaCha8Rng) -> Answers {
    let mut answers = Answers::new();
    for question in &rules.questions {
        if rng.random_range(0..6) == 0 {
            continue;
        }
        let value = match question.kind {
            QuestionKind::Bool => AnswerValue::Bool(rng.random()),
            QuestionKind::Single => {
                AnswerValue::Choice(question.options[rng.random_range(0..question.options.len())].id.to_string())
            }
            QuestionKind::Multi => {
                let max = question.max_choices.unwrap_or(question.options.len());
                let chosen = question.options.iter().filter(|_| rng.random()).take(max).map(|o| o.id.to_string());
                AnswerValue::Choices(chosen.collect())
            }
            QuestionKind::Number => {
                let (min, max, integer) =
                    question.range.as_ref().map_or((1.0, 10.0, true), |r| (r.min, r.max.min(r.min + 64.0), r.integer));
                let x = rng.random_range(min..=max);
                AnswerValue::Number(if integer { x.round().clamp(min.ceil(), max.floor()) } else { x })
            }
        };
        answers.set(question.id.clone(), value);
    }
    answers
}

/// Every answers file of the scenarios and cases, completed with defaults.
fn answer_files() -> Vec<Answers> {
    crate::testing::answers_files()
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let (_, completion) = crate::testing::complete_answers(&text);
            completion.answers
        })
        .collect()
}

/// The rule effects as they were computed before: the answers evaluated again in full
/// with each rule left out.
fn reference_effects(rules: &RuleSet, answers: &Answers, evaluation: &Evaluation) -> Vec<RuleEffect> {
    let Some(winner) = evaluation.winner().map(|w| w.pattern) else { return Vec::new() };
    let Some(margin) = margin_of(evaluation, winner) else { return Vec::new() };
    evaluation
        .fired
        .iter()
        .map(|&rule| {
            let scores = rules.rules[rule].effects.iter().any(|e| !matches!(e, Effect::Note { .. }));
            let effect = if scores {
                let without = evaluate_with(rules, answers, Some(rule), evaluation.cost.clone());
                margin_of(&without, winner).map_or(0.0, |m| margin - m)
            } else {
                0.0
            };
            RuleEffect { rule, margin: if effect.abs() > 1e-9 { effect } else { 0.0 } }
        })
        .collect()
}

fn bits(scores: &[Option<f64>]) -> Vec<Option<u64>> {
    scores.iter().map(|s| s.map(f64::to_bits)).collect()
}

#[test]
fn scores_and_effects_equal_a_full_evaluation_without_the_rule_bit_for_bit() {
    let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let mut all = answer_files();
    all.extend((0..400).map(|_| random_answers(&rules, &mut rng)));
    let (mut compared, mut priced, mut freed) = (0, 0, 0);
    for answers in &all {
        let evaluation = evaluate(&rules, answers);
        for &rule in &evaluation.fired {
            let full = evaluate_with(&rules, answers, Some(rule), evaluation.cost.clone());
            let mut expected = vec![None; rules.patterns.len()];
            for outcome in &full.ranking {
                expected[outcome.pattern] = outcome.score;
            }
            let got = scores_without(&rules, &evaluation, rule);
            assert_eq!(bits(&got), bits(&expected), "rule {} on {answers:?}", rules.rules[rule].id);
            compared += 1;
            if evaluation.cost.is_some() {
                priced += 1;
                let eligible = |e: &Evaluation| e.ranking.iter().filter(|o| o.score.is_some()).count();
                if eligible(&full) > eligible(&evaluation) {
                    freed += 1;
                }
            }
        }
        let effects =
            |e: &[RuleEffect]| -> Vec<(usize, u64)> { e.iter().map(|e| (e.rule, e.margin.to_bits())).collect() };
        assert_eq!(
            effects(&rule_effects(&rules, &evaluation)),
            effects(&reference_effects(&rules, answers, &evaluation)),
            "{answers:?}"
        );
    }
    // Money ratings, and money ratings that change when an exclusion is left out, were
    // compared too.
    assert!(compared > 2_000 && priced > 500 && freed > 20, "{compared} {priced} {freed}");
}
