//! What an EC2 node keeps for itself before tasks or pods can be placed on it, per
//! reservation profile (a cost recipe's `node_reserve`). These are planning values of this tool, documented here and in
//! `docs/rules.md`, with where each number comes from:
//!
//! **ECS** (the agent and the kernel): no CPU (ECS registers every CPU unit of the
//! instance); memory = 256 MiB for `ECS_RESERVED_MEMORY` (the value of the ECS
//! documentation's example) + 2.5 % of the installed memory that the kernel and the
//! platform keep (an m4.large with 8 GiB registers 7,985 MiB: 207 MiB, 2.5 %).
//!
//! **EKS** (the EKS-optimised AMI's kubelet settings, the VPC CNI and kube-proxy):
//! CPU = the AMI's `kube-reserved` (6 % of the first core, 1 % of the second, 0.5 % of
//! the third and fourth, 0.25 % of every further core) + the CPU requested by the two
//! daemon sets on every node: `aws-node` (VPC CNI, 25m) and `kube-proxy` (100m); memory =
//! `kube-reserved` (11 MiB per pod the node may run + 255 MiB) + the kubelet's 100 MiB
//! hard-eviction threshold. Those two daemon-set pods also count against the node's
//! maximum pods.
//!
//! Pure arithmetic; no I/O.

use serde::Serialize;

use crate::model::Text;
use crate::model::cost_recipe::NodeReserveProfile;
use crate::model::pricing::InstanceType;

/// ECS: memory the agent configuration keeps for the system (`ECS_RESERVED_MEMORY`).
const ECS_RESERVED_MEMORY_GIB: f64 = 0.25;
/// ECS: share of the installed memory the kernel and platform keep.
const ECS_KERNEL_MEMORY_SHARE: f64 = 0.025;
/// EKS: CPU requested by the `aws-node` (25m) and `kube-proxy` (100m) daemon sets.
const EKS_DAEMONSET_VCPU: f64 = 0.125;
/// EKS: daemon-set pods on every node (`aws-node`, `kube-proxy`).
const EKS_DAEMONSET_PODS: u32 = 2;
/// EKS: kube-reserved memory per pod the node may run, MiB.
const EKS_RESERVED_MIB_PER_POD: f64 = 11.0;
/// EKS: kube-reserved memory base, MiB.
const EKS_RESERVED_MIB_BASE: f64 = 255.0;
/// EKS: the kubelet's hard-eviction threshold (`memory.available<100Mi`), MiB.
const EKS_EVICTION_MIB: f64 = 100.0;

/// Where the ECS values come from.
pub const ECS_SOURCE: &str = "docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html \
    (ECS_RESERVED_MEMORY=256); docs.aws.amazon.com/batch/latest/userguide/memory-management.html \
    (m4.large registers 7985 MiB), seen 2026-11";
/// Where the EKS values come from.
pub const EKS_SOURCE: &str = "github.com/awslabs/amazon-eks-ami (kube-reserved CPU and memory, eviction \
    threshold, files/eni-max-pods.txt); github.com/aws/amazon-vpc-cni-k8s config/master/aws-k8s-cni.yaml \
    (aws-node requests 25m CPU); kube-proxy 100m CPU as in the upstream Kubernetes manifest, not verified \
    against the EKS add-on; GPU nodes: github.com/NVIDIA/k8s-device-plugin (one daemon-set pod, no \
    request); seen 2026-11";

/// What one node keeps for itself.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct NodeReserve {
    /// vCPUs not available to tasks.
    pub vcpu: f64,
    /// GiB not available to tasks.
    pub memory_gib: f64,
    /// Pods of the platform that count against the node's maximum pods.
    pub system_pods: u32,
    /// Whether the node's maximum pods (`max_pods`) limits the tasks per node.
    pub max_pods_apply: bool,
    /// How the numbers were obtained, in words.
    pub basis: Text,
    /// Where they come from.
    pub source: &'static str,
}

impl NodeReserve {
    /// The reservation of one node of `instance` under `profile`.
    pub fn for_node(profile: NodeReserveProfile, instance: &InstanceType) -> Self {
        match profile {
            NodeReserveProfile::Ecs => NodeReserve {
                vcpu: 0.0,
                memory_gib: ECS_RESERVED_MEMORY_GIB + ECS_KERNEL_MEMORY_SHARE * instance.memory_gib,
                system_pods: 0,
                max_pods_apply: false,
                basis: Text::new(
                    "ECS: 256 MiB ECS_RESERVED_MEMORY + 2.5 % of memory for the kernel; no CPU",
                    "ECS: ECS_RESERVED_MEMORY の 256 MiB + カーネル用にメモリの 2.5%。CPU の予約なし",
                ),
                source: ECS_SOURCE,
            },
            NodeReserveProfile::Eks => {
                let max_pods = f64::from(instance.max_pods);
                // A GPU node also runs the NVIDIA device plugin daemon set (one pod, no
                // CPU or memory request in its upstream manifest).
                let gpu = instance.gpus > 0;
                let (gpu_en, gpu_ja) = if gpu {
                    (" + NVIDIA device plugin (1 pod)", " + NVIDIA デバイスプラグイン（1 Pod）")
                } else {
                    ("", "")
                };
                NodeReserve {
                    // Whole millicores, as Kubernetes counts them.
                    vcpu: ((kube_reserved_vcpu(instance.vcpu) + EKS_DAEMONSET_VCPU) * 1000.0).round() / 1000.0,
                    memory_gib: (EKS_RESERVED_MIB_PER_POD * max_pods + EKS_RESERVED_MIB_BASE + EKS_EVICTION_MIB)
                        / 1024.0,
                    system_pods: EKS_DAEMONSET_PODS + u32::from(gpu),
                    max_pods_apply: true,
                    basis: Text::new(
                        format!(
                            "EKS: kube-reserved (11 MiB × {} pods + 255 MiB; 6/1/0.5/0.25 % of the cores) \
                             + 100 MiB eviction threshold + aws-node and kube-proxy (125m CPU, 2 pods){gpu_en}",
                            instance.max_pods
                        ),
                        format!(
                            "EKS: kube-reserved（11 MiB × {} Pod + 255 MiB、コアの 6/1/0.5/0.25%）\
                             + 退避しきい値 100 MiB + aws-node と kube-proxy（CPU 125m、2 Pod）{gpu_ja}",
                            instance.max_pods
                        ),
                    ),
                    source: EKS_SOURCE,
                }
            }
        }
    }
}

/// The EKS-optimised AMI's `kube-reserved` CPU in vCPUs: 6 % of the first core, 1 % of
/// the second, 0.5 % of the third and fourth, 0.25 % of the rest.
fn kube_reserved_vcpu(cores: f64) -> f64 {
    let band = |from: f64, to: f64| (cores.min(to) - from).max(0.0);
    0.06 * band(0.0, 1.0) + 0.01 * band(1.0, 2.0) + 0.005 * band(2.0, 4.0) + 0.0025 * band(4.0, f64::INFINITY)
}

#[cfg(test)]
mod tests {
    use crate::model::pricing::ByRegion;

    use super::*;
    use crate::model::pricing::{Arch, Family};

    fn instance(vcpu: f64, memory_gib: f64, max_pods: u32) -> InstanceType {
        InstanceType {
            id: "x.large".into(),
            family: Family::General,
            arch: Arch::X86_64,
            vcpu,
            memory_gib,
            max_pods,
            gpus: 0,
            prices: ByRegion::default(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn kube_reserved_cpu_follows_the_ami_bands() {
        assert!(close(kube_reserved_vcpu(1.0), 0.06));
        assert!(close(kube_reserved_vcpu(2.0), 0.07));
        assert!(close(kube_reserved_vcpu(4.0), 0.08));
        assert!(close(kube_reserved_vcpu(8.0), 0.09));
    }

    #[test]
    fn ecs_keeps_memory_only() {
        // m6i.large, 8 GiB: 0.25 + 0.025 × 8 = 0.45 GiB.
        let reserve = NodeReserve::for_node(NodeReserveProfile::Ecs, &instance(2.0, 8.0, 29));
        assert!(close(reserve.vcpu, 0.0));
        assert!(close(reserve.memory_gib, 0.45));
        assert_eq!(reserve.system_pods, 0);
    }

    #[test]
    fn eks_keeps_kubelet_cni_and_kube_proxy_shares() {
        // m6i.large, 29 max pods: CPU 0.07 + 0.125 = 0.195; memory (11 × 29 + 255 + 100) MiB
        // = 674 MiB = 0.658203125 GiB.
        let reserve = NodeReserve::for_node(NodeReserveProfile::Eks, &instance(2.0, 8.0, 29));
        assert!(close(reserve.vcpu, 0.195));
        assert!(close(reserve.memory_gib, 674.0 / 1024.0));
        assert_eq!(reserve.system_pods, 2);
    }
}
