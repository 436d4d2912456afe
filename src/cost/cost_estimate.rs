//! The estimate as plain, serialisable data: per pattern the monthly total, every line
//! that adds up to it, the Fargate size or EC2 choice, and notes; overall the break-even,
//! the oldest `as_of` and every source. Texts carry both languages; the report picks one.
//!
//! Built by [`crate::cost::estimate`]; renderers lay it out and compute nothing.

use serde::Serialize;

use crate::cost::workload::Workload;
use crate::model::pricing::{Arch, Confidence, Family};
use crate::model::{Capacity, Orchestrator, Text};

/// What a line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineItem {
    /// Fargate vCPU-hours.
    FargateVcpu,
    /// Fargate GB-hours of memory.
    FargateMemory,
    /// EC2 instance-hours.
    Ec2Instances,
    /// Control-plane cluster-hours (a recipe's `control_plane`).
    ControlPlane,
    /// A management fee per instance-hour (a recipe's `management_fee`), not discounted.
    ManagementFee,
    /// A Savings Plans or Spot discount (negative).
    Discount,
    /// The Windows OS licence fee on Fargate, per vCPU-hour.
    WindowsLicense,
    /// Public IPv4 address-hours (per task on Fargate, per node on EC2).
    PublicIpv4,
}

/// The unit of a line's quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// vCPUs running all month.
    Vcpu,
    /// GiB running all month.
    Gib,
    /// Instances running all month.
    Instance,
    /// Clusters running all month.
    Cluster,
    /// US dollars (the amount a discount applies to).
    Usd,
    /// Public IPv4 addresses held all month.
    Address,
}

/// One line of a pattern's bill: `monthly_usd = quantity × unit_usd × hours`, rounded to
/// cents. A discount line has `quantity` = the USD it applies to, `unit_usd` = factor − 1
/// and `hours` = 1.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CostLine {
    /// What it charges for.
    pub item: LineItem,
    /// The calculation in words.
    pub description: Text,
    /// How much.
    pub quantity: f64,
    /// Of what.
    pub unit: Unit,
    /// USD per unit and hour (for a discount: the share taken off, negative).
    pub unit_usd: f64,
    /// Hours charged.
    pub hours: f64,
    /// USD per month, rounded to cents.
    pub monthly_usd: f64,
    /// When the figure was seen.
    pub as_of: String,
    /// Where the figure comes from.
    pub source: String,
    /// How far the figure can be trusted.
    pub confidence: Option<Confidence>,
}

/// The Fargate size a task or pod is billed at.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FargateChoice {
    /// vCPUs requested.
    pub requested_vcpu: f64,
    /// GiB requested, including the recipe's `pod_overhead_gib` (0.25 on EKS).
    pub requested_memory_gib: f64,
    /// vCPUs billed.
    pub vcpu: f64,
    /// GiB billed.
    pub memory_gib: f64,
    /// True when the billed size is larger than the request.
    pub rounded_up: bool,
    /// The architecture priced.
    pub arch: Arch,
}

/// The EC2 instance type chosen for a pattern, and how full it is.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Ec2Choice {
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
    /// Tasks or pods that fit on one instance.
    pub tasks_per_instance: u32,
    /// On-demand USD per instance-hour.
    pub hourly_usd: f64,
    /// The management fee per instance-hour, 0 without one.
    pub management_fee_hourly_usd: f64,
    /// vCPUs each instance keeps for the orchestrator and system.
    pub reserved_vcpu: f64,
    /// GiB each instance keeps for the orchestrator and system.
    pub reserved_memory_gib: f64,
    /// How the reservation was obtained.
    pub reserve_basis: Text,
    /// The utilisation target the count was planned for, in percent.
    pub utilisation_target: u32,
    /// Share of the instances' vCPUs the tasks request.
    pub cpu_utilisation: f64,
    /// Share of the instances' memory the tasks request.
    pub memory_utilisation: f64,
    /// The larger of the two: how full the instances are.
    pub utilisation: f64,
}

/// The cost of one pattern.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PatternCost {
    /// Pattern id.
    pub pattern: String,
    /// Its orchestrator.
    pub orchestrator: Orchestrator,
    /// Its capacity.
    pub capacity: Capacity,
    /// USD per month (the sum of the lines), or `None` when the pattern has no cost recipe
    /// or cannot run the workload (no Fargate size or instance type holds a task).
    pub monthly_usd: Option<f64>,
    /// False when the pattern has no cost recipe, so it is not priced at all.
    pub has_recipe: bool,
    /// The bill, line by line.
    pub lines: Vec<CostLine>,
    /// Fargate patterns: the size billed.
    pub fargate: Option<FargateChoice>,
    /// EC2 patterns: the instance type chosen.
    pub ec2: Option<Ec2Choice>,
    /// What the reader must know about this figure.
    pub notes: Vec<Text>,
}

/// The EC2 utilisation at which an EC2 pattern costs as much as the cheapest Fargate
/// pattern of the same orchestrator.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BreakEven {
    /// The EC2 pattern compared (`compute = "ec2"`).
    pub ec2_pattern: String,
    /// The Fargate pattern compared (`compute = "fargate"`, same orchestrator, cheapest).
    pub fargate_pattern: String,
    /// The instance type chosen for the EC2 pattern.
    pub instance_type: String,
    /// The break-even utilisation (share of the instances' capacity the tasks request);
    /// above 1 means Fargate is cheaper even on perfectly full instances.
    pub utilisation: f64,
    /// The utilisation of the planned instances.
    pub current_utilisation: f64,
    /// The Fargate pattern's monthly USD.
    pub fargate_monthly_usd: f64,
    /// What the EC2 pattern's instances (with their discount and management fee) would
    /// cost per month if perfectly full.
    pub ec2_monthly_usd_at_full_utilisation: f64,
    /// What the EC2 pattern pays per month whatever its utilisation (its control plane).
    pub ec2_fixed_monthly_usd: f64,
}

/// The whole estimate.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CostEstimate {
    /// Region code.
    pub region: String,
    /// Region name.
    pub region_name: Text,
    /// The workload priced.
    pub workload: Workload,
    /// One entry per pattern, in rule-set order.
    pub patterns: Vec<PatternCost>,
    /// One per priced EC2 pattern that has a priced Fargate pattern of its orchestrator.
    pub break_even: Vec<BreakEven>,
    /// The oldest `as_of` of the figures used.
    pub as_of: String,
    /// Every source of the figures used, sorted.
    pub sources: Vec<String>,
    /// Figures used that have low confidence, as `key (region)` or `type (region)`.
    pub low_confidence: Vec<String>,
    /// What the reader must know about the whole estimate.
    pub notes: Vec<Text>,
}

impl CostEstimate {
    /// The cost of a pattern.
    pub fn pattern(&self, id: &str) -> Option<&PatternCost> {
        self.patterns.iter().find(|p| p.pattern == id)
    }

    /// The monthly USD of a pattern, when it can be priced.
    pub fn monthly_usd(&self, id: &str) -> Option<f64> {
        self.pattern(id).and_then(|p| p.monthly_usd)
    }
}
