//! The cost model (DESIGN §6): the monthly USD of every pattern for the user's workload,
//! with every line shown, from the validated `[pricing]`.
//!
//! Patterns are priced by their cost recipe ([`CostRecipe`]), never by their id, their
//! orchestrator or their capacity: `compute = "fargate"` pays per task for vCPU and
//! memory at a valid size (plus the recipe's overhead per task, with Spot and arm64 only
//! where the recipe offers them); `compute = "ec2"` packs the tasks onto the cheapest
//! instance type under the recipe's node reservation ([`Ec2Plan`]) and adds its
//! management fee per instance-hour; `control_plane` adds a control plane per
//! cluster-hour. A pattern without a recipe is not priced. Discounts are the documented
//! factors of the Region. The orchestrator only chooses words ("tasks" or "pods") and
//! which Fargate pattern an EC2 pattern's break-even is measured against.
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

use crate::model::answers::Completion;
use crate::model::cost_recipe::ComputeRecipe;
use crate::model::pricing::{Pricing, RegionPricing};
use crate::model::{Answers, CostRecipe, Pattern, RuleSet, Text};

use bill::{Bill, Ec2Terms, FargateTerms, cents, ec2, fargate};
use used::Used;

pub use cost_estimate::{BreakEven, CostEstimate, CostLine, Ec2Choice, FargateChoice, LineItem, PatternCost, Unit};
pub use ec2_plan::Ec2Plan;
pub use fargate_size::FargateSize;
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
            let bill = match &pattern.cost {
                Some(recipe) => bill(pricing, region, pattern, recipe, workload, &mut used),
                None => Bill::no_recipe(),
            };
            bill.into_cost(pattern)
        })
        .collect();
    let break_even = break_even(&costs, region, workload);
    let mut notes = Vec::new();
    if workload.windows {
        notes.push(Text::new("Windows containers were answered: Fargate is priced at the Region's Windows rates plus the OS \
                 licence fee where known, but the EC2 figures use Linux instance prices, and Windows EC2 instances \
                 cost more (the Windows licence is included in their hourly price).", "Windows コンテナが必要と回答しています。Fargate は分かる範囲でリージョンの Windows 料金と OS ライセンス料で\
                 計算していますが、EC2 の金額は Linux インスタンスの料金です。Windows の EC2 インスタンスは\
                 時間単価に Windows のライセンスが含まれるため、これより高くなります。"));
    }
    if !used.low.is_empty() {
        let list = used.low.iter().cloned().collect::<Vec<_>>().join(", ");
        notes.push(Text::new(
            format!(
                "Figures with low confidence (inferred, extrapolated or unverified) are used: {list}. \
                 Check them in the AWS Pricing Calculator before a budget depends on them."
            ),
            format!(
                "信頼度の低い数値（推定、外挿、未確認）を使っている: {list}。\
                 予算の根拠にする前に AWS Pricing Calculator で確認すること。"
            ),
        ));
    }
    Some(CostEstimate {
        region: region.id.to_string(),
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

/// One pattern's bill, as its recipe says.
fn bill(
    pricing: &Pricing,
    region: &RegionPricing,
    pattern: &Pattern,
    recipe: &CostRecipe,
    workload: &Workload,
    used: &mut Used,
) -> Bill {
    // A key the pricing lacks cannot pass validation; a hand-built rule set still gets a
    // note rather than a panic.
    let missing = |what: &str, id: &str| {
        Bill::cannot_run(vec![Text::new(
            format!("Not priced: the pricing defines no {what} `{id}`."),
            format!("未試算: 料金データに {what} `{id}` が定義されていません。"),
        )])
    };
    let mut bill = match &recipe.compute {
        ComputeRecipe::Fargate { pod_overhead_gib, fargate_spot, arm64, windows, public_ipv4 } => {
            let terms = FargateTerms {
                pod_overhead_gib: *pod_overhead_gib,
                fargate_spot: *fargate_spot,
                arm64: *arm64,
                windows: *windows,
                public_ipv4: *public_ipv4,
            };
            fargate(pricing, region, pattern.orchestrator, terms, workload, used)
        }
        ComputeRecipe::Ec2 { node_reserve, management_fee } => {
            let fee = match management_fee {
                Some(id) => match pricing.management_fee(id) {
                    Some(fee) => Some(fee),
                    None => return missing("management fee", id),
                },
                None => None,
            };
            let terms = Ec2Terms { node_reserve: *node_reserve, management_fee: fee };
            ec2(pricing, region, pattern.orchestrator, terms, workload, used)
        }
    };
    if let Some(id) = &recipe.control_plane {
        let Some(plane) = pricing.control_plane(id) else { return missing("control plane", id) };
        if bill.monthly.is_some() {
            bill.control_plane(plane, region, workload, used);
        }
    }
    bill
}

/// What the `cost` command runs: fills the unanswered workload questions with their
/// defaults ([`complete_for_cost`]) and prices every pattern of the rule set.
pub fn estimate_answers(rules: &RuleSet, answers: Answers) -> Result<(CostEstimate, Completion), Unavailable> {
    let pricing = rules.pricing.get().ok_or(Unavailable::NoPricing)?;
    let completion = complete_for_cost(rules, answers);
    if !completion.missing.is_empty() {
        return Err(Unavailable::Missing(completion.missing));
    }
    let workload = Workload::from_answers(&completion.answers).ok_or_else(|| Unavailable::Missing(Vec::new()))?;
    let estimate =
        estimate(pricing, &rules.patterns, &workload).ok_or(Unavailable::RegionNotPriced(workload.region))?;
    Ok((estimate, completion))
}

/// Every priced EC2 pattern against the cheapest priced Fargate pattern of the same
/// orchestrator. At utilisation `u` of the chosen instance type the EC2 bill is
/// `demand / u × (price × factor + fee) × hours + fixed`, where `demand` is the tasks'
/// need in whole instances by the scarcer resource and `fixed` the EC2 pattern's control
/// plane; it equals the Fargate bill `F` at `u = demand × (price × factor + fee) × hours
/// / (F − fixed)`.
fn break_even(costs: &[PatternCost], region: &RegionPricing, workload: &Workload) -> Vec<BreakEven> {
    let factor = match workload.purchase {
        Purchase::OnDemand => 1.0,
        Purchase::SavingsPlan => region.savings_plan_ec2.factor,
        Purchase::Spot => region.spot_ec2.factor,
    };
    let tasks = f64::from(workload.tasks);
    costs
        .iter()
        .filter_map(|ec2| {
            let choice = ec2.ec2.as_ref()?;
            ec2.monthly_usd?;
            let (fargate, fargate_monthly) = costs
                .iter()
                .filter(|c| c.fargate.is_some() && c.orchestrator == ec2.orchestrator)
                .filter_map(|c| c.monthly_usd.map(|usd| (c, usd)))
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            // `+ 0.0`: an empty float sum is −0.0.
            let planes: f64 =
                ec2.lines.iter().filter(|l| l.item == LineItem::ControlPlane).map(|l| l.monthly_usd).sum();
            let fixed = cents(planes) + 0.0;
            let variable = fargate_monthly - fixed;
            if variable <= 0.0 {
                return None;
            }
            let demand =
                (tasks * workload.task_vcpu / choice.vcpu).max(tasks * workload.task_memory_gib / choice.memory_gib);
            let at_full = demand * (choice.hourly_usd * factor + choice.management_fee_hourly_usd) * workload.hours;
            Some(BreakEven {
                ec2_pattern: ec2.pattern.clone(),
                fargate_pattern: fargate.pattern.clone(),
                instance_type: choice.instance_type.clone(),
                utilisation: at_full / variable,
                current_utilisation: choice.utilisation,
                fargate_monthly_usd: fargate_monthly,
                ec2_monthly_usd_at_full_utilisation: cents(at_full),
                ec2_fixed_monthly_usd: fixed,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
