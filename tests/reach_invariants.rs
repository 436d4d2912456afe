//! Expert invariants over `rules reach` on the default rules: properties of the advice
//! as a whole, over the answer space, rather than of one answer set. Each states what an
//! AWS container architect would require of the tool; `docs/rules.md` ("How the default
//! rules are calibrated") gives the measured shares behind them.
//!
//! Slices small enough are swept exhaustively; larger ones with a seeded sample (the
//! invariants checked on samples are exclusions, which hold in every answer set).

use std::sync::OnceLock;

use container_advisor::model::{AnswerValue, Answers, Hosts, Orchestrator, QuestionKind, RuleSet};
use container_advisor::reach::{Reach, ReachOptions, sweep};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| container_advisor::default_rules().unwrap_or_else(|e| panic!("{e}")))
}

/// The sweep of the answer sets consistent with `pins` (`id=value`), exhaustive unless a
/// sample size is given.
fn reach(pins: &[&str], sample: Option<u64>) -> Reach {
    let fixed = Answers::from_assignments(pins, rules()).unwrap_or_else(|d| panic!("{d:?}"));
    let options = ReachOptions { sample, ablation_samples: 0, ..ReachOptions::default() }.pinned(fixed);
    sweep(rules(), &options)
}

fn eks_share(reach: &Reach) -> f64 {
    reach.share_where(rules(), |p| p.orchestrator == Orchestrator::Eks)
}

#[test]
fn without_kubernetes_an_eks_pattern_wins_at_most_two_percent() {
    // No Kubernetes in use, no Kubernetes skill, no dependency on its ecosystem, lock-in
    // acceptable. An organisation that has made Kubernetes its standard is a Kubernetes
    // signal of its own, so the invariant is checked for the other two strategies.
    for strategy in ["no_preference", "managed_first"] {
        let strategy = format!("platform_strategy={strategy}");
        let pins =
            ["k8s_in_use=none", "k8s_skill=none", "k8s_ecosystem=false", "lock_in=acceptable", strategy.as_str()];
        let reach = reach(&pins, None);
        assert_eq!(reach.mode, container_advisor::reach::Mode::Exhaustive);
        let eks = eks_share(&reach);
        assert!(eks <= 0.02, "{strategy}: EKS wins {:.2} % of {} answer sets", eks * 100.0, reach.answer_sets);
    }
}

#[test]
fn a_multi_cloud_requirement_never_recommends_ecs() {
    let reach = reach(&["lock_in=must_avoid"], Some(50_000));
    let ecs = reach.share_where(rules(), |p| p.orchestrator == Orchestrator::Ecs);
    assert_eq!(ecs, 0.0);
    assert!(eks_share(&reach) > 0.5, "EKS is what is left");
}

#[test]
fn a_kubernetes_ecosystem_dependency_never_recommends_ecs() {
    let reach = reach(&["k8s_ecosystem=true"], Some(50_000));
    assert_eq!(reach.share_where(rules(), |p| p.orchestrator == Orchestrator::Ecs), 0.0);
}

#[test]
fn strong_isolation_with_nobody_to_run_hosts_never_recommends_hosts_you_run() {
    let reach = reach(&["isolation=strong", "ops_capacity=none"], Some(50_000));
    assert_eq!(reach.share_where(rules(), |p| p.hosts == Hosts::SelfManaged), 0.0);
    assert!(reach.share_where(rules(), |p| p.hosts == Hosts::AwsManaged) > 0.0);
}

#[test]
fn every_default_pattern_wins_in_some_realistic_answer_set() {
    // A seeded sample of the whole space finds the common winners; EKS on Fargate, the
    // niche one, is looked for exhaustively in its niche: a Kubernetes dependency (so not
    // ECS), a VM boundary per pod, nobody to run nodes, no GPU, Windows or host agents.
    let sample = reach(&[], Some(50_000));
    let niche = reach(
        &[
            "k8s_in_use=production",
            "k8s_ecosystem=true",
            "ops_capacity=none",
            "isolation=strong",
            "gpu=false",
            "windows=false",
            "host_access=false",
            "storage=none",
        ],
        None,
    );
    assert_eq!(niche.mode, container_advisor::reach::Mode::Exhaustive);
    for pattern in &rules().patterns {
        let wins = sample.wins(&pattern.id) + niche.wins(&pattern.id);
        assert!(wins > 0, "`{}` wins no answer set", pattern.id);
    }
    assert!(niche.wins("eks-fargate") > 0, "EKS on Fargate keeps its niche");
    assert!(niche.share("eks-fargate") < 0.5, "and it is a niche, even there");
}

/// Random answers for every question that applies (defaults assumed for the questions a
/// later one depends on), numbers left out (the cost estimate is not part of the sweep).
fn random_answers(seed: &mut u64) -> Answers {
    let mut next = |n: usize| {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed % n as u64) as usize
    };
    let mut answers = Answers::new();
    for q in &rules().questions {
        if q.id == "estimate_cost" || q.optional || !container_advisor::questionnaire::applies(q, &answers) {
            continue;
        }
        let value = match q.kind {
            QuestionKind::Single => AnswerValue::Choice(q.options[next(q.options.len())].id.to_string()),
            QuestionKind::Bool => AnswerValue::Bool(next(2) == 0),
            QuestionKind::Multi => {
                let mut ids: Vec<String> = Vec::new();
                for _ in 0..next(q.max_choices.unwrap_or(3) + 1) {
                    let id = q.options[next(q.options.len())].id.to_string();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                AnswerValue::Choices(ids)
            }
            QuestionKind::Number => continue,
        };
        answers.set(q.id.clone(), value);
    }
    answers
}

#[test]
fn no_pattern_wins_more_than_half_of_the_answer_sets_that_leave_a_choice() {
    // Over all answer sets, EKS on EC2 wins about two thirds: in most of them it is the
    // only pattern left, because hard constraints that are facts (Windows or custom AMIs
    // rule out the AWS-run EKS options and EKS on Fargate; a Kubernetes dependency or a
    // multi-cloud requirement rules out ECS) leave nothing else. Where at least two
    // patterns are eligible, the tool is choosing, and there no pattern may dominate.
    let mut seed = 0x2026_1126_u64;
    let (mut choices, mut wins) = (0_u32, std::collections::BTreeMap::<String, u32>::new());
    for _ in 0..20_000 {
        let answers = random_answers(&mut seed);
        let completion = container_advisor::questionnaire::complete_with_defaults(rules(), answers);
        let evaluation = container_advisor::evaluate(rules(), &completion.answers);
        if evaluation.ranking.iter().filter(|o| o.score.is_some()).count() < 2 {
            continue;
        }
        choices += 1;
        let winner = evaluation.winner().map(|w| rules().patterns[w.pattern].id.to_string()).unwrap_or_default();
        *wins.entry(winner).or_default() += 1;
    }
    assert!(choices > 5_000, "{choices}");
    for (pattern, count) in &wins {
        let share = f64::from(*count) / f64::from(choices);
        assert!(share <= 0.5, "{pattern} wins {:.1} % of {choices} answer sets with a choice: {wins:?}", share * 100.0);
    }
}
