//! The questionnaire without a terminal: which questions still need an answer, the
//! defaults `--no-input` takes, and the commented answers template.
//!
//! The prompts themselves live in the binary (`prompt.rs`); this module decides what
//! to ask and in which order, so both paths agree.

use crate::escape::toml_comment;
use std::fmt::Write as _;

use crate::engine::holds;
use crate::model::answers::format_number;
use crate::model::{Answers, Lang, Question, QuestionKind, RuleSet};

/// True when the question applies: it has no `ask_if`, or its `ask_if` holds.
pub fn applies(question: &Question, answers: &Answers) -> bool {
    question.ask_if.as_ref().is_none_or(|c| holds(c, answers))
}

/// The outcome of filling in answers without asking.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Completion {
    /// Answers given plus the defaults taken.
    pub answers: Answers,
    /// Ids of the answers that took their default, in question order.
    pub defaulted: Vec<String>,
    /// Ids of required questions with neither an answer nor a default.
    pub missing: Vec<String>,
}

/// Ids of the questions a terminal would still ask: unanswered and applicable, in
/// asking order. Applicability is judged on the answers given so far.
pub fn unanswered(rules: &RuleSet, answers: &Answers) -> Vec<String> {
    rules
        .questions
        .iter()
        .filter(|q| !answers.contains(&q.id) && !q.optional && applies(q, answers))
        .map(|q| q.id.clone())
        .collect()
}

/// Fills every unanswered applicable question with its default (`--no-input`), in
/// asking order, so an `ask_if` sees the defaults taken before it.
pub fn complete_with_defaults(rules: &RuleSet, answers: Answers) -> Completion {
    let mut completion = Completion { answers, ..Completion::default() };
    for question in &rules.questions {
        if completion.answers.contains(&question.id) || !applies(question, &completion.answers) {
            continue;
        }
        match &question.default {
            Some(default) => {
                completion.answers.set(question.id.clone(), default.clone());
                completion.defaulted.push(question.id.clone());
            }
            None if question.optional => {}
            None => completion.missing.push(question.id.clone()),
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
            "`#` で始まる行はコメント。既定値のない質問はコメントを外して回答すること。"
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
        match &question.default {
            Some(default) => {
                let _ = writeln!(out, "{} = {}", question.id, toml_value(default));
            }
            None => {
                let example = match question.kind {
                    QuestionKind::Single => format!("\"{}\"", question.options.first().map_or("", |o| o.id.as_str())),
                    QuestionKind::Multi => "[]".to_owned(),
                    QuestionKind::Bool => "false".to_owned(),
                    QuestionKind::Number => question.range.as_ref().map_or("1".to_owned(), |r| format_number(r.min)),
                };
                let required = if question.optional { t("optional", "省略可") } else { t("required", "必須") };
                let _ = writeln!(out, "# {} = {example}   # {required}", question.id);
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
