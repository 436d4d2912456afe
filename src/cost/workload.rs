//! The workload the estimate prices, read from the answers (DESIGN §5, workload
//! questions): Region, task count and size, architecture, clusters, purchase option and
//! the EC2 utilisation target.
//!
//! Reads answers only; knows no price.

use serde::Serialize;

use crate::model::answers::Completion;
use crate::model::pricing::Arch;
use crate::model::{AnswerValue, Answers, RuleSet};

/// Hours in a month (DESIGN §6): 365 × 24 / 12.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// The EC2 utilisation planned for when `ec2_utilisation_target` is not answered: 20 %
/// of the task slots stay free for rolling deployments. Must equal the question's default.
pub const DEFAULT_UTILISATION_TARGET: u32 = 80;

/// The questions the estimate reads, in asking order.
pub const WORKLOAD_QUESTIONS: &[&str] = &[
    "region",
    "tasks",
    "task_vcpu",
    "task_memory_gib",
    "task_gpus",
    "arch",
    "clusters",
    "purchase",
    "ec2_utilisation_target",
    "public_ipv4",
    "eks_extended_support",
];

/// The answers without which there is no estimate; the others have defaults.
pub const REQUIRED_ANSWERS: &[&str] = &["region", "tasks", "task_vcpu", "task_memory_gib"];

/// How the compute capacity is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purchase {
    /// On-demand prices.
    OnDemand,
    /// A Compute Savings Plans commitment.
    SavingsPlan,
    /// Spot capacity (EC2 and ECS Fargate only).
    Spot,
}

impl Purchase {
    /// The option id of the `purchase` question.
    pub fn as_str(self) -> &'static str {
        match self {
            Purchase::OnDemand => "on_demand",
            Purchase::SavingsPlan => "savings_plan",
            Purchase::Spot => "spot",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        match id {
            "on_demand" => Some(Purchase::OnDemand),
            "savings_plan" => Some(Purchase::SavingsPlan),
            "spot" => Some(Purchase::Spot),
            _ => None,
        }
    }
}

/// The workload to price.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[allow(clippy::struct_excessive_bools)] // Independent yes/no answers of the questionnaire.
pub struct Workload {
    /// AWS Region code.
    pub region: String,
    /// Average running tasks or pods, >= 1.
    pub tasks: u32,
    /// vCPUs a task requests, > 0.
    pub task_vcpu: f64,
    /// Memory a task requests in GiB, > 0.
    pub task_memory_gib: f64,
    /// CPU architecture of the images.
    pub arch: Arch,
    /// Clusters or environments, >= 1.
    pub clusters: u32,
    /// Purchase option.
    pub purchase: Purchase,
    /// The share of the EC2 task slots the tasks may fill, in percent (1–100).
    pub ec2_utilisation_target: u32,
    /// Hours in the month priced.
    pub hours: f64,
    /// GPUs were answered (`gpu`): tasks go on GPU instance types only, and Fargate cannot
    /// run them.
    pub gpu: bool,
    /// GPUs a task requests when `gpu` (`task_gpus`, default 1); 0 otherwise.
    pub task_gpus: u32,
    /// Tasks (Fargate) or nodes (EC2) get a public IPv4 address (`public_ipv4`).
    pub public_ipv4: bool,
    /// EKS clusters stay on a Kubernetes version in extended support (`eks_extended_support`).
    pub extended_support: bool,
    /// Windows containers were answered (`windows`): the estimate uses Linux prices and says so.
    pub windows: bool,
}

impl Workload {
    /// The workload, when `region`, `tasks`, `task_vcpu` and `task_memory_gib` are
    /// answered (`estimate_cost` need not be); the other answers take their defaults.
    pub fn from_answers(answers: &Answers) -> Option<Self> {
        let number = |id: &str| match answers.get(id) {
            Some(AnswerValue::Number(n)) if n.is_finite() => Some(*n),
            _ => None,
        };
        let choice = |id: &str| match answers.get(id) {
            Some(AnswerValue::Choice(c)) => Some(c.as_str()),
            _ => None,
        };
        let whole = |n: f64, min: u32, max: u32| (n.ceil().clamp(f64::from(min), f64::from(max))) as u32;
        let region = choice("region")?.to_owned();
        let tasks = whole(number("tasks").filter(|n| *n > 0.0)?, 1, 1_000_000);
        let task_vcpu = number("task_vcpu").filter(|n| *n > 0.0)?;
        let task_memory_gib = number("task_memory_gib").filter(|n| *n > 0.0)?;
        let arch = match choice("arch") {
            Some("arm64") => Arch::Arm64,
            _ => Arch::X86_64,
        };
        let clusters = number("clusters").map_or(1, |n| whole(n, 1, 10_000));
        let purchase = choice("purchase").and_then(Purchase::from_id).unwrap_or(Purchase::OnDemand);
        let ec2_utilisation_target =
            number("ec2_utilisation_target").map_or(DEFAULT_UTILISATION_TARGET, |n| whole(n, 1, 100));
        let yes = |id: &str| matches!(answers.get(id), Some(AnswerValue::Bool(true)));
        let gpu = yes("gpu");
        let task_gpus = if gpu { number("task_gpus").map_or(1, |n| whole(n, 1, 64)) } else { 0 };
        Some(Workload {
            region,
            tasks,
            task_vcpu,
            task_memory_gib,
            arch,
            clusters,
            purchase,
            ec2_utilisation_target,
            hours: HOURS_PER_MONTH,
            gpu,
            task_gpus,
            public_ipv4: yes("public_ipv4"),
            extended_support: yes("eks_extended_support"),
            windows: yes("windows"),
        })
    }

    /// The ids of [`REQUIRED_ANSWERS`] that have no answer.
    pub fn missing(answers: &Answers) -> Vec<String> {
        REQUIRED_ANSWERS.iter().filter(|id| !answers.contains(id)).map(|id| (*id).to_owned()).collect()
    }
}

/// Fills the unanswered workload questions of the rule set with their defaults (as
/// `--no-input` does, but whether or not `estimate_cost` was answered), for the `cost`
/// command. `missing` lists the [`REQUIRED_ANSWERS`] still unanswered.
pub fn complete_for_cost(rules: &RuleSet, answers: Answers) -> Completion {
    let mut completion = Completion { answers, ..Completion::default() };
    for id in WORKLOAD_QUESTIONS {
        let Some(question) = rules.question(id) else { continue };
        if completion.answers.contains(id) {
            continue;
        }
        // GPUs per task only matter when GPUs are needed.
        if *id == "task_gpus" && !matches!(completion.answers.get("gpu"), Some(AnswerValue::Bool(true))) {
            continue;
        }
        if let Some(default) = &question.default {
            completion.answers.set(*id, default.clone());
            completion.defaulted.push((*id).to_owned());
        }
    }
    completion.missing = Workload::missing(&completion.answers);
    completion
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
        let mut a = Answers::new();
        for (k, v) in pairs {
            a.set(*k, v.clone());
        }
        a
    }

    fn sized() -> Vec<(&'static str, AnswerValue)> {
        vec![
            ("region", AnswerValue::Choice("us-east-1".into())),
            ("tasks", AnswerValue::Number(10.0)),
            ("task_vcpu", AnswerValue::Number(1.0)),
            ("task_memory_gib", AnswerValue::Number(2.0)),
        ]
    }

    #[test]
    fn needs_region_tasks_and_task_size_but_not_estimate_cost() {
        let workload = Workload::from_answers(&answers(&sized())).unwrap_or_else(|| panic!("no workload"));
        assert_eq!(workload.tasks, 10);
        assert_eq!((workload.arch, workload.clusters, workload.purchase), (Arch::X86_64, 1, Purchase::OnDemand));
        assert_eq!(workload.ec2_utilisation_target, DEFAULT_UTILISATION_TARGET);
        assert_eq!(workload.hours, 730.0);
        for id in REQUIRED_ANSWERS {
            let partial: Vec<_> = sized().into_iter().filter(|(k, _)| k != id).collect();
            assert!(Workload::from_answers(&answers(&partial)).is_none(), "{id}");
            assert_eq!(Workload::missing(&answers(&partial)), vec![(*id).to_owned()]);
        }
    }

    #[test]
    fn reads_the_optional_answers() {
        let mut pairs = sized();
        pairs.push(("arch", AnswerValue::Choice("arm64".into())));
        pairs.push(("clusters", AnswerValue::Number(3.0)));
        pairs.push(("purchase", AnswerValue::Choice("spot".into())));
        pairs.push(("ec2_utilisation_target", AnswerValue::Number(90.0)));
        let workload = Workload::from_answers(&answers(&pairs)).unwrap_or_else(|| panic!("no workload"));
        assert_eq!(workload.arch, Arch::Arm64);
        assert_eq!(workload.clusters, 3);
        assert_eq!(workload.purchase, Purchase::Spot);
        assert_eq!(workload.ec2_utilisation_target, 90);
    }

    #[test]
    fn the_default_target_matches_the_question() {
        let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
        let question = rules.question("ec2_utilisation_target").unwrap_or_else(|| panic!("no question"));
        assert_eq!(question.default, Some(AnswerValue::Number(f64::from(DEFAULT_UTILISATION_TARGET))));
        for id in WORKLOAD_QUESTIONS {
            let q = rules.question(id).unwrap_or_else(|| panic!("no question `{id}`"));
            assert!(q.optional, "{id} must be optional");
        }
    }

    #[test]
    fn completing_for_cost_takes_defaults_and_names_what_is_missing() {
        let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
        let completion = complete_for_cost(&rules, answers(&[("tasks", AnswerValue::Number(4.0))]));
        assert_eq!(completion.missing, vec!["region".to_owned()]);
        assert!(completion.defaulted.contains(&"task_vcpu".to_owned()));
        assert!(!completion.defaulted.contains(&"tasks".to_owned()));
        assert_eq!(completion.answers.get("purchase"), Some(&AnswerValue::Choice("on_demand".into())));
    }
}
