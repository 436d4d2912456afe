//! The estimate on the default `rules/pricing.toml`, against figures computed by hand
//! (written out in each test).

use super::*;
use crate::model::RuleSet;
use crate::model::cost_recipe::{ComputeRecipe, NodeReserveProfile};
use crate::model::pricing::{Arch, Confidence, Family};

fn rules() -> RuleSet {
    crate::default_rules().unwrap_or_else(|e| panic!("{e}"))
}

fn workload(region: &str, tasks: u32, vcpu: f64, memory: f64) -> Workload {
    Workload {
        region: region.into(),
        tasks,
        task_vcpu: vcpu,
        task_memory_gib: memory,
        arch: Arch::X86_64,
        clusters: 1,
        purchase: Purchase::OnDemand,
        ec2_utilisation_target: 80,
        hours: 730.0,
        gpu: false,
        task_gpus: 0,
        public_ipv4: false,
        extended_support: false,
        windows: false,
    }
}

fn run(workload: &Workload) -> CostEstimate {
    let rules = rules();
    let pricing = rules.pricing.get().unwrap_or_else(|| panic!("the default rules have pricing"));
    estimate(pricing, &rules.patterns, workload).unwrap_or_else(|| panic!("region not priced"))
}

fn pattern<'a>(estimate: &'a CostEstimate, id: &str) -> &'a PatternCost {
    estimate.pattern(id).unwrap_or_else(|| panic!("no pattern {id}"))
}

/// The break-even of an EC2 pattern.
fn break_even(estimate: &CostEstimate, ec2_pattern: &str) -> BreakEven {
    let found = estimate.break_even.iter().find(|b| b.ec2_pattern == ec2_pattern).cloned();
    found.unwrap_or_else(|| panic!("no break-even for {ec2_pattern}"))
}

fn amounts(cost: &PatternCost) -> Vec<(LineItem, f64)> {
    cost.lines.iter().map(|l| (l.item, l.monthly_usd)).collect()
}

#[test]
fn ecs_fargate_pays_per_task_vcpu_and_memory() {
    // 10 tasks × (1 vCPU × $0.04048 + 2 GiB × $0.004445) × 730 h
    //   vCPU:   10 × 1 × 0.04048 × 730 = 295.504 -> 295.50
    //   memory: 10 × 2 × 0.004445 × 730 = 64.897 -> 64.90
    //   total 360.40 (= 10 × 0.04937 × 730 = 360.401)
    let estimate = run(&workload("us-east-1", 10, 1.0, 2.0));
    let cost = pattern(&estimate, "ecs-fargate");
    assert_eq!(amounts(cost), vec![(LineItem::FargateVcpu, 295.50), (LineItem::FargateMemory, 64.90)]);
    assert_eq!(cost.monthly_usd, Some(360.40));
    let size = cost.fargate.as_ref().unwrap_or_else(|| panic!("no size"));
    assert_eq!((size.vcpu, size.memory_gib, size.rounded_up), (1.0, 2.0, false));
    assert!(cost.notes.is_empty(), "{:?}", cost.notes);
}

#[test]
fn eks_fargate_adds_a_quarter_gib_rounds_up_and_pays_the_control_plane() {
    // 1 vCPU / 2 GiB + 0.25 GiB = 2.25 GiB -> billed 1 vCPU / 3 GiB.
    //   vCPU:   10 × 1 × 0.04048 × 730 = 295.504 -> 295.50
    //   memory: 10 × 3 × 0.004445 × 730 = 97.3455 -> 97.35
    //   control plane: 1 × 0.10 × 730 = 73.00
    //   total 465.85
    let estimate = run(&workload("us-east-1", 10, 1.0, 2.0));
    let cost = pattern(&estimate, "eks-fargate");
    assert_eq!(
        amounts(cost),
        vec![(LineItem::FargateVcpu, 295.50), (LineItem::FargateMemory, 97.35), (LineItem::ControlPlane, 73.00)]
    );
    assert_eq!(cost.monthly_usd, Some(465.85));
    let size = cost.fargate.as_ref().unwrap_or_else(|| panic!("no size"));
    assert_eq!((size.requested_memory_gib, size.vcpu, size.memory_gib, size.rounded_up), (2.25, 1.0, 3.0, true));

    // Amazon EKS User Guide, Fargate pod configuration: 1 vCPU / 8 GiB + 0.25 does not fit 1 vCPU -> 2 vCPU / 9 GiB.
    //   vCPU:   10 × 2 × 0.04048 × 730 = 591.008 -> 591.01
    //   memory: 10 × 9 × 0.004445 × 730 = 292.0365 -> 292.04
    //   control plane 73.00; total 956.05
    let estimate = run(&workload("us-east-1", 10, 1.0, 8.0));
    let cost = pattern(&estimate, "eks-fargate");
    assert_eq!(cost.monthly_usd, Some(956.05));
    assert!(cost.notes[0].en.contains("billed as 2 vCPU / 9 GiB"), "{:?}", cost.notes);
    // ECS on Fargate has no overhead: 1 vCPU / 8 GiB is valid as is.
    assert_eq!(pattern(&estimate, "ecs-fargate").fargate.as_ref().map(|s| s.vcpu), Some(1.0));
}

#[test]
fn ec2_bin_packs_onto_the_cheapest_type_with_headroom() {
    // ECS, 10 tasks of 1 vCPU / 2 GiB, x86, target 80 %. Per node (memory minus
    // 0.25 GiB + 2.5 %), tasks per node p, nodes ⌈10 × 100 / (80 × p)⌉, $/h:
    //   m6a.large   2/8   -> p 2 -> 7 × 0.0864 = 0.6048   <- cheapest
    //   m6i.large   2/8   -> p 2 -> 7 × 0.096 = 0.672
    //   m6a.2xlarge 8/32  -> p 8 -> 2 × 0.3456 = 0.6912
    //   c6a.large   2/4   -> 3.65 GiB free, p 1 -> 13 × 0.0765 = 0.9945
    //   c6a.xlarge  4/8   -> 7.55 GiB free, p 3 -> 5 × 0.153 = 0.765
    //   c6a.2xlarge 8/16  -> 15.35 GiB free, p 7 -> 2 × 0.306 = 0.612
    //   larger sizes cost the same per vCPU and leave more of a node empty.
    // 7 × 0.0864 × 730 = 441.504 -> 441.50; utilisation max(10/14 vCPU, 20/56 GiB) = 71.4 %.
    let estimate = run(&workload("us-east-1", 10, 1.0, 2.0));
    let cost = pattern(&estimate, "ecs-ec2");
    assert_eq!(amounts(cost), vec![(LineItem::Ec2Instances, 441.50)]);
    assert_eq!(cost.monthly_usd, Some(441.50));
    let choice = cost.ec2.as_ref().unwrap_or_else(|| panic!("no choice"));
    assert_eq!((choice.instance_type.as_str(), choice.count, choice.tasks_per_instance), ("m6a.large", 7, 2));
    assert!((choice.utilisation - 10.0 / 14.0).abs() < 1e-12);
    assert!((choice.memory_utilisation - 20.0 / 56.0).abs() < 1e-12);

    // At 100 %: m6a.large ⌈10/2⌉ = 5 × 0.0864 = 0.432 $/h -> 315.36 a month.
    let mut full = workload("us-east-1", 10, 1.0, 2.0);
    full.ec2_utilisation_target = 100;
    assert_eq!(run(&full).monthly_usd("ecs-ec2"), Some(315.36));
}

#[test]
fn eks_pays_the_control_plane_per_cluster() {
    // EKS on EC2, same tasks: every node keeps 0.195–0.215 vCPU and 0.66–0.97 GiB, so
    //   m6a.large   1.805 vCPU free -> p 1 -> 13 × 0.0864 = 1.1232
    //   c6a.2xlarge 7.785 vCPU, 15.03 GiB free -> p 7 -> 2 × 0.306 = 0.612   <- cheapest
    //   m6a.2xlarge p 7 -> 2 × 0.3456 = 0.6912;  c6a.xlarge p 3 -> 5 × 0.153 = 0.765
    // nodes: 2 × 0.306 × 730 = 446.76; control plane 3 × 0.10 × 730 = 219.00; total 665.76.
    let mut three = workload("us-east-1", 10, 1.0, 2.0);
    three.clusters = 3;
    let estimate = run(&three);
    let cost = pattern(&estimate, "eks-ec2");
    assert_eq!(amounts(cost), vec![(LineItem::Ec2Instances, 446.76), (LineItem::ControlPlane, 219.00)]);
    assert_eq!(cost.monthly_usd, Some(665.76));
    assert_eq!(cost.ec2.as_ref().map(|c| (c.instance_type.as_str(), c.count)), Some(("c6a.2xlarge", 2)));
    // ECS has no control-plane fee, whatever the number of clusters.
    assert_eq!(estimate.monthly_usd("ecs-fargate"), Some(360.40));
    assert!(pattern(&estimate, "ecs-ec2").lines.iter().all(|l| l.item != LineItem::ControlPlane));
}

#[test]
fn spot_discounts_ec2_and_ecs_fargate_but_not_eks_fargate() {
    // Fargate Spot factor 0.65: 360.40 × 0.35 = 126.14 off -> 234.26.
    // EC2 Spot factor 0.55: 441.50 × 0.45 = 198.675 off -> 198.68 -> 242.82.
    // EKS on Fargate: on demand, 465.85, with a note.
    let mut spot = workload("us-east-1", 10, 1.0, 2.0);
    spot.purchase = Purchase::Spot;
    let estimate = run(&spot);
    let ecs_fargate = pattern(&estimate, "ecs-fargate");
    assert_eq!(ecs_fargate.lines.last().map(|l| (l.item, l.monthly_usd)), Some((LineItem::Discount, -126.14)));
    assert_eq!(ecs_fargate.monthly_usd, Some(234.26));
    assert_eq!(estimate.monthly_usd("ecs-ec2"), Some(242.82));
    let on_eks = pattern(&estimate, "eks-fargate");
    assert_eq!(on_eks.monthly_usd, Some(465.85));
    assert!(on_eks.notes.iter().any(|n| n.en.contains("does not support Fargate Spot")));
    assert!(on_eks.lines.iter().all(|l| l.item != LineItem::Discount));
}

#[test]
fn savings_plans_discount_compute_but_not_the_control_plane() {
    // Fargate factor 0.74: 360.40 × 0.26 = 93.704 -> 93.70 off -> 266.70.
    // EC2 factor 0.67: 441.50 × 0.33 = 145.695 -> 145.70 off -> 295.80.
    // EKS on Fargate: (295.50 + 97.35) × 0.26 = 102.141 -> 102.14 off; + 73.00 -> 363.71.
    let mut plan = workload("us-east-1", 10, 1.0, 2.0);
    plan.purchase = Purchase::SavingsPlan;
    let estimate = run(&plan);
    assert_eq!(estimate.monthly_usd("ecs-fargate"), Some(266.70));
    assert_eq!(estimate.monthly_usd("ecs-ec2"), Some(295.80));
    assert_eq!(estimate.monthly_usd("eks-fargate"), Some(363.71));
    let discount = pattern(&estimate, "ecs-fargate").lines.last().cloned().unwrap_or_else(|| panic!("no line"));
    assert_eq!((discount.quantity, discount.unit), (360.40, Unit::Usd));
    assert!((discount.unit_usd + 0.26).abs() < 1e-12);
    assert!(discount.source.contains("aws-savings-plans"));
}

#[test]
fn arm64_uses_graviton_prices_except_on_eks_fargate() {
    // ECS on Fargate arm64: 10 × 0.03238 × 730 = 236.374 -> 236.37;
    // 20 × 0.00356 × 730 = 51.976 -> 51.98; total 288.35.
    let mut arm = workload("us-east-1", 10, 1.0, 2.0);
    arm.arch = Arch::Arm64;
    let estimate = run(&arm);
    assert_eq!(estimate.monthly_usd("ecs-fargate"), Some(288.35));
    assert_eq!(estimate.monthly_usd("eks-fargate"), Some(465.85), "x86 rates");
    assert!(pattern(&estimate, "eks-fargate").notes.iter().any(|n| n.en.contains("x86_64 only")));
    let choice = pattern(&estimate, "ecs-ec2").ec2.clone().unwrap_or_else(|| panic!("no choice"));
    assert_eq!(choice.arch, Arch::Arm64);
}

#[test]
fn break_even_is_the_utilisation_where_ec2_costs_as_much_as_fargate() {
    // Demand: max(10 × 1 / 2, 10 × 2 / 8) = 5 m6a.large; full: 5 × 0.0864 × 730 = 315.36.
    // Break-even = 315.36 / 360.40 = 87.5 %: with this task shape EC2 only wins when the
    // instances are well filled; the plan's 71.4 % is below.
    let estimate = run(&workload("us-east-1", 10, 1.0, 2.0));
    let even = break_even(&estimate, "ecs-ec2");
    assert_eq!((even.ec2_pattern.as_str(), even.fargate_pattern.as_str()), ("ecs-ec2", "ecs-fargate"));
    assert_eq!(even.ec2_monthly_usd_at_full_utilisation, 315.36);
    assert!((even.utilisation - 315.36 / 360.40).abs() < 1e-9);
    assert!((even.current_utilisation - 10.0 / 14.0).abs() < 1e-12);

    // Tasks shaped like the instance (1 vCPU / 4 GiB on m6a.large, 4 GiB per vCPU):
    // Fargate: 295.50 + 10 × 4 × 0.004445 × 730 (= 129.794 -> 129.79) = 425.29;
    // demand max(5, 5) = 5 -> 315.36 -> break-even 315.36 / 425.29 = 74.2 %.
    let estimate = run(&workload("us-east-1", 10, 1.0, 4.0));
    let even = break_even(&estimate, "ecs-ec2");
    assert_eq!(estimate.monthly_usd("ecs-fargate"), Some(425.29));
    assert!((even.utilisation - 315.36 / 425.29).abs() < 1e-9);
}

#[test]
fn tokyo_costs_more_and_flags_low_confidence_figures() {
    // Tokyo ECS on Fargate: 10 × 0.05056 × 730 = 369.088 -> 369.09;
    // 20 × 0.005536 × 730 = 80.8256 -> 80.83; total 449.92.
    let estimate = run(&workload("ap-northeast-1", 10, 1.0, 2.0));
    assert_eq!(estimate.monthly_usd("ecs-fargate"), Some(449.92));
    assert_eq!(estimate.as_of, "2025-09", "the oldest figure used");
    assert!(estimate.low_confidence.iter().any(|l| l.contains("(ap-northeast-1)")));
    assert!(estimate.notes.iter().any(|n| n.en.contains("low confidence")));
    let mut arm = workload("ap-northeast-1", 10, 1.0, 2.0);
    arm.arch = Arch::Arm64;
    let estimate = run(&arm);
    assert!(estimate.low_confidence.contains(&"fargate_arm64_vcpu_hour (ap-northeast-1)".to_owned()));
}

#[test]
fn us_east_1_on_demand_names_its_sources_and_date() {
    let estimate = run(&workload("us-east-1", 10, 1.0, 2.0));
    assert_eq!(estimate.region_name.en, "US East (N. Virginia)");
    // The oldest figure: the management-fee ratio (FactualMinds, 2026-06-13).
    assert_eq!(estimate.as_of, "2026-06-13");
    // Fargate: AWS's AmazonECS offer file and Vantage; EC2: Karpenter's copy of the price list.
    assert!(
        estimate.sources.iter().any(|s| s == "aws-price-list-amazonecs-us-east-1-2025-08; vantage-fargate-pricing")
    );
    assert!(estimate.sources.iter().any(|s| s == "karpenter-on-demand-prices-us-east-1"));
    assert!(estimate.sources.iter().any(|s| s.contains("aws-eks-pricing")));
    assert!(estimate.sources.iter().any(|s| s.contains("amazon-eks-ami")), "node reservations are sourced");
    for cost in &estimate.patterns {
        let sum: f64 = cost.lines.iter().map(|l| l.monthly_usd).sum();
        assert!((sum - cost.monthly_usd.unwrap_or(f64::NAN)).abs() < 0.005, "{}: lines add up", cost.pattern);
        for line in &cost.lines {
            assert!(!line.as_of.is_empty() && !line.source.is_empty());
        }
    }
}

#[test]
fn a_task_too_large_for_fargate_or_ec2_cannot_be_priced_there() {
    // 16 vCPU / 120 GiB is the largest Fargate size: EKS's extra 0.25 GiB does not fit.
    // EC2 holds it on memory-optimised types (r6a.8xlarge: 32 vCPU / 256 GiB).
    let estimate = run(&workload("us-east-1", 2, 16.0, 120.0));
    assert!(estimate.monthly_usd("ecs-fargate").is_some());
    let eks = pattern(&estimate, "eks-fargate");
    assert_eq!(eks.monthly_usd, None);
    assert!(eks.lines.is_empty());
    assert!(eks.notes[0].en.contains("No Fargate size holds 16 vCPU / 120.25 GiB"), "{:?}", eks.notes);
    assert!(estimate.monthly_usd("ecs-ec2").is_some());
    // 256 vCPU is more than the largest type of the catalogue (192 vCPU).
    let estimate = run(&workload("us-east-1", 2, 256.0, 8.0));
    for id in ["ecs-ec2", "eks-ec2", "ecs-managed-instances", "eks-auto-mode"] {
        let cost = pattern(&estimate, id);
        assert_eq!(cost.monthly_usd, None, "{id}");
        assert!(cost.notes[0].en.starts_with("Not priced: no type in the catalogue holds one task."), "{id}");
    }
    assert!(estimate.break_even.is_empty());
}

#[test]
fn an_unpriced_region_gives_no_estimate() {
    let rules = rules();
    let pricing = rules.pricing.get().unwrap_or_else(|| panic!("pricing"));
    assert!(estimate(pricing, &rules.patterns, &workload("sa-east-1", 1, 1.0, 2.0)).is_none());
}

#[test]
fn the_default_catalogue_is_broad_enough() {
    let rules = rules();
    let pricing = rules.pricing.into_inner().unwrap_or_else(|| panic!("pricing"));
    let regions = [
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-west-2",
        "eu-central-1",
        "ap-northeast-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-south-1",
    ];
    assert_eq!(pricing.regions.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), regions);
    // Every type is priced in every Region, the derived figures with low confidence.
    assert!(pricing.instance_types.iter().all(|t| t.prices.len() == regions.len()), "every type everywhere");
    for family in [Family::General, Family::Compute, Family::Memory, Family::Accelerated] {
        for arch in [Arch::X86_64, Arch::Arm64] {
            assert!(pricing.instance_types.iter().any(|t| t.family == family && t.arch == arch), "{family:?} {arch:?}");
        }
    }
    // From `large` to the largest size, with the EKS max-pods figure of each.
    for (id, vcpu, max_pods, gpus) in
        [("m6i.32xlarge", 128.0, 737, 0), ("c7a.48xlarge", 192.0, 737, 0), ("g5.48xlarge", 192.0, 345, 8)]
    {
        let t = pricing.instance_types.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!((t.vcpu, t.max_pods, t.gpus), (vcpu, max_pods, gpus), "{id}");
    }
    // A Region's own price where the catalogue has one (m7i.large in Frankfurt, medium) ...
    let own = pricing.instance_types.iter().find(|t| t.id == "m7i.large").and_then(|t| t.prices.get("eu-central-1"));
    assert_eq!(own.map(|p| (p.usd, p.confidence)), Some((0.12075, Some(Confidence::Medium))));
    // ... else derived: r7a.large in London, 0.15215 × 1.15625 = 0.17592344 -> 0.1759
    // (to a hundredth of a cent), low.
    let derived = pricing.instance_types.iter().find(|t| t.id == "r7a.large").and_then(|t| t.prices.get("eu-west-2"));
    assert_eq!(derived.map(|p| (p.usd, p.confidence)), Some((0.1759, Some(Confidence::Low))));
    let tokyo = pricing.region("ap-northeast-1").unwrap_or_else(|| panic!("tokyo"));
    assert_eq!(
        tokyo.fargate_arm64_vcpu_hour.confidence,
        Some(Confidence::Low),
        "Tokyo Fargate Arm prices are inferred"
    );
    let us = pricing.region("us-east-1").unwrap_or_else(|| panic!("us"));
    let eks = pricing.control_plane("eks").unwrap_or_else(|| panic!("no EKS control plane"));
    assert_eq!(
        (eks.prices.get(&us.id).map(|p| p.usd), eks.extended_support.get(&us.id).map(|p| p.usd)),
        (Some(0.10), Some(0.60))
    );
}

#[test]
fn windows_workloads_are_told_ec2_is_priced_as_linux() {
    let mut special = workload("us-east-1", 2, 1.0, 2.0);
    let windows = |n: &Text| n.en.starts_with("Windows containers");
    assert!(!run(&special).notes.iter().any(windows));
    special.windows = true;
    assert!(run(&special).notes.iter().any(|n| n.en.starts_with("Windows containers were answered")));
}

fn run_on(rules: &RuleSet, workload: &Workload) -> CostEstimate {
    let pricing = rules.pricing.get().unwrap_or_else(|| panic!("the default rules have pricing"));
    estimate(pricing, &rules.patterns, workload).unwrap_or_else(|| panic!("region not priced"))
}

#[test]
fn ecs_managed_instances_pays_ec2_plus_the_fee_per_instance_hour() {
    // Same packing as ECS on EC2 (ECS reservation): the fee is 12 % of each type's price,
    // so the cheapest type with the fee is the same, m6a.large × 7 (7 × 0.096768 = 0.677376
    // $/h against c6a.2xlarge 2 × 0.34272 = 0.68544).
    //   EC2: 7 × 0.0864 × 730 = 441.504 -> 441.50
    //   fee: 7 × 0.010368 × 730 = 52.98048 -> 52.98   (0.010368 = 12 % of 0.0864)
    //   total 494.48
    let estimate = run_on(&rules(), &workload("us-east-1", 10, 1.0, 2.0));
    let cost = pattern(&estimate, "ecs-managed-instances");
    assert_eq!(amounts(cost), vec![(LineItem::Ec2Instances, 441.50), (LineItem::ManagementFee, 52.98)]);
    assert_eq!(cost.monthly_usd, Some(494.48));
    let fee = &cost.lines[1];
    assert_eq!(fee.description.en, "ECS Managed Instances management fee: 7 × m6a.large × $0.010368 × 730 h");
    assert_eq!(fee.description.ja, "ECS Managed Instances の管理料金: m6a.large × 7 台 × 730 時間 × 0.010368 USD/時間");
    assert_eq!((fee.quantity, fee.unit, fee.unit_usd, fee.hours), (7.0, Unit::Instance, 0.010_368, 730.0));
    assert_eq!((fee.source.as_str(), fee.confidence), ("aws-ecs-pricing", Some(Confidence::Low)));
    assert!(estimate.sources.iter().any(|s| s == "aws-ecs-pricing"));
    assert!(estimate.low_confidence.iter().any(|l| l == "ecs-managed-instances m6a.large (us-east-1)"));
    assert!(cost.lines.iter().all(|l| l.item != LineItem::ControlPlane), "ECS has no control plane");
    let choice = cost.ec2.as_ref().unwrap_or_else(|| panic!("no choice"));
    assert_eq!((choice.count, choice.management_fee_hourly_usd), (7, 0.010_368));
}

#[test]
fn eks_auto_mode_pays_ec2_the_fee_and_the_control_plane() {
    // EKS reservation, as EKS on EC2: c6a.2xlarge × 2 (7 pods each).
    //   EC2: 2 × 0.306 × 730 = 446.76
    //   fee: 2 × 0.03672 × 730 = 53.6112 -> 53.61   (0.03672 = 12 % of 0.306)
    //   control plane: 1 × 0.10 × 730 = 73.00
    //   total 573.37
    let estimate = run_on(&rules(), &workload("us-east-1", 10, 1.0, 2.0));
    let cost = pattern(&estimate, "eks-auto-mode");
    assert_eq!(
        amounts(cost),
        vec![(LineItem::Ec2Instances, 446.76), (LineItem::ManagementFee, 53.61), (LineItem::ControlPlane, 73.00)]
    );
    assert_eq!(cost.monthly_usd, Some(573.37));
    assert_eq!(cost.lines[1].description.en, "EKS Auto Mode management fee: 2 × c6a.2xlarge × $0.03672 × 730 h");
    assert_eq!(cost.lines[1].source, "factualminds-eks-pricing; aws-eks-pricing");
    assert_eq!(cost.ec2.as_ref().map(|c| (c.instance_type.as_str(), c.count)), Some(("c6a.2xlarge", 2)));
    // The four seed patterns are unchanged by the two new ones.
    assert_eq!(estimate.monthly_usd("ecs-ec2"), Some(441.50));
    assert_eq!(estimate.monthly_usd("ecs-fargate"), Some(360.40));
    assert_eq!(estimate.monthly_usd("eks-ec2"), Some(519.76));
    assert_eq!(estimate.monthly_usd("eks-fargate"), Some(465.85));
}

#[test]
fn discounts_take_nothing_off_the_management_fee() {
    // Savings Plans factor 0.67 on the EC2 line only: 441.50 × 0.33 = 145.695 -> 145.70
    // off; the fee stays 52.98: 441.50 − 145.70 + 52.98 = 348.78.
    // Spot factor 0.55: 441.50 × 0.45 = 198.675 -> 198.68 off: 242.82 + 52.98 = 295.80.
    let rules = rules();
    let mut plan = workload("us-east-1", 10, 1.0, 2.0);
    plan.purchase = Purchase::SavingsPlan;
    let estimate = run_on(&rules, &plan);
    let cost = pattern(&estimate, "ecs-managed-instances");
    assert_eq!(
        amounts(cost),
        vec![(LineItem::Ec2Instances, 441.50), (LineItem::Discount, -145.70), (LineItem::ManagementFee, 52.98)]
    );
    assert_eq!(cost.monthly_usd, Some(348.78));
    assert!(cost.notes.iter().any(|n| n.en.contains("discount the EC2 instances, not the fee")), "{:?}", cost.notes);
    let mut spot = plan.clone();
    spot.purchase = Purchase::Spot;
    assert_eq!(run_on(&rules, &spot).monthly_usd("ecs-managed-instances"), Some(295.80));
    // On demand there is nothing to say.
    let estimate = run_on(&rules, &workload("us-east-1", 10, 1.0, 2.0));
    assert!(pattern(&estimate, "ecs-managed-instances").notes.is_empty());
}

#[test]
fn every_ec2_pattern_has_a_break_even_against_its_orchestrators_fargate() {
    // ECS on EC2: 5 m6a.large at full = 315.36; / 360.40 = 87.5 %.
    // ECS on Managed Instances: 5 × (0.0864 + 0.010368) × 730 = 353.2032; / 360.40 = 98.0 %.
    // EKS on EC2: demand max(10 / 8, 20 / 16) = 1.25 c6a.2xlarge: 1.25 × 0.306 × 730 = 279.225;
    //   the control plane (73.00) is paid by both, so against 465.85 − 73.00 = 392.85: 71.1 %.
    // EKS Auto Mode: 1.25 × (0.306 + 0.03672) × 730 = 312.732; / 392.85 = 79.6 %.
    let estimate = run_on(&rules(), &workload("us-east-1", 10, 1.0, 2.0));
    let pairs: Vec<(&str, &str)> =
        estimate.break_even.iter().map(|b| (b.ec2_pattern.as_str(), b.fargate_pattern.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("ecs-ec2", "ecs-fargate"),
            ("eks-ec2", "eks-fargate"),
            ("ecs-managed-instances", "ecs-fargate"),
            ("eks-auto-mode", "eks-fargate")
        ]
    );
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    let ecs = break_even(&estimate, "ecs-ec2");
    assert!(close(ecs.utilisation, 315.36 / 360.40) && ecs.ec2_fixed_monthly_usd == 0.0);
    let managed = break_even(&estimate, "ecs-managed-instances");
    assert_eq!(managed.ec2_monthly_usd_at_full_utilisation, 353.20);
    assert!(close(managed.utilisation, 5.0 * 0.096_768 * 730.0 / 360.40) && managed.utilisation < 1.0);
    let eks = break_even(&estimate, "eks-ec2");
    assert_eq!(eks.ec2_fixed_monthly_usd, 73.00);
    assert!((eks.ec2_monthly_usd_at_full_utilisation - 279.23).abs() < 0.011, "279.225 to the cent");
    assert!(close(eks.utilisation, 1.25 * 0.306 * 730.0 / 392.85));
    let auto = break_even(&estimate, "eks-auto-mode");
    assert_eq!(auto.ec2_monthly_usd_at_full_utilisation, 312.73);
    assert!(close(auto.utilisation, 1.25 * 0.34272 * 730.0 / 392.85));
}

#[test]
fn break_even_uses_the_cheapest_fargate_pattern_of_the_orchestrator() {
    // A second ECS Fargate pattern with 1 GiB of overhead per task costs more (1 vCPU /
    // 3 GiB billed), so ECS on EC2 is still measured against ECS on Fargate.
    let rules = rules();
    let mut patterns = rules.patterns.clone();
    let mut padded = patterns[1].clone();
    padded.id = "ecs-fargate-padded".into();
    padded.cost = Some(CostRecipe {
        compute: ComputeRecipe::Fargate {
            pod_overhead_gib: 1.0,
            fargate_spot: true,
            arm64: true,
            windows: true,
            public_ipv4: true,
        },
        control_plane: None,
    });
    patterns.insert(0, padded);
    let pricing = rules.pricing.get().unwrap_or_else(|| panic!("pricing"));
    let estimate =
        estimate(pricing, &patterns, &workload("us-east-1", 10, 1.0, 2.0)).unwrap_or_else(|| panic!("region"));
    assert!(estimate.monthly_usd("ecs-fargate-padded") > estimate.monthly_usd("ecs-fargate"));
    assert_eq!(break_even(&estimate, "ecs-ec2").fargate_pattern, "ecs-fargate");
}

#[test]
fn a_pattern_without_a_cost_recipe_is_not_priced() {
    let rules = rules();
    let mut patterns = rules.patterns.clone();
    let mut custom = patterns[0].clone();
    custom.id = "on-prem".into();
    custom.cost = None;
    patterns.push(custom);
    let pricing = rules.pricing.get().unwrap_or_else(|| panic!("pricing"));
    let estimate =
        estimate(pricing, &patterns, &workload("us-east-1", 10, 1.0, 2.0)).unwrap_or_else(|| panic!("region"));
    let cost = pattern(&estimate, "on-prem");
    assert_eq!((cost.monthly_usd, cost.has_recipe, cost.lines.len()), (None, false, 0));
    assert!(cost.notes[0].en.starts_with("Not priced: the pattern has no cost recipe"), "{:?}", cost.notes);
    assert!(estimate.break_even.iter().all(|b| b.ec2_pattern != "on-prem"));
    assert_eq!(estimate.monthly_usd("ecs-ec2"), Some(441.50), "the others are priced as before");
    let report = crate::report::cost::CostReport::new(&estimate, &rules, crate::model::Lang::En);
    let text = report.capacity_text("on-prem", crate::model::Orchestrator::Ecs, crate::model::Lang::En);
    assert_eq!(text, "not priced: no cost recipe");
}

#[test]
fn a_recipe_key_missing_from_the_pricing_is_a_note_not_a_panic() {
    let rules = rules();
    let mut patterns = rules.patterns.clone();
    patterns[2].cost = Some(CostRecipe {
        compute: ComputeRecipe::Ec2 { node_reserve: NodeReserveProfile::Eks, management_fee: Some("nope".into()) },
        control_plane: Some("eks".into()),
    });
    patterns[3].cost = Some(CostRecipe {
        compute: ComputeRecipe::Fargate {
            pod_overhead_gib: 0.0,
            fargate_spot: true,
            arm64: true,
            windows: true,
            public_ipv4: true,
        },
        control_plane: Some("nope".into()),
    });
    let pricing = rules.pricing.get().unwrap_or_else(|| panic!("pricing"));
    let estimate =
        estimate(pricing, &patterns, &workload("us-east-1", 10, 1.0, 2.0)).unwrap_or_else(|| panic!("region"));
    for id in ["eks-ec2", "eks-fargate"] {
        let cost = pattern(&estimate, id);
        assert_eq!(cost.monthly_usd, None, "{id}");
        assert!(cost.notes[0].en.starts_with("Not priced: the pricing defines no"), "{id}: {:?}", cost.notes);
    }
}
