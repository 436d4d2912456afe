//! Benchmarks (`cargo bench`): rule evaluation on synthetic rule sets of 1k, 10k and
//! 100k rules (growth must stay linear; 100k rules within 50 ms), the robustness
//! analysis at 10,000 samples, loading the default rules both ways (decoding the binary
//! form `build.rs` validated, as a run does; parsing and validating their TOML, as
//! `rules check` and every `--rules` overlay do), and the `rules reach` sweep of the
//! default rules (exhaustive, under 60 s on two cores) and its ablation.
//!
//! The `phase` module splits one `recommend` of scenario 01 into the phases of a run
//! (load the default rules, evaluate, robustness, `Report::new`, each renderer), to see
//! where a start-up goes (issue #14).

use container_advisor::engine::robustness::{RobustnessOptions, analyse};
use container_advisor::model::{AnswerValue, Condition, Effect, QuestionKind, Rule, Text};
use container_advisor::reach::{ReachOptions, sweep};
use container_advisor::{Answers, RuleSet, default_rules, evaluate, load_rules_from_toml};

/// One `recommend --answers tests/scenarios/01-k8s-on-prem-moves-to-eks-ec2.toml`, phase
/// by phase, on the default rules.
mod phase {
    use container_advisor::engine::robustness::{RobustnessOptions, analyse};
    use container_advisor::model::Lang;
    use container_advisor::questionnaire::complete_with_defaults;
    use container_advisor::{Answers, Format, RenderOptions, Report, RuleSet, SourceMap, default_rules, evaluate};

    const SCENARIO: &str = include_str!("../tests/scenarios/01-k8s-on-prem-moves-to-eks-ec2.toml");

    fn setup() -> (RuleSet, Answers, Vec<String>) {
        let rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
        let mut sources = SourceMap::default();
        let file = sources.add("01.toml", SCENARIO);
        let answers = Answers::from_toml(SCENARIO, file, &rules).unwrap_or_else(|d| panic!("{d:?}"));
        let completion = complete_with_defaults(&rules, answers);
        (rules, completion.answers, completion.defaulted)
    }

    fn report() -> Report {
        let (rules, answers, defaulted) = setup();
        let evaluation = evaluate(&rules, &answers);
        let robustness = analyse(&evaluation, &RobustnessOptions::default());
        Report::new(&rules, &answers, &defaulted, &evaluation, Some(&robustness), Lang::En)
    }

    /// What a run does: decode the rules `build.rs` validated.
    #[divan::bench(sample_count = 50)]
    fn load_default_rules() -> usize {
        default_rules().map_or(0, |r| r.rules.len())
    }

    #[divan::bench(sample_count = 50)]
    fn parse_answers(bencher: divan::Bencher) {
        let rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
        bencher.bench_local(|| {
            let mut sources = SourceMap::default();
            let file = sources.add("01.toml", SCENARIO);
            Answers::from_toml(divan::black_box(SCENARIO), file, &rules).map(|a| complete_with_defaults(&rules, a))
        });
    }

    #[divan::bench(sample_count = 50)]
    fn evaluate_scenario(bencher: divan::Bencher) {
        let (rules, answers, _) = setup();
        bencher.bench_local(|| evaluate(divan::black_box(&rules), divan::black_box(&answers)));
    }

    #[divan::bench(sample_count = 50)]
    fn robustness_default_seed(bencher: divan::Bencher) {
        let (rules, answers, _) = setup();
        let evaluation = evaluate(&rules, &answers);
        bencher.bench_local(|| analyse(divan::black_box(&evaluation), &RobustnessOptions::default()));
    }

    #[divan::bench(sample_count = 50)]
    fn robustness_other_seed(bencher: divan::Bencher) {
        let (rules, answers, _) = setup();
        let evaluation = evaluate(&rules, &answers);
        let options = RobustnessOptions { seed: 7, ..RobustnessOptions::default() };
        bencher.bench_local(|| analyse(divan::black_box(&evaluation), &options));
    }

    #[divan::bench(sample_count = 50)]
    fn report_new(bencher: divan::Bencher) {
        let (rules, answers, defaulted) = setup();
        let evaluation = evaluate(&rules, &answers);
        let robustness = analyse(&evaluation, &RobustnessOptions::default());
        bencher.bench_local(|| {
            Report::new(&rules, &answers, &defaulted, divan::black_box(&evaluation), Some(&robustness), Lang::En)
        });
    }

    /// The part of `Report::new` that measures each fired rule's effect (one scoring
    /// without the rule per fired rule, from the trace).
    #[divan::bench(sample_count = 50)]
    fn rule_effects(bencher: divan::Bencher) {
        let (rules, answers, _) = setup();
        let evaluation = evaluate(&rules, &answers);
        bencher.bench_local(|| {
            container_advisor::engine::margin::rule_effects(&rules, divan::black_box(&evaluation)).len()
        });
    }

    #[divan::bench(args = ["json", "table", "html"], sample_count = 50)]
    fn render(bencher: divan::Bencher, format: &str) {
        let report = report();
        let format = match format {
            "json" => Format::Json,
            "table" => Format::Table,
            _ => Format::Html,
        };
        let options = RenderOptions { width: 80, ..RenderOptions::default() };
        bencher.bench_local(|| divan::black_box(&report).render(format, &options));
    }
}

fn main() {
    divan::main();
}

/// The default rules plus `n` synthetic rules over the real questions, with a mix of
/// conditions (`is`, `in`, `contains`, `all`/`any`/`not`) and effects.
fn synthetic(n: usize) -> RuleSet {
    let mut rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    let questions: Vec<_> = rules.questions.iter().filter(|q| q.kind != QuestionKind::Number).cloned().collect();
    let patterns = rules.patterns.len();
    let criteria = rules.criteria.len();
    let text = Text::new("synthetic", "合成");
    for i in 0..n {
        let q = &questions[i % questions.len()];
        let leaf = match q.kind {
            QuestionKind::Bool => Condition::Is { q: q.id.clone(), value: AnswerValue::Bool(i % 2 == 0) },
            QuestionKind::Single => {
                Condition::In { q: q.id.clone(), options: vec![q.options[i % q.options.len()].id.clone()] }
            }
            _ => Condition::Contains { q: q.id.clone(), option: q.options[i % q.options.len()].id.clone() },
        };
        let when = match i % 3 {
            0 => leaf,
            1 => Condition::All(vec![leaf, Condition::Not(Box::new(Condition::All(vec![])))]),
            _ => Condition::Any(vec![Condition::All(vec![]), leaf]),
        };
        let effect = match i % 4 {
            0 => Effect::Rating { criterion: i % criteria, delta: 1.0, patterns: vec![i % patterns] },
            1 => Effect::Weight { criterion: i % criteria, factor: 1.0001 },
            2 => Effect::Rating { criterion: i % criteria, delta: -1.0, patterns: (0..patterns).collect() },
            _ => Effect::Weight { criterion: i % criteria, factor: 0.9999 },
        };
        rules.rules.push(Rule {
            id: format!("synthetic-{i}").into(),
            when,
            reason: text.clone(),
            source: "bench".into(),
            effects: vec![effect],
        });
    }
    rules
}

fn answers(rules: &RuleSet) -> Answers {
    let mut answers = Answers::new();
    for q in &rules.questions {
        let value = match q.kind {
            QuestionKind::Bool => AnswerValue::Bool(false),
            QuestionKind::Single => AnswerValue::Choice(q.options[q.options.len() / 2].id.to_string()),
            QuestionKind::Multi => AnswerValue::Choices(vec![q.options[0].id.to_string()]),
            QuestionKind::Number => AnswerValue::Number(q.range.as_ref().map_or(1.0, |r| r.min)),
        };
        answers.set(q.id.clone(), value);
    }
    answers
}

#[divan::bench(args = [1_000, 10_000, 30_000, 100_000, 200_000], sample_count = 20)]
fn evaluate_rules(bencher: divan::Bencher, n: usize) {
    let rules = synthetic(n);
    let answers = answers(&rules);
    bencher.bench_local(|| evaluate(divan::black_box(&rules), divan::black_box(&answers)));
}

#[divan::bench(sample_count = 20)]
fn robustness_10k_samples(bencher: divan::Bencher) {
    let rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    let evaluation = evaluate(&rules, &answers(&rules));
    let options = RobustnessOptions::default();
    bencher.bench_local(|| analyse(divan::black_box(&evaluation), &options));
}

/// The full path over the embedded TOML of the default rules: parse, validate, collect
/// every diagnostic (`rules check`, and the base of every `--rules` overlay).
#[divan::bench(sample_count = 50)]
fn load_and_validate_embedded_rules() -> usize {
    let (rules, diagnostics, _) =
        load_rules_from_toml(&container_advisor::RulesSelection::Default).unwrap_or_else(|e| panic!("{e}"));
    rules.map_or(0, |r| r.rules.len()) + diagnostics.len()
}

/// What a run does instead: decode the default rules `build.rs` validated, every text
/// borrowed from the binary, the prices left encoded (a run without a workload).
#[divan::bench(sample_count = 200)]
fn decode_embedded_default_rules() -> usize {
    default_rules().map_or(0, |r| r.rules.len())
}

/// A run that prices a workload: the default rules and their prices (the EC2 catalogue
/// of 177 types in ten Regions).
#[divan::bench(sample_count = 200)]
fn decode_embedded_default_rules_and_prices() -> usize {
    default_rules().map_or(0, |r| r.pricing.get().map_or(0, |p| p.instance_types.len()))
}

/// The same with the EC2 catalogue of before issue #13 (18 types: m6i, c6i, r6i, m7g,
/// c7g, r7g in `large` to `2xlarge`, priced in us-east-1 and Tokyo), to show what the
/// larger catalogue adds to a run.
#[divan::bench(sample_count = 200)]
fn decode_embedded_default_rules_and_prices_with_the_catalogue_of_before(bencher: divan::Bencher) {
    const FAMILIES: [&str; 6] = ["m6i", "c6i", "r6i", "m7g", "c7g", "r7g"];
    const SIZES: [&str; 3] = ["large", "xlarge", "2xlarge"];
    const REGIONS: [&str; 2] = ["us-east-1", "ap-northeast-1"];
    let mut rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    if let Some(pricing) = rules.pricing.get_mut() {
        pricing.instance_types.retain(|t| {
            t.id.split_once('.').is_some_and(|(family, size)| FAMILIES.contains(&family) && SIZES.contains(&size))
        });
        pricing.regions.retain(|r| REGIONS.contains(&r.id.as_str()));
        for t in &mut pricing.instance_types {
            t.prices.retain(|region, _| REGIONS.contains(&region.as_str()));
        }
        for plane in &mut pricing.control_planes {
            plane.prices.retain(|region, _| REGIONS.contains(&region.as_str()));
            plane.extended_support.retain(|region, _| REGIONS.contains(&region.as_str()));
        }
        assert_eq!(pricing.instance_types.len(), 18);
    }
    let embedded = container_advisor::embedded::encode(&rules).unwrap_or_else(|e| panic!("{e}"));
    let (structure, pricing, text): (&'static [u8], &'static [u8], &'static str) =
        (embedded.structure.leak(), embedded.pricing.leak(), embedded.text.leak());
    bencher.bench(|| {
        container_advisor::embedded::decode(divan::black_box(structure), pricing, text)
            .map_or(0, |r| r.pricing.get().map_or(0, |p| p.instance_types.len()))
    });
}

/// `rules reach` on the default rules: the exhaustive sweep of every answer set (no
/// ablation), on every core. `time container-advisor rules reach --format json` adds the
/// 20,000-answer-set ablation.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn reach_exhaustive_default_rules(bencher: divan::Bencher) {
    let rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    let options = ReachOptions { ablation_samples: 0, ..ReachOptions::default() };
    bencher.bench_local(|| sweep(divan::black_box(&rules), &options).answer_sets);
}

/// The rule ablation of `rules reach` alone: 20,000 sampled answer sets, each evaluated
/// again without every rule that fired.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn reach_ablation_default_rules(bencher: divan::Bencher) {
    let rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    let options = ReachOptions { sample: Some(1), ..ReachOptions::default() };
    bencher.bench_local(|| sweep(divan::black_box(&rules), &options).ablation.map(|a| a.answer_sets));
}
