//! Properties of the engine on the default rules, over random answers (proptest):
//! scores stay in 0..100; raising a rating never lowers that pattern's score; more
//! weight on a criterion where A beats B never lets B overtake A; answers survive
//! save → load unchanged.

use container_advisor::diag::SourceMap;
use container_advisor::model::{AnswerValue, QuestionKind};
use container_advisor::{Answers, Lang, RuleSet, default_rules, evaluate};
use proptest::prelude::*;

static RULES: std::sync::LazyLock<RuleSet> =
    std::sync::LazyLock::new(|| default_rules().unwrap_or_else(|e| panic!("{e}")));

fn rules() -> RuleSet {
    RULES.clone()
}

/// Answers built from one number per question: an option, a bool, a multi-choice
/// subset within `max_choices`, or a number inside the range (whole where required).
fn answers_from(rules: &RuleSet, picks: &[u32]) -> Answers {
    let mut answers = Answers::new();
    for (question, &pick) in rules.questions.iter().zip(picks) {
        let pick = pick as usize;
        let value = match question.kind {
            QuestionKind::Bool => AnswerValue::Bool(pick.is_multiple_of(2)),
            QuestionKind::Single => AnswerValue::Choice(question.options[pick % question.options.len()].id.to_string()),
            QuestionKind::Multi => {
                let max = question.max_choices.unwrap_or(question.options.len());
                let chosen: Vec<String> = question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (pick >> i) & 1 == 1)
                    .take(max)
                    .map(|(_, o)| o.id.to_string())
                    .collect();
                AnswerValue::Choices(chosen)
            }
            QuestionKind::Number => {
                let (min, max, integer) =
                    question.range.as_ref().map_or((1.0, 10.0, true), |r| (r.min, r.max, r.integer));
                let x = min + (max - min) * f64::from(u32::try_from(pick % 1001).unwrap_or(0)) / 1000.0;
                AnswerValue::Number(if integer { x.round().clamp(min.ceil(), max.floor()) } else { x })
            }
        };
        answers.set(question.id.clone(), value);
    }
    answers
}

fn score_of(rules: &RuleSet, answers: &Answers, pattern: usize) -> Option<f64> {
    evaluate(rules, answers).ranking.iter().find(|o| o.pattern == pattern).and_then(|o| o.score)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn scores_stay_between_0_and_100(picks in proptest::collection::vec(any::<u32>(), 32)) {
        let rules = rules();
        let evaluation = evaluate(&rules, &answers_from(&rules, &picks));
        for outcome in &evaluation.ranking {
            if let Some(score) = outcome.score {
                prop_assert!((0.0..=100.0).contains(&score), "{score}");
            }
            for c in &outcome.criteria {
                prop_assert!((1.0..=5.0).contains(&c.rating));
            }
        }
    }

    #[test]
    fn raising_a_rating_never_lowers_the_score(
        picks in proptest::collection::vec(any::<u32>(), 32),
        pattern in 0usize..4,
        criterion in 0usize..10,
    ) {
        let mut rules = rules();
        let answers = answers_from(&rules, &picks);
        let before = score_of(&rules, &answers, pattern);
        let cell = &mut rules.ratings[pattern][criterion];
        prop_assume!(cell.value < 5);
        cell.value += 1;
        let after = score_of(&rules, &answers, pattern);
        match (before, after) {
            (Some(b), Some(a)) => prop_assert!(a >= b - 1e-9, "{b} -> {a}"),
            (None, None) => {}
            other => prop_assert!(false, "exclusion changed: {other:?}"),
        }
    }

    #[test]
    fn more_weight_where_a_beats_b_never_lets_b_overtake(
        picks in proptest::collection::vec(any::<u32>(), 32),
        criterion in 0usize..10,
        factor in 1.0f64..20.0,
    ) {
        let mut rules = rules();
        let answers = answers_from(&rules, &picks);
        let evaluation = evaluate(&rules, &answers);
        let eligible: Vec<_> = evaluation.ranking.iter().filter(|o| o.score.is_some()).collect();
        prop_assume!(eligible.len() >= 2);
        let (a, b) = (eligible[0], eligible[1]);
        prop_assume!(a.criteria[criterion].rating >= b.criteria[criterion].rating);
        rules.criteria[criterion].weight *= factor;
        let after = evaluate(&rules, &answers);
        let score = |p: usize| after.ranking.iter().find(|o| o.pattern == p).and_then(|o| o.score).unwrap_or(f64::NAN);
        prop_assert!(score(a.pattern) >= score(b.pattern) - 1e-9, "{} < {}", score(a.pattern), score(b.pattern));
    }

    #[test]
    fn answers_survive_save_and_load(picks in proptest::collection::vec(any::<u32>(), 32), japanese in any::<bool>()) {
        let rules = rules();
        let answers = answers_from(&rules, &picks);
        let lang = if japanese { Lang::Ja } else { Lang::En };
        let text = answers.to_toml(&rules, lang);
        let mut sources = SourceMap::default();
        let file = sources.add("saved.toml", text.clone());
        let loaded = Answers::from_toml(&text, file, &rules).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
        prop_assert_eq!(loaded, answers);
    }
}
