//! Bin-packing identical tasks onto one EC2 instance type, and the choice of the
//! cheapest type of the catalogue (DESIGN §6).
//!
//! For each type offered in the Region for the workload's architecture (burstable types
//! excluded, and, when the recipe pays a management fee, types without a fee in the
//! Region too): the tasks that fit on one node after its [`NodeReserve`] (and, for the
//! `eks` profile, under its maximum pods) are `per_node`; the cluster keeps `target` % of
//! the task slots filled at most, so rolling deployments have room: `count = ⌈tasks × 100
//! / (target × per_node)⌉`. The cheapest `count × (price + fee)` wins; ties keep
//! catalogue order.

use std::borrow::Cow;

use crate::cost::node_reserve::NodeReserve;
use crate::cost::workload::Workload;
use crate::model::cost_recipe::NodeReserveProfile;
use crate::model::pricing::{Family, InstanceType, ManagementFee, Price, Pricing};

/// Requests within this of a node's capacity count as fitting (decimal text).
const EPSILON: f64 = 1e-9;

/// How one instance type would run the workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Ec2Plan<'a> {
    /// The instance type.
    pub instance: &'a InstanceType,
    /// Its on-demand price in the Region.
    pub price: &'a Price,
    /// The management fee per instance-hour in the Region, when the recipe pays one.
    pub fee: Option<Cow<'a, Price>>,
    /// What each node keeps for itself.
    pub reserve: NodeReserve,
    /// Tasks that fit on one node.
    pub per_node: u32,
    /// Nodes needed.
    pub count: u32,
}

impl<'a> Ec2Plan<'a> {
    /// How `instance` runs the workload, or `None` if it is not offered in the Region or
    /// not even one task fits on a node.
    pub fn for_type(profile: NodeReserveProfile, instance: &'a InstanceType, workload: &Workload) -> Option<Self> {
        let price = instance.prices.get(workload.region.as_str())?;
        let reserve = NodeReserve::for_node(profile, instance);
        let by_cpu = ((instance.vcpu - reserve.vcpu) / workload.task_vcpu + EPSILON).floor();
        let by_memory = ((instance.memory_gib - reserve.memory_gib) / workload.task_memory_gib + EPSILON).floor();
        let mut per_node = by_cpu.min(by_memory).clamp(0.0, f64::from(u32::MAX)) as u32;
        // A GPU task: no more tasks than the node's GPUs allow (no limit for CPU tasks).
        if let Some(by_gpu) = instance.gpus.checked_div(workload.task_gpus) {
            per_node = per_node.min(by_gpu);
        }
        if reserve.max_pods_apply {
            per_node = per_node.min(instance.max_pods.saturating_sub(reserve.system_pods));
        }
        if per_node == 0 {
            return None;
        }
        let slots = u64::from(workload.ec2_utilisation_target.clamp(1, 100)) * u64::from(per_node);
        let count = (u64::from(workload.tasks) * 100).div_ceil(slots);
        Some(Ec2Plan { instance, price, fee: None, reserve, per_node, count: u32::try_from(count).unwrap_or(u32::MAX) })
    }

    /// The cheapest plan over the catalogue, or `None` if no type can run a task. With a
    /// management fee, only types that have a fee in the Region are considered, and the
    /// fee counts in the comparison.
    pub fn cheapest(
        pricing: &'a Pricing,
        profile: NodeReserveProfile,
        fee: Option<&'a ManagementFee>,
        workload: &Workload,
    ) -> Option<Self> {
        pricing
            .instance_types
            .iter()
            .filter(|t| t.arch == workload.arch && t.family != Family::Burstable)
            // A GPU workload goes on GPU types only; a CPU workload never pays for GPUs.
            .filter(|t| (t.gpus > 0) == workload.gpu)
            .filter_map(|t| {
                let fee = match fee {
                    Some(fee) => Some(fee.price(t, &workload.region)?),
                    None => None,
                };
                Ec2Plan::for_type(profile, t, workload).map(|plan| Ec2Plan { fee, ..plan })
            })
            .fold(None, |best: Option<Ec2Plan<'a>>, plan| match best {
                Some(b) if b.hourly_usd() <= plan.hourly_usd() => Some(b),
                _ => Some(plan),
            })
    }

    /// On-demand USD per hour for all nodes, with the management fee.
    pub fn hourly_usd(&self) -> f64 {
        f64::from(self.count) * (self.price.usd + self.fee.as_ref().map_or(0.0, |f| f.usd))
    }

    /// The share of the nodes' vCPUs the tasks request.
    pub fn cpu_utilisation(&self, workload: &Workload) -> f64 {
        f64::from(workload.tasks) * workload.task_vcpu / (f64::from(self.count) * self.instance.vcpu)
    }

    /// The share of the nodes' memory the tasks request.
    pub fn memory_utilisation(&self, workload: &Workload) -> f64 {
        f64::from(workload.tasks) * workload.task_memory_gib / (f64::from(self.count) * self.instance.memory_gib)
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::cost::workload::Purchase;
    use crate::model::pricing::Arch;

    fn instance(id: &str, family: Family, vcpu: f64, memory_gib: f64, usd: f64) -> InstanceType {
        let price = Price { usd, as_of: "2026-11".into(), source: "test".into(), confidence: None };
        InstanceType {
            id: id.into(),
            family,
            arch: Arch::X86_64,
            vcpu,
            memory_gib,
            max_pods: 29,
            gpus: 0,
            prices: [("r1".into(), price)].into_iter().collect(),
        }
    }

    fn workload(tasks: u32, vcpu: f64, memory: f64, target: u32) -> Workload {
        Workload {
            region: "r1".into(),
            tasks,
            task_vcpu: vcpu,
            task_memory_gib: memory,
            arch: Arch::X86_64,
            clusters: 1,
            purchase: Purchase::OnDemand,
            ec2_utilisation_target: target,
            hours: 730.0,
            gpu: false,
            task_gpus: 0,
            public_ipv4: false,
            extended_support: false,
            windows: false,
        }
    }

    #[test]
    fn packs_by_the_scarcer_resource_after_the_reservation() {
        // ECS on a 4 vCPU / 16 GiB node: memory 16 − (0.25 + 0.4) = 15.35 GiB.
        // Tasks of 0.5 vCPU / 4 GiB: 8 by CPU, 3 by memory -> 3 per node.
        let node = instance("m.xlarge", Family::General, 4.0, 16.0, 0.192);
        let plan = Ec2Plan::for_type(NodeReserveProfile::Ecs, &node, &workload(12, 0.5, 4.0, 100))
            .unwrap_or_else(|| panic!("fits"));
        assert_eq!(plan.per_node, 3);
        assert_eq!(plan.count, 4, "12 tasks / 3 per node");
    }

    #[test]
    fn keeps_headroom_for_rolling_deployments() {
        // 10 tasks of 1 vCPU / 2 GiB on 2 vCPU / 8 GiB (ECS): 2 per node.
        // At 100 %: ⌈10 / 2⌉ = 5 nodes; at 80 %: ⌈10 × 100 / (80 × 2)⌉ = ⌈6.25⌉ = 7 nodes.
        let node = instance("m.large", Family::General, 2.0, 8.0, 0.096);
        let full = Ec2Plan::for_type(NodeReserveProfile::Ecs, &node, &workload(10, 1.0, 2.0, 100));
        let headroom = Ec2Plan::for_type(NodeReserveProfile::Ecs, &node, &workload(10, 1.0, 2.0, 80));
        assert_eq!(full.map(|p| p.count), Some(5));
        assert_eq!(headroom.map(|p| p.count), Some(7));
    }

    #[test]
    fn eks_nodes_lose_the_daemonset_share_and_respect_max_pods() {
        // EKS on 2 vCPU: 2 − 0.195 = 1.805 vCPU -> one 1-vCPU pod per node.
        let node = instance("m.large", Family::General, 2.0, 8.0, 0.096);
        let plan = Ec2Plan::for_type(NodeReserveProfile::Eks, &node, &workload(4, 1.0, 2.0, 100));
        assert_eq!(plan.map(|p| p.per_node), Some(1));
        // Tiny pods: CPU would allow 72 per node, max pods 29 − 2 daemon-set pods = 27.
        let plan = Ec2Plan::for_type(NodeReserveProfile::Eks, &node, &workload(27, 0.025, 0.05, 100));
        assert_eq!(plan.map(|p| (p.per_node, p.count)), Some((27, 1)));
    }

    #[test]
    fn a_task_larger_than_a_node_does_not_fit() {
        let node = instance("c.large", Family::Compute, 2.0, 4.0, 0.085);
        assert!(Ec2Plan::for_type(NodeReserveProfile::Ecs, &node, &workload(1, 1.0, 4.0, 80)).is_none());
        assert!(Ec2Plan::for_type(NodeReserveProfile::Ecs, &node, &workload(1, 3.0, 1.0, 80)).is_none());
    }

    #[test]
    fn the_cheapest_type_wins_and_burstables_are_never_chosen() {
        let pricing = Pricing {
            regions: Vec::new(),
            instance_types: vec![
                instance("t.medium", Family::Burstable, 2.0, 4.0, 0.01),
                instance("m.large", Family::General, 2.0, 8.0, 0.096),
                instance("c.xlarge", Family::Compute, 4.0, 8.0, 0.17),
            ],
            fargate_sizes: Vec::new(),
            control_planes: Vec::new(),
            management_fees: Vec::new(),
        };
        // 6 tasks of 1 vCPU / 1 GiB at 100 %: m.large 2 per node -> 3 × 0.096 = 0.288;
        // c.xlarge 4 per node (memory 8 − 0.45 = 7.55) -> 2 × 0.17 = 0.34.
        let plan = Ec2Plan::cheapest(&pricing, NodeReserveProfile::Ecs, None, &workload(6, 1.0, 1.0, 100));
        assert_eq!(plan.as_ref().map(|p| (p.instance.id.as_str(), p.count)), Some(("m.large", 3)));
        let plan = plan.unwrap_or_else(|| unreachable!());
        assert!((plan.hourly_usd() - 0.288).abs() < 1e-12);
        assert!((plan.cpu_utilisation(&workload(6, 1.0, 1.0, 100)) - 1.0).abs() < 1e-12);
    }
}
