//! Validation of conditions (`when`, `ask_if`), effects and selectors.

use std::collections::BTreeSet;

use toml::Spanned;

use super::Validator;
use crate::diag::{Code, Diagnostic};
use crate::load::FileId;
use crate::model::raw::{RawCondition, RawEffect, RawSelector};
use crate::model::{AnswerValue, Comparison, Condition, Criterion, Effect, NoteKind, Pattern, Question, QuestionKind};
use crate::suggest::did_you_mean;

/// Conditions may nest at most this deep.
pub(crate) const MAX_DEPTH: usize = 32;

/// Which (question, option) pairs some condition reads.
#[derive(Default)]
pub(crate) struct Reads {
    pub(crate) options: BTreeSet<(String, String)>,
}

/// Checks conditions and effects against the questions, patterns and criteria.
pub(crate) struct ConditionChecker<'a> {
    pub(crate) questions: &'a [Question],
    pub(crate) patterns: &'a [Pattern],
    pub(crate) criteria: &'a [Criterion],
}

impl ConditionChecker<'_> {
    /// Validates one condition (recursively), recording the options it reads.
    pub(crate) fn condition(
        &mut self,
        v: &mut Validator,
        file: FileId,
        raw: &Spanned<RawCondition>,
        depth: usize,
        reads: &mut Reads,
    ) -> Option<Condition> {
        if depth >= MAX_DEPTH {
            v.error(Code::NestingTooDeep, file, raw.span(), format!("condition nested deeper than {MAX_DEPTH} levels"));
            return None;
        }
        let c = raw.get_ref();
        let comparisons = [
            c.is.is_some(),
            c.in_.is_some(),
            c.contains.is_some(),
            c.gte.is_some(),
            c.gt.is_some(),
            c.lte.is_some(),
            c.lt.is_some(),
            c.answered.is_some(),
        ]
        .into_iter()
        .filter(|x| *x)
        .count();
        let groups = [c.all.is_some(), c.any.is_some(), c.not.is_some()].into_iter().filter(|x| *x).count();
        let shape_ok = match &c.q {
            Some(_) => comparisons == 1 && groups == 0,
            None => comparisons == 0 && groups == 1,
        };
        if !shape_ok {
            v.push(
                Diagnostic::error(Code::InvalidCondition, "a condition must be exactly one form")
                    .at(file, raw.span())
                    .with_help(
                        "use `{ q = \"id\", is = … }` (or `in`, `contains`, `gte`, `gt`, `lte`, `lt`, `answered`), \
                         `{ all = [...] }`, `{ any = [...] }` or `{ not = {...} }`",
                    ),
            );
            return None;
        }
        if let Some(list) = &c.all {
            let inner: Vec<_> = list.iter().map(|x| self.condition(v, file, x, depth + 1, reads)).collect();
            return inner.into_iter().collect::<Option<Vec<_>>>().map(Condition::All);
        }
        if let Some(list) = &c.any {
            let inner: Vec<_> = list.iter().map(|x| self.condition(v, file, x, depth + 1, reads)).collect();
            return inner.into_iter().collect::<Option<Vec<_>>>().map(Condition::Any);
        }
        if let Some(inner) = &c.not {
            return self.condition(v, file, inner, depth + 1, reads).map(|x| Condition::Not(Box::new(x)));
        }
        self.comparison(v, file, c, reads)
    }

    /// Validates a `{ q = …, <comparison> }` condition.
    fn comparison(&self, v: &mut Validator, file: FileId, c: &RawCondition, reads: &mut Reads) -> Option<Condition> {
        let q = c.q.as_ref()?;
        let ids: Vec<&str> = self.questions.iter().map(|x| x.id.as_str()).collect();
        let question = &self.questions[v.resolve(file, q, &ids, Code::UnknownQuestion, "question")?];
        let qid = question.id.clone();
        let mismatch = |v: &mut Validator, span, form: &str, kinds: &str| {
            v.error(
                Code::TypeMismatch,
                file,
                span,
                format!("`{form}` needs a {kinds} question, but `{qid}` is `{}`", question.kind.as_str()),
            );
        };
        if let Some(value) = &c.is {
            let answer = match (question.kind, value.get_ref()) {
                (QuestionKind::Bool, toml::Value::Boolean(b)) => AnswerValue::Bool(*b),
                (QuestionKind::Number, toml::Value::Integer(i)) => AnswerValue::Number(*i as f64),
                (QuestionKind::Number, toml::Value::Float(f)) => AnswerValue::Number(*f),
                (QuestionKind::Single, toml::Value::String(s)) => {
                    Self::option(v, file, question, &Spanned::new(value.span(), s.clone()), reads)?;
                    AnswerValue::Choice(s.clone())
                }
                (QuestionKind::Multi, _) => {
                    mismatch(v, value.span(), "is", "single, bool or number");
                    return None;
                }
                _ => {
                    v.error(
                        Code::TypeMismatch,
                        file,
                        value.span(),
                        format!("`is` value does not fit `{qid}`, a `{}` question", question.kind.as_str()),
                    );
                    return None;
                }
            };
            return Some(Condition::Is { q: qid, value: answer });
        }
        if let Some(list) = &c.in_ {
            if question.kind != QuestionKind::Single {
                mismatch(v, list.span(), "in", "single-choice");
                return None;
            }
            let mut options = Vec::new();
            for option in list.get_ref() {
                options.push(Self::option(v, file, question, option, reads));
            }
            return options.into_iter().collect::<Option<Vec<_>>>().map(|options| Condition::In { q: qid, options });
        }
        if let Some(option) = &c.contains {
            if question.kind != QuestionKind::Multi {
                mismatch(v, option.span(), "contains", "multi-choice");
                return None;
            }
            let option = Self::option(v, file, question, option, reads)?;
            return Some(Condition::Contains { q: qid, option });
        }
        if let Some(yes) = &c.answered {
            return Some(Condition::Answered { q: qid, yes: *yes.get_ref() });
        }
        let (op, value) =
            [(Comparison::Gte, &c.gte), (Comparison::Gt, &c.gt), (Comparison::Lte, &c.lte), (Comparison::Lt, &c.lt)]
                .into_iter()
                .find_map(|(op, value)| value.as_ref().map(|v| (op, v)))?;
        if question.kind != QuestionKind::Number {
            mismatch(v, value.span(), "gte/gt/lte/lt", "number");
            return None;
        }
        if !value.get_ref().is_finite() {
            v.error(Code::OutOfRange, file, value.span(), "comparison value must be a finite number");
            return None;
        }
        Some(Condition::Compare { q: qid, op, value: *value.get_ref() })
    }

    fn option(
        v: &mut Validator,
        file: FileId,
        question: &Question,
        option: &Spanned<String>,
        reads: &mut Reads,
    ) -> Option<String> {
        let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
        if !ids.contains(&option.get_ref().as_str()) {
            let known = ids.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let help = match did_you_mean(option.get_ref(), &ids) {
                Some(near) => format!("did you mean `{near}`? allowed: {known}"),
                None => format!("allowed: {known}"),
            };
            v.push(
                Diagnostic::error(
                    Code::UnknownOption,
                    format!("`{}` is not an option of `{}`", option.get_ref(), question.id),
                )
                .at(file, option.span())
                .with_help(help),
            );
            return None;
        }
        reads.options.insert((question.id.clone(), option.get_ref().clone()));
        Some(option.get_ref().clone())
    }

    /// Validates one effect of a rule.
    pub(crate) fn effect(&mut self, v: &mut Validator, file: FileId, raw: &Spanned<RawEffect>) -> Option<Effect> {
        let e = raw.get_ref();
        let kinds = [e.rating.is_some(), e.weight.is_some(), e.exclude.is_some(), e.note.is_some()];
        if kinds.iter().filter(|x| **x).count() != 1 {
            v.push(
                Diagnostic::error(
                    Code::InvalidEffect,
                    "an effect must be exactly one of `rating`, `weight`, `exclude`, `note`",
                )
                .at(file, raw.span()),
            );
            return None;
        }
        let stray = |v: &mut Validator, fields: &[(&str, bool)], effect: &str| {
            for (field, present) in fields {
                if *present {
                    v.error(
                        Code::InvalidEffect,
                        file,
                        raw.span(),
                        format!("a `{effect}` effect does not take `{field}`"),
                    );
                }
            }
        };
        let criterion_ids: Vec<&str> = self.criteria.iter().map(|c| c.id.as_str()).collect();
        if let Some(criterion) = &e.rating {
            stray(
                v,
                &[("factor", e.factor.is_some()), ("kind", e.kind.is_some()), ("text", e.text.is_some())],
                "rating",
            );
            let c = v.resolve(file, criterion, &criterion_ids, Code::UnknownCriterion, "criterion");
            let Some(delta) = &e.delta else {
                v.error(Code::InvalidEffect, file, raw.span(), "a `rating` effect needs `delta`");
                return None;
            };
            if !delta.get_ref().is_finite() || delta.get_ref().abs() > 4.0 {
                v.error(Code::OutOfRange, file, delta.span(), "`delta` must be a number from -4 to 4");
            }
            let Some(on) = &e.on else {
                v.error(
                    Code::InvalidEffect,
                    file,
                    raw.span(),
                    "a `rating` effect needs `on`, the patterns it applies to",
                );
                return None;
            };
            let patterns = self.selector(v, file, on);
            return Some(Effect::Rating { criterion: c?, delta: *delta.get_ref(), patterns: patterns? });
        }
        if let Some(criterion) = &e.weight {
            stray(
                v,
                &[
                    ("delta", e.delta.is_some()),
                    ("on", e.on.is_some()),
                    ("kind", e.kind.is_some()),
                    ("text", e.text.is_some()),
                ],
                "weight",
            );
            let c = v.resolve(file, criterion, &criterion_ids, Code::UnknownCriterion, "criterion");
            let Some(factor) = &e.factor else {
                v.error(Code::InvalidEffect, file, raw.span(), "a `weight` effect needs `factor`");
                return None;
            };
            if !(factor.get_ref().is_finite() && *factor.get_ref() >= 0.0) {
                v.error(Code::OutOfRange, file, factor.span(), "`factor` must be a finite number >= 0");
                return None;
            }
            return Some(Effect::Weight { criterion: c?, factor: *factor.get_ref() });
        }
        if let Some(selector) = &e.exclude {
            stray(
                v,
                &[
                    ("delta", e.delta.is_some()),
                    ("on", e.on.is_some()),
                    ("factor", e.factor.is_some()),
                    ("kind", e.kind.is_some()),
                    ("text", e.text.is_some()),
                ],
                "exclude",
            );
            return self.selector(v, file, selector).map(|patterns| Effect::Exclude { patterns });
        }
        let selector = e.note.as_ref()?;
        stray(v, &[("delta", e.delta.is_some()), ("on", e.on.is_some()), ("factor", e.factor.is_some())], "note");
        let patterns = self.selector(v, file, selector);
        let kind = e.kind.as_ref().map_or(NoteKind::Consider, |k| *k.get_ref());
        let text = match &e.text {
            Some(text) => Some(v.text(file, text, "note")?),
            None => None,
        };
        Some(Effect::Note {
            patterns: patterns?,
            kind,
            text: text.unwrap_or_else(|| crate::model::Text { en: String::new(), ja: String::new() }),
        })
    }

    /// The patterns a selector matches.
    fn selector(&self, v: &mut Validator, file: FileId, raw: &Spanned<RawSelector>) -> Option<Vec<usize>> {
        let s = raw.get_ref();
        if s.pattern.is_none() && s.orchestrator.is_none() && s.capacity.is_none() {
            v.push(
                Diagnostic::error(
                    Code::EmptySelector,
                    "a selector must name a `pattern`, an `orchestrator` or a `capacity`",
                )
                .at(file, raw.span()),
            );
            return None;
        }
        if let Some(id) = &s.pattern {
            let ids: Vec<&str> = self.patterns.iter().map(|p| p.id.as_str()).collect();
            v.resolve(file, id, &ids, Code::UnknownPattern, "pattern")?;
        }
        let matched: Vec<usize> = self
            .patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                s.pattern.as_ref().is_none_or(|id| id.get_ref() == &p.id)
                    && s.orchestrator.is_none_or(|o| o == p.orchestrator)
                    && s.capacity.is_none_or(|c| c == p.capacity)
            })
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            v.push(
                Diagnostic::warning(Code::SelectorMatchesNothing, "this selector matches no pattern")
                    .at(file, raw.span()),
            );
        }
        Some(matched)
    }
}
