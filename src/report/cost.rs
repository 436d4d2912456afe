//! The cost section of a report (DESIGN §7 JSON `cost`): the estimate in one language,
//! as plain data for every renderer: `monthly_usd` per pattern, the `lines` that add up
//! to it, the EC2 choice and Fargate size per pattern, the break-even of each EC2
//! pattern, notes, `as_of`,
//! `region` and the sources.
//!
//! Built from a [`CostEstimate`]; computes no price.

pub mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cost::{BreakEven, CostEstimate, FargateChoice, LineItem, Unit, Workload};
use crate::engine::MoneyRating;
use crate::model::pricing::{Arch, Confidence, Family};
use crate::model::{Lang, Orchestrator, RuleSet};

/// One line of a pattern's bill.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CostLineReport {
    /// Pattern id.
    pub pattern: String,
    /// What it charges for.
    pub item: LineItem,
    /// The calculation in words.
    pub description: String,
    /// How much (see `unit`).
    pub quantity: f64,
    /// Of what.
    pub unit: Unit,
    /// USD per unit and hour (a discount: the share taken off, negative).
    pub unit_usd: f64,
    /// Hours charged (a discount: 1).
    pub hours: f64,
    /// USD per month, rounded to cents.
    pub monthly_usd: f64,
    /// When the figure was seen.
    pub as_of: String,
    /// Where the figure comes from.
    pub source: String,
    /// How far it can be trusted.
    pub confidence: Option<Confidence>,
}

/// The EC2 instance type chosen for a pattern.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Ec2Report {
    /// EC2 name, e.g. `m6i.large`.
    pub instance_type: String,
    /// Family.
    pub family: Family,
    /// Architecture.
    pub arch: Arch,
    /// vCPUs per instance.
    pub vcpu: f64,
    /// GiB per instance.
    pub memory_gib: f64,
    /// Instances.
    pub count: u32,
    /// Tasks or pods per instance.
    pub tasks_per_instance: u32,
    /// On-demand USD per instance-hour.
    pub hourly_usd: f64,
    /// vCPUs each instance keeps for the orchestrator and system.
    pub reserved_vcpu: f64,
    /// GiB each instance keeps for the orchestrator and system.
    pub reserved_memory_gib: f64,
    /// How the reservation was obtained.
    pub reserve_basis: String,
    /// The utilisation target planned for, percent.
    pub utilisation_target: u32,
    /// Share of the instances' vCPUs the tasks request, 0..1.
    pub cpu_utilisation: f64,
    /// Share of the instances' memory the tasks request, 0..1.
    pub memory_utilisation: f64,
    /// The larger of the two, 0..1.
    pub utilisation: f64,
}

/// A note about the estimate or some of its patterns.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CostNoteReport {
    /// Pattern ids it is about (empty: the whole estimate).
    pub patterns: Vec<String>,
    /// The note.
    pub text: String,
}

/// A pattern's id, display name and orchestrator, in rule order (for renderers).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CostPattern {
    /// Pattern id.
    pub pattern: String,
    /// Display name.
    pub name: String,
    /// ECS runs tasks, EKS pods.
    pub orchestrator: Orchestrator,
    /// False when the pattern has no cost recipe and is not priced.
    pub has_recipe: bool,
}

/// The monthly cost estimate, in one language.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CostReport {
    /// Region code.
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// The oldest `as_of` of the figures used.
    pub as_of: String,
    /// Hours in the month priced.
    pub hours_per_month: f64,
    /// The workload priced.
    pub workload: Workload,
    /// USD per month by pattern id; `null` when the pattern cannot run the workload.
    pub monthly_usd: BTreeMap<String, Option<f64>>,
    /// The cheapest priced pattern (in a recommendation: the cheapest not excluded).
    pub cheapest: Option<String>,
    /// Every line of every pattern's bill, in pattern order.
    pub lines: Vec<CostLineReport>,
    /// The EC2 choice by pattern id (EC2 patterns).
    pub ec2: BTreeMap<String, Ec2Report>,
    /// The Fargate size billed by pattern id (Fargate patterns).
    pub fargate: BTreeMap<String, FargateChoice>,
    /// For each EC2 pattern, the utilisation at which it costs as much as the cheapest
    /// Fargate pattern of its orchestrator.
    pub break_even: Vec<BreakEven>,
    /// What the reader must know.
    pub notes: Vec<CostNoteReport>,
    /// Low-confidence figures used.
    pub low_confidence: Vec<String>,
    /// Every source of the figures used.
    pub sources: Vec<String>,
    /// The patterns in rule order with their names.
    pub patterns: Vec<CostPattern>,
}

impl CostReport {
    /// The estimate in one language.
    pub fn new(estimate: &CostEstimate, rules: &RuleSet, lang: Lang) -> Self {
        let name = |id: &str| {
            rules.pattern_index(id).map_or_else(|| id.to_owned(), |p| rules.patterns[p].name.get(lang).to_owned())
        };
        let mut lines = Vec::new();
        let mut ec2 = BTreeMap::new();
        let mut fargate = BTreeMap::new();
        let mut notes = Vec::new();
        for cost in &estimate.patterns {
            lines.extend(cost.lines.iter().map(|l| CostLineReport {
                pattern: cost.pattern.clone(),
                item: l.item,
                description: l.description.get(lang).to_owned(),
                quantity: l.quantity,
                unit: l.unit,
                unit_usd: l.unit_usd,
                hours: l.hours,
                monthly_usd: l.monthly_usd,
                as_of: l.as_of.clone(),
                source: rules.sources.cite(&l.source, lang),
                confidence: l.confidence,
            }));
            if let Some(choice) = &cost.ec2 {
                ec2.insert(
                    cost.pattern.clone(),
                    Ec2Report {
                        instance_type: choice.instance_type.clone(),
                        family: choice.family,
                        arch: choice.arch,
                        vcpu: choice.vcpu,
                        memory_gib: choice.memory_gib,
                        count: choice.count,
                        tasks_per_instance: choice.tasks_per_instance,
                        hourly_usd: choice.hourly_usd,
                        reserved_vcpu: choice.reserved_vcpu,
                        reserved_memory_gib: choice.reserved_memory_gib,
                        reserve_basis: choice.reserve_basis.get(lang).to_owned(),
                        utilisation_target: choice.utilisation_target,
                        cpu_utilisation: choice.cpu_utilisation,
                        memory_utilisation: choice.memory_utilisation,
                        utilisation: choice.utilisation,
                    },
                );
            }
            if let Some(size) = &cost.fargate {
                fargate.insert(cost.pattern.clone(), size.clone());
            }
            for note in &cost.notes {
                // The same note on several patterns is shown once, naming them all.
                let text = note.get(lang);
                match notes.iter_mut().find(|n: &&mut CostNoteReport| n.text == text) {
                    Some(existing) => existing.patterns.push(cost.pattern.clone()),
                    None => notes.push(CostNoteReport { patterns: vec![cost.pattern.clone()], text: text.to_owned() }),
                }
            }
        }
        notes.extend(
            estimate.notes.iter().map(|n| CostNoteReport { patterns: Vec::new(), text: n.get(lang).to_owned() }),
        );
        let cheapest = estimate
            .patterns
            .iter()
            .filter_map(|c| c.monthly_usd.map(|usd| (c, usd)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c.pattern.clone());
        CostReport {
            region: estimate.region.clone(),
            region_name: estimate.region_name.get(lang).to_owned(),
            as_of: estimate.as_of.clone(),
            hours_per_month: estimate.workload.hours,
            workload: estimate.workload.clone(),
            monthly_usd: estimate.patterns.iter().map(|c| (c.pattern.clone(), c.monthly_usd)).collect(),
            cheapest,
            lines,
            ec2,
            fargate,
            break_even: estimate.break_even.clone(),
            notes,
            low_confidence: estimate.low_confidence.clone(),
            sources: estimate.sources.iter().map(|s| rules.sources.cite(s, lang)).collect(),
            patterns: estimate
                .patterns
                .iter()
                .map(|c| CostPattern {
                    pattern: c.pattern.clone(),
                    name: name(&c.pattern),
                    orchestrator: c.orchestrator,
                    has_recipe: c.has_recipe,
                })
                .collect(),
        }
    }

    /// The display name of a pattern id.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.patterns.iter().find(|p| p.pattern == id).map_or(id, |p| p.name.as_str())
    }
}

/// How the `cost` rating of a pattern was computed from money (DESIGN §3 step 5).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MoneyReport {
    /// This pattern's monthly USD.
    pub monthly_usd: f64,
    /// The cheapest eligible pattern's monthly USD.
    pub cheapest_usd: f64,
    /// The cheapest eligible pattern.
    pub cheapest_pattern: String,
    /// Always `false`: the rule deltas on `cost` are listed but superseded by the money.
    pub deltas_applied: bool,
}

impl MoneyReport {
    /// The report form of an engine money rating.
    pub fn new(money: &MoneyRating, rules: &RuleSet) -> Self {
        MoneyReport {
            monthly_usd: money.monthly_usd,
            cheapest_usd: money.cheapest_usd,
            cheapest_pattern: rules.patterns[money.cheapest_pattern].id.to_string(),
            deltas_applied: false,
        }
    }

    /// The rating's reason in words, from the figures alone: "5.00 from the estimate:
    /// $449.92 a month, the cheapest eligible pattern".
    pub fn reason(&self, rating: f64, rules: &RuleSet, lang: Lang) -> String {
        let cheapest = rules
            .patterns
            .iter()
            .find(|p| p.id == self.cheapest_pattern)
            .map_or(self.cheapest_pattern.as_str(), |p| p.name.get(lang));
        let (rating, monthly, cheapest_usd) =
            (format!("{rating:.2}"), text::usd(self.monthly_usd), text::usd(self.cheapest_usd));
        if self.monthly_usd <= self.cheapest_usd {
            match lang {
                Lang::En => format!("{rating} from the estimate: ${monthly} a month, the cheapest eligible pattern."),
                Lang::Ja => {
                    format!("見積もりによる評価 {rating}：月額 ${monthly} で、候補の中で最も安いパターンです。")
                }
            }
        } else {
            match lang {
                Lang::En => format!(
                    "{rating} from the estimate: ${monthly} a month against ${cheapest_usd} for {cheapest}, the cheapest eligible pattern (1 + 4 × cheapest ÷ this)."
                ),
                Lang::Ja => format!(
                    "見積もりによる評価 {rating}：月額 ${monthly} です。候補の中で最も安い {cheapest} は ${cheapest_usd} です（1 + 4 × 最安 ÷ この額）。"
                ),
            }
        }
    }
}
