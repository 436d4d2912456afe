//! `RawCostRecipe`: the `cost` table of a `[[pattern]]`, exactly as written. It says how
//! the estimate prices the pattern, so that no code switches on orchestrator × capacity.
//!
//! Like the rest of `raw`, it checks nothing: `validate::cost_recipe` rejects a key that
//! does not fit the compute kind, a negative overhead and a price key that `[pricing]`
//! does not define. The `///` docs double as the reference in `docs/rules.md`.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::model::cost_recipe::{Compute, NodeReserveProfile};

/// `cost = { compute = "ec2", node_reserve = "ecs" }`: how a pattern is priced. A pattern
/// without one is listed as "not priced".
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCostRecipe {
    /// `ec2`: tasks are bin-packed onto the cheapest EC2 instance type of the catalogue;
    /// `fargate`: each task or pod pays Fargate vCPU and memory at a valid Fargate size.
    #[schemars(with = "Compute")]
    pub compute: Spanned<Compute>,
    /// A `[[pricing.control_plane]]` id (e.g. `eks`): paid per cluster-hour × `clusters`.
    #[schemars(with = "Option<String>")]
    pub control_plane: Option<Spanned<String>>,
    /// `compute = "ec2"` only: a `[[pricing.management_fee]]` id (e.g. `eks-auto-mode`),
    /// paid per instance-hour by instance type on top of EC2, never discounted.
    #[schemars(with = "Option<String>")]
    pub management_fee: Option<Spanned<String>>,
    /// `compute = "ec2"` only, required there: what each node keeps for itself before
    /// tasks fit, `ecs` (the ECS agent) or `eks` (kubelet, VPC CNI and kube-proxy, and the
    /// node's maximum pods).
    #[schemars(with = "Option<NodeReserveProfile>")]
    pub node_reserve: Option<Spanned<NodeReserveProfile>>,
    /// `compute = "fargate"` only: GiB added to every task's memory before it is rounded up
    /// to a valid Fargate size (EKS adds 0.25 per pod); default 0, >= 0.
    #[schemars(with = "Option<f64>")]
    pub pod_overhead_gib: Option<Spanned<f64>>,
    /// `compute = "fargate"` only: whether Fargate Spot is offered; default `true`. When
    /// `false`, a Spot answer is priced on demand, with a note.
    #[schemars(with = "Option<bool>")]
    pub fargate_spot: Option<Spanned<bool>>,
    /// `compute = "fargate"` only: whether arm64 (Graviton) is offered; default `true`.
    /// When `false`, an arm64 answer is priced at x86 rates, with a note.
    #[schemars(with = "Option<bool>")]
    pub arm64: Option<Spanned<bool>>,
    /// `compute = "fargate"` only: whether Windows containers are offered; default `true`.
    /// When `true` and Windows is answered, tasks are priced at the Region's Windows rates
    /// plus the OS licence fee.
    #[schemars(with = "Option<bool>")]
    pub windows: Option<Spanned<bool>>,
    /// `compute = "fargate"` only: whether a task can have a public IPv4 address; default
    /// `true`. When `false` (private subnets only), the estimate notes the NAT gateway the
    /// tasks need to reach the internet.
    #[schemars(with = "Option<bool>")]
    pub public_ipv4: Option<Spanned<bool>>,
}
