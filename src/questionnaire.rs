//! The questionnaire without a terminal: which questions apply and must be answered,
//! the defaults `--no-input` takes, and the commented answers template. The order of
//! an interactive run (going back, the review, the counter) is [`flow`].
//!
//! The prompts themselves live in the binary (`prompt.rs`); this module decides what
//! to ask and in which order, so both paths agree. Nothing here reads a terminal.

pub mod flow;

use crate::escape::toml_comment;
use std::fmt::Write as _;

use crate::cost::workload::REQUIRED_ANSWERS;
use crate::i18n::Message;
use crate::model::answers::format_number;
use crate::model::condition::holds;
use crate::model::{AnswerValue, Answers, Lang, Question, QuestionKind, RuleSet};
use crate::msg;

pub use crate::model::answers::Completion;
pub use flow::{Ask, Esc, Flow, ReviewItem, Step};

/// The question whose `true` asks for the monthly cost estimate (DESIGN §5).
pub const ESTIMATE_COST: &str = "estimate_cost";

/// True when the question applies: it has no `ask_if`, or its `ask_if` holds.
pub fn applies(question: &Question, answers: &Answers) -> bool {
    question.ask_if.as_ref().is_none_or(|c| holds(c, answers))
}

/// True when `estimate_cost = true` is answered.
pub fn estimating(answers: &Answers) -> bool {
    matches!(answers.get(ESTIMATE_COST), Some(AnswerValue::Bool(true)))
}

/// True for the workload questions the estimate cannot do without (`region`, `tasks`,
/// `task_vcpu`, `task_memory_gib`): `estimate_cost = true` makes them required, and a
/// default does not stand in for them.
pub fn needed_for_estimate(question: &Question) -> bool {
    REQUIRED_ANSWERS.contains(&question.id.as_str())
}

/// True when the question must be answered: it applies and is not optional, or it is
/// [needed for the estimate](needed_for_estimate) and `estimate_cost = true`.
pub fn required(question: &Question, answers: &Answers) -> bool {
    applies(question, answers) && (!question.optional || (needed_for_estimate(question) && estimating(answers)))
}

/// Why some of `missing` must be answered although they are optional: ``(`region`,
/// `tasks` are required when `estimate_cost = true`)``, or `None` when none is.
pub fn estimate_note(rules: &RuleSet, missing: &[String]) -> Option<Message> {
    let needed: Vec<&str> =
        missing.iter().filter(|id| rules.question(id).is_some_and(needed_for_estimate)).map(String::as_str).collect();
    if needed.is_empty() {
        return None;
    }
    let list = Message::list(&needed);
    Some(msg!(
        "{list} are required when `estimate_cost = true`",
        "`estimate_cost = true` のときは {list} が必須です"; list
    ))
}

/// Ids of the questions that must still be answered: unanswered and
/// [required](required), in asking order. Applicability is judged on the answers given
/// so far. A terminal asks these (and the optional questions that apply, see [`Flow`]).
pub fn unanswered(rules: &RuleSet, answers: &Answers) -> Vec<String> {
    rules
        .questions
        .iter()
        .filter(|q| !answers.contains(&q.id) && required(q, answers))
        .map(|q| q.id.to_string())
        .collect()
}

/// Fills every unanswered applicable question with its default (`--no-input`), in
/// asking order, so an `ask_if` sees the defaults taken before it. The answers
/// [needed for the estimate](needed_for_estimate) take no default when
/// `estimate_cost = true`: they are missing.
pub fn complete_with_defaults(rules: &RuleSet, answers: Answers) -> Completion {
    let mut completion = Completion { answers, ..Completion::default() };
    for question in &rules.questions {
        if completion.answers.contains(&question.id) || !applies(question, &completion.answers) {
            continue;
        }
        if needed_for_estimate(question) && estimating(&completion.answers) {
            // The estimate needs the user's figure, not a made-up one.
            completion.missing.push(question.id.to_string());
            continue;
        }
        match &question.default {
            Some(default) => {
                completion.answers.set(question.id.clone(), default.clone());
                completion.defaulted.push(question.id.to_string());
            }
            None if question.optional => {}
            None => completion.missing.push(question.id.to_string()),
        }
    }
    completion
}

/// A commented answers file with every question: questions with a default are filled
/// in, the others are commented out for the user to answer. `--answers` reads it
/// unchanged.
pub fn answers_template(rules: &RuleSet, lang: Lang) -> String {
    let t = |en, ja| lang.pick(en, ja);
    let mut out = String::new();
    let _ = writeln!(out, "# {}", t("container-advisor answers file", "container-advisor 回答ファイル"));
    let _ = writeln!(
        out,
        "# {}",
        t(
            "Lines starting with `#` are comments. Uncomment and answer the questions without a default.",
            "`#` で始まる行はコメントです。既定値のない質問はコメントを外して回答してください。"
        )
    );
    let _ = writeln!(out, "# {}: container-advisor recommend --answers FILE", t("Use", "使い方"));
    for question in &rules.questions {
        // Every line of rule text is its own comment: a text cannot end one and add a key.
        out.push('\n');
        out.push_str(&toml_comment(question.text.get(lang)));
        if let Some(help) = &question.help {
            out.push_str(&toml_comment(help.get(lang)));
        }
        out.push_str(&toml_comment(&allowed(question, lang)));
        if let Some(condition) = &question.ask_if {
            out.push_str(&toml_comment(
                &(t("(only asked when it applies: ", "（条件を満たすときだけ質問する: ").to_owned()
                    + &describe(condition)
                    + t(")", "）")),
            ));
        }
        let when_estimating = question.optional && needed_for_estimate(question);
        match &question.default {
            Some(default) if !when_estimating => {
                let _ = writeln!(out, "{} = {}", question.id, toml_value(default));
            }
            _ => {
                // No value: an example would read as an answer nobody gave.
                let required = if when_estimating {
                    t("required when estimate_cost = true", "estimate_cost = true のとき必須")
                } else if question.optional {
                    t("optional", "省略可")
                } else {
                    t("required", "必須")
                };
                let _ = writeln!(out, "# {} =    # {required}", question.id);
            }
        }
    }
    out
}

fn toml_value(value: &crate::model::AnswerValue) -> String {
    value.to_toml()
}

/// What a question accepts, in words.
pub fn allowed(question: &Question, lang: Lang) -> String {
    let t = |en, ja| lang.pick(en, ja);
    match question.kind {
        QuestionKind::Bool => t("true or false", "true または false").to_owned(),
        QuestionKind::Number => match &question.range {
            Some(r) => {
                let unit = r.unit.as_ref().map(|u| format!(" ({})", u.get(lang))).unwrap_or_default();
                let whole = if r.integer { t(", whole number", "、整数") } else { "" };
                format!("{} {}..{}{unit}{whole}", t("number", "数値"), format_number(r.min), format_number(r.max))
            }
            None => t("number", "数値").to_owned(),
        },
        QuestionKind::Single | QuestionKind::Multi => {
            let options: Vec<String> =
                question.options.iter().map(|o| format!("\"{}\" = {}", o.id, o.label.get(lang))).collect();
            let head = if question.kind == QuestionKind::Single {
                t("one of", "次のいずれか").to_owned()
            } else {
                let max = question.max_choices.unwrap_or(question.options.len());
                format!("{} {max} {}", t("a list of at most", "次から最大"), t("of", "個まで"))
            };
            format!("{head}: {}", options.join(", "))
        }
    }
}

/// A condition in the rule-file syntax, for comments and help.
pub fn describe(condition: &crate::model::Condition) -> String {
    use crate::model::{Comparison, Condition};
    match condition {
        Condition::Is { q, value } => format!("{q} = {}", toml_value(value)),
        Condition::In { q, options } => format!("{q} in [{}]", options.join(", ")),
        Condition::Contains { q, option } => format!("{q} contains {option}"),
        Condition::Compare { q, op, value } => {
            let op = match op {
                Comparison::Gte => ">=",
                Comparison::Gt => ">",
                Comparison::Lte => "<=",
                Comparison::Lt => "<",
            };
            format!("{q} {op} {}", format_number(*value))
        }
        Condition::Answered { q, yes } => format!("{q} {}", if *yes { "answered" } else { "unanswered" }),
        Condition::All(list) if list.is_empty() => "always".to_owned(),
        Condition::All(list) => list.iter().map(describe).collect::<Vec<_>>().join(" and "),
        Condition::Any(list) => format!("({})", list.iter().map(describe).collect::<Vec<_>>().join(" or ")),
        Condition::Not(inner) => format!("not ({})", describe(inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        crate::default_rules().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn estimating_makes_the_workload_required_and_takes_no_default_for_it() {
        let rules = rules();
        let mut answers = Answers::new();
        answers.set(ESTIMATE_COST, AnswerValue::Bool(true));
        answers.set("tasks", AnswerValue::Number(4.0));
        let completion = complete_with_defaults(&rules, answers.clone());
        for id in ["region", "task_vcpu", "task_memory_gib"] {
            assert!(completion.missing.contains(&id.to_owned()), "{id}: {:?}", completion.missing);
        }
        assert!(!completion.missing.contains(&"tasks".to_owned()));
        assert!(completion.defaulted.contains(&"arch".to_owned()), "the other workload answers keep defaults");
        assert!(unanswered(&rules, &answers).contains(&"region".to_owned()));
        let note = estimate_note(&rules, &completion.missing).unwrap_or_else(|| panic!("a note"));
        assert!(note.en.contains("`region`") && note.en.contains("estimate_cost = true"), "{note}");

        // Without the estimate they stay optional and unasked.
        let completion = complete_with_defaults(&rules, Answers::new());
        assert!(!completion.missing.iter().any(|id| id == "region" || id == "task_vcpu"));
        assert!(!completion.answers.contains("task_vcpu"));
    }

    #[test]
    fn the_template_shows_no_made_up_value_as_an_answer() {
        let rules = rules();
        for lang in [Lang::En, Lang::Ja] {
            let template = answers_template(&rules, lang);
            for id in ["region", "tasks", "task_vcpu", "task_memory_gib"] {
                let line = template.lines().find(|l| l.contains(&format!("{id} ="))).unwrap_or_default();
                assert!(line.starts_with(&format!("# {id} =    # ")), "{line}");
                assert!(line.contains("estimate_cost = true"), "{line}");
            }
            let line = template.lines().find(|l| l.contains("k8s_in_use =")).unwrap_or_default();
            assert!(line.starts_with("# k8s_in_use =    # "), "no example value: {line}");
        }
    }
}
