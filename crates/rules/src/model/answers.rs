//! Answers: question id → value, from an answers file, `--set id=value` or the prompts.
//!
//! This module parses and checks answers against the questions of a [`RuleSet`] and
//! writes them back as an answers file. Problems are [`Diagnostic`]s that name the file,
//! line and column (or the flag); nothing here reads files or prompts.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::Spanned;

use crate::diag::FileId;
use crate::diag::toml_message;
use crate::diag::{Code, Diagnostic};
use crate::i18n::Message;
use crate::model::{Lang, Question, QuestionKind, RuleSet};
use crate::msg;
use crate::suggest::did_you_mean;

/// One answer.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    /// `bool` questions.
    Bool(bool),
    /// `number` questions.
    Number(f64),
    /// `single` questions: the option id.
    Choice(String),
    /// `multi` questions: the option ids, in question order.
    Choices(Vec<String>),
}

impl schemars::JsonSchema for AnswerValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnswerValue".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An answer: a bool, a number, an option id, or a list of option ids.",
            "anyOf": [
                { "type": "boolean" },
                { "type": "number" },
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

impl Serialize for AnswerValue {
    /// JSON gets the bare value (`true`, `12`, `"spiky"`, `["cost"]`); a binary form
    /// (the embedded rules, `embedded`) gets the variant too, which it needs to read the
    /// value back.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return Tagged::from(self).serialize(serializer);
        }
        match self {
            AnswerValue::Bool(b) => serializer.serialize_bool(*b),
            AnswerValue::Number(n) => match whole_number(*n) {
                Some(i) => serializer.serialize_i64(i),
                None => serializer.serialize_f64(*n),
            },
            AnswerValue::Choice(s) => serializer.serialize_str(s),
            AnswerValue::Choices(v) => v.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    /// Reads the binary form only: answers files are read by [`Answers::from_toml`],
    /// which checks every value against its question.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Tagged::deserialize(deserializer).map(Into::into)
    }
}

/// [`AnswerValue`] with its variant, for binary forms.
#[derive(Serialize, Deserialize)]
enum Tagged<'a> {
    Bool(bool),
    Number(f64),
    Choice(Cow<'a, str>),
    Choices(Vec<Cow<'a, str>>),
}

impl<'a> From<&'a AnswerValue> for Tagged<'a> {
    fn from(value: &'a AnswerValue) -> Self {
        match value {
            AnswerValue::Bool(b) => Tagged::Bool(*b),
            AnswerValue::Number(n) => Tagged::Number(*n),
            AnswerValue::Choice(s) => Tagged::Choice(Cow::Borrowed(s)),
            AnswerValue::Choices(v) => Tagged::Choices(v.iter().map(|s| Cow::Borrowed(s.as_str())).collect()),
        }
    }
}

impl From<Tagged<'_>> for AnswerValue {
    fn from(value: Tagged<'_>) -> Self {
        match value {
            Tagged::Bool(b) => AnswerValue::Bool(b),
            Tagged::Number(n) => AnswerValue::Number(n),
            Tagged::Choice(s) => AnswerValue::Choice(s.into_owned()),
            Tagged::Choices(v) => AnswerValue::Choices(v.into_iter().map(Cow::into_owned).collect()),
        }
    }
}

/// `Some(i)` when `n` is a whole number that an `i64` holds exactly.
fn whole_number(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

impl AnswerValue {
    /// The value as a user would type it after `--set id=`.
    pub fn display(&self) -> String {
        match self {
            AnswerValue::Bool(b) => b.to_string(),
            AnswerValue::Number(n) => format_number(*n),
            AnswerValue::Choice(s) => s.clone(),
            AnswerValue::Choices(v) => v.join(","),
        }
    }

    /// The value in the words of the question's options, in one language.
    pub fn label(&self, question: &Question, lang: Lang) -> String {
        let label = |id: &str| question.option(id).map_or(id.to_owned(), |o| o.label.get(lang).to_owned());
        match self {
            AnswerValue::Bool(b) => {
                lang.pick(if *b { "yes" } else { "no" }, if *b { "はい" } else { "いいえ" }).to_owned()
            }
            AnswerValue::Number(n) => {
                let unit = question.range.as_ref().and_then(|r| r.unit.as_ref());
                match unit {
                    Some(unit) => format!("{} {}", format_number(*n), unit_for(*n, unit.get(lang))),
                    None => format_number(*n),
                }
            }
            AnswerValue::Choice(s) => label(s),
            AnswerValue::Choices(v) if v.is_empty() => lang.pick("(none)", "（なし）").to_owned(),
            AnswerValue::Choices(v) => v.iter().map(|s| label(s)).collect::<Vec<_>>().join(", "),
        }
    }

    /// As a TOML value, for writing answers files.
    pub fn to_toml(&self) -> String {
        match self {
            AnswerValue::Bool(b) => b.to_string(),
            AnswerValue::Number(n) => format_number(*n),
            AnswerValue::Choice(s) => toml_string(s),
            AnswerValue::Choices(v) => {
                format!("[{}]", v.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "))
            }
        }
    }
}

/// A number without a trailing `.0` when it is whole.
pub fn format_number(n: f64) -> String {
    match whole_number(n) {
        Some(i) => i.to_string(),
        None => n.to_string(),
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A user's answers, by question id. Sorted, so output is stable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, AnswerValue>);

impl Answers {
    /// No answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// The answer to a question.
    pub fn get(&self, id: &str) -> Option<&AnswerValue> {
        self.0.get(id)
    }

    /// Sets (or replaces) an answer.
    pub fn set(&mut self, id: impl Into<String>, value: AnswerValue) {
        self.0.insert(id.into(), value);
    }

    /// Removes the answer to a question, if any.
    pub fn remove(&mut self, id: &str) -> Option<AnswerValue> {
        self.0.remove(id)
    }

    /// True when the question has an answer.
    pub fn contains(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Every answer, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of answers.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when nothing is answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds every answer of `other`, replacing answers to the same questions.
    pub fn extend(&mut self, other: Answers) {
        self.0.extend(other.0);
    }

    /// Parses an answers file (flat TOML, `id = value`), checking every key and value
    /// against the questions. Every problem is reported, with its position.
    pub fn from_toml(text: &str, file: FileId, rules: &RuleSet) -> Result<Self, Vec<Diagnostic>> {
        // One parse gives every key and value with its span.
        let entries: BTreeMap<Spanned<String>, Spanned<toml::Value>> = match toml::from_str(text) {
            Ok(entries) => entries,
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                return Err(vec![Diagnostic::error(Code::InvalidToml, toml_message(&err)).at(file, span)]);
            }
        };
        let mut answers = Answers::new();
        let mut problems = Vec::new();
        for (key, value) in &entries {
            let id = key.get_ref().as_str();
            let key_span = key.span();
            let value_span = value.span();
            let toml_value = value.get_ref();
            let Some(question) = rules.question(id) else {
                let known: Vec<&str> = rules.questions.iter().map(|q| q.id.as_str()).collect();
                let mut diag =
                    Diagnostic::error(Code::UnknownQuestion, msg!("unknown question `{id}`", "不明な質問 `{id}`"))
                        .at(file, key_span);
                diag = diag.with_help(match did_you_mean(id, &known) {
                    Some(near) => msg!(
                        "did you mean `{near}`? (`container-advisor questions` lists them all)",
                        "`{near}` の誤りではありませんか？（質問の一覧は `container-advisor questions` で確認できます）"
                    ),
                    None => lists_questions(),
                });
                problems.push(diag);
                continue;
            };
            match value_from_toml(question, toml_value) {
                Ok(value) => answers.set(id, value),
                Err(diag) => problems.push(diag.at(file, value_span)),
            }
        }
        if problems.is_empty() {
            Ok(answers)
        } else {
            // In file order, not key order.
            crate::diag::sort(&mut problems);
            Err(problems)
        }
    }

    /// Parses `--set id=value` arguments. Diagnostics name the flag.
    pub fn from_assignments<S: AsRef<str>>(assignments: &[S], rules: &RuleSet) -> Result<Self, Vec<Diagnostic>> {
        let mut answers = Answers::new();
        let mut problems = Vec::new();
        for assignment in assignments {
            let assignment = assignment.as_ref();
            let Some((id, raw)) = assignment.split_once('=') else {
                problems.push(
                    Diagnostic::error(
                        Code::InvalidAnswer,
                        msg!("`--set {assignment}` has no `=`", "`--set {assignment}` に `=` がありません"),
                    )
                    .with_help(msg!(
                        "write `--set id=value`, e.g. `--set gpu=false`",
                        "`--set id=value` の形で書いてください（例: `--set gpu=false`）"
                    )),
                );
                continue;
            };
            let id = id.trim();
            let Some(question) = rules.question(id) else {
                let known: Vec<&str> = rules.questions.iter().map(|q| q.id.as_str()).collect();
                let help = did_you_mean(id, &known).map_or_else(lists_questions, |near| {
                    msg!("did you mean `{near}`?", "`{near}` の誤りではありませんか？")
                });
                problems.push(
                    Diagnostic::error(
                        Code::UnknownQuestion,
                        msg!(
                            "`--set {assignment}`: unknown question `{id}`",
                            "`--set {assignment}`: 不明な質問 `{id}`"
                        ),
                    )
                    .with_help(help),
                );
                continue;
            };
            match value_from_flag(question, raw.trim()) {
                Ok(value) => answers.set(id, value),
                Err(diag) => {
                    let problem = &diag.message;
                    let message = msg!("`--set {assignment}`: {problem}", "`--set {assignment}`: {problem}"; problem);
                    problems.push(Diagnostic { message, ..*diag });
                }
            }
        }
        if problems.is_empty() { Ok(answers) } else { Err(problems) }
    }

    /// Writes the answers as an answers file that `--answers` reads back unchanged,
    /// in question order, with each question as a comment.
    pub fn to_toml(&self, rules: &RuleSet, lang: Lang) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}", lang.pick("container-advisor answers", "container-advisor の回答"));
        for question in &rules.questions {
            if let Some(value) = self.get(&question.id) {
                out.push('\n');
                out.push_str(&crate::escape::toml_comment(question.text.get(lang)));
                let _ = writeln!(out, "{} = {}", question.id, value.to_toml());
            }
        }
        out
    }
}

/// Checks one TOML value against its question.
fn value_from_toml(question: &Question, value: &toml::Value) -> Result<AnswerValue, Box<Diagnostic>> {
    let value = match (question.kind, value) {
        (QuestionKind::Bool, toml::Value::Boolean(b)) => AnswerValue::Bool(*b),
        (QuestionKind::Number, toml::Value::Integer(i)) => AnswerValue::Number(*i as f64),
        (QuestionKind::Number, toml::Value::Float(f)) => AnswerValue::Number(*f),
        (QuestionKind::Single, toml::Value::String(s)) => AnswerValue::Choice(s.clone()),
        (QuestionKind::Multi, toml::Value::Array(items)) => {
            let mut ids = Vec::new();
            for item in items {
                match item {
                    toml::Value::String(s) => ids.push(s.clone()),
                    _ => return Err(expected(question)),
                }
            }
            AnswerValue::Choices(ids)
        }
        _ => return Err(expected(question)),
    };
    check_value(question, value)
}

/// Parses the text after `--set id=` by the question's kind.
fn value_from_flag(question: &Question, raw: &str) -> Result<AnswerValue, Box<Diagnostic>> {
    let value = match question.kind {
        QuestionKind::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" => AnswerValue::Bool(true),
            "false" | "no" | "n" => AnswerValue::Bool(false),
            _ => return Err(expected(question)),
        },
        QuestionKind::Number => match raw.parse::<f64>() {
            Ok(n) => AnswerValue::Number(n),
            Err(_) => return Err(expected(question)),
        },
        QuestionKind::Single => AnswerValue::Choice(option_id(question, raw)),
        QuestionKind::Multi => AnswerValue::Choices(
            raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| option_id(question, s)).collect(),
        ),
    };
    check_value(question, value)
}

/// The option a flag names: by id, else by its label in either language, ignoring
/// case (`--set traffic="Daily cycle"`). Anything else is returned as given, for
/// [`check_value`] to reject with a suggestion.
fn option_id(question: &Question, raw: &str) -> String {
    if question.option(raw).is_some() {
        return raw.to_owned();
    }
    let wanted = raw.to_lowercase();
    question
        .options
        .iter()
        .find(|o| o.label.en.to_lowercase() == wanted || o.label.ja.to_lowercase() == wanted)
        .map_or_else(|| raw.to_owned(), |o| o.id.to_string())
}

/// The option id a mistaken value most likely meant: a near id, a near label, or the
/// one option whose label contains it as a word (`tokyo` → `ap-northeast-1`, from
/// "Asia Pacific (Tokyo)").
fn likely_option<'q>(question: &'q Question, choice: &str) -> Option<&'q str> {
    let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
    if let Some(near) = did_you_mean(choice, &ids) {
        return Some(near);
    }
    let wanted = choice.to_lowercase();
    let labels: Vec<String> = question.options.iter().map(|o| o.label.en.to_lowercase()).collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    if let Some(near) = did_you_mean(&wanted, &label_refs) {
        return label_refs.iter().position(|l| *l == near).map(|i| ids[i]);
    }
    if wanted.len() < 3 {
        return None;
    }
    let is_word = |label: &str| {
        label
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == wanted || (wanted.contains(' ') && label.contains(wanted.as_str())))
    };
    let matches: Vec<usize> =
        (0..labels.len()).filter(|&i| is_word(&labels[i]) || question.options[i].label.ja.contains(choice)).collect();
    match matches.as_slice() {
        [only] => Some(ids[*only]),
        _ => None,
    }
}

/// Checks options, ranges and counts; puts multi choices in question order.
/// Errors are boxed: a [`Diagnostic`] holds two languages and is large.
pub(crate) fn check_value(question: &Question, value: AnswerValue) -> Result<AnswerValue, Box<Diagnostic>> {
    let id = &question.id;
    match value {
        AnswerValue::Choice(ref choice) => {
            if question.option(choice).is_none() {
                return Err(unknown_option(question, choice));
            }
            Ok(value)
        }
        AnswerValue::Choices(choices) => {
            for (i, choice) in choices.iter().enumerate() {
                if question.option(choice).is_none() {
                    return Err(unknown_option(question, choice));
                }
                // The same in a file (`["cost", "cost"]`) and in `--set` (`cost,cost`).
                if choices[..i].contains(choice) {
                    return Err(Box::new(Diagnostic::error(
                        Code::InvalidAnswer,
                        msg!(
                            "`{id}` names `{choice}` twice; name each choice once",
                            "`{id}` に `{choice}` が二回あります。各選択肢は一回だけ指定してください"
                        ),
                    )));
                }
            }
            if let Some(max) = question.max_choices
                && choices.len() > max
            {
                let got = choices.len();
                return Err(Box::new(Diagnostic::error(
                    Code::OutOfRange,
                    msg!(
                        "`{id}` takes at most {max} choices, got {got}",
                        "`{id}` に選べるのは {max} 個までです（指定: {got} 個）"
                    ),
                )));
            }
            let ordered: Vec<String> = question
                .options
                .iter()
                .filter(|o| choices.iter().any(|c| *c == o.id))
                .map(|o| o.id.to_string())
                .collect();
            Ok(AnswerValue::Choices(ordered))
        }
        AnswerValue::Number(n) => {
            let Some(range) = &question.range else { return Ok(value) };
            if !n.is_finite() || n < range.min || n > range.max {
                let (min, max, got) = (format_number(range.min), format_number(range.max), format_number(n));
                return Err(Box::new(Diagnostic::error(
                    Code::OutOfRange,
                    msg!(
                        "`{id}` must be between {min} and {max}, got {got}",
                        "`{id}` は {min} から {max} の範囲で指定してください（指定値: {got}）"
                    ),
                )));
            }
            if range.integer && n.fract() != 0.0 {
                return Err(Box::new(Diagnostic::error(
                    Code::OutOfRange,
                    msg!("`{id}` must be a whole number, got {n}", "`{id}` には整数を指定してください（指定値: {n}）"),
                )));
            }
            Ok(value)
        }
        AnswerValue::Bool(_) => Ok(value),
    }
}

/// `` `container-advisor questions` lists the questions ``, in both languages.
fn lists_questions() -> Message {
    msg!(
        "`container-advisor questions` lists the questions",
        "質問の一覧は `container-advisor questions` で確認できます"
    )
}

/// ``allowed: `a`, `b` `` or ``did you mean `a`? allowed: `a`, `b` ``, in both languages.
pub(crate) fn allowed_help(choice: &str, ids: &[&str]) -> Message {
    let known = Message::list(ids);
    match did_you_mean(choice, ids) {
        Some(near) => msg!(
            "did you mean `{near}`? allowed: {known}",
            "`{near}` の誤りではありませんか？ 指定できる値: {known}"; known
        ),
        None => msg!("allowed: {known}", "指定できる値: {known}"; known),
    }
}

fn unknown_option(question: &Question, choice: &str) -> Box<Diagnostic> {
    let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
    let qid = &question.id;
    let help = match likely_option(question, choice) {
        Some(near) => {
            let known = Message::list(&ids);
            msg!(
                "did you mean `{near}`? allowed: {known}",
                "`{near}` の誤りではありませんか？ 指定できる値: {known}"; known
            )
        }
        None => allowed_help(choice, &ids),
    };
    Diagnostic::error(
        Code::UnknownOption,
        msg!("`{choice}` is not an option of `{qid}`", "`{choice}` は `{qid}` の選択肢にありません"),
    )
    .with_help(help)
    .into()
}

fn expected(question: &Question) -> Box<Diagnostic> {
    let id = &question.id;
    let quoted: Vec<String> = question.options.iter().map(|o| format!("\"{}\"", o.id)).collect();
    let options = Message::list(&quoted);
    let message = match question.kind {
        QuestionKind::Bool => {
            msg!("`{id}` expects `true` or `false`", "`{id}` には `true` か `false` を指定してください")
        }
        QuestionKind::Number => match &question.range {
            Some(r) => {
                let (min, max) = (format_number(r.min), format_number(r.max));
                msg!(
                    "`{id}` expects a number from {min} to {max}",
                    "`{id}` には {min} から {max} の数値を指定してください"
                )
            }
            None => msg!("`{id}` expects a number", "`{id}` には数値を指定してください"),
        },
        QuestionKind::Single => {
            msg!("`{id}` expects one of {options}", "`{id}` には {options} のいずれかを指定してください"; options)
        }
        QuestionKind::Multi => {
            let max = question.max_choices.unwrap_or(question.options.len());
            msg!(
                "`{id}` expects a list of up to {max} of {options}",
                "`{id}` には {options} から最大 {max} 個を選んだリストを指定してください"; options
            )
        }
    };
    Box::new(Diagnostic::error(Code::TypeMismatch, message))
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

/// A unit as it reads after the number `n`: an English plural count noun of the rules
/// (`tasks`, `clusters`) loses its `s` after exactly 1 ("1 cluster"); symbols (`GiB`,
/// `vCPU`, `%`) and Japanese, which has no plural, stay as written.
pub fn unit_for(n: f64, unit: &str) -> std::borrow::Cow<'_, str> {
    let plural_word =
        unit.len() > 2 && unit.bytes().all(|b| b.is_ascii_lowercase()) && unit.ends_with('s') && !unit.ends_with("ss");
    if n == 1.0 && plural_word {
        std::borrow::Cow::Borrowed(&unit[..unit.len() - 1])
    } else {
        std::borrow::Cow::Borrowed(unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        crate::testing::default_rules_from_toml()
    }

    #[test]
    fn set_takes_an_option_label_in_either_language_ignoring_case() {
        let rules = rules();
        let answers = Answers::from_assignments(
            &["traffic=daily CYCLE", "region=アジアパシフィック (東京)", "priorities=Cost,learning cost"],
            &rules,
        )
        .unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(answers.get("traffic"), Some(&AnswerValue::Choice("variable".into())));
        assert_eq!(answers.get("region"), Some(&AnswerValue::Choice("ap-northeast-1".into())));
        assert_eq!(answers.get("priorities"), Some(&AnswerValue::Choices(vec!["cost".into(), "learning".into()])));
    }

    #[test]
    fn a_region_name_suggests_its_code() {
        let rules = rules();
        for (given, code) in [("tokyo", "ap-northeast-1"), ("Virginia", "us-east-1"), ("東京", "ap-northeast-1")] {
            let problems = Answers::from_assignments(&[format!("region={given}")], &rules)
                .err()
                .unwrap_or_else(|| panic!("{given}"));
            let help = problems[0].help.as_ref().map(|h| h.en.clone()).unwrap_or_default();
            assert!(help.starts_with(&format!("did you mean `{code}`?")), "{given}: {help}");
        }
    }

    #[test]
    fn a_count_of_one_takes_the_singular_unit() {
        assert_eq!(super::unit_for(1.0, "clusters"), "cluster");
        assert_eq!(super::unit_for(2.0, "clusters"), "clusters");
        assert_eq!(super::unit_for(1.0, "GiB"), "GiB");
        assert_eq!(super::unit_for(1.0, "vCPU"), "vCPU");
        assert_eq!(super::unit_for(1.0, "クラスター"), "クラスター");
        assert_eq!(super::unit_for(1.5, "tasks"), "tasks");
    }
}
