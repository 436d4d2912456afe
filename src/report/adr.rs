//! Architecture decision records (`--format adr`) in the layout of MADR 4.0.0
//! (`template/adr-template.md` of `adr/madr`, tag 4.0.0, as published in the `madr`
//! npm package): YAML front matter (`status`, `date`, `decision-makers`, `consulted`,
//! `informed`), the title as the first heading, then `## Context and Problem
//! Statement`, `## Decision Drivers`, `## Considered Options`, `## Decision Outcome`
//! with `### Consequences` and `### Confirmation`, `## Pros and Cons of the Options`
//! with one `### {option}` each, and `## More Information`.
//!
//! A record from `recommend` proposes the winner (status `proposed`: the tool
//! proposes, people accept); one from `compare` lays out the options and, without
//! answers, says that none is chosen yet; one from `--versus` is B's record with what
//! changed from A under More Information.
//!
//! Language. MADR tooling finds the parts of a record by its headings, so the section
//! headings and the front-matter keys stay in English in every language. Everything
//! else is written in the record's language: in Japanese, plain である調 prose, with
//! `採用案は「…」である。` for MADR's `Chosen option: "…", because …` and `良い点：` /
//! `中立：` / `悪い点：` for `Good, because` / `Neutral, because` / `Bad, because`
//! (English openings before Japanese sentences would read as machine output). No
//! Japanese gloss is added to the headings: a heading that is not exactly MADR's is no
//! longer found by tools.
//!
//! Determinism. The same report and options give the same bytes: nothing here reads a
//! clock; the `date` comes from [`RenderOptions::date`] and is left out without one.
//!
//! Safety. Rule, answer and pattern text goes through [`markup::text`], so a rule file
//! cannot add a heading, a list, a link or HTML to the record.

pub mod date;
mod decision;
mod markup;
mod more_information;

#[cfg(test)]
mod tests;

use decision::Decision;
use markup::{Doc, citation, code, is_iso_date, shell_word, text};
use more_information::{generated, how_scored, more_information, regenerate, what_changed};

use super::compare::CompareReport;
use super::robustness::{FlipReport, format_factor, format_share};
use super::versus::VersusReport;
use super::{AnswerLine, RenderOptions, Report};
use crate::engine::robustness::Direction;
use crate::model::Lang;

/// Every generated record is a proposal until people accept it.
const STATUS: &str = "proposed";

/// The record of a recommendation.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    render_report(report, options, None)
}

/// The record of B in a what-if comparison, with what changed from A under More
/// Information.
pub fn render_versus(versus: &VersusReport, options: &RenderOptions) -> String {
    render_report(&versus.b, options, Some(versus))
}

/// The record of a comparison: the options on the base ratings (no option chosen yet),
/// or, with answers, on the weighted ratings with the best one chosen.
pub fn render_compare(report: &CompareReport, options: &RenderOptions) -> String {
    let lang = report.lang;
    let t = |en, ja| lang.pick(en, ja);
    let decision = Decision::from_compare(report);
    let mut doc = Doc::default();
    doc.block(front_matter_and_title(options, &title(lang, decision.winner().map(|w| w.name), report.weighted)));

    doc.heading(2, "Context and Problem Statement");
    let n = decision.choices.len();
    let answers: Vec<String> = report
        .answers
        .iter()
        .flat_map(crate::model::Answers::iter)
        .map(|(id, value)| format!("{} **{}**", code(id), text(&value.display())))
        .collect();
    doc.block(match (lang, report.weighted) {
        (Lang::En, false) => format!(
            "We need to decide how to run our containers on AWS. Which of the {n} options below fits best? \
             This record compares them on the base ratings of the rules, before any answers about the team \
             and the workload."
        ),
        (Lang::Ja, false) => format!(
            "AWS 上でコンテナをどう動かすかを決める必要がある。以下の {n} つの選択肢のうち、どれが最も合うか。\
             このレコードは、チームやワークロードについての回答を反映する前の、ルールの基本評価で選択肢を比べる。"
        ),
        (Lang::En, true) => format!(
            "We need to decide how to run our containers on AWS. Which of the {n} options below fits this team \
             and workload best? This record weighs them by these answers:"
        ),
        (Lang::Ja, true) => format!(
            "AWS 上でコンテナをどう動かすかを決める必要がある。以下の {n} つの選択肢のうち、\
             このチームとワークロードに最も合うのはどれか。このレコードは次の回答で選択肢を重み付けする。"
        ),
    });
    doc.list(answers);

    doc.heading(2, "Decision Drivers");
    decision.drivers_section(&mut doc);
    doc.heading(2, "Considered Options");
    decision.options_section(&mut doc);

    doc.heading(2, "Decision Outcome");
    match decision.chosen() {
        Some(chosen) => {
            doc.block(chosen);
            doc.block(t(
                "How sure this choice is, what would change it and which answers decided it: run \
                 `container-advisor recommend --format adr` with the same answers.",
                "この選択がどれだけ確かか、何が変われば覆るか、どの回答が決め手になったかは、\
                 同じ回答で `container-advisor recommend --format adr` を実行すると分かる。",
            ));
            doc.heading(3, "Consequences");
            decision.consequences(&mut doc);
        }
        None if report.weighted => doc.block(no_option_left(lang)),
        None => doc.block(t(
            "No option is chosen yet: the base ratings alone do not say which trade-offs matter here. Answer \
             the questionnaire to weigh the criteria for this team and workload, and get a chosen option with \
             its reasons, how sure it is and what would change it: `container-advisor recommend --format adr`.",
            "まだどの選択肢も採用していない。基本評価だけでは、どのトレードオフが重要かは決まらないためである。\
             質問票に答えて評価軸をこのチームとワークロードに合わせて重み付けすれば、採用案とその理由、\
             判断の確かさ、判断が覆る条件が得られる：`container-advisor recommend --format adr`。",
        )),
    }

    doc.heading(2, "Pros and Cons of the Options");
    decision.pros_and_cons(&mut doc);

    doc.heading(2, "More Information");
    generated(&mut doc, lang, &report.tool_version, &report.rules_digest);
    how_scored(&mut doc, lang);
    doc.block(t("Sources of the ratings:", "評価の出典："));
    doc.list(report.sources.iter().map(|s| citation(s, lang)));
    let mut command = vec![format!("container-advisor compare --format adr --lang {}", lang.as_str())];
    for (id, value) in report.answers.iter().flat_map(crate::model::Answers::iter) {
        command.push(format!("--set {}", shell_word(&format!("{id}={}", value.display()))));
    }
    regenerate(&mut doc, lang, &command);
    doc.finish()
}

fn render_report(report: &Report, options: &RenderOptions, versus: Option<&VersusReport>) -> String {
    let lang = report.lang;
    let decision = Decision::from_report(report);
    let mut doc = Doc::default();
    doc.block(front_matter_and_title(options, &title(lang, decision.winner().map(|w| w.name), true)));

    doc.heading(2, "Context and Problem Statement");
    let n = decision.choices.len();
    doc.block(match lang {
        Lang::En => format!(
            "We need to decide how to run our containers on AWS. Which of the {n} options below fits this team \
             and workload best? The answers to the questionnaire describe the situation; those marked (default) \
             were not given and took the question's default."
        ),
        Lang::Ja => format!(
            "AWS 上でコンテナをどう動かすかを決める必要がある。以下の {n} つの選択肢のうち、\
             このチームとワークロードに最も合うのはどれか。状況は質問票への回答のとおりである。\
             「（既定値）」とある回答は未回答のため、質問の既定値を用いた。"
        ),
    });
    doc.list(report.answer_lines.iter().map(|line| answer(lang, line)));

    doc.heading(2, "Decision Drivers");
    decision.drivers_section(&mut doc);
    doc.heading(2, "Considered Options");
    decision.options_section(&mut doc);

    doc.heading(2, "Decision Outcome");
    doc.block(decision.chosen().unwrap_or_else(|| no_option_left(lang)));
    if let Some(r) = &report.robustness {
        let shares: Vec<String> = decision
            .choices
            .iter()
            .filter_map(|c| c.win_share.map(|s| format!("{} {}", text(c.name), text(&format_share(s)))))
            .collect();
        let verdict = text(&r.verdict);
        let (samples, sigma, seed) = (r.samples, r.sigma, r.seed);
        doc.block(match lang {
            Lang::En => format!(
                "{verdict} Each option's share of {samples} random re-weightings of the criteria (each weight \
                 × exp(σ·N(0, 1)), σ = {sigma}, seed {seed}): {}.{}",
                shares.join(", "),
                r.margin.map(|m| format!(" The margin over the runner-up is {m:.1} points.")).unwrap_or_default()
            ),
            Lang::Ja => format!(
                "{verdict}評価軸の重みを {samples} 通りにランダムに変えた試行（各重み × exp(σ·N(0, 1))、\
                 σ = {sigma}、seed {seed}）で首位になる割合は {} である。{}",
                shares.join("、"),
                r.margin.map(|m| format!("2 位との差は {m:.1} ポイントである。")).unwrap_or_default()
            ),
        });
    }
    if decision.winner().is_some() {
        doc.heading(3, "Consequences");
        decision.consequences(&mut doc);
    }
    doc.heading(3, "Confirmation");
    confirmation(&mut doc, report, &decision);

    doc.heading(2, "Pros and Cons of the Options");
    decision.pros_and_cons(&mut doc);

    doc.heading(2, "More Information");
    if let Some(versus) = versus {
        what_changed(&mut doc, versus);
    }
    more_information(&mut doc, report);
    doc.finish()
}

/// MADR 4's front matter, then the title as the first heading. The people fields stay
/// empty for the review to fill in. Unlike MADR's template, no blank line separates the
/// two: `adr-log` (MADR's own log tool) takes the first line after the front matter as
/// the title, and a blank one gives an empty entry.
fn front_matter_and_title(options: &RenderOptions, title: &str) -> String {
    let mut lines = vec!["---".to_owned(), format!("status: {STATUS}")];
    if let Some(date) = options.date.as_deref().filter(|d| is_iso_date(d)) {
        lines.push(format!("date: {date}"));
    }
    lines.extend(["decision-makers:", "consulted:", "informed:", "---"].map(str::to_owned));
    lines.push(format!("# {title}"));
    lines.join("\n")
}

/// The title: the problem and, when there is one, the solution.
fn title(lang: Lang, winner: Option<&str>, weighted: bool) -> String {
    match (winner, weighted) {
        (Some(name), _) => match lang {
            Lang::En => format!("Use {} as the container platform", text(name)),
            Lang::Ja => format!("コンテナ基盤に {} を採用する", text(name)),
        },
        (None, true) => lang
            .pick(
                "No container platform option meets the hard constraints",
                "ハード制約を満たすコンテナ基盤の選択肢がない",
            )
            .to_owned(),
        (None, false) => lang.pick("Choose a container platform on AWS", "AWS のコンテナ基盤を選ぶ").to_owned(),
    }
}

fn no_option_left(lang: Lang) -> String {
    lang.pick(
        "No option is chosen: every option is excluded by a hard constraint (see Considered Options). Relax \
         one of those constraints, or add a pattern to the rules, and regenerate this record.",
        "採用案はない。すべての選択肢がハード制約により除外された（Considered Options を参照）。\
         制約のいずれかを緩めるか、ルールにパターンを追加してから、このレコードを再生成する。",
    )
    .to_owned()
}

/// One answer: the question, the answer in bold, and whether it was defaulted.
fn answer(lang: Lang, line: &AnswerLine) -> String {
    let default = if line.defaulted { lang.pick(" (default)", "（既定値）") } else { "" };
    format!("{} **{}**{default}", text(&line.question), text(&line.answer))
}

/// `### Confirmation`: the answers the proposal rests on, the defaults it assumes, the
/// nearest weight change that would overturn it, and how to check and re-run it.
fn confirmation(doc: &mut Doc, report: &Report, decision: &Decision<'_>) {
    let lang = decision.lang;
    let t = |en, ja| lang.pick(en, ja);
    let names: Vec<String> =
        [decision.winner(), decision.runner_up()].into_iter().flatten().map(|c| text(c.name)).collect();
    doc.block(match (lang, names.as_slice()) {
        (Lang::En, []) => "Before this record is accepted, confirm the assumptions it rests on. The answers below \
                           fired the rules that excluded options or changed the weights of the criteria."
            .to_owned(),
        (Lang::En, names) => format!(
            "Before this record is accepted, confirm the assumptions it rests on. The answers below fired the \
             rules that excluded options, changed the weights of the criteria, or changed the ratings of {}.",
            markup::join(lang, names)
        ),
        (Lang::Ja, []) => "このレコードを承認する前に、前提を確認する。以下の回答によってルールが適用され、\
                           選択肢が除外されたり評価軸の重みが変わったりした。"
            .to_owned(),
        (Lang::Ja, names) => format!(
            "このレコードを承認する前に、前提を確認する。以下の回答によってルールが適用され、\
             選択肢が除外されたり、評価軸の重みや {} の評価が変わったりした。",
            markup::join(lang, names)
        ),
    });
    let mut items: Vec<String> = deciding_answers(report)
        .into_iter()
        .map(|(line, rules)| {
            let rules: Vec<String> = rules.iter().map(|r| code(r)).collect();
            let default = if line.defaulted { t("default; ", "既定値。") } else { "" };
            let (question, value) = (text(&line.question), text(&line.answer));
            match lang {
                Lang::En if rules.len() == 1 => format!("{question} **{value}** ({default}rule {})", rules[0]),
                Lang::En => format!("{question} **{value}** ({default}rules {})", rules.join(", ")),
                Lang::Ja => format!("{question} **{value}**（{default}適用されたルール：{}）", rules.join("、")),
            }
        })
        .collect();
    if report.answer_lines.iter().any(|l| l.defaulted) {
        items.push(
            t(
                "The answers marked (default) under Context and Problem Statement were not given: confirm them too.",
                "Context and Problem Statement で「（既定値）」とある回答は未回答である。これらも確認する。",
            )
            .to_owned(),
        );
    }
    if let Some(r) = &report.robustness
        && decision.runner_up().is_some()
    {
        items.push(revisit(lang, r.nearest_flip.as_ref()));
    }
    if let Some(winner) = decision.winner() {
        items.push(match lang {
            Lang::En => format!(
                "In the design review, check that the design runs the containers on {} and has an answer to \
                 every Bad point under Consequences.",
                text(winner.name)
            ),
            Lang::Ja => format!(
                "設計レビューでは、コンテナを {} で動かす設計になっていること、\
                 Consequences に挙げた悪い点のそれぞれに対策があることを確かめる。",
                text(winner.name)
            ),
        });
    }
    items.push(
        t(
            "When an answer changes, regenerate this record (see More Information) and compare the two answer \
             files with `container-advisor recommend --answers A.toml --versus B.toml`.",
            "回答が変わったら、このレコードを再生成し（More Information を参照）、\
             `container-advisor recommend --answers A.toml --versus B.toml` で 2 つの回答ファイルを比べる。",
        )
        .to_owned(),
    );
    doc.list(items);
}

/// When to revisit: the nearest single-weight change that makes another option win.
fn revisit(lang: Lang, flip: Option<&FlipReport>) -> String {
    match flip {
        Some(f) => {
            let (factor, to) = (format_factor(f.factor), text(&f.to_name));
            let criterion = match lang {
                Lang::En => text(&markup::lower_first(&f.criterion_name)),
                Lang::Ja => text(&f.criterion_name),
            };
            match (lang, f.direction) {
                (Lang::En, Direction::Raise) => format!(
                    "Revisit the decision if {criterion} becomes {factor}× as important as it is now: {to} would \
                 then win."
                ),
                (Lang::En, Direction::Lower) => format!(
                    "Revisit the decision if {criterion} drops to {factor}× its current importance: {to} would \
                 then win."
                ),
                (Lang::Ja, Direction::Raise) => format!(
                    "「{criterion}」の重要度が現在の {factor} 倍になれば {to} が逆転する。そうなったら判断を見直す。"
                ),
                (Lang::Ja, Direction::Lower) => format!(
                    "「{criterion}」の重要度が現在の {factor} 倍まで下がれば {to} が逆転する。そうなったら判断を見直す。"
                ),
            }
        }
        None => lang
            .pick(
                "No change to the weight of a single criterion makes another option win; revisit the decision \
             when the answers change.",
                "評価軸の重みを 1 つ変えるだけでは首位は入れ替わらない。回答が変わったときに判断を見直す。",
            )
            .to_owned(),
    }
}

/// The answers whose rules excluded an option, changed a weight, or changed a rating
/// of the first two options, in question order, each with those rules in rule order.
fn deciding_answers(report: &Report) -> Vec<(&AnswerLine, Vec<&str>)> {
    let mut deciding: Vec<&str> = Vec::new();
    for p in &report.ranking {
        deciding.extend(p.excluded_because.iter().map(|e| e.rule.as_str()));
    }
    for c in &report.criteria {
        deciding.extend(c.factors.iter().map(|f| f.rule.as_str()));
    }
    for p in report.ranking.iter().filter(|p| !p.excluded).take(2) {
        for score in p.criteria.values() {
            deciding.extend(score.deltas.iter().map(|d| d.rule.as_str()));
        }
    }
    report
        .answer_lines
        .iter()
        .filter_map(|line| {
            let rules: Vec<&str> = report
                .rules_fired
                .iter()
                .filter(|r| deciding.contains(&r.id.as_str()) && r.questions.contains(&line.id))
                .map(|r| r.id.as_str())
                .collect();
            (!rules.is_empty()).then_some((line, rules))
        })
        .collect()
}
