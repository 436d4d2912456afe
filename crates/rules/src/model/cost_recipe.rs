//! How a pattern is priced (DESIGN §6): the validated form of a pattern's `cost` table.
//! The estimate reads only this, never the pattern's orchestrator or capacity, to decide
//! what to charge.
//!
//! Built only by `validate::cost_recipe`; read by `cost`.

use serde::{Deserialize, Serialize};

use crate::model::Str;

/// The compute kind a recipe pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Compute {
    /// EC2 instances, bin-packed.
    Ec2,
    /// Fargate, per task or pod.
    Fargate,
}

impl Compute {
    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Compute::Ec2 => "ec2",
            Compute::Fargate => "fargate",
        }
    }
}

/// What each EC2 node keeps for itself (see `cost::node_reserve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NodeReserveProfile {
    /// The ECS agent: memory only.
    Ecs,
    /// The kubelet, the VPC CNI and kube-proxy: CPU, memory and pods, under the node's
    /// maximum pods.
    Eks,
}

/// What a recipe pays for compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ComputeRecipe {
    /// EC2 instances of the cheapest type.
    Ec2 {
        /// What each node keeps for itself.
        node_reserve: NodeReserveProfile,
        /// A `[[pricing.management_fee]]` id paid per instance-hour, if any.
        management_fee: Option<Str>,
    },
    /// Fargate per task or pod.
    Fargate {
        /// GiB added to every task before rounding to a valid size.
        pod_overhead_gib: f64,
        /// Whether Fargate Spot is offered.
        fargate_spot: bool,
        /// Whether arm64 is offered.
        arm64: bool,
        /// Whether Windows containers are offered.
        windows: bool,
        /// Whether a task can have a public IPv4 address (otherwise: private subnets only).
        public_ipv4: bool,
    },
}

/// How a pattern is priced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostRecipe {
    /// The compute it pays for.
    pub compute: ComputeRecipe,
    /// A `[[pricing.control_plane]]` id paid per cluster-hour, if any.
    pub control_plane: Option<Str>,
}

impl CostRecipe {
    /// The compute kind.
    pub fn compute_kind(&self) -> Compute {
        match self.compute {
            ComputeRecipe::Ec2 { .. } => Compute::Ec2,
            ComputeRecipe::Fargate { .. } => Compute::Fargate,
        }
    }
}
