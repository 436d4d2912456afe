//! DESIGN §3 step 2: rule order must not change any result. The default rules are
//! shuffled (file order and the order of the rules inside each file) and evaluated on
//! random answers; rankings, scores, ratings, weights and exclusions must be identical.

use std::fmt::Write as _;

use container_advisor::load::{DEFAULT_RULE_FILES, Layer};
use container_advisor::model::{AnswerValue, QuestionKind};
use container_advisor::{Answers, RuleSet, RuleSources, evaluate, validate};
use proptest::prelude::*;

/// Loads the default files in the given order, each with its `[[rule]]`s permuted by `seed`.
fn shuffled_rules(file_order: &[usize], seed: u64) -> RuleSet {
    let mut sources = RuleSources::default();
    let mut state = seed;
    for &i in file_order {
        let (name, text) = DEFAULT_RULE_FILES[i];
        let mut table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Patterns, criteria and questions keep their order: it is the documented
        // tie-break and display order. Rules and files are shuffled.
        if let Some(toml::Value::Array(items)) = table.get_mut("rule") {
            {
                // Fisher–Yates with a small LCG: deterministic for a given seed.
                for j in (1..items.len()).rev() {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    let k = (state >> 33) as usize % (j + 1);
                    items.swap(j, k);
                }
            }
        }
        let text = toml::to_string(&table).unwrap_or_else(|e| panic!("{name}: {e}"));
        sources.add_text(name.to_owned(), &text, Layer::Default);
    }
    let validated = validate(&sources);
    validated.rules.unwrap_or_else(|| panic!("shuffled rules invalid: {:?}", validated.diagnostics))
}

/// Answers built from one number per question (an option index, a bool, a number).
fn answers_from(rules: &RuleSet, picks: &[usize]) -> Answers {
    let mut answers = Answers::new();
    for (question, pick) in rules.questions.iter().zip(picks) {
        let value = match question.kind {
            QuestionKind::Bool => AnswerValue::Bool(pick % 2 == 0),
            QuestionKind::Single => AnswerValue::Choice(question.options[pick % question.options.len()].id.to_string()),
            QuestionKind::Multi => {
                let max = question.max_choices.unwrap_or(1).min(question.options.len());
                let count = pick % (max + 1);
                AnswerValue::Choices(
                    (0..count)
                        .map(|k| question.options[(pick / 7 + k * 3) % question.options.len()].id.to_string())
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                )
            }
            QuestionKind::Number => {
                let range = question.range.as_ref().map_or((1.0, 10.0), |r| (r.min, r.max));
                AnswerValue::Number((range.0 + (range.1 - range.0) * ((pick % 11) as f64 / 10.0)).round().max(range.0))
            }
        };
        answers.set(question.id.clone(), value);
    }
    answers
}

fn canonical(rules: &RuleSet, answers: &Answers) -> String {
    let evaluation = evaluate(rules, answers);
    let mut out = String::new();
    for outcome in &evaluation.ranking {
        let id = &rules.patterns[outcome.pattern].id;
        let mut excluded: Vec<&str> =
            outcome.excluded_because.iter().map(|e| rules.rules[e.rule].id.as_str()).collect();
        excluded.sort_unstable();
        let _ = writeln!(out, "{id} {:?} {excluded:?}", outcome.score);
        for c in &outcome.criteria {
            let _ = writeln!(out, "  {} {} {}", rules.criteria[c.criterion].id, c.rating, c.weight);
        }
    }
    let mut fired: Vec<&str> = evaluation.fired.iter().map(|&i| rules.rules[i].id.as_str()).collect();
    fired.sort_unstable();
    let _ = writeln!(out, "{fired:?}");
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn shuffling_the_rules_changes_no_result(
        picks in proptest::collection::vec(0usize..10_000, 40),
        order in Just((0..DEFAULT_RULE_FILES.len()).collect::<Vec<_>>()).prop_shuffle(),
        seed in any::<u64>(),
    ) {
        let original = container_advisor::default_rules().unwrap_or_else(|e| panic!("{e}"));
        let shuffled = shuffled_rules(&order, seed);
        let answers = answers_from(&original, &picks);
        prop_assert_eq!(canonical(&original, &answers), canonical(&shuffled, &answers));
    }
}
