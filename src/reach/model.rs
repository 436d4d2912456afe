//! [`Reach`]: what a sweep found, as one `Serialize` model (the JSON output is serde of
//! it) with helpers to read shares. Sorted `Vec`s and `BTreeMap`s only, so the same
//! rules and options always give the same bytes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ablation::Ablated;
use super::space::{Role, Space, UNANSWERED};
use super::tally::Tally;
use crate::model::{AnswerValue, Answers, Pattern, QuestionKind, RuleSet};

/// The `value` of a row for answer sets in which the question was not asked.
pub const NOT_ASKED: &str = "(not asked)";
/// The `value` of a multi-choice row for the empty set.
pub const NONE_CHOSEN: &str = "(none)";

/// How the answer sets were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Mode {
    /// Every answer set of the space.
    Exhaustive,
    /// Answer sets drawn uniformly from the space.
    Sampled {
        /// Seed of the generator.
        seed: u64,
    },
}

/// What a sweep of the answer space found.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reach {
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// Digest of the rule set swept.
    pub rules_digest: String,
    /// Exhaustive or sampled.
    pub mode: Mode,
    /// Answer sets in the space (consistent with the pinned answers); saturates at
    /// `u64::MAX`.
    pub space: u64,
    /// Answer sets evaluated: the whole space, or the sample.
    pub answer_sets: u64,
    /// Answer sets whose `cost` rating came from a price estimate (the sweep answers no
    /// number question, so normally none: cost stays the qualitative rating).
    pub priced: u64,
    /// The pinned answers.
    pub fixed: Answers,
    /// The questions swept, in asking order.
    pub swept: Vec<SweptQuestion>,
    /// The questions not swept, in asking order, and why.
    pub not_swept: Vec<NotSwept>,
    /// Wins per pattern, in rule order.
    pub patterns: Vec<PatternReach>,
    /// Answer sets in which every pattern is excluded.
    pub no_winner: Share,
    /// Ids of the patterns that win no answer set.
    pub never_win: Vec<String>,
    /// Wins per answer value: one row per question and value.
    pub by_answer: Vec<AnswerReach>,
    /// Rules that never change a ranking, on a sample; `None` when not run.
    pub ablation: Option<Ablation>,
}

/// A question the sweep varies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SweptQuestion {
    /// Question id.
    pub question: String,
    /// Its kind.
    pub kind: QuestionKind,
    /// Values it takes (subsets for a multi-choice question).
    pub values: usize,
    /// True when an `ask_if` may leave it unasked.
    pub conditional: bool,
}

/// Why a question is not swept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotSweptReason {
    /// The answer is pinned.
    Pinned,
    /// A number (workload size): left unanswered unless it has a default.
    Number,
    /// No rule with a rating, weight or exclude effect reads it, so it cannot change a
    /// ranking (only notes or the cost estimate).
    Unread,
}

/// A question the sweep does not vary.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct NotSwept {
    /// Question id.
    pub question: String,
    /// Why.
    pub reason: NotSweptReason,
    /// The answer it takes where it is asked (the pin or the default), if any.
    pub value: Option<AnswerValue>,
}

/// A count and its share of the answer sets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Share {
    /// Answer sets.
    pub count: u64,
    /// `count / answer_sets`, 0..1.
    pub share: f64,
}

impl Share {
    fn of(count: u64, total: u64) -> Self {
        Share { count, share: if total == 0 { 0.0 } else { count as f64 / total as f64 } }
    }
}

/// One pattern's wins.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PatternReach {
    /// Pattern id.
    pub pattern: String,
    /// Answer sets it wins.
    pub wins: Share,
    /// The first answer set it wins, in sweep order.
    pub example: Option<Answers>,
}

/// Wins among the answer sets with one answer value.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AnswerReach {
    /// Question id.
    pub question: String,
    /// The value as `--set` takes it; for a multi-choice question one option (sets that
    /// contain it) or [`NONE_CHOSEN`]; [`NOT_ASKED`] when `ask_if` left it unasked.
    pub value: String,
    /// Answer sets with this value.
    pub answer_sets: u64,
    /// Wins per pattern id (every pattern listed).
    pub wins: BTreeMap<String, u64>,
    /// Answer sets with this value in which every pattern is excluded.
    pub no_winner: u64,
}

impl AnswerReach {
    /// The share of this row's answer sets that a pattern wins.
    pub fn share(&self, pattern: &str) -> f64 {
        let wins = self.wins.get(pattern).copied().unwrap_or(0);
        if self.answer_sets == 0 { 0.0 } else { wins as f64 / self.answer_sets as f64 }
    }
}

/// Rules that never change a ranking, found on a sample (or on every answer set of a
/// space no larger than the sample).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Ablation {
    /// Every answer set, or a sample.
    pub mode: Mode,
    /// Answer sets tried.
    pub answer_sets: u64,
    /// Rules (with an effect other than a note) that fired but whose removal never
    /// changed the ranking.
    pub never_changed: Vec<String>,
    /// Rules (with an effect other than a note) that never fired in the sample.
    pub never_fired: Vec<String>,
    /// Every rule, in rule order: how often it fired and changed the ranking.
    pub rules: Vec<RuleReach>,
}

/// One rule in the ablation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleReach {
    /// Rule id.
    pub rule: String,
    /// Answer sets where it fired.
    pub fired: u64,
    /// Answer sets where removing it changed the ranking.
    pub changed: u64,
    /// False for rules whose only effects are notes (never tried).
    pub ranks: bool,
}

impl Ablation {
    fn new(rules: &RuleSet, mode: Mode, a: &Ablated) -> Self {
        let rows: Vec<RuleReach> = rules
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| RuleReach {
                rule: r.id.to_string(),
                fired: a.fired[i],
                changed: a.changed[i],
                ranks: a.ranks[i],
            })
            .collect();
        Ablation {
            mode,
            answer_sets: a.answer_sets,
            never_changed: rows
                .iter()
                .filter(|r| r.ranks && r.fired > 0 && r.changed == 0)
                .map(|r| r.rule.clone())
                .collect(),
            never_fired: rows.iter().filter(|r| r.ranks && r.fired == 0).map(|r| r.rule.clone()).collect(),
            rules: rows,
        }
    }
}

impl Reach {
    /// Assembles the model from a tally.
    pub(crate) fn new(
        rules: &RuleSet,
        space: &Space,
        tally: &Tally,
        mode: Mode,
        size: u64,
        fixed: &Answers,
        ablated: Option<(Mode, Ablated)>,
    ) -> Self {
        let total = tally.answer_sets();
        let outcomes = tally.outcomes;
        let patterns: Vec<PatternReach> = rules
            .patterns
            .iter()
            .enumerate()
            .map(|(p, pattern)| PatternReach {
                pattern: pattern.id.to_string(),
                wins: Share::of(tally.total[p], total),
                example: tally.examples[p].as_ref().map(|s| space.answers(rules, s)),
            })
            .collect();
        let never_win = patterns.iter().filter(|p| p.wins.count == 0).map(|p| p.pattern.clone()).collect();
        let (swept, not_swept, by_answer) = questions(rules, space, tally);
        let ablation = ablated.map(|(mode, a)| Ablation::new(rules, mode, &a));
        Reach {
            schema_version: 1,
            rules_digest: rules.digest.to_string(),
            mode,
            space: size,
            answer_sets: total,
            priced: tally.priced,
            fixed: fixed.clone(),
            swept,
            not_swept,
            patterns,
            no_winner: Share::of(tally.total[outcomes - 1], total),
            never_win,
            by_answer,
            ablation,
        }
    }

    /// The wins of a pattern (zero for an unknown id).
    pub fn wins(&self, pattern: &str) -> u64 {
        self.patterns.iter().find(|p| p.pattern == pattern).map_or(0, |p| p.wins.count)
    }

    /// The share of the answer sets a pattern wins, 0..1.
    pub fn share(&self, pattern: &str) -> f64 {
        self.share_of(&[pattern])
    }

    /// The share of the answer sets won by any of these patterns, 0..1.
    pub fn share_of(&self, patterns: &[&str]) -> f64 {
        let wins: u64 =
            self.patterns.iter().filter(|p| patterns.contains(&p.pattern.as_str())).map(|p| p.wins.count).sum();
        Share::of(wins, self.answer_sets).share
    }

    /// The share of the answer sets won by the patterns of `rules` that match `select`,
    /// e.g. `|p| p.orchestrator == Orchestrator::Eks`.
    pub fn share_where(&self, rules: &RuleSet, select: impl Fn(&Pattern) -> bool) -> f64 {
        let ids: Vec<&str> = rules.patterns.iter().filter(|p| select(p)).map(|p| p.id.as_str()).collect();
        self.share_of(&ids)
    }

    /// The row of one question and value (see [`AnswerReach::value`]).
    pub fn row(&self, question: &str, value: &str) -> Option<&AnswerReach> {
        self.by_answer.iter().find(|r| r.question == question && r.value == value)
    }
}

/// The swept and the other questions, and one row per swept answer value.
fn questions(rules: &RuleSet, space: &Space, tally: &Tally) -> (Vec<SweptQuestion>, Vec<NotSwept>, Vec<AnswerReach>) {
    let outcomes = tally.outcomes;
    let mut by_slot: Vec<usize> = vec![0; rules.questions.len()];
    for (s, slot) in space.slots.iter().enumerate() {
        by_slot[slot.question] = s;
    }
    let mut swept = Vec::new();
    let mut not_swept = Vec::new();
    let mut by_answer = Vec::new();
    for (q, question) in rules.questions.iter().enumerate() {
        let s = by_slot[q];
        let slot = &space.slots[s];
        let counts = &tally.by_state[s];
        let row_of = |states: &mut dyn Iterator<Item = usize>| {
            let mut sums = vec![0_u64; outcomes];
            for state in states {
                for (sum, n) in sums.iter_mut().zip(&counts[state * outcomes..][..outcomes]) {
                    *sum += n;
                }
            }
            sums
        };
        let mut push = |value: String, sums: Vec<u64>| {
            let answer_sets = sums.iter().sum();
            if answer_sets > 0 {
                by_answer.push(AnswerReach {
                    question: question.id.to_string(),
                    value,
                    answer_sets,
                    wins: rules.patterns.iter().zip(&sums).map(|(p, &n)| (p.id.to_string(), n)).collect(),
                    no_winner: sums[outcomes - 1],
                });
            }
        };
        match slot.role {
            Role::Fixed => {
                let reason =
                    if question.kind == QuestionKind::Number { NotSweptReason::Number } else { NotSweptReason::Unread };
                not_swept.push(NotSwept {
                    question: question.id.to_string(),
                    reason,
                    value: slot.values.first().cloned(),
                });
                continue;
            }
            Role::Pinned => {
                not_swept.push(NotSwept {
                    question: question.id.to_string(),
                    reason: NotSweptReason::Pinned,
                    value: slot.values.first().cloned(),
                });
                push(slot.values[0].display(), row_of(&mut std::iter::once(1)));
                continue;
            }
            Role::Swept => swept.push(SweptQuestion {
                question: question.id.to_string(),
                kind: question.kind,
                values: slot.values.len(),
                conditional: question.ask_if.is_some(),
            }),
        }
        if question.kind == QuestionKind::Multi {
            let contains = |state: usize, option: &str| matches!(&slot.values[state - 1], AnswerValue::Choices(c) if c.iter().any(|o| o == option));
            for option in &question.options {
                let sums = row_of(&mut (1..=slot.values.len()).filter(|&k| contains(k, &option.id)));
                push(option.id.to_string(), sums);
            }
            let empty = |state: usize| matches!(&slot.values[state - 1], AnswerValue::Choices(c) if c.is_empty());
            push(NONE_CHOSEN.to_owned(), row_of(&mut (1..=slot.values.len()).filter(|&k| empty(k))));
        } else {
            for k in 1..=slot.values.len() {
                push(slot.values[k - 1].display(), row_of(&mut std::iter::once(k)));
            }
        }
        push(NOT_ASKED.to_owned(), row_of(&mut std::iter::once(usize::from(UNANSWERED))));
    }
    (swept, not_swept, by_answer)
}
