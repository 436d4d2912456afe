//! The cost model (DESIGN §6): the monthly USD of every pattern for the user's workload,
//! with every line shown, from the validated `[pricing]`.
//!
//! Patterns are priced by their attributes, not their ids: `capacity = "fargate"` pays
//! per task for vCPU and memory (EKS adds 0.25 GiB per pod, rounds up to a valid size,
//! and has neither Spot nor arm64); `capacity = "ec2"` packs the tasks onto the cheapest
//! instance type ([`Ec2Plan`]); `orchestrator = "eks"` adds the control plane per
//! cluster-hour. Discounts are the documented factors of the Region.
//!
//! Pure: no I/O, no clock. The same pricing, patterns and workload give the same
//! [`CostEstimate`].

mod bill;
pub mod cost_estimate;
pub mod ec2_plan;
pub mod fargate_size;
pub mod node_reserve;
pub mod unavailable;
mod used;
pub mod workload;

use crate::model::pricing::{Pricing, RegionPricing};
use crate::model::{Answers, Capacity, Orchestrator, Pattern, RuleSet, Text};
use crate::questionnaire::Completion;

use bill::{cents, ec2, fargate};
use used::Used;

pub use cost_estimate::{BreakEven, CostEstimate, CostLine, Ec2Choice, FargateChoice, LineItem, PatternCost, Unit};
pub use ec2_plan::Ec2Plan;
pub use fargate_size::{EKS_POD_OVERHEAD_GIB, FargateSize};
pub use node_reserve::NodeReserve;
pub use unavailable::Unavailable;
pub use workload::{Purchase, Workload, complete_for_cost};

/// Prices every pattern for the workload. `None` when the workload's Region has no
/// prices. `patterns` keep their order in [`CostEstimate::patterns`].
pub fn estimate(pricing: &Pricing, patterns: &[Pattern], workload: &Workload) -> Option<CostEstimate> {
    let region = pricing.region(&workload.region)?;
    let mut used = Used::default();
    let costs: Vec<PatternCost> = patterns
        .iter()
        .map(|pattern| {
            let mut bill = match pattern.capacity {
                Capacity::Fargate => fargate(pricing, region, pattern.orchestrator, workload, &mut used),
                Capacity::Ec2 => ec2(pricing, region, pattern.orchestrator, workload, &mut used),
            };
            if pattern.orchestrator == Orchestrator::Eks && bill.monthly.is_some() {
                bill.control_plane(region, workload, &mut used);
            }
            bill.into_cost(pattern)
        })
        .collect();
    let break_even = break_even(&costs, region, workload);
    let mut notes = Vec::new();
    if workload.gpu {
        notes.push(Text {
            en: "GPUs were answered, but the catalogue holds CPU instance types only and Fargate has no GPUs: \
                 the EC2 figures are for CPU instances and understate a GPU fleet. Add GPU instance prices to \
                 `[pricing]` to compare."
                .to_owned(),
            ja: "GPU が必要と回答しているが、カタログには CPU のインスタンスタイプしかなく、Fargate は GPU に対応していない。\
                 EC2 の金額は CPU インスタンスでの試算であり、GPU を使う構成の費用を過小評価している。\
                 比較するには GPU インスタンスの料金を `[pricing]` に追加すること。"
                .to_owned(),
        });
    }
    if workload.windows {
        notes.push(Text {
            en: "Windows containers were answered, but the estimate uses Linux prices: Windows on Fargate costs \
                 more per vCPU-hour plus an OS licence fee (aws-facts §2.1), and Windows EC2 instances cost more \
                 than Linux ones."
                .to_owned(),
            ja: "Windows コンテナが必要と回答しているが、試算は Linux の料金で計算している。Fargate の Windows は \
                 vCPU 時間あたりの単価が高いうえに OS ライセンス料がかかり（aws-facts §2.1）、EC2 でも Windows \
                 インスタンスは Linux より高い。"
                .to_owned(),
        });
    }
    if !used.low.is_empty() {
        let list = used.low.iter().cloned().collect::<Vec<_>>().join(", ");
        notes.push(Text {
            en: format!(
                "Figures with low confidence (inferred, extrapolated or unverified) are used: {list}. \
                 Check them in the AWS Pricing Calculator before a budget depends on them."
            ),
            ja: format!(
                "信頼度の低い数値（推定、外挿、未確認）を使っている: {list}。\
                 予算の根拠にする前に AWS Pricing Calculator で確認すること。"
            ),
        });
    }
    Some(CostEstimate {
        region: region.id.clone(),
        region_name: region.name.clone(),
        workload: workload.clone(),
        patterns: costs,
        break_even,
        as_of: used.as_of.unwrap_or_default(),
        sources: used.sources.into_iter().collect(),
        low_confidence: used.low.into_iter().collect(),
        notes,
    })
}

/// What the `cost` command runs: fills the unanswered workload questions with their
/// defaults ([`complete_for_cost`]) and prices every pattern of the rule set.
pub fn estimate_answers(rules: &RuleSet, answers: Answers) -> Result<(CostEstimate, Completion), Unavailable> {
    let pricing = rules.pricing.as_ref().ok_or(Unavailable::NoPricing)?;
    let completion = complete_for_cost(rules, answers);
    if !completion.missing.is_empty() {
        return Err(Unavailable::Missing(completion.missing));
    }
    let workload = Workload::from_answers(&completion.answers).ok_or_else(|| Unavailable::Missing(Vec::new()))?;
    let estimate =
        estimate(pricing, &rules.patterns, &workload).ok_or(Unavailable::RegionNotPriced(workload.region))?;
    Ok((estimate, completion))
}

/// ECS on EC2 against ECS on Fargate: at utilisation `u` of the chosen instance type the
/// EC2 bill is `demand / u × price × factor × hours`, where `demand` is the tasks' need
/// in whole instances by the scarcer resource; it equals the Fargate bill at
/// `u = demand × price × factor × hours / fargate`.
fn break_even(costs: &[PatternCost], region: &RegionPricing, workload: &Workload) -> Option<BreakEven> {
    let ecs = |capacity| {
        costs.iter().find(|c| c.orchestrator == Orchestrator::Ecs && c.capacity == capacity && c.monthly_usd.is_some())
    };
    let fargate = ecs(Capacity::Fargate)?;
    let ec2 = ecs(Capacity::Ec2)?;
    let choice = ec2.ec2.as_ref()?;
    let fargate_monthly = fargate.monthly_usd.filter(|usd| *usd > 0.0)?;
    let factor = match workload.purchase {
        Purchase::OnDemand => 1.0,
        Purchase::SavingsPlan => region.savings_plan_ec2.factor,
        Purchase::Spot => region.spot_ec2.factor,
    };
    let tasks = f64::from(workload.tasks);
    let demand = (tasks * workload.task_vcpu / choice.vcpu).max(tasks * workload.task_memory_gib / choice.memory_gib);
    let at_full = demand * choice.hourly_usd * factor * workload.hours;
    Some(BreakEven {
        ec2_pattern: ec2.pattern.clone(),
        fargate_pattern: fargate.pattern.clone(),
        instance_type: choice.instance_type.clone(),
        utilisation: at_full / fargate_monthly,
        current_utilisation: choice.utilisation,
        fargate_monthly_usd: fargate_monthly,
        ec2_monthly_usd_at_full_utilisation: cents(at_full),
    })
}

#[cfg(test)]
mod tests;
