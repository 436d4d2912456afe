//! The cost estimate as terminal tables: totals with the capacity behind them, the
//! per-node reservations, the break-even, every line with its source, the notes and
//! the sources; and the trace of the money ratings. Lays out data only.

use std::fmt::Write as _;

use comfy_table::{Cell, CellAlignment};

use super::{answers_table, new_table, section};
use crate::cost::{Purchase, Workload};
use crate::model::answers::format_number;
use crate::model::{Lang, Orchestrator};
use crate::report::cost::CostReport;
use crate::report::{CostOnlyReport, RenderOptions, Report};

/// Renders the `cost` command's report: the estimate and the answers used.
pub fn render_cost(report: &CostOnlyReport, options: &RenderOptions) -> String {
    let mut out = String::new();
    cost_section(&mut out, &report.cost, report.lang, options);
    answers_table(&mut out, &report.answer_lines, report.lang, options);
    let _ = writeln!(out, "{}: {}", report.lang.pick("Rule set", "ルールセット"), report.rules_digest);
    // The section starts with a blank line; the command's output does not.
    out.trim_start_matches('\n').to_owned()
}

/// A share as a whole percentage, e.g. `71%`.
fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn usd(amount: f64) -> String {
    format!("{amount:.2}")
}

fn purchase_name(purchase: Purchase, lang: Lang) -> &'static str {
    match purchase {
        Purchase::OnDemand => lang.pick("on-demand", "オンデマンド"),
        Purchase::SavingsPlan => lang.pick("Compute Savings Plans", "Compute Savings Plans"),
        Purchase::Spot => lang.pick("Spot", "スポット"),
    }
}

fn workload_line(w: &Workload, lang: Lang) -> String {
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

/// The estimate: totals with the capacity behind them, the break-even, every line with
/// its source, the notes and the sources.
pub(super) fn cost_section(out: &mut String, cost: &CostReport, lang: Lang, options: &RenderOptions) {
    let t = |en, ja| lang.pick(en, ja);
    section(out, t("Monthly cost estimate (USD)", "月額コストの試算（USD）"));
    let hours = format_number(cost.hours_per_month);
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::En => format!(
                "{} ({}), {hours} hours a month; prices as of {} (the oldest figure used)",
                cost.region_name, cost.region, cost.as_of
            ),
            Lang::Ja => format!(
                "{}（{}）、月 {hours} 時間。価格の時点は {}（使用した数値のうち最も古いもの）",
                cost.region_name, cost.region, cost.as_of
            ),
        }
    );
    let _ = writeln!(out, "{}", workload_line(&cost.workload, lang));
    let mut table = new_table(options);
    table.set_header(vec![t("Pattern", "パターン"), t("USD/month", "USD/月"), t("Capacity", "キャパシティ")]);
    for p in &cost.patterns {
        let monthly = cost.monthly_usd.get(&p.pattern).copied().flatten();
        let capacity = match (monthly, cost.ec2.get(&p.pattern), cost.fargate.get(&p.pattern)) {
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
                let (en, ja) = match p.orchestrator {
                    Orchestrator::Ecs => ("task", "1 タスクあたり"),
                    Orchestrator::Eks => ("pod", "1 Pod あたり"),
                };
                match lang {
                    Lang::En => format!("{v} vCPU / {m} GiB billed per {en}{rounded}"),
                    Lang::Ja => format!("{ja} {v} vCPU / {m} GiB で課金{rounded}"),
                }
            }
            (Some(_), None, None) => String::new(),
        };
        let mut name = p.name.clone();
        if cost.cheapest.as_deref() == Some(p.pattern.as_str()) {
            name.push_str(t(" (cheapest)", "（最安）"));
        }
        table.add_row(vec![
            Cell::new(name),
            Cell::new(monthly.map_or_else(|| "-".to_owned(), usd)).set_alignment(CellAlignment::Right),
            Cell::new(capacity),
        ]);
    }
    let _ = writeln!(out, "{table}");
    reserve_lines(out, cost, lang);
    break_even_line(out, cost, lang);
    cost_lines(out, cost, lang, options);
    notes_and_sources(out, cost, lang, options);
}

/// What each EC2 node keeps for the orchestrator, per EC2 pattern.
fn reserve_lines(out: &mut String, cost: &CostReport, lang: Lang) {
    for p in &cost.patterns {
        if let Some(ec2) = cost.ec2.get(&p.pattern) {
            let (v, m) = (format_number(ec2.reserved_vcpu), format!("{:.2}", ec2.reserved_memory_gib));
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::En => format!(
                        "{}: each {} keeps {v} vCPU / {m} GiB ({})",
                        p.name, ec2.instance_type, ec2.reserve_basis
                    ),
                    Lang::Ja => format!(
                        "{}: {} 1 台あたり {v} vCPU / {m} GiB を予約（{}）",
                        p.name, ec2.instance_type, ec2.reserve_basis
                    ),
                }
            );
        }
    }
}

fn notes_and_sources(out: &mut String, cost: &CostReport, lang: Lang, options: &RenderOptions) {
    let t = |en, ja| lang.pick(en, ja);
    if !cost.notes.is_empty() {
        section(out, t("Cost notes", "コストに関する注記"));
        let mut table = new_table(options);
        table.set_header(vec![t("Patterns", "対象"), t("Note", "内容")]);
        for note in &cost.notes {
            let patterns =
                if note.patterns.is_empty() { t("all", "すべて").to_owned() } else { note.patterns.join(", ") };
            table.add_row(vec![patterns, note.text.clone()]);
        }
        let _ = writeln!(out, "{table}");
    }
    section(out, t("Price sources", "価格の出典"));
    for source in &cost.sources {
        let _ = writeln!(out, "- {source}");
    }
}

fn break_even_line(out: &mut String, cost: &CostReport, lang: Lang) {
    let Some(even) = &cost.break_even else { return };
    let (ec2, fargate) = (cost.name(&even.ec2_pattern), cost.name(&even.fargate_pattern));
    let (at, now, instance) = (percent(even.utilisation), percent(even.current_utilisation), &even.instance_type);
    let text = match (lang, even.utilisation <= 1.0) {
        (Lang::En, true) => format!(
            "Break-even: {ec2} ({instance}) costs as much as {fargate} when the tasks use {at} of the \
             instances' capacity; this plan uses {now}."
        ),
        (Lang::En, false) => format!(
            "Break-even: {fargate} costs less than {ec2} even on fully used {instance} instances \
             (equal cost would need {at} utilisation); this plan uses {now}."
        ),
        (Lang::Ja, true) => format!(
            "損益分岐点: {instance} を使う {ec2} は、タスクがインスタンスの容量の {at} を使うときに {fargate} と同じ費用になる。\
             この計画の使用率は {now} である。"
        ),
        (Lang::Ja, false) => format!(
            "損益分岐点: {fargate} は、{instance} を使い切っても {ec2} より安い（同じ費用になるには使用率 {at} が必要）。\
             この計画の使用率は {now} である。"
        ),
    };
    let _ = writeln!(out, "{text}");
}

fn cost_lines(out: &mut String, cost: &CostReport, lang: Lang, options: &RenderOptions) {
    let t = |en, ja| lang.pick(en, ja);
    section(out, t("Cost lines", "コストの内訳"));
    let mut table = new_table(options);
    table.set_header(vec![t("Pattern", "パターン"), t("Line", "項目"), t("USD/month", "USD/月"), t("Source", "出典")]);
    for line in &cost.lines {
        let low = if line.confidence == Some(crate::model::pricing::Confidence::Low) {
            t(", low confidence", "、信頼度低")
        } else {
            ""
        };
        table.add_row(vec![
            Cell::new(cost.name(&line.pattern)),
            Cell::new(&line.description),
            Cell::new(usd(line.monthly_usd)).set_alignment(CellAlignment::Right),
            Cell::new(match lang {
                Lang::En => format!("{} ({}{low})", line.source, line.as_of),
                Lang::Ja => format!("{}（{}{low}）", line.source, line.as_of),
            }),
        ]);
    }
    let _ = writeln!(out, "{table}");
}

/// The trace of the money ratings (DESIGN §3 steps 5 and 6).
pub(super) fn money_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    let rows: Vec<_> = report
        .ranking
        .iter()
        .filter_map(|p| {
            p.criteria.get(crate::engine::money::COST_CRITERION).and_then(|c| c.money.as_ref().map(|m| (p, c, m)))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    section(
        out,
        t(
            "Cost rating from the estimate: 1 + 4 × cheapest / monthly (rule changes on cost are not applied)",
            "見積もりによるコストの評価: 1 + 4 × 最安 / 月額（コストへのルールによる増減は適用しない）",
        ),
    );
    let mut table = new_table(options);
    table.set_header(vec![
        t("Pattern", "パターン"),
        t("USD/month", "USD/月"),
        t("Rating", "評価"),
        t("Rule changes not applied", "適用しないルールの増減"),
    ]);
    for (pattern, score, money) in rows {
        let deltas = score.deltas.iter().map(|d| format!("{} ({:+})", d.rule, d.value)).collect::<Vec<_>>().join(", ");
        table.add_row(vec![
            Cell::new(&pattern.name),
            Cell::new(usd(money.monthly_usd)).set_alignment(CellAlignment::Right),
            Cell::new(format!(
                "1 + 4 × {} / {} = {:.2}",
                usd(money.cheapest_usd),
                usd(money.monthly_usd),
                score.rating
            )),
            Cell::new(if deltas.is_empty() { "-".to_owned() } else { deltas }),
        ]);
    }
    let _ = writeln!(out, "{table}");
}
