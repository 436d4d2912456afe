//! The cost estimate in words, shared by every renderer (table, Markdown, HTML, ADR):
//! the heading line, the workload, each pattern's capacity, the node reservations, the
//! break-even and each line's source. Lays out data only.

use crate::cost::{BreakEven, Purchase, Workload};
use crate::model::answers::format_number;
use crate::model::pricing::Confidence;
use crate::model::{Lang, Orchestrator};

use super::{CostLineReport, CostReport};

/// A share as a whole percentage, e.g. `71%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// US dollars with cents, e.g. `360.40`.
pub fn usd(amount: f64) -> String {
    format!("{amount:.2}")
}

/// The purchase option's name.
pub fn purchase_name(purchase: Purchase, lang: Lang) -> &'static str {
    match purchase {
        Purchase::OnDemand => lang.pick("on-demand", "オンデマンド"),
        Purchase::SavingsPlan => lang.pick("Compute Savings Plans", "Compute Savings Plans"),
        Purchase::Spot => lang.pick("Spot", "スポット"),
    }
}

/// The workload the estimate prices, in one sentence.
pub fn workload_line(w: &Workload, lang: Lang) -> String {
    let (v, m) = (format_number(w.task_vcpu), format_number(w.task_memory_gib));
    let (arch, purchase, target) = (w.arch.as_str(), purchase_name(w.purchase, lang), w.ec2_utilisation_target);
    match lang {
        Lang::En => format!(
            "Workload: {} task{} × {v} vCPU / {m} GiB, {arch}, {} cluster{}, {purchase}, EC2 planned for {target}% utilisation",
            w.tasks,
            if w.tasks == 1 { "" } else { "s" },
            w.clusters,
            if w.clusters == 1 { "" } else { "s" },
        ),
        Lang::Ja => format!(
            "ワークロード: {} タスク × {v} vCPU / {m} GiB、{arch}、{} クラスター、{purchase}、EC2 の目標使用率 {target}%",
            w.tasks, w.clusters
        ),
    }
}

impl CostReport {
    /// Region, hours and the price date.
    pub fn heading_line(&self, lang: Lang) -> String {
        let hours = format_number(self.hours_per_month);
        match lang {
            Lang::En => format!(
                "{} ({}), {hours} hours a month; prices as of {} (the oldest figure used)",
                self.region_name, self.region, self.as_of
            ),
            Lang::Ja => format!(
                "{}（{}）、月 {hours} 時間。価格の時点は {}（使用した数値のうち最も古いもの）",
                self.region_name, self.region, self.as_of
            ),
        }
    }

    /// The monthly total of a pattern, `None` when it cannot run the workload.
    pub fn monthly(&self, pattern: &str) -> Option<f64> {
        self.monthly_usd.get(pattern).copied().flatten()
    }

    /// What capacity a pattern's total buys: EC2 type × count and utilisation, or the
    /// billed Fargate size.
    pub fn capacity_text(&self, pattern: &str, orchestrator: Orchestrator, lang: Lang) -> String {
        let t = |en, ja| lang.pick(en, ja);
        if self.patterns.iter().any(|p| p.pattern == pattern && !p.has_recipe) {
            return t("not priced: no cost recipe", "未試算: コストの算定方法がありません").to_owned();
        }
        match (self.monthly(pattern), self.ec2.get(pattern), self.fargate.get(pattern)) {
            (None, _, _) => {
                t("cannot run this workload (see the notes)", "このワークロードは動かせない（注記を参照）").to_owned()
            }
            (Some(_), Some(ec2), _) => {
                let used = percent(ec2.utilisation);
                let (cpu, memory) = (percent(ec2.cpu_utilisation), percent(ec2.memory_utilisation));
                match lang {
                    Lang::En => format!(
                        "{} × {} ({} per instance), {used} used (vCPU {cpu}, memory {memory})",
                        ec2.count, ec2.instance_type, ec2.tasks_per_instance
                    ),
                    Lang::Ja => format!(
                        "{} × {} 台（1 台に {}）、使用率 {used}（vCPU {cpu}、メモリ {memory}）",
                        ec2.instance_type, ec2.count, ec2.tasks_per_instance
                    ),
                }
            }
            (Some(_), None, Some(f)) => {
                let (v, m) = (format_number(f.vcpu), format_number(f.memory_gib));
                let rounded = if f.rounded_up { t(", rounded up", "（切り上げ）") } else { "" };
                let (en, ja) = match orchestrator {
                    Orchestrator::Ecs => ("task", "1 タスクあたり"),
                    Orchestrator::Eks => ("pod", "1 Pod あたり"),
                };
                match lang {
                    Lang::En => format!("{v} vCPU / {m} GiB billed per {en}{rounded}"),
                    Lang::Ja => format!("{ja} {v} vCPU / {m} GiB で課金{rounded}"),
                }
            }
            (Some(_), None, None) => String::new(),
        }
    }

    /// A pattern's name, with "(cheapest)" when it is.
    pub fn name_marked(&self, pattern: &str, name: &str, lang: Lang) -> String {
        if self.cheapest.as_deref() == Some(pattern) {
            format!("{name}{}", lang.pick(" (cheapest)", "（最安）"))
        } else {
            name.to_owned()
        }
    }

    /// What each EC2 node keeps for the orchestrator, one line per EC2 pattern.
    pub fn reserve_lines(&self, lang: Lang) -> Vec<String> {
        self.patterns
            .iter()
            .filter_map(|p| {
                let ec2 = self.ec2.get(&p.pattern)?;
                let (v, m) = (format_number(ec2.reserved_vcpu), format!("{:.2}", ec2.reserved_memory_gib));
                Some(match lang {
                    Lang::En => {
                        format!(
                            "{}: each {} keeps {v} vCPU / {m} GiB ({})",
                            p.name, ec2.instance_type, ec2.reserve_basis
                        )
                    }
                    Lang::Ja => {
                        format!(
                            "{}: {} 1 台あたり {v} vCPU / {m} GiB を予約（{}）",
                            p.name, ec2.instance_type, ec2.reserve_basis
                        )
                    }
                })
            })
            .collect()
    }

    /// For each EC2 pattern, the utilisation at which it and its orchestrator's Fargate
    /// cost the same, one sentence each.
    pub fn break_even_lines(&self, lang: Lang) -> Vec<String> {
        self.break_even.iter().map(|even| self.break_even_text(even, lang)).collect()
    }

    fn break_even_text(&self, even: &BreakEven, lang: Lang) -> String {
        let (ec2, fargate) = (self.name(&even.ec2_pattern), self.name(&even.fargate_pattern));
        let (at, now, instance) = (percent(even.utilisation), percent(even.current_utilisation), &even.instance_type);
        match (lang, even.utilisation <= 1.0) {
            (Lang::En, true) => format!(
                "Break-even: {ec2} ({instance}) costs as much as {fargate} when the tasks use {at} of the \
                 instances' capacity; this plan uses {now}."
            ),
            (Lang::En, false) => format!(
                "Break-even: {fargate} costs less than {ec2} even on fully used {instance} instances \
                 (equal cost would need {at} utilisation); this plan uses {now}."
            ),
            (Lang::Ja, true) => format!(
                "損益分岐点: {instance} を使う {ec2} は、タスクがインスタンスの容量の {at} を使うときに {fargate} と同じ費用になります。\
                 この計画の使用率は {now} です。"
            ),
            (Lang::Ja, false) => format!(
                "損益分岐点: {fargate} は、{instance} を使い切っても {ec2} より安くなります（同じ費用になるには使用率 {at} が必要です）。\
                 この計画の使用率は {now} です。"
            ),
        }
    }

    /// A line's source with its date and confidence.
    pub fn line_source(line: &CostLineReport, lang: Lang) -> String {
        let low = if line.confidence == Some(Confidence::Low) {
            lang.pick(", low confidence", "、信頼度低")
        } else {
            ""
        };
        match lang {
            Lang::En => format!("{} ({}{low})", line.source, line.as_of),
            Lang::Ja => format!("{}（{}{low}）", line.source, line.as_of),
        }
    }
}
