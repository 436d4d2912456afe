//! DESIGN §3 step 5: when the workload is known, the `cost` rating comes from the
//! monthly estimate instead of the qualitative base rating and rule deltas:
//! `r[p] = 1 + 4 · cheapest / cost[p]`, the cheapest over the eligible priced patterns.
//!
//! Pure: computes the estimate ([`crate::cost`]) and the ratings; the engine records
//! them in the trace.

use crate::cost::{self, CostEstimate, Workload};
use crate::engine::{Exclusion, RATING_MAX, RATING_MIN};
use crate::model::{Answers, RuleSet};

/// The criterion whose rating money replaces.
pub const COST_CRITERION: &str = "cost";

/// A `cost` rating computed from the estimate, with the figures that produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyRating {
    /// This pattern's monthly USD.
    pub monthly_usd: f64,
    /// The cheapest eligible pattern's monthly USD.
    pub cheapest_usd: f64,
    /// The cheapest eligible pattern (index).
    pub cheapest_pattern: usize,
    /// `1 + 4 · cheapest_usd / monthly_usd`.
    pub rating: f64,
}

/// The estimate, when the rule set has prices and the answers describe a workload.
pub fn estimate(rules: &RuleSet, answers: &Answers) -> Option<CostEstimate> {
    // The workload first: without one, the prices are not even decoded.
    let workload = Workload::from_answers(answers)?;
    let pricing = rules.pricing.get()?;
    cost::estimate(pricing, &rules.patterns, &workload)
}

/// One entry per pattern, in rule order: a rating for each pattern that is not excluded
/// and can be priced, `None` for the others (they keep the qualitative rating). When an
/// eligible pattern with a cost recipe cannot be priced (no Fargate size or no instance
/// type holds one task), every pattern keeps its qualitative rating: one ranking never
/// mixes money with guesses.
pub(crate) fn ratings(estimate: Option<&CostEstimate>, exclusions: &[Vec<Exclusion>]) -> Vec<Option<MoneyRating>> {
    let mut ratings = vec![None; exclusions.len()];
    let Some(estimate) = estimate else { return ratings };
    let priced: Vec<(usize, f64)> = estimate
        .patterns
        .iter()
        .enumerate()
        .filter(|(p, _)| exclusions.get(*p).is_some_and(Vec::is_empty))
        .filter_map(|(p, cost)| cost.monthly_usd.map(|usd| (p, usd)))
        .collect();
    let unpriced =
        estimate.patterns.iter().enumerate().any(|(p, cost)| {
            exclusions.get(p).is_some_and(Vec::is_empty) && cost.has_recipe && cost.monthly_usd.is_none()
        });
    if unpriced {
        return ratings;
    }
    let Some(&(cheapest_pattern, cheapest_usd)) = priced.iter().min_by(|a, b| a.1.total_cmp(&b.1)) else {
        return ratings;
    };
    for (p, monthly_usd) in priced {
        let rating = if monthly_usd > 0.0 {
            (RATING_MIN + (RATING_MAX - RATING_MIN) * cheapest_usd / monthly_usd).clamp(RATING_MIN, RATING_MAX)
        } else {
            RATING_MAX
        };
        ratings[p] = Some(MoneyRating { monthly_usd, cheapest_usd, cheapest_pattern, rating });
    }
    ratings
}

#[cfg(test)]
mod tests {
    use crate::engine::evaluate;
    use crate::model::{AnswerValue, Answers, RuleSet};

    fn rules() -> RuleSet {
        crate::default_rules().unwrap_or_else(|e| panic!("{e}"))
    }

    fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
        let mut a = Answers::new();
        for (k, v) in pairs {
            a.set(*k, v.clone());
        }
        a
    }

    /// 10 tasks × 1 vCPU × 2 GiB in us-east-1, on demand, one cluster, steady traffic.
    fn priced(extra: &[(&str, AnswerValue)]) -> Answers {
        let mut pairs = vec![
            ("region", AnswerValue::Choice("us-east-1".into())),
            ("tasks", AnswerValue::Number(10.0)),
            ("task_vcpu", AnswerValue::Number(1.0)),
            ("task_memory_gib", AnswerValue::Number(2.0)),
            ("traffic", AnswerValue::Choice("steady".into())),
        ];
        pairs.extend(extra.iter().cloned());
        answers(&pairs)
    }

    fn cost_trace<'a>(
        rules: &RuleSet,
        evaluation: &'a crate::engine::Evaluation,
        id: &str,
    ) -> &'a crate::engine::CriterionTrace {
        let p = rules.pattern_index(id).unwrap_or_else(|| panic!("no {id}"));
        let c = rules.criterion_index("cost").unwrap_or_else(|| panic!("no cost"));
        let outcome = evaluation.ranking.iter().find(|o| o.pattern == p).unwrap_or_else(|| panic!("no outcome"));
        &outcome.criteria[c]
    }

    #[test]
    fn the_cost_rating_comes_from_money_and_supersedes_the_deltas() {
        // Monthly USD (see cost::tests): ecs-fargate 360.40 (cheapest), eks-fargate 465.85,
        // ecs-ec2 441.50, eks-ec2 nodes 446.76 + control plane 73.00 = 519.76.
        // r = 1 + 4 × 360.40 / cost: ecs-fargate 5, eks-fargate 4.0946…, ecs-ec2 4.2652…,
        // eks-ec2 3.7736….
        let rules = rules();
        let evaluation = evaluate(&rules, &priced(&[]));
        let estimate = evaluation.cost.as_ref().unwrap_or_else(|| panic!("no estimate"));
        assert_eq!(estimate.monthly_usd("eks-ec2"), Some(519.76));
        let fargate = cost_trace(&rules, &evaluation, "ecs-fargate");
        assert_eq!(fargate.rating, 5.0);
        // traffic-steady gives Fargate −1 on cost: shown, not applied.
        assert_eq!(
            fargate.deltas.iter().map(|d| rules.rules[d.rule].id.as_str()).collect::<Vec<_>>(),
            ["traffic-steady"]
        );
        let money = fargate.money.clone().unwrap_or_else(|| panic!("no money"));
        assert_eq!((money.monthly_usd, money.cheapest_usd), (360.40, 360.40));
        assert_eq!(money.cheapest_pattern, rules.pattern_index("ecs-fargate").unwrap_or_default());
        for (id, usd) in [("eks-fargate", 465.85), ("ecs-ec2", 441.50), ("eks-ec2", 519.76)] {
            let trace = cost_trace(&rules, &evaluation, id);
            assert!((trace.rating - (1.0 + 4.0 * 360.40 / usd)).abs() < 1e-12, "{id}: {}", trace.rating);
            assert_eq!(trace.money.as_ref().map(|m| m.monthly_usd), Some(usd));
        }
        // Other criteria are untouched.
        let p = rules.pattern_index("ecs-ec2").unwrap_or_default();
        let outcome = evaluation.ranking.iter().find(|o| o.pattern == p).unwrap_or_else(|| panic!("no outcome"));
        assert!(outcome.criteria.iter().filter(|c| c.money.is_some()).count() == 1);
    }

    #[test]
    fn excluded_patterns_keep_the_qualitative_rating_and_are_not_the_cheapest() {
        // GPUs exclude both Fargate patterns (which cannot price them either). One GPU per
        // task: g6.xlarge (1 GPU, $0.8048) holds one task; ⌈10 × 100 / 80⌉ = 13 nodes.
        // ecs-ec2: 13 × 0.8048 × 730 = 7637.552 -> 7637.55 (the cheapest eligible);
        // eks-ec2: the same nodes + 73.00 = 7710.55.
        let rules = rules();
        let evaluation = evaluate(&rules, &priced(&[("gpu", AnswerValue::Bool(true))]));
        assert_eq!(cost_trace(&rules, &evaluation, "ecs-ec2").rating, 5.0);
        let eks = cost_trace(&rules, &evaluation, "eks-ec2");
        assert_eq!(eks.money.as_ref().map(|m| (m.monthly_usd, m.cheapest_usd)), Some((7710.55, 7637.55)));
        assert!((eks.rating - (1.0 + 4.0 * 7637.55 / 7710.55)).abs() < 1e-12);
        let fargate = cost_trace(&rules, &evaluation, "ecs-fargate");
        assert!(fargate.money.is_none());
        assert_eq!(fargate.rating, 2.0, "base 3, traffic-steady −1");
    }

    #[test]
    fn one_unpriced_eligible_pattern_keeps_every_rating_qualitative() {
        // The default workload prices every pattern; take one eligible pattern's total
        // away (as when no type holds one task): no pattern keeps a money rating.
        let rules = rules();
        let evaluation = evaluate(&rules, &priced(&[]));
        let mut estimate = evaluation.cost.clone().unwrap_or_else(|| panic!("no estimate"));
        let eligible = vec![Vec::new(); estimate.patterns.len()];
        assert!(super::ratings(Some(&estimate), &eligible).iter().all(Option::is_some));
        let p = rules.pattern_index("eks-ec2").unwrap_or_else(|| panic!("no eks-ec2"));
        estimate.patterns[p].monthly_usd = None;
        assert!(super::ratings(Some(&estimate), &eligible).iter().all(Option::is_none));
    }

    #[test]
    fn without_a_workload_the_rating_stays_qualitative() {
        let rules = rules();
        let evaluation = evaluate(&rules, &answers(&[("traffic", AnswerValue::Choice("steady".into()))]));
        assert!(evaluation.cost.is_none());
        assert!(evaluation.ranking.iter().flat_map(|o| &o.criteria).all(|c| c.money.is_none()));
        // Without pricing, even a full workload leaves it qualitative.
        let mut unpriced = rules.clone();
        unpriced.pricing = None.into();
        let evaluation = evaluate(&unpriced, &priced(&[]));
        assert!(evaluation.cost.is_none());
        assert_eq!(cost_trace(&unpriced, &evaluation, "ecs-fargate").rating, 2.0);
    }
}
