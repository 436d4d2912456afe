//! `Raw*` types of `[pricing]` (conventionally `rules/pricing.toml`): prices by Region,
//! the EC2 instance catalogue, the valid Fargate sizes, the control planes and the
//! management fees (both keyed by the id a pattern's cost recipe names), exactly as
//! written.
//!
//! Like the rest of `raw`, these types check nothing: `validate::pricing` rejects a
//! missing figure, a negative price or a missing `as_of`. Their `///` docs double as
//! the reference in `docs/rules.md`.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::RawText;
use crate::model::pricing::{Arch, Confidence, Family};

/// `[pricing]`: every list may be empty; a rule set without any pricing is valid (then
/// no money is shown).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPricing {
    /// `[[pricing.region]]`: the prices of one AWS Region.
    #[serde(default)]
    #[schemars(with = "Vec<RawRegion>")]
    pub region: Vec<Spanned<RawRegion>>,
    /// `[[pricing.instance_type]]`: one EC2 instance type with its price per Region.
    #[serde(default)]
    #[schemars(with = "Vec<RawInstanceType>")]
    pub instance_type: Vec<Spanned<RawInstanceType>>,
    /// `[[pricing.instance_family]]`: the sizes of one EC2 family with their prices per
    /// Region, in one entry; each size becomes an instance type `<family>.<size>`. An
    /// `[[pricing.instance_type]]` of the same id replaces the one the family makes.
    #[serde(default)]
    #[schemars(with = "Vec<RawInstanceFamily>")]
    pub instance_family: Vec<Spanned<RawInstanceFamily>>,
    /// `[[pricing.fargate_size]]`: one Fargate vCPU size with its valid memory sizes.
    #[serde(default)]
    #[schemars(with = "Vec<RawFargateSize>")]
    pub fargate_size: Vec<Spanned<RawFargateSize>>,
    /// `[[pricing.control_plane]]`: a per-cluster-hour control-plane charge, keyed by id;
    /// a pattern's cost recipe names it in `control_plane`.
    #[serde(default)]
    #[schemars(with = "Vec<RawControlPlane>")]
    pub control_plane: Vec<Spanned<RawControlPlane>>,
    /// `[[pricing.management_fee]]`: a per-instance-hour fee by instance type, keyed by id;
    /// a pattern's cost recipe names it in `management_fee`.
    #[serde(default)]
    #[schemars(with = "Vec<RawManagementFee>")]
    pub management_fee: Vec<Spanned<RawManagementFee>>,
}

/// One figure in US dollars: `{ usd = 0.04048, as_of = "2026-06-17", source = "…",
/// confidence = "medium" }`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPrice {
    /// The price in USD per unit (vCPU-hour, GB-hour, cluster-hour, instance-hour), >= 0.
    #[schemars(with = "f64")]
    pub usd: Spanned<f64>,
    /// When the price was seen or stated: `YYYY-MM-DD` or `YYYY-MM`.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    /// Where it comes from: citations of the source catalogue (`<id> §<section>; …`).
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// `high`, `medium` or `low`; mark every figure that is inferred or unverified `low`.
    pub confidence: Option<Confidence>,
}

/// A discount: `{ factor = 0.67, as_of = "…", source = "…", confidence = "low" }`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDiscount {
    /// The share of the on-demand price that is paid, `0 < factor <= 1` (0.67 = 33 % off).
    #[schemars(with = "f64")]
    pub factor: Spanned<f64>,
    /// When the figure was seen or stated: `YYYY-MM-DD` or `YYYY-MM`.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    /// Where it comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// `high`, `medium` or `low`.
    pub confidence: Option<Confidence>,
}

/// `[[pricing.region]]`: every figure is required.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    /// The Region code, e.g. `us-east-1`; an option of the `region` question.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Display name.
    #[schemars(with = "RawText")]
    pub name: Spanned<RawText>,
    /// Fargate, Linux on x86: per vCPU-hour.
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_x86_vcpu_hour: Option<Spanned<RawPrice>>,
    /// Fargate, Linux on x86: per GB-hour of memory.
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_x86_gb_hour: Option<Spanned<RawPrice>>,
    /// Fargate, Linux on arm64 (Graviton): per vCPU-hour.
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_arm64_vcpu_hour: Option<Spanned<RawPrice>>,
    /// Fargate, Linux on arm64 (Graviton): per GB-hour of memory.
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_arm64_gb_hour: Option<Spanned<RawPrice>>,
    /// Fargate ephemeral storage above the 20 GB included: per GB-hour.
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_ephemeral_gb_hour: Option<Spanned<RawPrice>>,
    /// Compute Savings Plans on EC2.
    #[schemars(with = "Option<RawDiscount>")]
    pub savings_plan_ec2: Option<Spanned<RawDiscount>>,
    /// Compute Savings Plans on Fargate.
    #[schemars(with = "Option<RawDiscount>")]
    pub savings_plan_fargate: Option<Spanned<RawDiscount>>,
    /// EC2 Spot.
    #[schemars(with = "Option<RawDiscount>")]
    pub spot_ec2: Option<Spanned<RawDiscount>>,
    /// Fargate Spot (for the patterns whose recipe offers it).
    #[schemars(with = "Option<RawDiscount>")]
    pub spot_fargate: Option<Spanned<RawDiscount>>,
    /// Fargate, Windows on x86: per vCPU-hour (optional; without it Windows is noted, not priced).
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_windows_vcpu_hour: Option<Spanned<RawPrice>>,
    /// Fargate, Windows on x86: per GB-hour of memory (optional).
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_windows_gb_hour: Option<Spanned<RawPrice>>,
    /// Fargate, Windows: the OS licence fee per vCPU-hour (optional).
    #[schemars(with = "Option<RawPrice>")]
    pub fargate_windows_license_vcpu_hour: Option<Spanned<RawPrice>>,
    /// One public IPv4 address per hour (optional).
    #[schemars(with = "Option<RawPrice>")]
    pub public_ipv4_hour: Option<Spanned<RawPrice>>,
    /// One NAT gateway per hour (optional).
    #[schemars(with = "Option<RawPrice>")]
    pub nat_gateway_hour: Option<Spanned<RawPrice>>,
    /// NAT gateway data processing per GB (optional).
    #[schemars(with = "Option<RawPrice>")]
    pub nat_gateway_gb: Option<Spanned<RawPrice>>,
    /// EC2 prices derived from another Region's: every instance type without a price of
    /// its own here is priced at the other Region's price × `factor` (low confidence).
    #[schemars(with = "Option<RawDerivation>")]
    pub ec2_from: Option<Spanned<RawDerivation>>,
}

/// `ec2_from = { region = "us-east-1", factor = 1.115, as_of = "…", source = "…",
/// confidence = "low" }`: this Region's EC2 prices as a multiple of another Region's.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDerivation {
    /// The Region whose prices are multiplied; it must not derive its own.
    #[schemars(with = "String")]
    pub region: Spanned<String>,
    /// The multiplier, > 0.
    #[schemars(with = "f64")]
    pub factor: Spanned<f64>,
    /// When the ratio was observed.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    /// Where the observed prices come from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// Always `low` in practice: a derived price is an inference.
    pub confidence: Option<Confidence>,
}

/// The price of something in one Region: a [`RawPrice`] plus `region`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInstancePrice {
    /// The Region, one of the `[[pricing.region]]` ids.
    #[schemars(with = "String")]
    pub region: Spanned<String>,
    /// USD per hour, >= 0: the on-demand Linux price per instance-hour of an instance
    /// type, or per cluster-hour of a control plane.
    #[schemars(with = "f64")]
    pub usd: Spanned<f64>,
    /// When the price was seen or stated: `YYYY-MM-DD` or `YYYY-MM`.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    /// Where it comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// `high`, `medium` or `low`.
    pub confidence: Option<Confidence>,
}

/// `[[pricing.instance_type]]`: one entry of the EC2 catalogue the estimate packs onto.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInstanceType {
    /// The EC2 name, e.g. `m6i.large`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// `general`, `compute`, `memory` or `burstable` (burstable types are never chosen).
    pub family: Family,
    /// `x86_64` or `arm64`.
    pub arch: Arch,
    /// vCPUs, > 0.
    #[schemars(with = "f64")]
    pub vcpu: Spanned<f64>,
    /// Memory in GiB, > 0.
    #[schemars(with = "f64")]
    pub memory_gib: Spanned<f64>,
    /// Most pods the EKS-optimised AMI lets the node run (ENI-based); default 110.
    #[schemars(with = "Option<i64>")]
    pub max_pods: Option<Spanned<i64>>,
    /// GPUs or accelerator chips per instance; default 0.
    #[schemars(with = "Option<i64>")]
    pub gpus: Option<Spanned<i64>>,
    /// The price in each Region where the type is offered.
    #[serde(default)]
    #[schemars(with = "Vec<RawInstancePrice>")]
    pub prices: Vec<Spanned<RawInstancePrice>>,
}

/// `[[pricing.instance_family]]`: one EC2 family, its sizes as parallel lists (the n-th
/// entry of `vcpu`, `memory_gib`, `max_pods` and `gpus` describes the n-th size) and its
/// prices per Region.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInstanceFamily {
    /// The family's EC2 name, e.g. `m6i`; the types are `m6i.large`, `m6i.xlarge`, ….
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// `general`, `compute`, `memory`, `accelerated` or `burstable`.
    pub family: Family,
    /// `x86_64` or `arm64`.
    pub arch: Arch,
    /// The sizes, e.g. `["large", "xlarge"]`.
    #[schemars(with = "Vec<String>")]
    pub sizes: Spanned<Vec<String>>,
    /// vCPUs per size, each > 0.
    #[schemars(with = "Vec<f64>")]
    pub vcpu: Spanned<Vec<f64>>,
    /// Memory in GiB per size, each > 0.
    #[schemars(with = "Vec<f64>")]
    pub memory_gib: Spanned<Vec<f64>>,
    /// The EKS-optimised AMI's maximum pods per size.
    #[schemars(with = "Vec<i64>")]
    pub max_pods: Spanned<Vec<i64>>,
    /// GPUs per size (omit for CPU families).
    #[schemars(with = "Option<Vec<i64>>")]
    pub gpus: Option<Spanned<Vec<i64>>>,
    /// The prices by Region: `usd` is either one number, the price of the FIRST size, the
    /// others priced in proportion to their vCPUs (AWS prices m, c and r sizes linearly),
    /// or a list with one price per size.
    #[serde(default)]
    #[schemars(with = "Vec<RawFamilyPrice>")]
    pub prices: Vec<Spanned<RawFamilyPrice>>,
}

/// One Region's prices of an instance family.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFamilyPrice {
    /// One of the `[[pricing.region]]` ids.
    #[schemars(with = "String")]
    pub region: Spanned<String>,
    /// USD per instance-hour: the first size's price, or one per size.
    #[schemars(with = "RawFamilyUsd")]
    pub usd: Spanned<RawFamilyUsd>,
    /// When the prices were seen or stated: `YYYY-MM-DD` or `YYYY-MM`.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    /// Where they come from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// `high`, `medium` or `low`.
    pub confidence: Option<Confidence>,
}

/// A family's `usd`: one number (the first size; the rest by vCPU) or one per size.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawFamilyUsd {
    /// The price of the first size.
    First(f64),
    /// One price per size.
    PerSize(Vec<f64>),
}

/// `[[pricing.fargate_size]]`: a Fargate vCPU size and the memory sizes valid with it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFargateSize {
    /// vCPUs, > 0; the id of the entry for overlays.
    #[schemars(with = "f64")]
    pub vcpu: Spanned<f64>,
    /// Valid memory sizes in GiB, ascending.
    #[schemars(with = "Vec<f64>")]
    pub memory_gib: Spanned<Vec<f64>>,
    /// Where the sizes come from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
}

/// `[[pricing.control_plane]]`: what a cluster's control plane costs per hour, by Region,
/// e.g. `id = "eks"`. A pattern pays it `× clusters` when its cost recipe says
/// `control_plane = "<id>"`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawControlPlane {
    /// The key cost recipes use, e.g. `eks`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Display name, used in the bill line (`EKS control plane: 1 cluster × …`).
    #[schemars(with = "RawText")]
    pub name: Spanned<RawText>,
    /// Per cluster-hour in each Region (standard support); every `[[pricing.region]]`
    /// needs one.
    #[serde(default)]
    #[schemars(with = "Vec<RawInstancePrice>")]
    pub prices: Vec<Spanned<RawInstancePrice>>,
    /// Per cluster-hour in each Region while the cluster's version is in extended support;
    /// optional. Not charged, but the estimate notes the difference.
    #[serde(default)]
    #[schemars(with = "Vec<RawInstancePrice>")]
    pub extended_support: Vec<Spanned<RawInstancePrice>>,
}

/// `[[pricing.management_fee]]`: a fee AWS charges per instance-hour on top of the EC2
/// price for the instances it manages, by instance type and Region, e.g.
/// `id = "eks-auto-mode"`. A pattern pays it when its cost recipe says
/// `management_fee = "<id>"`. No Savings Plans or Spot discount is applied to it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawManagementFee {
    /// The key cost recipes use, e.g. `eks-auto-mode`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Display name, used in the bill line (`EKS Auto Mode management fee: 7 × m6i.large × …`).
    #[schemars(with = "RawText")]
    pub name: Spanned<RawText>,
    /// A fee derived from the On-Demand price: every non-burstable instance type with a
    /// price in a Region and no explicit fee there pays `factor` × that price (low
    /// confidence).
    #[schemars(with = "Option<RawDiscount>")]
    pub factor_of_on_demand: Option<Spanned<RawDiscount>>,
    /// The fee per instance type and Region. An instance type without a fee in the Region
    /// is not chosen for a pattern that pays this fee.
    #[serde(default)]
    #[schemars(with = "Vec<RawFeePrice>")]
    pub prices: Vec<Spanned<RawFeePrice>>,
}

/// One management fee: `{ instance_type = "m6i.large", region = "us-east-1", usd = 0.01152,
/// as_of = "…", source = "…", confidence = "low" }`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFeePrice {
    /// One of the `[[pricing.instance_type]]` ids.
    #[schemars(with = "String")]
    pub instance_type: Spanned<String>,
    /// One of the `[[pricing.region]]` ids.
    #[schemars(with = "String")]
    pub region: Spanned<String>,
    /// USD per instance-hour, >= 0.
    #[schemars(with = "f64")]
    pub usd: Spanned<f64>,
    /// When the price was seen or stated: `YYYY-MM-DD` or `YYYY-MM`.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    /// Where it comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// `high`, `medium` or `low`.
    pub confidence: Option<Confidence>,
}
