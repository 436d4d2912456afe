//! `Raw*` → validated model: applies the overlay, resolves every id and checks every
//! invariant, collecting all problems as [`Diagnostic`]s.
//!
//! Validation never stops at the first problem: it reports everything it can find,
//! sorted by file and position. It reads no files (see `load`) and scores nothing.

mod condition;
mod merge;
mod pricing;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use crate::diag::{self, Code, Diagnostic};
use crate::load::{FileId, RuleSources};
use crate::model::answers::check_value;
use crate::model::raw::{RawCriterion, RawPattern, RawQuestion, RawRating, RawRule, RawText};
use crate::model::{
    AnswerValue, Criterion, Effect, NumberRange, Pattern, Question, QuestionKind, QuestionOption, Rating, Rule,
    RuleSet, Text,
};
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
    let mut v = Validator { diagnostics: sources.diagnostics.clone() };
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
}

impl Validator {
    fn run(&mut self, sources: &RuleSources) -> Option<RuleSet> {
        let files = &sources.files;
        let patterns = merge(files, |f| &f.pattern, |p: &RawPattern| p.id.clone(), "pattern", &mut self.diagnostics);
        let criteria =
            merge(files, |f| &f.criterion, |c: &RawCriterion| c.id.clone(), "criterion", &mut self.diagnostics);
        let questions =
            merge(files, |f| &f.question, |q: &RawQuestion| q.id.clone(), "question", &mut self.diagnostics);
        let ratings = merge(
            files,
            |f| &f.rating,
            |r: &RawRating| {
                let span = r.pattern.span().start..r.criterion.span().end.max(r.pattern.span().end);
                Spanned::new(span, format!("{}/{}", r.pattern.get_ref(), r.criterion.get_ref()))
            },
            "rating",
            &mut self.diagnostics,
        );
        let rules = merge(files, |f| &f.rule, |r: &RawRule| r.id.clone(), "rule", &mut self.diagnostics);

        let patterns: Vec<Pattern> = patterns.iter().filter_map(|e| self.pattern(e)).collect();
        let criteria: Vec<Criterion> = criteria.iter().filter_map(|e| self.criterion(e)).collect();
        for (what, empty) in
            [("patterns", patterns.is_empty()), ("criteria", criteria.is_empty()), ("questions", questions.is_empty())]
        {
            if empty {
                self.diagnostics.push(Diagnostic::error(Code::EmptyRuleSet, format!("the rule set defines no {what}")));
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

        let ratings = ratings?;
        Some(RuleSet {
            patterns,
            criteria,
            ratings,
            questions: built_questions,
            rules: built_rules,
            pricing,
            digest: sources.digest(),
        })
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn error(&mut self, code: Code, file: FileId, span: Range<usize>, message: impl Into<String>) {
        self.push(Diagnostic::error(code, message).at(file, span));
    }

    fn id(&mut self, file: FileId, id: &Spanned<String>, what: &str) {
        if !is_valid_id(id.get_ref()) {
            self.error(
                Code::InvalidId,
                file,
                id.span(),
                format!("{what} id `{}` must use lowercase letters, digits, `-` and `_`", id.get_ref()),
            );
        }
    }

    /// Both languages of a text, or `missing-translation` errors.
    pub(crate) fn text(&mut self, file: FileId, text: &Spanned<RawText>, what: &str) -> Option<Text> {
        let raw = text.get_ref();
        let mut get = |lang: &str, value: &Option<Spanned<String>>| match value {
            Some(v) if !v.get_ref().trim().is_empty() => Some(v.get_ref().clone()),
            Some(v) => {
                self.error(Code::MissingTranslation, file, v.span(), format!("{what}: the `{lang}` text is empty"));
                None
            }
            None => {
                self.error(
                    Code::MissingTranslation,
                    file,
                    text.span(),
                    format!("{what}: the `{lang}` text is missing"),
                );
                None
            }
        };
        let en = get("en", &raw.en);
        let ja = get("ja", &raw.ja);
        Some(Text { en: en?, ja: ja? })
    }

    /// The source of a rating or rule, or a `missing-source` error.
    pub(crate) fn source(
        &mut self,
        file: FileId,
        source: Option<&Spanned<String>>,
        at: Range<usize>,
        what: &str,
    ) -> Option<String> {
        match source {
            Some(s) if !s.get_ref().trim().is_empty() => Some(s.get_ref().clone()),
            Some(s) => {
                self.error(Code::MissingSource, file, s.span(), format!("{what} has an empty `source`"));
                None
            }
            None => {
                self.push(
                    Diagnostic::error(Code::MissingSource, format!("{what} does not cite a `source`"))
                        .at(file, at)
                        .with_help("add `source = \"seed:<file> §<section>\"` or a URL with the date seen"),
                );
                None
            }
        }
    }

    fn pattern(&mut self, entry: &Entry<'_, RawPattern>) -> Option<Pattern> {
        let raw = entry.item.get_ref();
        self.id(entry.file, &raw.id, "pattern");
        let what = format!("pattern `{}`", raw.id.get_ref());
        let name = self.text(entry.file, &raw.name, &what);
        let summary = self.text(entry.file, &raw.summary, &what);
        Some(Pattern {
            id: raw.id.get_ref().clone(),
            name: name?,
            orchestrator: raw.orchestrator,
            capacity: raw.capacity,
            summary: summary?,
        })
    }

    fn criterion(&mut self, entry: &Entry<'_, RawCriterion>) -> Option<Criterion> {
        let raw = entry.item.get_ref();
        self.id(entry.file, &raw.id, "criterion");
        let what = format!("criterion `{}`", raw.id.get_ref());
        let name = self.text(entry.file, &raw.name, &what);
        let description = self.text(entry.file, &raw.description, &what);
        let weight = raw.weight.as_ref().map_or(1.0, |w| *w.get_ref());
        if !(weight.is_finite() && weight >= 0.0) {
            let span = raw.weight.as_ref().map_or(entry.item.span(), Spanned::span);
            self.error(
                Code::OutOfRange,
                entry.file,
                span,
                format!("{what}: weight must be a number >= 0, got {weight}"),
            );
        }
        Some(Criterion { id: raw.id.get_ref().clone(), name: name?, description: description?, weight })
    }

    fn question_shape(&mut self, entry: &Entry<'_, RawQuestion>) -> Option<Question> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let id = raw.id.get_ref().clone();
        self.id(file, &raw.id, "question");
        let what = format!("question `{id}`");
        let text = self.text(file, &raw.text, &what);
        let help = raw.help.as_ref().and_then(|h| self.text(file, h, &what));
        let kind = *raw.kind.get_ref();
        let mut options = Vec::new();
        let mut seen = BTreeSet::new();
        for option in &raw.options {
            let o = option.get_ref();
            self.id(file, &o.id, "option");
            if !seen.insert(o.id.get_ref().clone()) {
                self.error(
                    Code::DuplicateId,
                    file,
                    o.id.span(),
                    format!("{what}: option `{}` is defined twice", o.id.get_ref()),
                );
            }
            if let Some(label) = self.text(file, &o.label, &format!("{what}, option `{}`", o.id.get_ref())) {
                options.push(QuestionOption { id: o.id.get_ref().clone(), label });
            }
        }
        let has_choices = matches!(kind, QuestionKind::Single | QuestionKind::Multi);
        if has_choices && raw.options.is_empty() {
            self.error(
                Code::TypeMismatch,
                file,
                raw.kind.span(),
                format!("{what} is `{}` but has no `options`", kind.as_str()),
            );
        }
        if !has_choices && !raw.options.is_empty() {
            self.error(
                Code::TypeMismatch,
                file,
                raw.kind.span(),
                format!("{what} is `{}` and cannot have `options`", kind.as_str()),
            );
        }
        let max_choices = match (&raw.max_choices, kind) {
            (Some(m), QuestionKind::Multi) => {
                let value = *m.get_ref();
                if value < 1 || value as usize > raw.options.len().max(1) {
                    self.error(
                        Code::OutOfRange,
                        file,
                        m.span(),
                        format!("{what}: `max_choices` must be from 1 to the number of options"),
                    );
                }
                Some(usize::try_from(value).unwrap_or(0))
            }
            (Some(m), _) => {
                self.error(
                    Code::TypeMismatch,
                    file,
                    m.span(),
                    format!("{what}: only `multi` questions take `max_choices`"),
                );
                None
            }
            (None, _) => None,
        };
        let range = self.number_range(entry, kind, &what);
        let mut question = Question {
            id,
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

    fn number_range(&mut self, entry: &Entry<'_, RawQuestion>, kind: QuestionKind, what: &str) -> Option<NumberRange> {
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
                        format!("{what}: only `number` questions take `{field}`"),
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
                format!("{what}: a `number` question needs `min` and `max`"),
            );
            return None;
        };
        let (lo, hi) = (*min.get_ref(), *max.get_ref());
        if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
            self.error(
                Code::OutOfRange,
                file,
                min.span().start..max.span().end,
                format!("{what}: needs finite `min` <= `max`"),
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
            self.error(
                Code::InvalidDefault,
                file,
                default.span(),
                format!("question `{}`: the default does not fit a `{}` question", question.id, question.kind.as_str()),
            );
            return None;
        };
        match check_value(question, value) {
            Ok(value) => Some(value),
            Err(diag) => {
                self.push(Diagnostic { code: Code::InvalidDefault, ..diag.at(file, default.span()) });
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
            let what = format!("rating `{}` on `{}`", raw.pattern.get_ref(), raw.criterion.get_ref());
            let p = self.resolve(file, &raw.pattern, &pattern_ids, Code::UnknownPattern, "pattern");
            let c = self.resolve(file, &raw.criterion, &criterion_ids, Code::UnknownCriterion, "criterion");
            let value = *raw.value.get_ref();
            if !(1..=5).contains(&value) {
                self.error(
                    Code::OutOfRange,
                    file,
                    raw.value.span(),
                    format!("{what}: value must be from 1 to 5, got {value}"),
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
                        self.push(Diagnostic::error(
                            Code::MissingRating,
                            format!("pattern `{}` has no rating on criterion `{}`", pattern.id, criterion.id),
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
        what: &str,
    ) -> Option<usize> {
        if let Some(i) = known.iter().position(|k| k == id.get_ref()) {
            return Some(i);
        }
        let mut diag = Diagnostic::error(code, format!("unknown {what} `{}`", id.get_ref())).at(file, id.span());
        diag = diag.with_help(match did_you_mean(id.get_ref(), known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("known: {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")),
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
        self.id(file, &raw.id, "rule");
        let what = format!("rule `{}`", raw.id.get_ref());
        let when = checker.condition(self, file, &raw.when, 0, reads);
        let reason = self.text(file, &raw.reason, &what);
        let source = self.source(file, raw.source.as_ref(), raw.id.span(), &what);
        if raw.effects.is_empty() {
            self.error(Code::InvalidEffect, file, raw.id.span(), format!("{what} has no `effects`"));
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
        Some(Rule { id: raw.id.get_ref().clone(), when: when?, reason, source: source?, effects })
    }

    fn unused_options(&mut self, questions: &[Entry<'_, RawQuestion>], reads: &Reads) {
        for entry in questions {
            let raw = entry.item.get_ref();
            let id = raw.id.get_ref();
            if READ_BY_COST_MODEL.contains(&id.as_str()) {
                continue;
            }
            for option in &raw.options {
                let option_id = option.get_ref().id.get_ref();
                if !reads.options.contains(&(id.clone(), option_id.clone())) {
                    self.push(
                        Diagnostic::warning(
                            Code::UnusedOption,
                            format!("no rule or question reads option `{option_id}` of `{id}`"),
                        )
                        .at(entry.file, option.get_ref().id.span()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
