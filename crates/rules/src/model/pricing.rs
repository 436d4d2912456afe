//! The validated pricing: prices per Region, the EC2 catalogue, the valid Fargate sizes,
//! the control planes and the management fees, each figure with its `as_of` date, source
//! and confidence.
//!
//! Built only by `validate::pricing`; read by `cost`. Nothing here computes a bill.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::model::by_region::ByRegion;
use crate::model::{Str, Text};

/// How far a figure can be trusted (high: an AWS page states it; medium: relayed or several sources agree; low: inferred or one source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// An AWS document states it directly.
    High,
    /// Relayed by a third party, or several third parties agree.
    Medium,
    /// A single third-party claim, an inference or an extrapolation.
    Low,
}

impl Confidence {
    /// The name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// A CPU architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Arch {
    /// Intel and AMD.
    #[serde(rename = "x86_64")]
    X86_64,
    /// AWS Graviton.
    #[serde(rename = "arm64")]
    Arm64,
}

impl Arch {
    /// The id used in rule files, answers and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }
}

/// An EC2 instance family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// General purpose (m*): 4 GiB per vCPU.
    General,
    /// Compute optimised (c*): 2 GiB per vCPU.
    Compute,
    /// Memory optimised (r*): 8 GiB per vCPU.
    Memory,
    /// Burstable (t*): listed for reference, never chosen, because a steady container
    /// load runs out of CPU credits.
    Burstable,
    /// Accelerated computing (g*, inf*): GPUs or inference chips; chosen only for a
    /// workload that needs GPUs.
    Accelerated,
}

/// One price with where and when it was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Price {
    /// USD per unit (vCPU-hour, GB-hour, cluster-hour, instance-hour).
    pub usd: f64,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub as_of: Str,
    /// Citations of the source catalogue (`<id> §<section>; …`).
    pub source: Str,
    /// How far it can be trusted, when the file says.
    pub confidence: Option<Confidence>,
}

/// A discount on the on-demand price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Discount {
    /// The share of the on-demand price paid, `0 < factor <= 1`.
    pub factor: f64,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub as_of: Str,
    /// Where it comes from.
    pub source: Str,
    /// How far it can be trusted, when the file says.
    pub confidence: Option<Confidence>,
}

/// The prices of one Region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionPricing {
    /// Region code, e.g. `us-east-1`.
    pub id: Str,
    /// Display name.
    pub name: Text,
    /// Fargate Linux x86, per vCPU-hour.
    pub fargate_x86_vcpu_hour: Price,
    /// Fargate Linux x86, per GB-hour.
    pub fargate_x86_gb_hour: Price,
    /// Fargate Linux arm64, per vCPU-hour.
    pub fargate_arm64_vcpu_hour: Price,
    /// Fargate Linux arm64, per GB-hour.
    pub fargate_arm64_gb_hour: Price,
    /// Fargate ephemeral storage above 20 GB, per GB-hour.
    pub fargate_ephemeral_gb_hour: Price,
    /// Compute Savings Plans on EC2.
    pub savings_plan_ec2: Discount,
    /// Compute Savings Plans on Fargate.
    pub savings_plan_fargate: Discount,
    /// EC2 Spot.
    pub spot_ec2: Discount,
    /// Fargate Spot (for the patterns whose recipe offers it).
    pub spot_fargate: Discount,
    /// Fargate, Windows on x86: per vCPU-hour, when known.
    pub fargate_windows_vcpu_hour: Option<Price>,
    /// Fargate, Windows on x86: per GB-hour, when known.
    pub fargate_windows_gb_hour: Option<Price>,
    /// Fargate, Windows: the OS licence fee per vCPU-hour, when known.
    pub fargate_windows_license_vcpu_hour: Option<Price>,
    /// A public IPv4 address per hour, when known.
    pub public_ipv4_hour: Option<Price>,
    /// A NAT gateway per hour, when known.
    pub nat_gateway_hour: Option<Price>,
    /// A NAT gateway's data processing per GB, when known.
    pub nat_gateway_gb: Option<Price>,
}

/// One EC2 instance type of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceType {
    /// EC2 name, e.g. `m6i.large`.
    pub id: Str,
    /// Family.
    pub family: Family,
    /// Architecture.
    pub arch: Arch,
    /// vCPUs.
    pub vcpu: f64,
    /// Memory in GiB.
    pub memory_gib: f64,
    /// Most pods the EKS-optimised AMI allows on the node.
    pub max_pods: u32,
    /// GPUs (or accelerator chips) per instance; 0 for CPU types.
    pub gpus: u32,
    /// On-demand Linux price per hour, by Region.
    pub prices: ByRegion<Price>,
}

/// The kubelet's own default for `maxPods`, used when an instance type does not say.
pub const DEFAULT_MAX_PODS: u32 = 110;

/// One Fargate vCPU size with the memory sizes valid with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FargateCpu {
    /// vCPUs.
    pub vcpu: f64,
    /// Valid memory sizes in GiB, ascending.
    pub memory_gib: Vec<f64>,
    /// Where the sizes come from.
    pub source: Str,
}

/// A control plane charged per cluster-hour, keyed by id (`eks`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlPlane {
    /// The key cost recipes use.
    pub id: Str,
    /// Display name, e.g. "EKS control plane".
    pub name: Text,
    /// Per cluster-hour at standard support, by Region (every Region has one).
    pub prices: ByRegion<Price>,
    /// Per cluster-hour in extended support, by Region, where known.
    pub extended_support: ByRegion<Price>,
}

/// A fee per instance-hour on the instances AWS manages, keyed by id (`eks-auto-mode`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagementFee {
    /// The key cost recipes use.
    pub id: Str,
    /// Display name, e.g. "EKS Auto Mode management fee".
    pub name: Text,
    /// USD per instance-hour by instance type, then by Region, where stated.
    pub prices: BTreeMap<Str, BTreeMap<Str, Price>>,
    /// For a type and Region without a stated fee: this share of its On-Demand price
    /// (non-burstable types only), computed when asked, with low confidence.
    pub factor_of_on_demand: Option<Discount>,
}

impl ManagementFee {
    /// The fee for one instance type in one Region: the stated one, else the factor ×
    /// the type's On-Demand price there (to a millionth of a dollar).
    pub fn price<'a>(&'a self, instance: &'a InstanceType, region: &str) -> Option<Cow<'a, Price>> {
        if let Some(stated) = self.prices.get(&instance.id).and_then(|by_region| by_region.get(region)) {
            return Some(Cow::Borrowed(stated));
        }
        let factor = self.factor_of_on_demand.as_ref().filter(|_| instance.family != Family::Burstable)?;
        let on_demand = instance.prices.get(region)?;
        Some(Cow::Owned(Price {
            usd: (on_demand.usd * factor.factor * 1e6).round() / 1e6,
            as_of: factor.as_of.clone(),
            source: factor.source.clone(),
            confidence: Some(Confidence::Low),
        }))
    }
}

/// Everything the cost model needs to know about prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pricing {
    /// Regions, in rule-file order.
    pub regions: Vec<RegionPricing>,
    /// The EC2 catalogue, in rule-file order (the tie-break order).
    pub instance_types: Vec<InstanceType>,
    /// Valid Fargate sizes, by ascending vCPU.
    pub fargate_sizes: Vec<FargateCpu>,
    /// Control planes by id, in rule-file order.
    pub control_planes: Vec<ControlPlane>,
    /// Management fees by id, in rule-file order.
    pub management_fees: Vec<ManagementFee>,
}

impl Pricing {
    /// The prices of a Region.
    pub fn region(&self, id: &str) -> Option<&RegionPricing> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// A control plane by id.
    pub fn control_plane(&self, id: &str) -> Option<&ControlPlane> {
        self.control_planes.iter().find(|c| c.id == id)
    }

    /// A management fee by id.
    pub fn management_fee(&self, id: &str) -> Option<&ManagementFee> {
        self.management_fees.iter().find(|f| f.id == id)
    }
}
