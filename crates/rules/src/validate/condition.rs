//! Validation of conditions (`when`, `ask_if`), effects and selectors.

use std::collections::BTreeSet;

use toml::Spanned;

use super::Validator;
use super::noun;
use crate::diag::FileId;
use crate::diag::{Code, Diagnostic};
use crate::i18n::Message;
use crate::model::answers::allowed_help;
use crate::model::raw::{OneOrMany, RawCondition, RawEffect, RawSelector};
use crate::model::{
    AnswerValue, Comparison, Condition, Criterion, Effect, NoteKind, Pattern, Question, QuestionKind, Str,
};
use crate::msg;

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
            v.error(
                Code::NestingTooDeep,
                file,
                raw.span(),
                msg!("condition nested deeper than {MAX_DEPTH} levels", "条件の入れ子が {MAX_DEPTH} 段を超えています"),
            );
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
                Diagnostic::error(
                    Code::InvalidCondition,
                    msg!("a condition must be exactly one form", "条件はいずれか一つの形で書いてください"),
                )
                .at(file, raw.span())
                .with_help(msg!(
                    "use `{{ q = \"id\", is = … }}` (or `in`, `contains`, `gte`, `gt`, `lte`, `lt`, `answered`), \
                     `{{ all = [...] }}`, `{{ any = [...] }}` or `{{ not = {{...}} }}`",
                    "`{{ q = \"id\", is = … }}`（または `in`、`contains`、`gte`、`gt`、`lte`、`lt`、`answered`）、\
                     `{{ all = [...] }}`、`{{ any = [...] }}`、`{{ not = {{...}} }}` のいずれかを使う"
                )),
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
        let question = &self.questions[v.resolve(file, q, &ids, Code::UnknownQuestion, &noun::question())?];
        let qid = question.id.clone();
        let kind = question.kind.as_str();
        let mismatch = |v: &mut Validator, span, form: &str, kinds: Message| {
            v.error(
                Code::TypeMismatch,
                file,
                span,
                msg!(
                    "`{form}` needs a {kinds} question, but `{qid}` is `{kind}`",
                    "`{form}` には{kinds}の質問が必要だが、`{qid}` は `{kind}` である"; kinds
                ),
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
                    mismatch(
                        v,
                        value.span(),
                        "is",
                        msg!("single, bool or number", " `single`、`bool`、`number` のいずれか"),
                    );
                    return None;
                }
                _ => {
                    v.error(
                        Code::TypeMismatch,
                        file,
                        value.span(),
                        msg!(
                            "`is` value does not fit `{qid}`, a `{kind}` question",
                            "`is` の値が `{kind}` の質問 `{qid}` に合わない"
                        ),
                    );
                    return None;
                }
            };
            return Some(Condition::Is { q: qid, value: answer });
        }
        if let Some(list) = &c.in_ {
            if question.kind != QuestionKind::Single {
                mismatch(v, list.span(), "in", msg!("single-choice", "単一選択"));
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
                mismatch(v, option.span(), "contains", msg!("multi-choice", "複数選択"));
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
            mismatch(v, value.span(), "gte/gt/lte/lt", msg!("number", "数値"));
            return None;
        }
        if !value.get_ref().is_finite() {
            v.error(
                Code::OutOfRange,
                file,
                value.span(),
                msg!("comparison value must be a finite number", "比較する値には有限の数値を指定する"),
            );
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
    ) -> Option<Str> {
        let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
        if !ids.contains(&option.get_ref().as_str()) {
            let (choice, qid) = (option.get_ref(), &question.id);
            v.push(
                Diagnostic::error(
                    Code::UnknownOption,
                    msg!("`{choice}` is not an option of `{qid}`", "`{choice}` は `{qid}` の選択肢にない"),
                )
                .at(file, option.span())
                .with_help(allowed_help(choice, &ids)),
            );
            return None;
        }
        reads.options.insert((question.id.to_string(), option.get_ref().clone()));
        Some(option.get_ref().as_str().into())
    }

    /// Validates one effect of a rule.
    pub(crate) fn effect(&mut self, v: &mut Validator, file: FileId, raw: &Spanned<RawEffect>) -> Option<Effect> {
        let e = raw.get_ref();
        let kinds = [e.rating.is_some(), e.weight.is_some(), e.exclude.is_some(), e.note.is_some()];
        if kinds.iter().filter(|x| **x).count() != 1 {
            v.push(
                Diagnostic::error(
                    Code::InvalidEffect,
                    msg!(
                        "an effect must be exactly one of `rating`, `weight`, `exclude`, `note`",
                        "効果には `rating`、`weight`、`exclude`、`note` のどれか一つだけを書く"
                    ),
                )
                .at(file, raw.span()),
            );
            return None;
        }
        let stray = |v: &mut Validator, fields: &[(&str, bool)], effect: &str| stray(v, file, raw, fields, effect);
        let criterion_ids: Vec<&str> = self.criteria.iter().map(|c| c.id.as_str()).collect();
        if let Some(criterion) = &e.rating {
            stray(
                v,
                &[("factor", e.factor.is_some()), ("kind", e.kind.is_some()), ("text", e.text.is_some())],
                "rating",
            );
            let c = v.resolve(file, criterion, &criterion_ids, Code::UnknownCriterion, &noun::criterion());
            return self.rating_effect(v, file, raw, c);
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
            let c = v.resolve(file, criterion, &criterion_ids, Code::UnknownCriterion, &noun::criterion());
            let Some(factor) = &e.factor else {
                v.error(
                    Code::InvalidEffect,
                    file,
                    raw.span(),
                    msg!("a `weight` effect needs `factor`", "`weight` の効果には `factor` が必要である"),
                );
                return None;
            };
            if !(factor.get_ref().is_finite() && *factor.get_ref() >= 0.0) {
                v.error(
                    Code::OutOfRange,
                    file,
                    factor.span(),
                    msg!("`factor` must be a finite number >= 0", "`factor` には 0 以上の有限の数値を指定する"),
                );
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
            Some(text) => Some(v.text(file, text, &msg!("note", "注記"))?),
            None => None,
        };
        Some(Effect::Note {
            patterns: patterns?,
            kind,
            text: text.unwrap_or_else(|| crate::model::Text { en: Str::default(), ja: Str::default() }),
        })
    }

    /// The rest of a `rating` effect, once its criterion is resolved (`c`).
    fn rating_effect(
        &self,
        v: &mut Validator,
        file: FileId,
        raw: &Spanned<RawEffect>,
        c: Option<usize>,
    ) -> Option<Effect> {
        let e = raw.get_ref();
        let Some(delta) = &e.delta else {
            v.error(
                Code::InvalidEffect,
                file,
                raw.span(),
                msg!("a `rating` effect needs `delta`", "`rating` の効果には `delta` が必要である"),
            );
            return None;
        };
        if !delta.get_ref().is_finite() || delta.get_ref().abs() > 4.0 {
            v.error(
                Code::OutOfRange,
                file,
                delta.span(),
                msg!("`delta` must be a number from -4 to 4", "`delta` には -4 から 4 の数値を指定する"),
            );
        }
        let Some(on) = &e.on else {
            v.error(
                Code::InvalidEffect,
                file,
                raw.span(),
                msg!(
                    "a `rating` effect needs `on`, the patterns it applies to",
                    "`rating` の効果には適用先のパターンを示す `on` が必要である"
                ),
            );
            return None;
        };
        let patterns = self.selector(v, file, on);
        Some(Effect::Rating { criterion: c?, delta: *delta.get_ref(), patterns: patterns? })
    }

    /// The patterns a selector matches.
    fn selector(&self, v: &mut Validator, file: FileId, raw: &Spanned<RawSelector>) -> Option<Vec<usize>> {
        let s = raw.get_ref();
        if s.pattern.as_ref().is_none_or(|p| p.get_ref().as_slice().is_empty())
            && s.orchestrator.as_ref().is_none_or(|o| o.as_slice().is_empty())
            && s.capacity.as_ref().is_none_or(|c| c.as_slice().is_empty())
            && s.hosts.as_ref().is_none_or(|h| h.as_slice().is_empty())
        {
            v.push(
                Diagnostic::error(
                    Code::EmptySelector,
                    msg!(
                        "a selector must name a `pattern`, an `orchestrator`, a `capacity` or `hosts`",
                        "セレクタには `pattern`、`orchestrator`、`capacity`、`hosts` のいずれかを書く"
                    ),
                )
                .at(file, raw.span()),
            );
            return None;
        }
        let ids: Vec<&str> = self.patterns.iter().map(|p| p.id.as_str()).collect();
        let mut resolved = true;
        if let Some(patterns) = &s.pattern {
            for id in patterns.get_ref().as_slice() {
                let id = Spanned::new(patterns.span(), id.clone());
                resolved &= v.resolve(file, &id, &ids, Code::UnknownPattern, &noun::pattern()).is_some();
            }
        }
        if !resolved {
            return None;
        }
        let matched: Vec<usize> = self
            .patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                s.pattern.as_ref().is_none_or(|ids| ids.get_ref().as_slice().iter().any(|id| *id == p.id))
                    && matches_any(s.orchestrator.as_ref(), &p.orchestrator)
                    && matches_any(s.capacity.as_ref(), &p.capacity)
                    && matches_any(s.hosts.as_ref(), &p.hosts)
            })
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            v.push(
                Diagnostic::warning(
                    Code::SelectorMatchesNothing,
                    msg!("this selector matches no pattern", "このセレクタに合うパターンが一つもない"),
                )
                .at(file, raw.span()),
            );
        }
        Some(matched)
    }
}

/// Whether an attribute key of a selector is absent or lists `value`.
fn matches_any<T: PartialEq>(values: Option<&OneOrMany<T>>, value: &T) -> bool {
    values.is_none_or(|v| v.as_slice().contains(value))
}

/// Reports each field present that an effect of this kind does not take.
fn stray(v: &mut Validator, file: FileId, raw: &Spanned<RawEffect>, fields: &[(&str, bool)], effect: &str) {
    for (field, present) in fields {
        if *present {
            v.error(
                Code::InvalidEffect,
                file,
                raw.span(),
                msg!("a `{effect}` effect does not take `{field}`", "`{effect}` の効果は `{field}` を取らない"),
            );
        }
    }
}
