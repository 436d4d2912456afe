//! Terminal tables (comfy-table) of a [`Report`]: the ranking, the ratings per
//! criterion, exclusions with reasons, the cost estimate, fired rules, notes and the
//! answers used; and of a [`CostOnlyReport`] (the `cost` command).

use std::fmt::Write as _;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::cost::CostReport;
use super::{AnswerLine, CostOnlyReport, RenderOptions, Report, format_rating, format_score};
use crate::cost::{Purchase, Workload};
use crate::model::answers::format_number;
use crate::model::{Lang, NoteKind, Orchestrator};

/// Renders the report as terminal tables.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let t = |en, ja| report.lang.pick(en, ja);
    let mut out = String::new();
    match (&report.recommendation.name, report.recommendation.score) {
        (Some(name), Some(score)) => {
            let _ = writeln!(
                out,
                "{}: {name} ({} {})",
                t("Recommendation", "推奨"),
                t("score", "スコア"),
                format_score(score)
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "{}",
                t(
                    "No recommendation: every pattern is excluded by a hard constraint.",
                    "推奨なし: すべてのパターンが制約により除外された。"
                )
            );
        }
    }
    ranking_section(&mut out, report, options);
    ratings_section(&mut out, report, options);
    exclusions_section(&mut out, report, options);
    if let Some(cost) = &report.cost {
        cost_section(&mut out, cost, report.lang, options);
        money_section(&mut out, report, options);
    }
    rules_section(&mut out, report, options);
    notes_section(&mut out, report, options);
    answers_section(&mut out, report, options);
    let _ = writeln!(out, "{}: {}", t("Rule set", "ルールセット"), report.rules_digest);
    out
}

fn ranking_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    section(out, t("Ranking", "ランキング"));
    let mut table = new_table(options);
    table.set_header(vec![t("Rank", "順位"), t("Pattern", "パターン"), t("Score", "スコア"), t("Status", "状態")]);
    for (i, p) in report.ranking.iter().enumerate() {
        let (rank, score, status) = match p.score {
            Some(score) => ((i + 1).to_string(), format_score(score), String::new()),
            None => ("-".to_owned(), "-".to_owned(), t("excluded", "除外").to_owned()),
        };
        let mut name = Cell::new(&p.name);
        if i == 0 && p.score.is_some() && options.color {
            name = name.fg(Color::Green).add_attribute(Attribute::Bold);
        }
        table.add_row(vec![
            Cell::new(rank),
            name,
            Cell::new(score).set_alignment(CellAlignment::Right),
            Cell::new(status),
        ]);
    }
    let _ = writeln!(out, "{table}");
}

fn ratings_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    section(
        out,
        t(
            "Ratings by criterion (1 worst – 5 best; change from base in brackets)",
            "評価軸ごとの評価（1 が最低、5 が最高。括弧内はルールによる増減）",
        ),
    );
    let mut table = new_table(options);
    let mut header = vec![Cell::new(t("Criterion", "評価軸")), Cell::new(t("Weight", "重み"))];
    header.extend(report.ranking.iter().map(|p| Cell::new(&p.pattern)));
    table.set_header(header);
    for criterion in &report.criteria {
        let mut row = vec![
            Cell::new(&criterion.name),
            Cell::new(format!("{:.2} ({:.0}%)", criterion.weight, criterion.share * 100.0))
                .set_alignment(CellAlignment::Right),
        ];
        for p in &report.ranking {
            let text = p.criteria.get(&criterion.id).map(format_rating).unwrap_or_default();
            row.push(Cell::new(text).set_alignment(CellAlignment::Right));
        }
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
}

fn exclusions_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    let excluded: Vec<_> = report.ranking.iter().filter(|p| p.excluded).collect();
    if excluded.is_empty() {
        return;
    }
    section(out, t("Excluded patterns", "除外されたパターン"));
    let mut table = new_table(options);
    table.set_header(vec![t("Pattern", "パターン"), t("Rule", "ルール"), t("Reason", "理由")]);
    for p in excluded {
        for e in &p.excluded_because {
            table.add_row(vec![&p.name, &e.rule, &e.reason]);
        }
    }
    let _ = writeln!(out, "{table}");
}

fn rules_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    section(out, t("Rules that fired", "適用されたルール"));
    if report.rules_fired.is_empty() {
        let _ = writeln!(out, "{}", t("(none)", "（なし）"));
        return;
    }
    let mut table = new_table(options);
    table.set_header(vec![t("Rule", "ルール"), t("Reason", "理由"), t("Source", "出典")]);
    for rule in &report.rules_fired {
        table.add_row(vec![&rule.id, &rule.reason, &rule.source]);
    }
    let _ = writeln!(out, "{table}");
}

fn notes_section(out: &mut String, report: &Report, options: &RenderOptions) {
    let t = |en, ja| report.lang.pick(en, ja);
    if report.notes.is_empty() {
        return;
    }
    section(out, t("Notes for the review", "レビューで確認すべき点"));
    let mut table = new_table(options);
    table.set_header(vec![t("Kind", "種別"), t("Patterns", "対象"), t("Note", "内容")]);
    for note in &report.notes {
        table.add_row(vec![note_kind(note.kind, report.lang).to_owned(), note.patterns.join(", "), note.text.clone()]);
    }
    let _ = writeln!(out, "{table}");
}

fn answers_section(out: &mut String, report: &Report, options: &RenderOptions) {
    answers_table(out, &report.answer_lines, report.lang, options);
}

fn answers_table(out: &mut String, answer_lines: &[AnswerLine], lang: Lang, options: &RenderOptions) {
    let t = |en, ja| lang.pick(en, ja);
    if answer_lines.is_empty() {
        return;
    }
    section(out, t("Answers", "回答"));
    let mut table = new_table(options);
    table.set_header(vec![t("Question", "質問"), t("Answer", "回答")]);
    for line in answer_lines {
        let answer = if line.defaulted {
            format!("{} {}", line.answer, t("(default)", "（既定値）"))
        } else {
            line.answer.clone()
        };
        table.add_row(vec![format!("{} ({})", line.question, line.id), answer]);
    }
    let _ = writeln!(out, "{table}");
}

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
fn cost_section(out: &mut String, cost: &CostReport, lang: Lang, options: &RenderOptions) {
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
    break_even_line(out, cost, lang);
    cost_lines(out, cost, lang, options);
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
fn money_section(out: &mut String, report: &Report, options: &RenderOptions) {
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

/// The localised name of a note kind.
pub fn note_kind(kind: NoteKind, lang: Lang) -> &'static str {
    match kind {
        NoteKind::Risk => lang.pick("risk", "リスク"),
        NoteKind::Mitigation => lang.pick("mitigation", "緩和策"),
        NoteKind::Consider => lang.pick("consider", "検討候補"),
    }
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

/// A table that wraps to the given width (80 columns when the width is unknown).
pub fn new_table(options: &RenderOptions) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(if options.width == 0 { 80 } else { options.width });
    if !options.color {
        table.force_no_tty();
    }
    table
}
