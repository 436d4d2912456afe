//! `## More Information`: where the record comes from and how to rebuild it, how the
//! scores are computed, the advice and the rules behind it with their sources, and, in
//! a what-if, what changed from A.

use super::markup::{Doc, citation, code, join, shell_word, source, text};
use crate::engine::robustness::DEFAULT_SEED;
use crate::model::{Lang, NoteKind};
use crate::report::cost::CostReport;
use crate::report::cost::text::workload_line;
use crate::report::versus::VersusReport;
use crate::report::{Report, format_score};

/// `## More Information` of a recommendation: provenance, the method, the advice of
/// the rules, the rules that fired and their sources, and the command to regenerate.
pub(super) fn more_information(doc: &mut Doc, report: &Report) {
    let lang = report.lang;
    let t = |en, ja| lang.pick(en, ja);
    generated(doc, lang, &report.tool_version, &report.rules_digest);
    how_scored(doc, lang);
    if let Some(cost) = &report.cost {
        cost_estimate(doc, cost, lang);
    }
    let advice: Vec<String> = report
        .notes
        .iter()
        .filter(|n| n.kind != NoteKind::Risk)
        .map(|n| {
            let kind = match n.kind {
                NoteKind::Mitigation => t("Mitigation", "緩和策"),
                _ => t("Also consider", "検討候補"),
            };
            let patterns: Vec<String> = n.patterns.iter().map(|p| text(pattern_name(report, p))).collect();
            match lang {
                Lang::En => format!("**{kind}** for {}: {}", join(lang, &patterns), text(&n.text)),
                Lang::Ja => format!("**{kind}**（{}）：{}", join(lang, &patterns), text(&n.text)),
            }
        })
        .collect();
    if !advice.is_empty() {
        doc.block(t("Advice from the rules for the review:", "レビューに向けたルールからの助言："));
        doc.list(advice);
    }
    if !report.rules_fired.is_empty() {
        doc.block(t("Rules that fired, in rule order:", "適用されたルール（ルールファイルの順）："));
        doc.list(report.rules_fired.iter().map(|r| format!("{}: {}", code(&r.id), text(&r.reason))));
        doc.block(t("Sources of those rules and prices:", "それらのルールと価格の出典："));
        doc.list(report.sources.iter().map(|s| citation(s, lang)));
    }
    let mut command = vec![format!("container-advisor recommend --no-input --format adr --lang {}", lang.as_str())];
    if let Some(r) = report.robustness.as_ref().filter(|r| r.seed != DEFAULT_SEED) {
        command.push(format!("--seed {}", r.seed));
    }
    for line in report.answer_lines.iter().filter(|l| !l.defaulted) {
        if let Some(value) = report.answers.get(&line.id) {
            command.push(format!("--set {}", shell_word(&format!("{}={}", line.id, value.display()))));
        }
    }
    regenerate(doc, lang, &command);
}

/// The monthly estimate behind the cost ratings: totals with their capacity, the
/// break-even and the price sources.
fn cost_estimate(doc: &mut Doc, cost: &CostReport, lang: Lang) {
    let t = |en, ja| lang.pick(en, ja);
    doc.block(format!(
        "{} {} {}",
        t("Monthly cost estimate (USD):", "月額コストの試算（USD）："),
        text(&cost.heading_line(lang)),
        text(&workload_line(&cost.workload, lang))
    ));
    let mut items: Vec<String> = cost
        .patterns
        .iter()
        .map(|p| {
            let total = cost.monthly(&p.pattern).map_or_else(|| "-".to_owned(), |usd| format!("${usd:.2}"));
            format!(
                "{}: {total}{}",
                text(&cost.name_marked(&p.pattern, &p.name, lang)),
                match lang {
                    Lang::En => format!(" ({})", text(&cost.capacity_text(&p.pattern, p.orchestrator, lang))),
                    Lang::Ja => format!("（{}）", text(&cost.capacity_text(&p.pattern, p.orchestrator, lang))),
                }
            )
        })
        .collect();
    items.extend(cost.break_even_lines(lang).iter().map(|b| text(b)));
    doc.list(items);
    doc.block(t("Price sources:", "価格の出典："));
    doc.list(cost.sources.iter().map(|s| source(s)));
}

/// A pattern's display name from its id.
fn pattern_name<'a>(report: &'a Report, id: &'a str) -> &'a str {
    report.ranking.iter().find(|p| p.pattern == id).map_or(id, |p| p.name.as_str())
}

/// What changed from A, for B's record.
pub(super) fn what_changed(doc: &mut Doc, versus: &VersusReport) {
    let lang = versus.lang;
    let t = |en, ja| lang.pick(en, ja);
    let (a, b) = (code(&versus.a_label), code(&versus.b_label));
    doc.block(match lang {
        Lang::En => format!("This record uses the answers of {b} (B). Compared with {a} (A):"),
        Lang::Ja => format!("このレコードは {b}（B）の回答に基づく。{a}（A）と比べると次のとおりである。"),
    });
    if versus.unchanged {
        doc.list([t(
            "Nothing changes: the same recommendation, scores and rules.",
            "変化はない。推奨、スコア、適用されるルールはすべて同じである。",
        )
        .to_owned()]);
        return;
    }
    let none = t("none", "なし");
    let (wa, wb) = (
        text(versus.a.recommendation.name.as_deref().unwrap_or(none)),
        text(versus.b.recommendation.name.as_deref().unwrap_or(none)),
    );
    let mut items = vec![match (lang, versus.winner_changed) {
        (Lang::En, true) => format!("The recommendation changes from {wa} (A) to {wb} (B)."),
        (Lang::En, false) => format!("The recommendation stays {wa}."),
        (Lang::Ja, true) => format!("推奨が {wa}（A）から {wb}（B）に変わる。"),
        (Lang::Ja, false) => format!("推奨は {wa} のまま変わらない。"),
    }];
    let unanswered = t("not answered", "未回答");
    for c in &versus.answers_changed {
        let (va, vb) = (text(c.a.as_deref().unwrap_or(unanswered)), text(c.b.as_deref().unwrap_or(unanswered)));
        items.push(match lang {
            Lang::En => format!("{} **{va}** in A, **{vb}** in B", text(&c.question)),
            Lang::Ja => format!("{} A は **{va}**、B は **{vb}**", text(&c.question)),
        });
    }
    for (rules, en, ja) in [
        (&versus.rules_added, "Rules that fire only in B: ", "B でだけ適用されるルール："),
        (&versus.rules_removed, "Rules that fire only in A: ", "A でだけ適用されるルール："),
    ] {
        if !rules.is_empty() {
            let ids: Vec<String> = rules.iter().map(|r| code(&r.id)).collect();
            items.push(format!("{}{}", t(en, ja), ids.join(t(", ", "、"))));
        }
    }
    doc.list(items);
    let cell = |rank: Option<usize>, score: Option<f64>| match (rank, score) {
        (Some(rank), Some(score)) => format!("#{rank} {}", format_score(score)),
        _ => t("excluded", "除外").to_owned(),
    };
    let mut table = vec![
        format!("| {} | A | B | {} |", t("Option", "選択肢"), t("Change", "差")),
        "| --- | ---: | ---: | ---: |".to_owned(),
    ];
    table.extend(versus.ranking.iter().map(|p| {
        format!(
            "| {} | {} | {} | {} |",
            text(&p.name),
            cell(p.rank_a, p.score_a),
            cell(p.rank_b, p.score_b),
            p.delta.map_or_else(|| "-".to_owned(), |d| format!("{d:+.1}"))
        )
    }));
    doc.block(table.join("\n"));
}

pub(super) fn generated(doc: &mut Doc, lang: Lang, version: &str, digest: &str) {
    let digest = code(digest);
    doc.block(match lang {
        Lang::En => format!(
            "This record was generated by container-advisor {version} from the rule set {digest}. The tool \
             proposes and people decide: once the review agrees, set `status` to `accepted` and fill in \
             `decision-makers`, `consulted` and `informed`."
        ),
        Lang::Ja => format!(
            "このレコードは container-advisor {version} がルールセット {digest} から生成した。\
             ツールは提案するだけで、決めるのは人である。レビューで合意したら `status` を `accepted` にし、\
             `decision-makers`、`consulted`、`informed` を記入する。"
        ),
    });
}

pub(super) fn how_scored(doc: &mut Doc, lang: Lang) {
    doc.block(lang.pick(
        "How the scores are computed: an option's score is 100 × Σ w·(r − 1) / (4 · Σ w) over the criteria, \
         where r is its rating from 1 (worst) to 5 (best) after the rules' changes and w the criterion's \
         weight after the rules' factors; the points per criterion add up to the score. An excluded option \
         gets no score.",
        "スコアの計算方法：選択肢のスコアは評価軸全体での 100 × Σ w·(r − 1) / (4 · Σ w) である。\
         r はルールによる増減を反映した評価（1 が最低、5 が最高）、w はルールの係数を掛けた評価軸の重みである。\
         評価軸ごとの寄与を足すとスコアになる。除外された選択肢にはスコアを付けない。",
    ));
}

pub(super) fn regenerate(doc: &mut Doc, lang: Lang, command: &[String]) {
    doc.block(lang.pick(
        "To regenerate this record (its `date` is today's, or that of `SOURCE_DATE_EPOCH` when it is set):",
        "このレコードを再生成するコマンド（`date` は当日、`SOURCE_DATE_EPOCH` があればその日付になる）：",
    ));
    doc.code_block("sh", &command.join(" \\\n  "));
}
