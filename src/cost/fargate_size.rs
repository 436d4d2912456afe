//! The Fargate size a task or pod is billed at: the smallest valid CPU/memory
//! combination of `[[pricing.fargate_size]]` that holds the request.
//!
//! Pure arithmetic over the validated sizes; prices nothing.

use serde::Serialize;

use crate::model::pricing::FargateCpu;

/// Requests within this of a size count as equal (requests come from decimal text).
const EPSILON: f64 = 1e-9;

/// A valid Fargate size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FargateSize {
    /// vCPUs billed.
    pub vcpu: f64,
    /// Memory billed, GiB.
    pub memory_gib: f64,
}

impl FargateSize {
    /// The smallest valid size that holds `vcpu` and `memory_gib`: the smallest vCPU size
    /// at least `vcpu` that offers a memory size at least `memory_gib`, with the smallest
    /// such memory. `None` when no size is large enough. `sizes` are by ascending vCPU.
    pub fn round_up(sizes: &[FargateCpu], vcpu: f64, memory_gib: f64) -> Option<Self> {
        sizes.iter().filter(|s| s.vcpu + EPSILON >= vcpu).find_map(|s| {
            s.memory_gib
                .iter()
                .find(|m| **m + EPSILON >= memory_gib)
                .map(|m| FargateSize { vcpu: s.vcpu, memory_gib: *m })
        })
    }

    /// The largest size on offer, for messages.
    pub fn largest(sizes: &[FargateCpu]) -> Option<Self> {
        sizes
            .iter()
            .filter_map(|s| s.memory_gib.last().map(|m| FargateSize { vcpu: s.vcpu, memory_gib: *m }))
            .next_back()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What EKS adds to every Fargate pod (the `pod_overhead_gib` of its cost recipe).
    const EKS_POD_OVERHEAD_GIB: f64 = 0.25;

    /// The table of valid Linux sizes, as in `rules/pricing.toml`.
    fn table() -> Vec<FargateCpu> {
        let cpu = |vcpu: f64, memory_gib: Vec<f64>| FargateCpu { vcpu, memory_gib, source: "test".into() };
        let range = |from: u32, to: u32, step: usize| (from..=to).step_by(step).map(f64::from).collect::<Vec<_>>();
        vec![
            cpu(0.25, vec![0.5, 1.0, 2.0]),
            cpu(0.5, range(1, 4, 1)),
            cpu(1.0, range(2, 8, 1)),
            cpu(2.0, range(4, 16, 1)),
            cpu(4.0, range(8, 30, 1)),
            cpu(8.0, range(16, 60, 4)),
            cpu(16.0, range(32, 120, 8)),
        ]
    }

    fn size(vcpu: f64, memory_gib: f64) -> FargateSize {
        FargateSize { vcpu, memory_gib }
    }

    #[test]
    fn a_valid_size_is_kept() {
        assert_eq!(FargateSize::round_up(&table(), 1.0, 2.0), Some(size(1.0, 2.0)));
        assert_eq!(FargateSize::round_up(&table(), 16.0, 120.0), Some(size(16.0, 120.0)));
    }

    #[test]
    fn memory_rounds_up_within_the_cpu_size() {
        // 0.25 vCPU offers 0.5, 1 and 2 GiB: 1.5 GiB is billed as 2.
        assert_eq!(FargateSize::round_up(&table(), 0.25, 1.5), Some(size(0.25, 2.0)));
        // 8 vCPU steps by 4 GiB: 17 GiB is billed as 20.
        assert_eq!(FargateSize::round_up(&table(), 8.0, 17.0), Some(size(8.0, 20.0)));
        // Too little memory for the CPU: 4 vCPU start at 8 GiB.
        assert_eq!(FargateSize::round_up(&table(), 4.0, 2.0), Some(size(4.0, 8.0)));
    }

    #[test]
    fn cpu_rounds_up_when_the_memory_does_not_fit() {
        // Amazon EKS User Guide, Fargate pod configuration: a pod requesting 1 vCPU and 8 GB, plus EKS's 0.25 GiB, does not
        // fit 1 vCPU (8 GiB at most) and is billed as 2 vCPU with 9 GiB.
        assert_eq!(FargateSize::round_up(&table(), 1.0, 8.0 + EKS_POD_OVERHEAD_GIB), Some(size(2.0, 9.0)));
        // 0.3 vCPU is billed as 0.5 vCPU.
        assert_eq!(FargateSize::round_up(&table(), 0.3, 1.0), Some(size(0.5, 1.0)));
    }

    #[test]
    fn nothing_holds_more_than_the_largest_size() {
        assert_eq!(FargateSize::round_up(&table(), 16.0, 120.0 + EKS_POD_OVERHEAD_GIB), None);
        assert_eq!(FargateSize::round_up(&table(), 17.0, 2.0), None);
        assert_eq!(FargateSize::largest(&table()), Some(size(16.0, 120.0)));
    }
}
