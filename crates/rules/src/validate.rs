//! `Raw*` → validated model: applies the overlay, resolves every id and checks every
//! invariant, collecting all problems as [`Diagnostic`]s.
//!
//! Validation never stops at the first problem: it reports everything it can find,
//! sorted by file and position. It reads no files (see `load`) and scores nothing.

mod condition;
mod cost_recipe;
pub mod limits;
mod merge;
mod pricing;
mod sources;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use crate::diag::FileId;
use crate::diag::{self, Code, Diagnostic};
use crate::i18n::Message;
use crate::load::RuleSources;
use crate::model::answers::check_value;
use crate::model::raw::{RawCriterion, RawPattern, RawQuestion, RawRating, RawRule, RawText};
use crate::model::{
    AnswerValue, Catalogue, Criterion, Effect, Hosts, NumberRange, Pattern, Question, QuestionKind, QuestionOption,
    Rating, Rule, RuleSet, Str, Text,
};
use crate::msg;
use crate::suggest::did_you_mean;

use condition::{ConditionChecker, Reads};
use merge::{Entry, merge};

/// Questions whose options the cost model reads, so they count as read even when no
/// rule mentions them.
const READ_BY_COST_MODEL: &[&str] = &["region", "arch", "purchase"];

/// The outcome of validation: the rule set if there were no errors, and every
/// diagnostic (errors and warnings), sorted.
#[derive(Debug)]
pub struct Validated {
    /// `Some` when no error was found.
    pub rules: Option<RuleSet>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates loaded rule sources into a [`RuleSet`].
pub fn validate(sources: &RuleSources) -> Validated {
    let mut v = Validator { diagnostics: sources.diagnostics.clone(), catalogue: Catalogue::default() };
    let rules = v.run(sources);
    let mut diagnostics = v.diagnostics;
    diag::sort(&mut diagnostics);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    Validated { rules: rules.filter(|_| ok), diagnostics }
}

/// Checks that an id is lowercase ASCII letters, digits, `-` and `_`.
fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

pub(crate) struct Validator {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The source catalogue, built first so that every `source` can be checked.
    catalogue: Catalogue,
}

impl Validator {
    fn run(&mut self, sources: &RuleSources) -> Option<RuleSet> {
        let files = &sources.files;
        limits::check(files, &mut self.diagnostics);
        self.catalogue = self.catalogue(files);
        let patterns =
            merge(files, |f| &f.pattern, |p: &RawPattern| p.id.clone(), &noun::pattern(), &mut self.diagnostics);
        let criteria =
            merge(files, |f| &f.criterion, |c: &RawCriterion| c.id.clone(), &noun::criterion(), &mut self.diagnostics);
        let questions =
            merge(files, |f| &f.question, |q: &RawQuestion| q.id.clone(), &noun::question(), &mut self.diagnostics);
        let ratings = merge(
            files,
            |f| &f.rating,
            |r: &RawRating| {
                let span = r.pattern.span().start..r.criterion.span().end.max(r.pattern.span().end);
                Spanned::new(span, format!("{}/{}", r.pattern.get_ref(), r.criterion.get_ref()))
            },
            &msg!("rating", "評価"),
            &mut self.diagnostics,
        );
        let rules = merge(files, |f| &f.rule, |r: &RawRule| r.id.clone(), &noun::rule(), &mut self.diagnostics);

        let raw_patterns = patterns;
        let patterns: Vec<Pattern> = raw_patterns.iter().filter_map(|e| self.pattern(e)).collect();
        let criteria: Vec<Criterion> = criteria.iter().filter_map(|e| self.criterion(e)).collect();
        for (message, empty) in [
            (msg!("the rule set defines no patterns", "ルールセットにパターンが一つもありません"), patterns.is_empty()),
            (msg!("the rule set defines no criteria", "ルールセットに評価軸が一つもありません"), criteria.is_empty()),
            (msg!("the rule set defines no questions", "ルールセットに質問が一つもありません"), questions.is_empty()),
        ] {
            if empty {
                self.diagnostics.push(Diagnostic::error(Code::EmptyRuleSet, message));
            }
        }

        let mut built_questions: Vec<Question> = questions.iter().filter_map(|e| self.question_shape(e)).collect();
        let ratings = self.ratings(&ratings, &patterns, &criteria);

        let mut reads = Reads::default();
        // Conditions may refer to any question, so shapes are built first.
        let mut checker = ConditionChecker { questions: &built_questions, patterns: &patterns, criteria: &criteria };
        let mut ask_ifs = Vec::new();
        for entry in &questions {
            let condition = entry
                .item
                .get_ref()
                .ask_if
                .as_ref()
                .and_then(|c| checker.condition(self, entry.file, c, 0, &mut reads));
            ask_ifs.push((entry.item.get_ref().id.get_ref().clone(), condition));
        }
        let built_rules: Vec<Rule> = rules.iter().filter_map(|e| self.rule(e, &mut checker, &mut reads)).collect();
        for question in &mut built_questions {
            if let Some((_, condition)) = ask_ifs.iter().find(|(id, _)| *id == question.id) {
                question.ask_if.clone_from(condition);
            }
        }
        self.unused_options(&questions, &reads);
        let pricing = self.pricing(files, &questions);
        if let Some(pricing) = &pricing {
            self.cost_recipe_keys(&raw_patterns, pricing);
        }

        let ratings = ratings?;
        Some(RuleSet {
            patterns,
            criteria,
            ratings,
            questions: built_questions,
            rules: built_rules,
            pricing: pricing.into(),
            sources: std::mem::take(&mut self.catalogue),
            digest: sources.digest().into(),
        })
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn error(&mut self, code: Code, file: FileId, span: Range<usize>, message: Message) {
        self.push(Diagnostic::error(code, message).at(file, span));
    }

    fn id(&mut self, file: FileId, id: &Spanned<String>, what: &Message) {
        if !is_valid_id(id.get_ref()) {
            let value = id.get_ref();
            self.error(
                Code::InvalidId,
                file,
                id.span(),
                msg!(
                    "{what} id `{value}` must use lowercase letters, digits, `-` and `_`",
                    "{what}の ID `{value}` には英小文字、数字、`-`、`_` だけを使ってください"; what
                ),
            );
        }
    }

    /// Both languages of a text, or `missing-translation` errors.
    pub(crate) fn text(&mut self, file: FileId, text: &Spanned<RawText>, what: &Message) -> Option<Text> {
        let raw = text.get_ref();
        let mut get = |lang: &str, value: &Option<Spanned<String>>| match value {
            Some(v) if !v.get_ref().trim().is_empty() => Some(v.get_ref().clone()),
            Some(v) => {
                self.error(
                    Code::MissingTranslation,
                    file,
                    v.span(),
                    msg!("{what}: the `{lang}` text is empty", "{what}: `{lang}` のテキストが空です"; what),
                );
                None
            }
            None => {
                self.error(
                    Code::MissingTranslation,
                    file,
                    text.span(),
                    msg!("{what}: the `{lang}` text is missing", "{what}: `{lang}` のテキストがありません"; what),
                );
                None
            }
        };
        let en = get("en", &raw.en);
        let ja = get("ja", &raw.ja);
        Some(Text::new(en?, ja?))
    }

    /// The source of a rating or rule, or a `missing-source` error.
    pub(crate) fn source(
        &mut self,
        file: FileId,
        source: Option<&Spanned<String>>,
        at: Range<usize>,
        what: &Message,
    ) -> Option<Str> {
        match source {
            Some(s) if !s.get_ref().trim().is_empty() => {
                sources::check_citations(&mut self.diagnostics, &self.catalogue, file, s);
                Some(s.get_ref().as_str().into())
            }
            Some(s) => {
                self.error(
                    Code::MissingSource,
                    file,
                    s.span(),
                    msg!("{what} has an empty `source`", "{what} の `source` が空です"; what),
                );
                None
            }
            None => {
                self.push(
                    Diagnostic::error(
                        Code::MissingSource,
                        msg!("{what} does not cite a `source`", "{what} に出典（`source`）がありません"; what),
                    )
                    .at(file, at)
                    .with_help(msg!(
                        "add `source = \"<id> §<section>\"` citing a `[[source]]` entry of the catalogue",
                        "出典カタログの `[[source]]` を指す `source = \"<id> §<section>\"` を書いてください"
                    )),
                );
                None
            }
        }
    }

    fn pattern(&mut self, entry: &Entry<'_, RawPattern>) -> Option<Pattern> {
        let raw = entry.item.get_ref();
        self.id(entry.file, &raw.id, &noun::pattern());
        let id = raw.id.get_ref();
        let what = msg!("pattern `{id}`", "パターン `{id}`");
        let name = self.text(entry.file, &raw.name, &what);
        let summary = self.text(entry.file, &raw.summary, &what);
        // A broken recipe is reported; the pattern stays, so ratings still resolve.
        let cost = raw.cost.as_ref().and_then(|recipe| self.cost_recipe(entry.file, recipe, &what));
        Some(Pattern {
            id: raw.id.get_ref().as_str().into(),
            name: name?,
            orchestrator: raw.orchestrator,
            capacity: raw.capacity,
            hosts: raw.hosts.unwrap_or(Hosts::default_for(raw.capacity)),
            summary: summary?,
            cost,
        })
    }

    fn criterion(&mut self, entry: &Entry<'_, RawCriterion>) -> Option<Criterion> {
        let raw = entry.item.get_ref();
        self.id(entry.file, &raw.id, &noun::criterion());
        let id = raw.id.get_ref();
        let what = msg!("criterion `{id}`", "評価軸 `{id}`");
        let name = self.text(entry.file, &raw.name, &what);
        let description = self.text(entry.file, &raw.description, &what);
        let weight = raw.weight.as_ref().map_or(1.0, |w| *w.get_ref());
        if !(weight.is_finite() && weight >= 0.0) {
            let span = raw.weight.as_ref().map_or(entry.item.span(), Spanned::span);
            self.error(
                Code::OutOfRange,
                entry.file,
                span,
                msg!(
                    "{what}: weight must be a number >= 0, got {weight}",
                    "{what}: 重みには 0 以上の数値を指定してください（指定値: {weight}）"; what
                ),
            );
        }
        Some(Criterion { id: raw.id.get_ref().as_str().into(), name: name?, description: description?, weight })
    }

    fn question_shape(&mut self, entry: &Entry<'_, RawQuestion>) -> Option<Question> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let id = raw.id.get_ref().clone();
        self.id(file, &raw.id, &noun::question());
        let what = msg!("question `{id}`", "質問 `{id}`");
        let text = self.text(file, &raw.text, &what);
        let help = raw.help.as_ref().and_then(|h| self.text(file, h, &what));
        let kind = *raw.kind.get_ref();
        let mut options = Vec::new();
        let mut seen = BTreeSet::new();
        for option in &raw.options {
            let o = option.get_ref();
            self.id(file, &o.id, &msg!("option", "選択肢"));
            let option = o.id.get_ref();
            if !seen.insert(option.clone()) {
                self.error(
                    Code::DuplicateId,
                    file,
                    o.id.span(),
                    msg!("{what}: option `{option}` is defined twice", "{what}: 選択肢 `{option}` が二重に定義されています"; what),
                );
            }
            let label_of = msg!("{what}, option `{option}`", "{what} の選択肢 `{option}`"; what);
            if let Some(label) = self.text(file, &o.label, &label_of) {
                options.push(QuestionOption { id: o.id.get_ref().as_str().into(), label });
            }
        }
        let has_choices = matches!(kind, QuestionKind::Single | QuestionKind::Multi);
        if has_choices && raw.options.is_empty() {
            self.error(Code::TypeMismatch, file, raw.kind.span(), {
                let kind = kind.as_str();
                msg!("{what} is `{kind}` but has no `options`", "{what} は `{kind}` なのに `options` がありません"; what)
            });
        }
        if !has_choices && !raw.options.is_empty() {
            self.error(Code::TypeMismatch, file, raw.kind.span(), {
                let kind = kind.as_str();
                msg!(
                    "{what} is `{kind}` and cannot have `options`",
                    "{what} は `{kind}` なので `options` を持てません"; what
                )
            });
        }
        let max_choices = match (&raw.max_choices, kind) {
            (Some(m), QuestionKind::Multi) => {
                let value = *m.get_ref();
                if value < 1 || value as usize > raw.options.len().max(1) {
                    self.error(
                        Code::OutOfRange,
                        file,
                        m.span(),
                        msg!(
                            "{what}: `max_choices` must be from 1 to the number of options",
                            "{what}: `max_choices` は 1 から選択肢の数までの範囲で指定してください"; what
                        ),
                    );
                }
                Some(usize::try_from(value).unwrap_or(0))
            }
            (Some(m), _) => {
                self.error(
                    Code::TypeMismatch,
                    file,
                    m.span(),
                    msg!(
                        "{what}: only `multi` questions take `max_choices`",
                        "{what}: `max_choices` を指定できるのは `multi` の質問だけです"; what
                    ),
                );
                None
            }
            (None, _) => None,
        };
        let range = self.number_range(entry, kind, &what);
        let mut question = Question {
            id: id.into(),
            kind,
            text: text?,
            help,
            options,
            max_choices,
            range,
            default: None,
            optional: raw.optional,
            ask_if: None,
        };
        if let Some(default) = &raw.default {
            question.default = self.default_value(file, &question, default);
        }
        Some(question)
    }

    fn number_range(
        &mut self,
        entry: &Entry<'_, RawQuestion>,
        kind: QuestionKind,
        what: &Message,
    ) -> Option<NumberRange> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        if kind != QuestionKind::Number {
            for (field, present) in [
                ("min", raw.min.is_some()),
                ("max", raw.max.is_some()),
                ("unit", raw.unit.is_some()),
                ("integer", raw.integer),
            ] {
                if present {
                    self.error(
                        Code::TypeMismatch,
                        file,
                        raw.kind.span(),
                        msg!(
                            "{what}: only `number` questions take `{field}`",
                            "{what}: `{field}` を指定できるのは `number` の質問だけです"; what
                        ),
                    );
                }
            }
            return None;
        }
        let (Some(min), Some(max)) = (&raw.min, &raw.max) else {
            self.error(
                Code::OutOfRange,
                file,
                raw.kind.span(),
                msg!(
                    "{what}: a `number` question needs `min` and `max`",
                    "{what}: `number` の質問には `min` と `max` が必要です"; what
                ),
            );
            return None;
        };
        let (lo, hi) = (*min.get_ref(), *max.get_ref());
        if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
            self.error(
                Code::OutOfRange,
                file,
                min.span().start..max.span().end,
                msg!("{what}: needs finite `min` <= `max`", "{what}: `min` と `max` は有限で `min` <= `max` としてください"; what),
            );
        }
        let unit = raw.unit.as_ref().and_then(|u| self.text(file, u, what));
        Some(NumberRange { min: lo, max: hi, integer: raw.integer, unit })
    }

    fn default_value(
        &mut self,
        file: FileId,
        question: &Question,
        default: &Spanned<toml::Value>,
    ) -> Option<AnswerValue> {
        let value = match (question.kind, default.get_ref()) {
            (QuestionKind::Bool, toml::Value::Boolean(b)) => Some(AnswerValue::Bool(*b)),
            (QuestionKind::Number, toml::Value::Integer(i)) => Some(AnswerValue::Number(*i as f64)),
            (QuestionKind::Number, toml::Value::Float(f)) => Some(AnswerValue::Number(*f)),
            (QuestionKind::Single, toml::Value::String(s)) => Some(AnswerValue::Choice(s.clone())),
            (QuestionKind::Multi, toml::Value::Array(a)) => {
                a.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>().map(AnswerValue::Choices)
            }
            _ => None,
        };
        let Some(value) = value else {
            self.error(Code::InvalidDefault, file, default.span(), {
                let (id, kind) = (&question.id, question.kind.as_str());
                msg!(
                    "question `{id}`: the default does not fit a `{kind}` question",
                    "質問 `{id}`: 既定値が `{kind}` の質問に合いません"
                )
            });
            return None;
        };
        match check_value(question, value) {
            Ok(value) => Some(value),
            Err(diag) => {
                self.push(Diagnostic { code: Code::InvalidDefault, ..(*diag).at(file, default.span()) });
                None
            }
        }
    }

    fn ratings(
        &mut self,
        entries: &[Entry<'_, RawRating>],
        patterns: &[Pattern],
        criteria: &[Criterion],
    ) -> Option<Vec<Vec<Rating>>> {
        let mut cells: BTreeMap<(usize, usize), Rating> = BTreeMap::new();
        let pattern_ids: Vec<&str> = patterns.iter().map(|p| p.id.as_str()).collect();
        let criterion_ids: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
        for entry in entries {
            let raw = entry.item.get_ref();
            let file = entry.file;
            let (pattern, criterion) = (raw.pattern.get_ref(), raw.criterion.get_ref());
            let what = msg!("rating `{pattern}` on `{criterion}`", "`{pattern}` の `{criterion}` の評価");
            let p = self.resolve(file, &raw.pattern, &pattern_ids, Code::UnknownPattern, &noun::pattern());
            let c = self.resolve(file, &raw.criterion, &criterion_ids, Code::UnknownCriterion, &noun::criterion());
            let value = *raw.value.get_ref();
            if !(1..=5).contains(&value) {
                self.error(
                    Code::OutOfRange,
                    file,
                    raw.value.span(),
                    msg!(
                        "{what}: value must be from 1 to 5, got {value}",
                        "{what}: 値は 1 から 5 の範囲で指定してください（指定値: {value}）"; what
                    ),
                );
            }
            let reason = self.text(file, &raw.reason, &what);
            let source = self.source(file, raw.source.as_ref(), entry.item.span(), &what);
            if let (Some(p), Some(c), Some(reason), Some(source)) = (p, c, reason, source) {
                cells.insert((p, c), Rating { value: value.clamp(1, 5) as u8, reason, source });
            }
        }
        let mut complete = true;
        let mut table = Vec::new();
        for (p, pattern) in patterns.iter().enumerate() {
            let mut row = Vec::new();
            for (c, criterion) in criteria.iter().enumerate() {
                match cells.remove(&(p, c)) {
                    Some(rating) => row.push(rating),
                    None => {
                        complete = false;
                        let (pattern, criterion) = (&pattern.id, &criterion.id);
                        self.push(Diagnostic::error(
                            Code::MissingRating,
                            msg!(
                                "pattern `{pattern}` has no rating on criterion `{criterion}`",
                                "パターン `{pattern}` に評価軸 `{criterion}` の評価がありません"
                            ),
                        ));
                    }
                }
            }
            table.push(row);
        }
        complete.then_some(table)
    }

    /// Resolves an id against a list, or reports it with a suggestion.
    pub(crate) fn resolve(
        &mut self,
        file: FileId,
        id: &Spanned<String>,
        known: &[&str],
        code: Code,
        what: &Message,
    ) -> Option<usize> {
        if let Some(i) = known.iter().position(|k| k == id.get_ref()) {
            return Some(i);
        }
        let value = id.get_ref();
        let mut diag = Diagnostic::error(code, msg!("unknown {what} `{value}`", "不明な{what} `{value}`"; what))
            .at(file, id.span());
        let list = Message::list(known);
        diag = diag.with_help(match did_you_mean(value, known) {
            Some(near) => msg!("did you mean `{near}`?", "`{near}` の誤りではありませんか？"),
            None => msg!("known: {list}", "定義済み: {list}"; list),
        });
        self.push(diag);
        None
    }

    fn rule(
        &mut self,
        entry: &Entry<'_, RawRule>,
        checker: &mut ConditionChecker<'_>,
        reads: &mut Reads,
    ) -> Option<Rule> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        self.id(file, &raw.id, &noun::rule());
        let id = raw.id.get_ref();
        let what = msg!("rule `{id}`", "ルール `{id}`");
        let when = checker.condition(self, file, &raw.when, 0, reads);
        let reason = self.text(file, &raw.reason, &what);
        let source = self.source(file, raw.source.as_ref(), raw.id.span(), &what);
        if raw.effects.is_empty() {
            self.error(
                Code::InvalidEffect,
                file,
                raw.id.span(),
                msg!("{what} has no `effects`", "{what} に `effects` がありません"; what),
            );
        }
        let effects: Vec<_> = raw.effects.iter().map(|e| checker.effect(self, file, e)).collect();
        let mut effects: Vec<Effect> = effects.into_iter().collect::<Option<_>>()?;
        let reason = reason?;
        for effect in &mut effects {
            // A note without its own text says the rule's reason.
            if let Effect::Note { text, .. } = effect
                && text.en.is_empty()
            {
                text.clone_from(&reason);
            }
        }
        Some(Rule { id: raw.id.get_ref().as_str().into(), when: when?, reason, source: source?, effects })
    }

    fn unused_options(&mut self, questions: &[Entry<'_, RawQuestion>], reads: &Reads) {
        for entry in questions {
            let raw = entry.item.get_ref();
            let id = raw.id.get_ref();
            if READ_BY_COST_MODEL.contains(&id.as_str()) {
                continue;
            }
            // The default option is the neutral answer ("no preference", "standard"):
            // that no rule reads it is expected, not a mistake.
            let default = raw.default.as_ref().and_then(|d| d.get_ref().as_str());
            for option in &raw.options {
                let option_id = option.get_ref().id.get_ref();
                if default != Some(option_id.as_str()) && !reads.options.contains(&(id.clone(), option_id.clone())) {
                    self.push(
                        Diagnostic::warning(
                            Code::UnusedOption,
                            msg!(
                                "no rule or question reads option `{option_id}` of `{id}`",
                                "`{id}` の選択肢 `{option_id}` はどのルールからも質問からも参照されていません"
                            ),
                        )
                        .at(entry.file, option.get_ref().id.span()),
                    );
                }
            }
        }
    }
}

/// The names of the kinds of entry, for messages such as ``unknown pattern `x` ``.
pub(crate) mod noun {
    use crate::i18n::Message;
    use crate::msg;

    pub(crate) fn pattern() -> Message {
        msg!("pattern", "パターン")
    }

    pub(crate) fn criterion() -> Message {
        msg!("criterion", "評価軸")
    }

    pub(crate) fn question() -> Message {
        msg!("question", "質問")
    }

    pub(crate) fn rule() -> Message {
        msg!("rule", "ルール")
    }
}

#[cfg(test)]
mod tests;
