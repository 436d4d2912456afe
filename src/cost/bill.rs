//! One pattern's bill, line by line: Fargate per task or pod (with the valid size and
//! the EKS rules), EC2 from the cheapest [`Ec2Plan`], the EKS control plane, and the
//! Savings Plans or Spot discount. Pure arithmetic and wording.

use super::used::Used;
use super::{
    CostLine, EKS_POD_OVERHEAD_GIB, Ec2Choice, Ec2Plan, FargateChoice, FargateSize, LineItem, PatternCost, Purchase,
    Unit, Workload,
};
use crate::model::answers::format_number;
use crate::model::pricing::{Arch, Discount, Price, Pricing, RegionPricing};
use crate::model::{Orchestrator, Pattern, Text};

/// Sizes within this count as equal.
const EPSILON: f64 = 1e-9;

/// Rounds to cents.
pub(super) fn cents(usd: f64) -> f64 {
    (usd * 100.0).round() / 100.0
}

/// A price per hour as people read it: `0.10`, `0.096`, `0.04048`.
fn rate(usd: f64) -> String {
    if (usd * 100.0).fract().abs() < EPSILON { format!("{usd:.2}") } else { format_number(usd) }
}

/// A pattern's bill while it is being built.
#[derive(Default)]
pub(super) struct Bill {
    /// `None` once the pattern turned out unable to run the workload.
    pub(super) monthly: Option<()>,
    lines: Vec<CostLine>,
    fargate: Option<FargateChoice>,
    ec2: Option<Ec2Choice>,
    notes: Vec<Text>,
}

impl Bill {
    fn runs() -> Self {
        Bill { monthly: Some(()), ..Bill::default() }
    }

    fn cannot_run(notes: Vec<Text>) -> Self {
        Bill { monthly: None, notes, ..Bill::default() }
    }

    /// Adds `quantity × price × hours`.
    fn charge(&mut self, item: LineItem, description: Text, quantity: f64, unit: Unit, price: &Price, hours: f64) {
        self.lines.push(CostLine {
            item,
            description,
            quantity,
            unit,
            unit_usd: price.usd,
            hours,
            monthly_usd: cents(quantity * price.usd * hours),
            as_of: price.as_of.clone(),
            source: price.source.clone(),
            confidence: price.confidence,
        });
    }

    /// Takes `1 − factor` off the lines so far.
    fn discount(&mut self, name: &Text, discount: &Discount) {
        let subtotal = cents(self.lines.iter().map(|l| l.monthly_usd).sum());
        let off = format_number(((1.0 - discount.factor) * 100.0).round());
        let factor = format_number(discount.factor);
        let amount = format!("{subtotal:.2}");
        self.lines.push(CostLine {
            item: LineItem::Discount,
            description: Text {
                en: format!("{}: {off} % off ${amount} (factor {factor})", name.en),
                ja: format!("{}: {amount} USD の {off}% 引き（係数 {factor}）", name.ja),
            },
            quantity: subtotal,
            unit: Unit::Usd,
            unit_usd: discount.factor - 1.0,
            hours: 1.0,
            monthly_usd: -cents(subtotal * (1.0 - discount.factor)),
            as_of: discount.as_of.clone(),
            source: discount.source.clone(),
            confidence: discount.confidence,
        });
    }

    pub(super) fn control_plane(&mut self, region: &RegionPricing, workload: &Workload, used: &mut Used) {
        let price = &region.eks_cluster_hour;
        let extended = &region.eks_extended_cluster_hour;
        used.price(format!("eks_cluster_hour ({})", region.id), price);
        used.price(format!("eks_extended_cluster_hour ({})", region.id), extended);
        let clusters = workload.clusters;
        let hours = format_number(workload.hours);
        self.charge(
            LineItem::ControlPlane,
            Text {
                en: format!(
                    "EKS control plane: {clusters} cluster{} × {hours} h × ${} per cluster-hour (standard support)",
                    if clusters == 1 { "" } else { "s" },
                    rate(price.usd)
                ),
                ja: format!(
                    "EKS コントロールプレーン: {clusters} クラスター × {hours} 時間 × {} USD/クラスター時間（標準サポート）",
                    rate(price.usd)
                ),
            },
            f64::from(clusters),
            Unit::Cluster,
            price,
            workload.hours,
        );
        self.notes.push(Text {
            en: format!(
                "The EKS control plane is priced at standard support: a cluster still on a Kubernetes version \
                 in extended support costs ${} per cluster-hour instead of ${}.",
                rate(extended.usd),
                rate(price.usd)
            ),
            ja: format!(
                "EKS のコントロールプレーンは標準サポートの料金で計算している。延長サポート期間の Kubernetes \
                 バージョンのままのクラスターは、1 時間あたり {} USD ではなく {} USD かかる。",
                rate(price.usd),
                rate(extended.usd)
            ),
        });
    }

    pub(super) fn into_cost(self, pattern: &Pattern) -> PatternCost {
        let total = cents(self.lines.iter().map(|l| l.monthly_usd).sum());
        PatternCost {
            pattern: pattern.id.clone(),
            orchestrator: pattern.orchestrator,
            capacity: pattern.capacity,
            monthly_usd: self.monthly.map(|()| total),
            lines: self.lines,
            fargate: self.fargate,
            ec2: self.ec2,
            notes: self.notes,
        }
    }
}

/// Words for "tasks" or "pods" by orchestrator.
fn tasks_word(orchestrator: Orchestrator) -> (&'static str, &'static str) {
    match orchestrator {
        Orchestrator::Ecs => ("tasks", "タスク"),
        Orchestrator::Eks => ("pods", "Pod"),
    }
}

pub(super) fn fargate(
    pricing: &Pricing,
    region: &RegionPricing,
    orchestrator: Orchestrator,
    workload: &Workload,
    used: &mut Used,
) -> Bill {
    let eks = orchestrator == Orchestrator::Eks;
    let mut notes = Vec::new();
    // EKS on Fargate has no arm64 and no Fargate Spot (aws-facts §1 [S1]).
    let arch = if eks { Arch::X86_64 } else { workload.arch };
    if eks && workload.arch == Arch::Arm64 {
        notes.push(Text {
            en: "EKS on Fargate runs x86_64 only: these pods are priced at x86 rates.".to_owned(),
            ja: "EKS on Fargate は x86_64 にしか対応しないため、この Pod は x86 の料金で計算している。".to_owned(),
        });
    }
    if eks && workload.purchase == Purchase::Spot {
        notes.push(Text {
            en: "EKS does not support Fargate Spot: these pods are priced on demand.".to_owned(),
            ja: "EKS は Fargate Spot に対応していないため、この Pod はオンデマンド料金で計算している。".to_owned(),
        });
    }
    let vcpu = workload.task_vcpu;
    let memory = workload.task_memory_gib + if eks { EKS_POD_OVERHEAD_GIB } else { 0.0 };
    let Some(size) = FargateSize::round_up(&pricing.fargate_sizes, vcpu, memory) else {
        notes.push(no_fargate_size(pricing, vcpu, memory));
        return Bill::cannot_run(notes);
    };
    let rounded_up = size.vcpu > vcpu + EPSILON || size.memory_gib > memory + EPSILON;
    notes.extend(billed_size_note(eks, rounded_up, workload, size));
    let (bv, bm) = (format_number(size.vcpu), format_number(size.memory_gib));
    let (vcpu_key, gb_key, vcpu_price, gb_price) = match arch {
        Arch::X86_64 => {
            ("fargate_x86_vcpu_hour", "fargate_x86_gb_hour", &region.fargate_x86_vcpu_hour, &region.fargate_x86_gb_hour)
        }
        Arch::Arm64 => (
            "fargate_arm64_vcpu_hour",
            "fargate_arm64_gb_hour",
            &region.fargate_arm64_vcpu_hour,
            &region.fargate_arm64_gb_hour,
        ),
    };
    used.price(format!("{vcpu_key} ({})", region.id), vcpu_price);
    used.price(format!("{gb_key} ({})", region.id), gb_price);
    let mut bill = Bill::runs();
    bill.notes = notes;
    let tasks = workload.tasks;
    let (word_en, word_ja) = tasks_word(orchestrator);
    let hours = format_number(workload.hours);
    let arch_name = arch.as_str();
    bill.charge(
        LineItem::FargateVcpu,
        Text {
            en: format!(
                "Fargate vCPU: {tasks} {word_en} × {bv} vCPU × {hours} h × ${} per vCPU-hour ({arch_name})",
                rate(vcpu_price.usd)
            ),
            ja: format!(
                "Fargate の vCPU: {tasks} {word_ja} × {bv} vCPU × {hours} 時間 × {} USD/vCPU 時間（{arch_name}）",
                rate(vcpu_price.usd)
            ),
        },
        f64::from(tasks) * size.vcpu,
        Unit::Vcpu,
        vcpu_price,
        workload.hours,
    );
    bill.charge(
        LineItem::FargateMemory,
        Text {
            en: format!(
                "Fargate memory: {tasks} {word_en} × {bm} GiB × {hours} h × ${} per GB-hour ({arch_name})",
                rate(gb_price.usd)
            ),
            ja: format!(
                "Fargate のメモリ: {tasks} {word_ja} × {bm} GiB × {hours} 時間 × {} USD/GB 時間（{arch_name}）",
                rate(gb_price.usd)
            ),
        },
        f64::from(tasks) * size.memory_gib,
        Unit::Gib,
        gb_price,
        workload.hours,
    );
    fargate_discount(&mut bill, region, eks, workload.purchase, used);
    bill.fargate = Some(FargateChoice {
        requested_vcpu: vcpu,
        requested_memory_gib: memory,
        vcpu: size.vcpu,
        memory_gib: size.memory_gib,
        rounded_up,
        arch,
    });
    bill
}

/// Why a Fargate pattern cannot run the task.
fn no_fargate_size(pricing: &Pricing, vcpu: f64, memory: f64) -> Text {
    let largest = FargateSize::largest(&pricing.fargate_sizes).unwrap_or(FargateSize { vcpu: 0.0, memory_gib: 0.0 });
    let (lv, lm) = (format_number(largest.vcpu), format_number(largest.memory_gib));
    let (v, needed) = (format_number(vcpu), format_number(memory));
    Text {
        en: format!(
            "No Fargate size holds {v} vCPU / {needed} GiB (the largest is {lv} vCPU / {lm} GiB): \
             this pattern cannot run the task as sized."
        ),
        ja: format!(
            "{v} vCPU / {needed} GiB が収まる Fargate のサイズはない（最大は {lv} vCPU / {lm} GiB）。\
             このサイズのタスクはこのパターンでは動かせない。"
        ),
    }
}

/// How the request became the billed size: always on EKS (the 0.25 GiB per pod), on ECS
/// only when the request was not a valid size.
fn billed_size_note(eks: bool, rounded_up: bool, workload: &Workload, size: FargateSize) -> Option<Text> {
    let (v, m) = (format_number(workload.task_vcpu), format_number(workload.task_memory_gib));
    let (bv, bm) = (format_number(size.vcpu), format_number(size.memory_gib));
    if eks {
        Some(Text {
            en: format!(
                "EKS adds 0.25 GiB to every Fargate pod for the kubelet, kube-proxy and containerd: \
                 {v} vCPU / {m} GiB requested is billed as {bv} vCPU / {bm} GiB."
            ),
            ja: format!(
                "EKS は Fargate の各 Pod に kubelet、kube-proxy、containerd 用として 0.25 GiB を加える。\
                 要求 {v} vCPU / {m} GiB は {bv} vCPU / {bm} GiB として課金される。"
            ),
        })
    } else if rounded_up {
        Some(Text {
            en: format!("{v} vCPU / {m} GiB is not a valid Fargate size: each task is billed as {bv} vCPU / {bm} GiB."),
            ja: format!(
                "{v} vCPU / {m} GiB は Fargate の有効なサイズではないため、各タスクは {bv} vCPU / {bm} GiB として課金される。"
            ),
        })
    } else {
        None
    }
}

/// Savings Plans on any Fargate; Spot on ECS only.
fn fargate_discount(bill: &mut Bill, region: &RegionPricing, eks: bool, purchase: Purchase, used: &mut Used) {
    match purchase {
        Purchase::SavingsPlan => {
            used.discount(format!("savings_plan_fargate ({})", region.id), &region.savings_plan_fargate);
            let name = Text {
                en: "Compute Savings Plans on Fargate".to_owned(),
                ja: "Fargate の Compute Savings Plans".to_owned(),
            };
            bill.discount(&name, &region.savings_plan_fargate);
        }
        Purchase::Spot if !eks => {
            used.discount(format!("spot_fargate ({})", region.id), &region.spot_fargate);
            let name = Text { en: "Fargate Spot".to_owned(), ja: "Fargate Spot".to_owned() };
            bill.discount(&name, &region.spot_fargate);
        }
        Purchase::Spot | Purchase::OnDemand => {}
    }
}

pub(super) fn ec2(
    pricing: &Pricing,
    region: &RegionPricing,
    orchestrator: Orchestrator,
    workload: &Workload,
    used: &mut Used,
) -> Bill {
    let Some(plan) = Ec2Plan::cheapest(pricing, orchestrator, workload) else {
        let (v, m, arch) =
            (format_number(workload.task_vcpu), format_number(workload.task_memory_gib), workload.arch.as_str());
        return Bill::cannot_run(vec![Text {
            en: format!(
                "No {arch} instance type in the catalogue holds one task of {v} vCPU / {m} GiB after the \
                 node's own reservation."
            ),
            ja: format!(
                "ノード自身の予約分を除くと、{v} vCPU / {m} GiB のタスクが 1 つでも収まる {arch} の\
                 インスタンスタイプがカタログにない。"
            ),
        }]);
    };
    let instance = plan.instance;
    used.price(format!("{} ({})", instance.id, region.id), plan.price);
    let mut bill = Bill::runs();
    let count = plan.count;
    let hours = format_number(workload.hours);
    let (word_en, word_ja) = tasks_word(orchestrator);
    let per = plan.per_node;
    let target = workload.ec2_utilisation_target;
    bill.charge(
        LineItem::Ec2Instances,
        Text {
            en: format!(
                "EC2: {count} × {} × {hours} h × ${} per hour ({per} {word_en} per instance, planned for {target}%)",
                instance.id,
                rate(plan.price.usd)
            ),
            ja: format!(
                "EC2: {} × {count} 台 × {hours} 時間 × {} USD/時間（1 台に {per} {word_ja}、目標使用率 {target}%）",
                instance.id,
                rate(plan.price.usd)
            ),
        },
        f64::from(count),
        Unit::Instance,
        plan.price,
        workload.hours,
    );
    match workload.purchase {
        Purchase::SavingsPlan => {
            used.discount(format!("savings_plan_ec2 ({})", region.id), &region.savings_plan_ec2);
            let name =
                Text { en: "Compute Savings Plans on EC2".to_owned(), ja: "EC2 の Compute Savings Plans".to_owned() };
            bill.discount(&name, &region.savings_plan_ec2);
        }
        Purchase::Spot => {
            used.discount(format!("spot_ec2 ({})", region.id), &region.spot_ec2);
            let name = Text { en: "EC2 Spot".to_owned(), ja: "EC2 スポット".to_owned() };
            bill.discount(&name, &region.spot_ec2);
        }
        Purchase::OnDemand => {}
    }
    used.sources.insert(plan.reserve.source.to_owned());
    let cpu = plan.cpu_utilisation(workload);
    let memory = plan.memory_utilisation(workload);
    bill.ec2 = Some(Ec2Choice {
        instance_type: instance.id.clone(),
        family: instance.family,
        arch: instance.arch,
        vcpu: instance.vcpu,
        memory_gib: instance.memory_gib,
        count,
        tasks_per_instance: per,
        hourly_usd: plan.price.usd,
        reserved_vcpu: plan.reserve.vcpu,
        reserved_memory_gib: plan.reserve.memory_gib,
        reserve_basis: plan.reserve.basis.clone(),
        utilisation_target: target,
        cpu_utilisation: cpu,
        memory_utilisation: memory,
        utilisation: cpu.max(memory),
    });
    bill
}
