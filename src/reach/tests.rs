use super::space::{Space, UNANSWERED};
use super::tally::Tally;
use super::*;
use crate::diag::{self, Code, Severity};
use crate::engine::evaluate;
use crate::model::{AnswerValue, Lang};
use crate::testing::{mini, mini_sources, mini_validated};

/// A third pattern that ties with `alpha` (base 5+… vs 3+…), a conditional question, a
/// rule that reads the priorities and another question, an exclusion, and weight
/// factors from both sides of the walk: every path of the fast sweep.
const RICH: &[(&str, &str)] = &[
    (
        "patterns.toml",
        r#"
[[pattern]]
id = "gamma"
orchestrator = "ecs"
capacity = "fargate"
name = { en = "Gamma", ja = "ガンマ" }
summary = { en = "The third option.", ja = "三つ目の選択肢。" }
"#,
    ),
    (
        "ratings.toml",
        r#"
[[rating]]
pattern = "gamma"
criterion = "cost"
value = 3
reason = { en = "Middling.", ja = "中程度。" }
source = "test"

[[rating]]
pattern = "gamma"
criterion = "speed"
value = 4
reason = { en = "Fast.", ja = "速い。" }
source = "test"
"#,
    ),
    (
        "questions.toml",
        r#"
[[question]]
id = "team"
kind = "single"
ask_if = { q = "size", is = "large" }
text = { en = "Team?", ja = "チーム？" }
options = [
  { id = "none", label = { en = "None", ja = "なし" } },
  { id = "some", label = { en = "Some", ja = "あり" } },
  { id = "many", label = { en = "Many", ja = "多い" } },
]
"#,
    ),
    (
        "rules.toml",
        r#"
[[rule]]
id = "no-team-excludes-beta"
when = { q = "team", is = "none" }
reason = { en = "x", ja = "x" }
source = "test"
effects = [{ exclude = { pattern = "beta" } }]

[[rule]]
id = "some-team-halves-speed"
when = { q = "team", in = ["some", "many"] }
reason = { en = "x", ja = "x" }
source = "test"
effects = [{ weight = "speed", factor = 0.5 }]

[[rule]]
id = "speedy-small"
when = { all = [{ q = "priorities", contains = "speed" }, { q = "size", is = "small" }] }
reason = { en = "x", ja = "x" }
source = "test"
effects = [{ rating = "speed", delta = 1, on = { pattern = "alpha" } }, { weight = "cost", factor = 1.5 }]

[[rule]]
id = "gpu-large-excludes-all"
when = { all = [{ q = "gpu", is = true }, { q = "team", is = "many" }] }
reason = { en = "x", ja = "x" }
source = "test"
effects = [{ exclude = { capacity = "ec2" } }]
"#,
    ),
];

fn rich() -> RuleSet {
    let validated = mini_validated(RICH);
    let errors: Vec<_> = validated.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    validated.rules.unwrap_or_else(|| unreachable!("checked above"))
}

/// Default options with a small ablation sample, for debug builds.
fn quick() -> ReachOptions {
    ReachOptions { ablation_samples: 500, ..ReachOptions::default() }
}

fn default_rules() -> RuleSet {
    crate::default_rules().unwrap_or_else(|e| panic!("{e}"))
}

fn pins(rules: &RuleSet, pairs: &[&str]) -> Answers {
    Answers::from_assignments(pairs, rules).unwrap_or_else(|d| panic!("{d:?}"))
}

fn every_answer_set(space: &Space) -> Vec<Vec<u16>> {
    space.every()
}

/// The tally of the engine itself over answer sets, in order.
fn engine_tally(rules: &RuleSet, space: &Space, sets: &[Vec<u16>]) -> Tally {
    let mut tally = Tally::new(space, rules.patterns.len());
    for states in sets {
        let evaluation = evaluate(rules, &space.answers(rules, states));
        tally.add(states, sampled::outcome(&evaluation, rules.patterns.len()));
    }
    tally
}

#[test]
fn fast_sweep_equals_the_engine_on_every_answer_set_of_a_small_rule_set() {
    for rules in [mini(), rich()] {
        let space = Space::new(&rules, &Answers::new());
        let sets = every_answer_set(&space);
        assert_eq!(space.count(), sets.len() as u64);
        let expected = engine_tally(&rules, &space, &sets);
        for threads in [1, 2, 3] {
            assert_eq!(exhaustive::sweep(&rules, &space, threads), expected, "{threads} thread(s)");
        }
    }
}

#[test]
fn leaf_cache_limits_do_not_change_the_result() {
    let rules = rich();
    let space = Space::new(&rules, &Answers::new());
    let expected = engine_tally(&rules, &space, &every_answer_set(&space));
    for limit in [0, 1, 2] {
        assert_eq!(exhaustive::sweep_with_cache(&rules, &space, 2, limit), expected, "cache limit {limit}");
    }
}

#[test]
fn answer_sets_a_cost_estimate_prices_are_left_to_the_engine() {
    let rules = default_rules();
    let fixed = pins(
        &rules,
        &[
            "k8s_in_use=none",
            "k8s_skill=basic",
            "k8s_ecosystem=false",
            "ops_capacity=part_time",
            "services=some",
            "lock_in=acceptable",
            "gpu=false",
            "host_access=false",
            "windows=false",
            "storage=none",
            "traffic=variable",
            "deploy_frequency=weekly",
            "region=us-east-1",
            "tasks=10",
            "task_vcpu=1",
            "task_memory_gib=2",
        ],
    );
    let space = Space::new(&rules, &fixed);
    let sets = every_answer_set(&space);
    let tally = exhaustive::sweep(&rules, &space, 2);
    assert!(tally.priced > 0, "the workload is priced");
    let mut expected = engine_tally(&rules, &space, &sets);
    expected.priced = tally.priced;
    assert_eq!(tally, expected);
    assert_eq!(tally.priced, sets.len() as u64);
}

#[test]
fn fast_sweep_breaks_ties_by_pattern_order_like_the_engine() {
    let rules = rich();
    // size=large, team=some: alpha 4·1 + 1·0.5, gamma 2·1 + 3·0.5 -> 4.5 vs 3.5; with
    // no priority and team unasked (size=small): alpha 4 + 1 = 5, gamma 2 + 3 = 5: a tie.
    let answers = pins(&rules, &["size=small", "gpu=false", "priorities="]);
    let evaluation = evaluate(&rules, &answers);
    let (a, g) = (evaluation.ranking[0].score, evaluation.ranking[1].score);
    assert_eq!(a, g, "the fixture has an exact tie");
    let reach = sweep(&rules, &quick().pinned(answers));
    assert_eq!(reach.answer_sets, 1);
    assert_eq!(reach.wins("alpha"), 1, "the tie goes to the pattern defined first");
}

#[test]
fn fast_path_equals_the_engine_on_random_answer_sets_of_the_default_rules() {
    let rules = default_rules();
    let space = Space::new(&rules, &Answers::new());
    assert!(space.inner.is_some(), "the priorities are swept innermost");
    let sets = sampled::draw(&space, 5_000, 7);
    assert_eq!(sets.len(), 5_000);
    let fast = exhaustive::winners(&rules, &space, &sets);
    for (states, winner) in sets.iter().zip(fast) {
        let evaluation = evaluate(&rules, &space.answers(&rules, states));
        assert_eq!(winner, sampled::outcome(&evaluation, rules.patterns.len()), "{:?}", space.answers(&rules, states));
    }
}

#[test]
fn pinned_sweep_of_the_default_rules_equals_the_engine() {
    let rules = default_rules();
    let fixed = pins(
        &rules,
        &[
            "k8s_in_use=evaluating",
            "k8s_skill=basic",
            "ops_capacity=part_time",
            "services=some",
            "lock_in=prefer_avoid",
            "gpu=false",
            "windows=false",
            "traffic=spiky",
            "storage=none",
        ],
    );
    let space = Space::new(&rules, &fixed);
    let sets = every_answer_set(&space);
    assert!(sets.len() > 5_000, "{}", sets.len());
    assert_eq!(exhaustive::sweep(&rules, &space, 2), engine_tally(&rules, &space, &sets));
}

#[test]
fn pinned_answers_restrict_every_answer_set() {
    let rules = rich();
    let fixed = pins(&rules, &["size=large", "team=none"]);
    let reach = sweep(&rules, &quick().pinned(fixed.clone()));
    // gpu × priorities (none, cost, speed).
    assert_eq!((reach.space, reach.answer_sets), (6, 6));
    assert_eq!(reach.mode, Mode::Exhaustive);
    assert_eq!(reach.wins("beta"), 0, "team=none excludes beta");
    assert!(reach.never_win.contains(&"beta".to_owned()));
    for pattern in &reach.patterns {
        if let Some(example) = &pattern.example {
            for (id, value) in fixed.iter() {
                assert_eq!(example.get(id), Some(value));
            }
        }
    }
    assert_eq!(reach.row("size", "large").map(|r| r.answer_sets), Some(6));
    assert!(reach.row("size", "small").is_none());
    assert!(reach.not_swept.iter().any(|n| n.question == "team" && n.reason == NotSweptReason::Pinned));
}

#[test]
fn unasked_questions_do_not_multiply_the_space_and_get_their_own_row() {
    let rules = rich();
    let reach = sweep(&rules, &quick());
    // gpu 2 × (size=small + size=large × team 3) × priorities 3.
    assert_eq!(reach.space, 2 * (1 + 3) * 3);
    assert_eq!(reach.row("team", NOT_ASKED).map(|r| r.answer_sets), Some(6));
    assert_eq!(reach.row("priorities", NONE_CHOSEN).map(|r| r.answer_sets), Some(8));
    assert_eq!(reach.row("priorities", "cost").map(|r| r.answer_sets), Some(8));
    let shares: f64 = reach.patterns.iter().map(|p| p.wins.share).sum::<f64>() + reach.no_winner.share;
    assert!((shares - 1.0).abs() < 1e-12);
    let tasks = reach.not_swept.iter().find(|n| n.question == "tasks");
    assert_eq!(tasks.map(|n| n.reason), Some(NotSweptReason::Number));
    assert_eq!(reach.priced, 0, "no workload, no money");
}

#[test]
fn exhaustive_up_to_the_limit_else_a_seeded_sample() {
    let rules = rich();
    let exhaustive = sweep(&rules, &quick());
    assert_eq!(exhaustive.mode, Mode::Exhaustive);
    let options = ReachOptions { exhaustive_limit: 10, seed: 3, ablation_samples: 0, ..ReachOptions::default() };
    let sampled = sweep(&rules, &options);
    assert_eq!(sampled.mode, Mode::Sampled { seed: 3 });
    assert_eq!((sampled.space, sampled.answer_sets), (24, DEFAULT_SAMPLES));
    for p in &exhaustive.patterns {
        assert!((p.wins.share - sampled.share(&p.pattern)).abs() < 0.01, "{}", p.pattern);
    }
    assert!(sampled.ablation.is_none());
    assert_eq!(sampled, sweep(&rules, &options), "same seed, same result");
    let asked = sweep(&rules, &ReachOptions { sample: Some(500), ablation_samples: 100, ..ReachOptions::default() });
    assert_eq!((asked.mode, asked.answer_sets), (Mode::Sampled { seed: DEFAULT_SEED }, 500));
}

#[test]
fn sampling_is_uniform_over_answer_sets_with_unasked_questions() {
    let rules = rich();
    let space = Space::new(&rules, &Answers::new());
    let draws = sampled::draw(&space, 24_000, 11);
    let team = space.slots.iter().position(|s| rules.questions[s.question].id == "team").unwrap_or_default();
    let unasked = draws.iter().filter(|s| s[team] == UNANSWERED).count() as f64 / draws.len() as f64;
    assert!((unasked - 0.25).abs() < 0.02, "6 of 24 answer sets leave `team` unasked, got {unasked}");
}

#[test]
fn shares_by_attribute_and_by_pattern_set() {
    let rules = rich();
    let reach = sweep(&rules, &quick());
    let ecs = reach.share_where(&rules, |p| p.orchestrator == crate::model::Orchestrator::Ecs);
    assert!((ecs - reach.share_of(&["alpha", "gamma"])).abs() < 1e-12);
    assert!(
        (reach.share("alpha") + reach.share("beta") + reach.share("gamma") + reach.no_winner.share - 1.0).abs() < 1e-12
    );
}

#[test]
fn ablation_finds_a_useless_rule_and_one_that_never_fires() {
    let overlay = [(
        "useless.toml",
        r#"
[[rule]]
id = "pointless-bonus"
when = { q = "gpu", is = true }
reason = { en = "x", ja = "x" }
source = "test"
effects = [{ rating = "speed", delta = 0.5, on = { pattern = "beta" } }]

[[rule]]
id = "never-fires"
when = { all = [{ q = "gpu", is = true }, { q = "gpu", is = false }] }
reason = { en = "x", ja = "x" }
source = "test"
effects = [{ weight = "cost", factor = 2 }]
"#,
    )];
    let validated = mini_validated(&overlay);
    let rules = validated.rules.unwrap_or_else(|| panic!("{:?}", validated.diagnostics));
    let reach = sweep(&rules, &ReachOptions { ablation_samples: 2_000, ..ReachOptions::default() });
    let ablation = reach.ablation.unwrap_or_else(|| panic!("ablation missing"));
    assert_eq!((ablation.mode, ablation.answer_sets), (Mode::Exhaustive, 12), "a space smaller than the sample");
    // gpu=true excludes beta (Fargate), so its bonus never matters.
    assert!(ablation.never_changed.contains(&"pointless-bonus".to_owned()), "{ablation:?}");
    assert!(ablation.never_fired.contains(&"never-fires".to_owned()), "{ablation:?}");
    assert!(!ablation.never_changed.contains(&"gpu-excludes-fargate".to_owned()));
}

#[test]
fn check_warns_about_a_pattern_that_cannot_win_and_not_about_others() {
    assert!(check::never_wins(&mini()).is_empty());
    assert!(check::never_wins(&rich()).is_empty());
    let overlay = [(
        "bury.toml",
        r#"
[[rule]]
id = "bury-beta"
when = { all = [] }
reason = { en = "x", ja = "x" }
source = "test"
effects = [{ rating = "speed", delta = -3, on = { pattern = "beta" } }]
"#,
    )];
    let sources = mini_sources(&overlay);
    let rules = crate::validate::validate(&sources).rules.unwrap_or_else(|| panic!("invalid"));
    let warnings = check::never_wins(&rules);
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].code, warnings[0].severity), (Code::PatternNeverWins, Severity::Warning));
    insta::assert_snapshot!("pattern_never_wins", diag::render(&warnings, &sources.sources, false, Lang::En));
    insta::assert_snapshot!("pattern_never_wins_ja", diag::render(&warnings, &sources.sources, false, Lang::Ja));
}

#[test]
fn the_local_search_climbs_to_a_win() {
    // gpu=false, size=small, priorities=[cost]: beta is eligible but loses; naming speed
    // as the priority makes it win.
    let rules = mini();
    let space = Space::new(&rules, &Answers::new());
    let beta = rules.pattern_index("beta").unwrap_or_default();
    let start = every_answer_set(&space)
        .into_iter()
        .find(|s| {
            let a = space.answers(&rules, s);
            a.get("gpu") == Some(&AnswerValue::Bool(false))
                && a.get("size") == Some(&AnswerValue::Choice("small".into()))
                && a.get("priorities") == Some(&AnswerValue::Choices(vec!["cost".into()]))
        })
        .unwrap_or_default();
    assert_ne!(evaluate(&rules, &space.answers(&rules, &start)).winner().map(|w| w.pattern), Some(beta));
    assert!(check::climbs_to_a_win(&rules, &space, start, beta));
}

#[test]
fn check_on_a_large_space_samples_and_searches() {
    // The default rules are too many answer sets for an exhaustive check; a pattern
    // that wins is proven by a sampled or searched answer set.
    let rules = default_rules();
    assert!(answer_sets(&rules, &Answers::new()) > check::CHECK_EXHAUSTIVE_LIMIT);
    let warnings = check::never_wins(&rules);
    assert!(warnings.iter().all(|w| w.code == Code::PatternNeverWins && w.severity == Severity::Warning));
    let reach = sweep(&rules, &ReachOptions { sample: Some(2_000), ablation_samples: 0, ..ReachOptions::default() });
    for p in &reach.patterns {
        if p.wins.count > 0 {
            assert!(!warnings.iter().any(|w| w.message.en.contains(&format!("`{}`", p.pattern))), "{}", p.pattern);
        }
    }
}

#[test]
fn json_is_deterministic_and_carries_the_mode() {
    let rules = rich();
    let a = serde_json::to_string(&sweep(&rules, &quick())).unwrap_or_default();
    let b = serde_json::to_string(&sweep(&rules, &ReachOptions { threads: 1, ..quick() })).unwrap_or_default();
    assert_eq!(a, b);
    assert!(a.contains(r#""mode":{"kind":"exhaustive"}"#), "{a}");
}
