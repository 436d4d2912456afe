//! One pattern's bill, line by line, as its cost recipe says: Fargate per task or pod
//! (the valid size, the overhead per task, Spot and arm64 where offered), EC2 from the
//! cheapest [`Ec2Plan`] with the Savings Plans or Spot discount and the management fee,
//! and the control plane. Pure arithmetic and wording.

use super::used::Used;
use super::{
    CostLine, Ec2Choice, Ec2Plan, FargateChoice, FargateSize, LineItem, PatternCost, Purchase, Unit, Workload,
};
use crate::model::answers::format_number;
use crate::model::cost_recipe::NodeReserveProfile;
use crate::model::pricing::{Arch, ControlPlane, Discount, ManagementFee, Price, Pricing, RegionPricing};
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

    pub(super) fn cannot_run(notes: Vec<Text>) -> Self {
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
            as_of: price.as_of.to_string(),
            source: price.source.to_string(),
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
            description: Text::new(
                format!("{}: {off} % off ${amount} (factor {factor})", name.en),
                format!("{}: {amount} USD の {off}% 引き（係数 {factor}）", name.ja),
            ),
            quantity: subtotal,
            unit: Unit::Usd,
            unit_usd: discount.factor - 1.0,
            hours: 1.0,
            monthly_usd: -cents(subtotal * (1.0 - discount.factor)),
            as_of: discount.as_of.to_string(),
            source: discount.source.to_string(),
            confidence: discount.confidence,
        });
    }

    /// Adds the control plane `plane` per cluster-hour × clusters; notes its
    /// extended-support price where the pricing knows it.
    pub(super) fn control_plane(
        &mut self,
        plane: &ControlPlane,
        region: &RegionPricing,
        workload: &Workload,
        used: &mut Used,
    ) {
        let Some(price) = plane.prices.get(&region.id) else {
            let id = &plane.id;
            self.monthly = None;
            self.notes.push(Text::new(
                format!("The control plane `{id}` has no price in this Region: the pattern is not priced."),
                format!(
                    "コントロールプレーン `{id}` にこのリージョンの価格がないため、このパターンは試算していません。"
                ),
            ));
            return;
        };
        let extended = plane.extended_support.get(&region.id);
        // Clusters that lag behind are charged the extended-support rate.
        if let (true, Some(extended)) = (workload.extended_support, extended) {
            used.price(format!("control plane {}, extended support ({})", plane.id, region.id), extended);
            let clusters = workload.clusters;
            let hours = format_number(workload.hours);
            self.charge(
                LineItem::ControlPlane,
                Text::new(
                    format!(
                        "{}: {clusters} cluster{} × {hours} h × ${} per cluster-hour (extended support)",
                        plane.name.en,
                        if clusters == 1 { "" } else { "s" },
                        rate(extended.usd)
                    ),
                    format!(
                        "{}: {clusters} クラスター × {hours} 時間 × {} USD/クラスター時間（延長サポート）",
                        plane.name.ja,
                        rate(extended.usd)
                    ),
                ),
                f64::from(clusters),
                Unit::Cluster,
                extended,
                workload.hours,
            );
            self.notes.push(Text::new(
                format!(
                    "The {} is priced at extended support, as answered: upgrading each cluster within its 14 \
                     months of standard support brings it back to ${} per cluster-hour.",
                    plane.name.en,
                    rate(price.usd)
                ),
                format!(
                    "回答に従い、{}は延長サポートの料金で計算しています。各クラスターを標準サポートの 14 か月以内に\
                     アップグレードすれば、1 時間あたり {} USD に戻ります。",
                    plane.name.ja,
                    rate(price.usd)
                ),
            ));
            return;
        }
        used.price(format!("control plane {} ({})", plane.id, region.id), price);
        if let Some(extended) = extended {
            used.price(format!("control plane {}, extended support ({})", plane.id, region.id), extended);
        }
        let clusters = workload.clusters;
        let hours = format_number(workload.hours);
        let (support_en, support_ja) =
            if extended.is_some() { (" (standard support)", "（標準サポート）") } else { ("", "") };
        self.charge(
            LineItem::ControlPlane,
            Text::new(
                format!(
                    "{}: {clusters} cluster{} × {hours} h × ${} per cluster-hour{support_en}",
                    plane.name.en,
                    if clusters == 1 { "" } else { "s" },
                    rate(price.usd)
                ),
                format!(
                    "{}: {clusters} クラスター × {hours} 時間 × {} USD/クラスター時間{support_ja}",
                    plane.name.ja,
                    rate(price.usd)
                ),
            ),
            f64::from(clusters),
            Unit::Cluster,
            price,
            workload.hours,
        );
        if let Some(extended) = extended {
            self.notes.push(Text::new(
                format!(
                    "The {} is priced at standard support: a cluster still on a Kubernetes version \
                     in extended support costs ${} per cluster-hour instead of ${}.",
                    plane.name.en,
                    rate(extended.usd),
                    rate(price.usd)
                ),
                format!(
                    "{}は標準サポートの料金で計算しています。延長サポート期間の Kubernetes \
                     バージョンのままのクラスターは、1 時間あたり {} USD ではなく {} USD かかります。",
                    plane.name.ja,
                    rate(price.usd),
                    rate(extended.usd)
                ),
            ));
        }
    }

    /// Adds the management fee: `count × fee × hours`, after any discount, which it
    /// does not take.
    fn management_fee(
        &mut self,
        fee: &ManagementFee,
        price: &Price,
        instance: &str,
        count: u32,
        workload: &Workload,
        used: &mut Used,
    ) {
        used.price(format!("{} {instance} ({})", fee.id, workload.region), price);
        let hours = format_number(workload.hours);
        self.charge(
            LineItem::ManagementFee,
            Text::new(
                format!("{}: {count} × {instance} × ${} × {hours} h", fee.name.en, rate(price.usd)),
                format!("{}: {instance} × {count} 台 × {hours} 時間 × {} USD/時間", fee.name.ja, rate(price.usd)),
            ),
            f64::from(count),
            Unit::Instance,
            price,
            workload.hours,
        );
        if workload.purchase != Purchase::OnDemand {
            self.notes.push(Text::new(format!(
                    "The {} is charged per instance-hour at its published rate: Savings Plans and Spot \
                     discount the EC2 instances, not the fee.",
                    fee.name.en
                ), format!(
                    "{}は公表されたインスタンス時間あたりの料金で計算しています。Savings Plans やスポットで割り引かれるのは \
                     EC2 インスタンスの料金であり、この料金は割り引きません。",
                    fee.name.ja
                )));
        }
    }

    /// Adds one public IPv4 address per task (Fargate) or node (EC2) when
    /// `public_ipv4` is answered and the Region has the price.
    fn public_ipv4(
        &mut self,
        region: &RegionPricing,
        count: u32,
        word_en: &str,
        word_ja: &str,
        workload: &Workload,
        used: &mut Used,
    ) {
        let Some(price) = region.public_ipv4_hour.as_ref().filter(|_| workload.public_ipv4) else { return };
        used.price(format!("public_ipv4_hour ({})", region.id), price);
        let hours = format_number(workload.hours);
        self.charge(
            LineItem::PublicIpv4,
            Text::new(
                format!("Public IPv4 addresses: {count} {word_en} × {hours} h × ${} per address-hour", rate(price.usd)),
                format!(
                    "パブリック IPv4 アドレス: {count} {word_ja} × {hours} 時間 × {} USD/アドレス時間",
                    rate(price.usd)
                ),
            ),
            f64::from(count),
            Unit::Address,
            price,
            workload.hours,
        );
    }

    /// Tasks in private subnets only reach the internet (image pulls, APIs) through a NAT
    /// gateway, or through VPC endpoints: noted with the Region's prices, not charged,
    /// because neither the gateways nor the traffic are answered.
    fn nat_note(&mut self, region: &RegionPricing, name: &str, units: &str, unit_ja: &str) {
        let (Some(hour), Some(gb)) = (&region.nat_gateway_hour, &region.nat_gateway_gb) else { return };
        let (h, g) = (rate(hour.usd), rate(gb.usd));
        let month = format!("{:.2}", hour.usd * super::workload::HOURS_PER_MONTH);
        self.notes.push(Text::new(format!(
                "{name} on Fargate runs {units} in private subnets only: reaching the internet needs a NAT gateway \
                 (${h} per hour, about ${month} a month each, one per Availability Zone for resilience, plus ${g} per \
                 GB processed) or VPC endpoints. Not included above."
            ), format!(
                "{name} on Fargate の{unit_ja}はプライベートサブネットでしか動きません。インターネットに出るには NAT ゲートウェイ\
                 （1 つにつき 1 時間 {h} USD、月額約 {month} USD。耐障害性のためアベイラビリティーゾーンごとに 1 つ。\
                 さらに処理データ 1 GB あたり {g} USD）か VPC エンドポイントが必要です。上の金額には含めていません。"
            )));
    }

    /// A pattern without a cost recipe: not priced, and said so.
    pub(super) fn no_recipe() -> Self {
        Bill::cannot_run(vec![Text::new(
            "Not priced: the pattern has no cost recipe (`cost` in its `[[pattern]]`).",
            "未試算: このパターンにはコストの算定方法（`[[pattern]]` の `cost`）がありません。",
        )])
    }

    pub(super) fn into_cost(self, pattern: &Pattern) -> PatternCost {
        let total = cents(self.lines.iter().map(|l| l.monthly_usd).sum());
        PatternCost {
            pattern: pattern.id.to_string(),
            orchestrator: pattern.orchestrator,
            capacity: pattern.capacity,
            has_recipe: pattern.cost.is_some(),
            monthly_usd: self.monthly.map(|()| total),
            lines: self.lines,
            fargate: self.fargate,
            ec2: self.ec2,
            notes: self.notes,
        }
    }
}

/// Words for "tasks" or "pods" by orchestrator: plural in English, and the Japanese
/// word spaced for use after 各 or この.
fn tasks_word(orchestrator: Orchestrator) -> (&'static str, &'static str, &'static str) {
    match orchestrator {
        Orchestrator::Ecs => ("tasks", "タスク", "タスク"),
        Orchestrator::Eks => ("pods", "Pod", " Pod "),
    }
}

/// The orchestrator as people write it.
fn orchestrator_name(orchestrator: Orchestrator) -> &'static str {
    match orchestrator {
        Orchestrator::Ecs => "ECS",
        Orchestrator::Eks => "EKS",
    }
}

/// What a Fargate recipe says: the overhead per task and what is offered.
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // Independent offers of a recipe, each a yes or no.
pub(super) struct FargateTerms {
    pub(super) pod_overhead_gib: f64,
    pub(super) fargate_spot: bool,
    pub(super) arm64: bool,
    pub(super) windows: bool,
    pub(super) public_ipv4: bool,
}

#[allow(clippy::too_many_lines)] // One bill, line by line, in the order the output shows them.
pub(super) fn fargate(
    pricing: &Pricing,
    region: &RegionPricing,
    orchestrator: Orchestrator,
    terms: FargateTerms,
    workload: &Workload,
    used: &mut Used,
) -> Bill {
    let mut notes = Vec::new();
    let name = orchestrator_name(orchestrator);
    let (units, _, unit_ja) = tasks_word(orchestrator);
    if workload.gpu {
        return Bill::cannot_run(vec![Text::new(
            format!("Not priced: Fargate has no GPUs, so {name} on Fargate cannot run these {units}."),
            format!("未試算: Fargate には GPU がないため、{name} on Fargate ではこの{unit_ja}を実行できません。"),
        )]);
    }
    let arch = if terms.arm64 { workload.arch } else { Arch::X86_64 };
    if !terms.arm64 && workload.arch == Arch::Arm64 {
        notes.push(Text::new(
            format!("{name} on Fargate runs x86_64 only: these {units} are priced at x86 rates."),
            format!("{name} on Fargate は x86_64 にしか対応しないため、この{unit_ja}は x86 の料金で計算しています。"),
        ));
    }
    if !terms.fargate_spot && workload.purchase == Purchase::Spot {
        notes.push(Text::new(
            format!("{name} does not support Fargate Spot: these {units} are priced on demand."),
            format!("{name} は Fargate Spot に対応していないため、この{unit_ja}はオンデマンド料金で計算しています。"),
        ));
    }
    let vcpu = workload.task_vcpu;
    let memory = workload.task_memory_gib + terms.pod_overhead_gib;
    let Some(size) = FargateSize::round_up(&pricing.fargate_sizes, vcpu, memory) else {
        notes.push(no_fargate_size(pricing, vcpu, memory));
        return Bill::cannot_run(notes);
    };
    let rounded_up = size.vcpu > vcpu + EPSILON || size.memory_gib > memory + EPSILON;
    notes.extend(billed_size_note(orchestrator, terms.pod_overhead_gib, rounded_up, workload, size));
    let (bv, bm) = (format_number(size.vcpu), format_number(size.memory_gib));
    // Windows containers run on x86 at the Region's Windows rates, with an OS licence fee
    // per vCPU-hour, where the recipe offers Windows and the Region has the rates.
    let windows = match (
        workload.windows && terms.windows,
        &region.fargate_windows_vcpu_hour,
        &region.fargate_windows_gb_hour,
        &region.fargate_windows_license_vcpu_hour,
    ) {
        (true, Some(vcpu), Some(gb), Some(license)) => Some((vcpu, gb, license)),
        _ => None,
    };
    let arch = if windows.is_some() { Arch::X86_64 } else { arch };
    let (vcpu_key, gb_key, vcpu_price, gb_price) = match (arch, windows) {
        (_, Some((vcpu, gb, _))) => ("fargate_windows_vcpu_hour", "fargate_windows_gb_hour", vcpu, gb),
        (Arch::X86_64, None) => {
            ("fargate_x86_vcpu_hour", "fargate_x86_gb_hour", &region.fargate_x86_vcpu_hour, &region.fargate_x86_gb_hour)
        }
        (Arch::Arm64, None) => (
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
    let (word_en, word_ja, _) = tasks_word(orchestrator);
    let word_en = crate::model::answers::unit_for(f64::from(tasks), word_en);
    let hours = format_number(workload.hours);
    let arch_name = if windows.is_some() { "Windows, x86_64" } else { arch.as_str() };
    bill.charge(
        LineItem::FargateVcpu,
        Text::new(
            format!(
                "Fargate vCPU: {tasks} {word_en} × {bv} vCPU × {hours} h × ${} per vCPU-hour ({arch_name})",
                rate(vcpu_price.usd)
            ),
            format!(
                "Fargate の vCPU: {tasks} {word_ja} × {bv} vCPU × {hours} 時間 × {} USD/vCPU 時間（{arch_name}）",
                rate(vcpu_price.usd)
            ),
        ),
        f64::from(tasks) * size.vcpu,
        Unit::Vcpu,
        vcpu_price,
        workload.hours,
    );
    bill.charge(
        LineItem::FargateMemory,
        Text::new(
            format!(
                "Fargate memory: {tasks} {word_en} × {bm} GiB × {hours} h × ${} per GB-hour ({arch_name})",
                rate(gb_price.usd)
            ),
            format!(
                "Fargate のメモリ: {tasks} {word_ja} × {bm} GiB × {hours} 時間 × {} USD/GB 時間（{arch_name}）",
                rate(gb_price.usd)
            ),
        ),
        f64::from(tasks) * size.memory_gib,
        Unit::Gib,
        gb_price,
        workload.hours,
    );
    if let Some((_, _, license)) = windows {
        used.price(format!("fargate_windows_license_vcpu_hour ({})", region.id), license);
        bill.charge(
            LineItem::WindowsLicense,
            Text::new(
                format!(
                    "Windows licence on Fargate: {tasks} {word_en} × {bv} vCPU × {hours} h × ${} per vCPU-hour",
                    rate(license.usd)
                ),
                format!(
                    "Fargate の Windows ライセンス料: {tasks} {word_ja} × {bv} vCPU × {hours} 時間 × {} USD/vCPU 時間",
                    rate(license.usd)
                ),
            ),
            f64::from(tasks) * size.vcpu,
            Unit::Vcpu,
            license,
            workload.hours,
        );
    }
    // Fargate Spot does not run Windows tasks.
    let spot = terms.fargate_spot && windows.is_none();
    fargate_discount(&mut bill, region, spot, workload.purchase, used);
    if terms.public_ipv4 {
        bill.public_ipv4(region, tasks, &word_en, word_ja, workload, used);
    } else {
        bill.nat_note(region, name, units, unit_ja);
    }
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
    Text::new(
        format!(
            "No Fargate size holds {v} vCPU / {needed} GiB (the largest is {lv} vCPU / {lm} GiB): \
             this pattern cannot run the task as sized."
        ),
        format!(
            "{v} vCPU / {needed} GiB が収まる Fargate のサイズはない（最大は {lv} vCPU / {lm} GiB）。\
             このサイズのタスクはこのパターンでは動かせません。"
        ),
    )
}

/// How the request became the billed size: always when the recipe adds an overhead per
/// task (EKS: 0.25 GiB per pod), otherwise only when the request was not a valid size.
fn billed_size_note(
    orchestrator: Orchestrator,
    overhead_gib: f64,
    rounded_up: bool,
    workload: &Workload,
    size: FargateSize,
) -> Option<Text> {
    let (v, m) = (format_number(workload.task_vcpu), format_number(workload.task_memory_gib));
    let (bv, bm) = (format_number(size.vcpu), format_number(size.memory_gib));
    if overhead_gib > 0.0 {
        let (name, overhead) = (orchestrator_name(orchestrator), format_number(overhead_gib));
        let (unit, unit_ja) = match orchestrator {
            Orchestrator::Ecs => ("task", "タスク"),
            Orchestrator::Eks => ("pod", " Pod "),
        };
        // What the overhead is for, where it is known.
        let (why, why_ja) = match orchestrator {
            Orchestrator::Eks => {
                (" for the kubelet, kube-proxy and containerd", " kubelet、kube-proxy、containerd 用として")
            }
            Orchestrator::Ecs => ("", ""),
        };
        Some(Text::new(
            format!(
                "{name} adds {overhead} GiB to every Fargate {unit}{why}: \
                 {v} vCPU / {m} GiB requested is billed as {bv} vCPU / {bm} GiB."
            ),
            format!(
                "{name} は Fargate の各{unit_ja}に{why_ja} {overhead} GiB を加えます。\
                 要求 {v} vCPU / {m} GiB は {bv} vCPU / {bm} GiB として課金されます。"
            ),
        ))
    } else if rounded_up {
        Some(Text::new(
            format!("{v} vCPU / {m} GiB is not a valid Fargate size: each task is billed as {bv} vCPU / {bm} GiB."),
            format!(
                "{v} vCPU / {m} GiB は Fargate の有効なサイズではないため、各タスクは {bv} vCPU / {bm} GiB として課金されます。"
            ),
        ))
    } else {
        None
    }
}

/// Savings Plans on any Fargate; Spot where the recipe offers Fargate Spot.
fn fargate_discount(bill: &mut Bill, region: &RegionPricing, spot: bool, purchase: Purchase, used: &mut Used) {
    match purchase {
        Purchase::SavingsPlan => {
            used.discount(format!("savings_plan_fargate ({})", region.id), &region.savings_plan_fargate);
            let name = Text::new("Compute Savings Plans on Fargate", "Fargate の Compute Savings Plans");
            bill.discount(&name, &region.savings_plan_fargate);
        }
        Purchase::Spot if spot => {
            used.discount(format!("spot_fargate ({})", region.id), &region.spot_fargate);
            let name = Text::new("Fargate Spot", "Fargate Spot");
            bill.discount(&name, &region.spot_fargate);
        }
        Purchase::Spot | Purchase::OnDemand => {}
    }
}

/// What an EC2 recipe says: the node reservation and the management fee, if any.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ec2Terms<'a> {
    pub(super) node_reserve: NodeReserveProfile,
    pub(super) management_fee: Option<&'a ManagementFee>,
}

pub(super) fn ec2(
    pricing: &Pricing,
    region: &RegionPricing,
    orchestrator: Orchestrator,
    terms: Ec2Terms<'_>,
    workload: &Workload,
    used: &mut Used,
) -> Bill {
    let Some(plan) = Ec2Plan::cheapest(pricing, terms.node_reserve, terms.management_fee, workload) else {
        let (v, m, arch) =
            (format_number(workload.task_vcpu), format_number(workload.task_memory_gib), workload.arch.as_str());
        let (with_fee, with_fee_ja) = terms.management_fee.map_or((String::new(), String::new()), |fee| {
            (format!(" with a {} in the Region", fee.name.en), format!("{}がこのリージョンで定義された", fee.name.ja))
        });
        let (gpus, gpus_ja) = if workload.gpu {
            let g = workload.task_gpus;
            (format!(" / {g} GPU"), format!(" / {g} GPU"))
        } else {
            (String::new(), String::new())
        };
        return Bill::cannot_run(vec![Text::new(
            format!(
                "Not priced: no type in the catalogue holds one task. No {arch} instance type{with_fee} holds one \
                 task of {v} vCPU / {m} GiB{gpus} after the node's own reservation."
            ),
            format!(
                "未試算: カタログのどのタイプにもタスクが 1 つも収まりません。ノード自身の予約分を除くと、\
                 {v} vCPU / {m} GiB{gpus_ja} のタスクが 1 つでも収まる{with_fee_ja} {arch} のインスタンスタイプがありません。"
            ),
        )]);
    };
    let instance = plan.instance;
    used.price(format!("{} ({})", instance.id, region.id), plan.price);
    let mut bill = Bill::runs();
    let count = plan.count;
    let hours = format_number(workload.hours);
    let (word_en, word_ja, _) = tasks_word(orchestrator);
    let per = plan.per_node;
    let word_en = crate::model::answers::unit_for(f64::from(per), word_en);
    let target = workload.ec2_utilisation_target;
    bill.charge(
        LineItem::Ec2Instances,
        Text::new(
            format!(
                "EC2: {count} × {} × {hours} h × ${} per hour ({per} {word_en} per instance, planned for {target}%)",
                instance.id,
                rate(plan.price.usd)
            ),
            format!(
                "EC2: {} × {count} 台 × {hours} 時間 × {} USD/時間（1 台に {per} {word_ja}、目標使用率 {target}%）",
                instance.id,
                rate(plan.price.usd)
            ),
        ),
        f64::from(count),
        Unit::Instance,
        plan.price,
        workload.hours,
    );
    match workload.purchase {
        Purchase::SavingsPlan => {
            used.discount(format!("savings_plan_ec2 ({})", region.id), &region.savings_plan_ec2);
            let name = Text::new("Compute Savings Plans on EC2", "EC2 の Compute Savings Plans");
            bill.discount(&name, &region.savings_plan_ec2);
        }
        Purchase::Spot => {
            used.discount(format!("spot_ec2 ({})", region.id), &region.spot_ec2);
            let name = Text::new("EC2 Spot", "EC2 スポット");
            bill.discount(&name, &region.spot_ec2);
        }
        Purchase::OnDemand => {}
    }
    if let (Some(fee), Some(fee_price)) = (terms.management_fee, plan.fee.as_deref()) {
        bill.management_fee(fee, fee_price, &instance.id, count, workload, used);
    }
    bill.public_ipv4(region, count, "nodes", "ノード", workload, used);
    used.sources.insert(plan.reserve.source.to_owned());
    let cpu = plan.cpu_utilisation(workload);
    let memory = plan.memory_utilisation(workload);
    bill.ec2 = Some(Ec2Choice {
        instance_type: instance.id.to_string(),
        family: instance.family,
        arch: instance.arch,
        vcpu: instance.vcpu,
        memory_gib: instance.memory_gib,
        count,
        tasks_per_instance: per,
        hourly_usd: plan.price.usd,
        management_fee_hourly_usd: plan.fee.as_ref().map_or(0.0, |f| f.usd),
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
