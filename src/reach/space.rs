//! The answer space of a rule set: which questions the sweep varies, the values each
//! takes, and conditions compiled to table look-ups over a vector of states.
//!
//! Every question of the rule set is a slot, in asking order (the one multi-choice
//! question the fast path keeps innermost may move last when no other question depends
//! on it). A slot's state is `0` for "unanswered" and `k ≥ 1` for its `k`-th value. A
//! walk over the slots reproduces the questionnaire with `--no-input`: a question whose
//! `ask_if` does not hold on the answers so far stays unanswered; a swept question takes
//! each of its values; any other question takes its default, or stays unanswered.
//! Pinned answers are given answers, like `--set`: set from the start, whatever `ask_if`
//! says. This module only describes the space; it evaluates nothing but conditions.

use std::collections::{BTreeSet, HashMap};

use rand::RngExt as _;

use crate::cost::workload::REQUIRED_ANSWERS;
use crate::model::condition::holds;
use crate::model::{AnswerValue, Answers, Condition, Effect, QuestionKind, RuleSet};

/// The state of a slot whose question has no answer.
pub(crate) const UNANSWERED: u16 = 0;

/// How the sweep treats a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Every value, where the question is asked.
    Swept,
    /// The pinned answer, always.
    Pinned,
    /// Its default where it is asked (or no answer): a number, or a question no rule reads.
    Fixed,
}

/// One question in the walk.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    /// Index in [`RuleSet::questions`].
    pub(crate) question: usize,
    /// Swept, pinned or fixed.
    pub(crate) role: Role,
    /// State `k ≥ 1` is `values[k - 1]`.
    pub(crate) values: Vec<AnswerValue>,
    /// The compiled `ask_if`, if any.
    pub(crate) ask_if: Option<Cond>,
}

/// A condition compiled over slot states: each leaf is a truth table per state.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    /// A test on one slot: `table[state]`.
    Atom { slot: usize, table: Box<[bool]> },
    /// Every condition holds.
    All(Vec<Cond>),
    /// At least one condition holds.
    Any(Vec<Cond>),
    /// The condition does not hold.
    Not(Box<Cond>),
}

impl Cond {
    /// True when the condition holds for these states.
    pub(crate) fn holds(&self, states: &[u16]) -> bool {
        match self {
            Cond::Atom { slot, table } => table[usize::from(states[*slot])],
            Cond::All(list) => list.iter().all(|c| c.holds(states)),
            Cond::Any(list) => list.iter().any(|c| c.holds(states)),
            Cond::Not(inner) => !inner.holds(states),
        }
    }

    /// Adds the slots the condition reads.
    pub(crate) fn reads(&self, out: &mut BTreeSet<usize>) {
        match self {
            Cond::Atom { slot, .. } => {
                out.insert(*slot);
            }
            Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| c.reads(out)),
            Cond::Not(inner) => inner.reads(out),
        }
    }
}

/// The answer space: the slots in walk order.
#[derive(Debug, Clone)]
pub(crate) struct Space {
    /// Every question, in walk order.
    pub(crate) slots: Vec<Slot>,
    /// The slot the fast path sweeps innermost (always the last one), if any.
    pub(crate) inner: Option<usize>,
    /// The slots of the answers a cost estimate needs; `None` when no estimate is
    /// possible (no prices, or a required question missing from the rule set).
    money: Option<Vec<usize>>,
    /// Slot of each question id.
    slot_of: HashMap<String, usize>,
}

impl Space {
    /// The space of a rule set with some answers pinned.
    pub(crate) fn new(rules: &RuleSet, fixed: &Answers) -> Self {
        let swept = swept_questions(rules, fixed);
        let mut order: Vec<usize> = (0..rules.questions.len()).collect();
        let inner = inner_question(rules, &swept, fixed);
        if let Some(q) = inner {
            order.retain(|&i| i != q);
            order.push(q);
        }
        let slot_of: HashMap<String, usize> =
            order.iter().enumerate().map(|(slot, &q)| (rules.questions[q].id.to_string(), slot)).collect();
        let mut slots: Vec<Slot> = order
            .iter()
            .map(|&q| {
                let question = &rules.questions[q];
                let (role, values) = if let Some(pin) = fixed.get(&question.id) {
                    (Role::Pinned, vec![pin.clone()])
                } else if swept.contains(&q) {
                    (Role::Swept, domain(rules, q))
                } else {
                    (Role::Fixed, question.default.iter().cloned().collect())
                };
                Slot { question: q, role, values, ask_if: None }
            })
            .collect();
        for s in 0..slots.len() {
            let q = slots[s].question;
            slots[s].ask_if = rules.questions[q].ask_if.as_ref().map(|c| compile(c, &slots, &slot_of));
        }
        let money = rules
            .pricing
            .get()
            .and_then(|_| REQUIRED_ANSWERS.iter().map(|id| slot_of.get(*id).copied()).collect::<Option<Vec<usize>>>());
        let inner = inner.map(|_| slots.len() - 1);
        Self { slots, inner, money, slot_of }
    }

    /// Compiles a condition of the rule set over this space's slots.
    pub(crate) fn compile(&self, condition: &Condition) -> Cond {
        compile(condition, &self.slots, &self.slot_of)
    }

    /// Number of slots walked before the inner one (all of them when there is none).
    pub(crate) fn outer_len(&self) -> usize {
        self.inner.unwrap_or(self.slots.len())
    }

    /// The states before the walk: pinned slots answered, every other unanswered.
    pub(crate) fn initial_states(&self) -> Vec<u16> {
        self.slots.iter().map(|s| if s.role == Role::Pinned { 1 } else { UNANSWERED }).collect()
    }

    /// The states slot `d` takes given the states of the slots walked before it, as
    /// an inclusive range.
    pub(crate) fn choices(&self, d: usize, states: &[u16]) -> (u16, u16) {
        let slot = &self.slots[d];
        if slot.role == Role::Pinned {
            return (1, 1);
        }
        if !slot.ask_if.as_ref().is_none_or(|c| c.holds(states)) {
            return (UNANSWERED, UNANSWERED);
        }
        match slot.role {
            Role::Swept => (1, slot.values.len() as u16),
            _ if slot.values.is_empty() => (UNANSWERED, UNANSWERED),
            _ => (1, 1),
        }
    }

    /// True when a cost estimate may price these answers (every answer it needs is
    /// given); the fast path then hands the answer set to the engine.
    pub(crate) fn money_possible(&self, states: &[u16]) -> bool {
        self.money.as_ref().is_some_and(|slots| slots.iter().all(|&s| states[s] != UNANSWERED))
    }

    /// The answers these states stand for.
    pub(crate) fn answers(&self, rules: &RuleSet, states: &[u16]) -> Answers {
        let mut answers = Answers::new();
        for (slot, &state) in self.slots.iter().zip(states) {
            if state != UNANSWERED {
                answers.set(rules.questions[slot.question].id.clone(), slot.values[usize::from(state) - 1].clone());
            }
        }
        answers
    }

    /// The number of answer sets, saturating at `u64::MAX`.
    pub(crate) fn count(&self) -> u64 {
        // What the rest of the walk looks like depends only on the states that a later
        // `ask_if` reads, so subtrees with the same such states have the same size.
        let live: Vec<Vec<usize>> = (0..self.slots.len())
            .map(|d| {
                let mut read = BTreeSet::new();
                for later in &self.slots[d..] {
                    if let Some(c) = &later.ask_if {
                        c.reads(&mut read);
                    }
                }
                read.into_iter().filter(|&s| s < d).collect()
            })
            .collect();
        let mut memo = HashMap::new();
        let mut states = self.initial_states();
        let n = self.count_from(0, &mut states, &live, &mut memo);
        u64::try_from(n).unwrap_or(u64::MAX)
    }

    fn count_from(
        &self,
        d: usize,
        states: &mut [u16],
        live: &[Vec<usize>],
        memo: &mut HashMap<(usize, Vec<u16>), u128>,
    ) -> u128 {
        if d == self.slots.len() {
            return 1;
        }
        let key = (d, live[d].iter().map(|&s| states[s]).collect::<Vec<u16>>());
        if let Some(&n) = memo.get(&key) {
            return n;
        }
        let (lo, hi) = self.choices(d, states);
        let before = states[d];
        let mut total: u128 = 0;
        for v in lo..=hi {
            states[d] = v;
            total = total.saturating_add(self.count_from(d + 1, states, live, memo));
        }
        states[d] = before;
        memo.insert(key, total);
        total
    }

    /// Every answer set, in sweep order (for small spaces).
    pub(crate) fn every(&self) -> Vec<Vec<u16>> {
        fn walk(space: &Space, d: usize, states: &mut Vec<u16>, out: &mut Vec<Vec<u16>>) {
            if d == space.slots.len() {
                out.push(states.clone());
                return;
            }
            let before = states[d];
            let (lo, hi) = space.choices(d, states);
            for v in lo..=hi {
                states[d] = v;
                walk(space, d + 1, states, out);
            }
            states[d] = before;
        }
        let mut out = Vec::new();
        walk(self, 0, &mut self.initial_states(), &mut out);
        out
    }

    /// Draws one answer set uniformly over the space, or `None` when the draw is
    /// rejected. Every swept question draws a value, asked or not; a draw whose unasked
    /// questions did not all draw their first value is rejected, so that each answer
    /// set is as likely as any other.
    pub(crate) fn draw(&self, rng: &mut impl rand::Rng) -> Option<Vec<u16>> {
        let mut states = self.initial_states();
        for d in 0..self.slots.len() {
            let (lo, hi) = self.choices(d, &states);
            let slot = &self.slots[d];
            if slot.role == Role::Swept && lo == UNANSWERED && rng.random_range(0..slot.values.len()) != 0 {
                return None;
            }
            states[d] = if lo == hi { lo } else { rng.random_range(lo..=hi) };
        }
        Some(states)
    }
}

/// The questions the sweep varies: every non-number question the `when` of a rule with
/// a rating, weight or exclude effect reads, and every non-number question the `ask_if`
/// of a swept question reads, unless pinned. Any other question cannot change a
/// ranking; it takes its default.
fn swept_questions(rules: &RuleSet, fixed: &Answers) -> BTreeSet<usize> {
    let index: HashMap<&str, usize> = rules.questions.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();
    let eligible = |id: &str| {
        index.get(id).copied().filter(|&q| rules.questions[q].kind != QuestionKind::Number && !fixed.contains(id))
    };
    let mut swept = BTreeSet::new();
    // A rule whose only effects are notes cannot change a ranking either.
    for rule in rules.rules.iter().filter(|r| r.effects.iter().any(|e| !matches!(e, Effect::Note { .. }))) {
        question_ids(&rule.when, &mut |id| {
            if let Some(q) = eligible(id) {
                swept.insert(q);
            }
        });
    }
    loop {
        let mut added = Vec::new();
        for &q in &swept {
            if let Some(c) = &rules.questions[q].ask_if {
                question_ids(c, &mut |id| {
                    if let Some(r) = eligible(id).filter(|r| !swept.contains(r)) {
                        added.push(r);
                    }
                });
            }
        }
        if added.is_empty() {
            return swept;
        }
        swept.extend(added);
    }
}

/// The multi-choice question the fast path sweeps innermost: a swept one that no other
/// question's `ask_if` reads and whose own `ask_if` reads only earlier or pinned
/// questions, so that moving it last changes no answer set. The one with the most
/// values wins; the last in asking order on a tie.
fn inner_question(rules: &RuleSet, swept: &BTreeSet<usize>, fixed: &Answers) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for &q in swept {
        let question = &rules.questions[q];
        if question.kind != QuestionKind::Multi {
            continue;
        }
        let read_by_other = rules.questions.iter().enumerate().any(|(i, other)| {
            i != q
                && other.ask_if.as_ref().is_some_and(|c| {
                    let mut hit = false;
                    question_ids(c, &mut |id| hit |= id == question.id);
                    hit
                })
        });
        let own_ok = question.ask_if.as_ref().is_none_or(|c| {
            let mut ok = true;
            question_ids(c, &mut |id| {
                let earlier = rules.questions[..q].iter().any(|e| e.id == id);
                ok &= earlier || fixed.contains(id);
            });
            ok
        });
        let size = domain(rules, q).len();
        if !read_by_other && own_ok && best.is_none_or(|(_, s)| size >= s) {
            best = Some((q, size));
        }
    }
    best.map(|(q, _)| q)
}

/// Every value a swept question takes: the options of a `single`, `false` and `true`,
/// or every subset of a `multi` up to its `max_choices` (the empty set first, then by
/// size and option order).
pub(crate) fn domain(rules: &RuleSet, q: usize) -> Vec<AnswerValue> {
    let question = &rules.questions[q];
    match question.kind {
        QuestionKind::Bool => vec![AnswerValue::Bool(false), AnswerValue::Bool(true)],
        QuestionKind::Single => question.options.iter().map(|o| AnswerValue::Choice(o.id.to_string())).collect(),
        QuestionKind::Multi => {
            let n = question.options.len();
            let max = question.max_choices.unwrap_or(n).min(n);
            let mut out = Vec::new();
            for size in 0..=max {
                let mut pick: Vec<usize> = (0..size).collect();
                loop {
                    out.push(AnswerValue::Choices(pick.iter().map(|&i| question.options[i].id.to_string()).collect()));
                    // Next combination in lexicographic order.
                    let Some(i) = (0..size).rev().find(|&i| pick[i] < n - size + i) else { break };
                    pick[i] += 1;
                    for j in i + 1..size {
                        pick[j] = pick[j - 1] + 1;
                    }
                }
            }
            out
        }
        QuestionKind::Number => Vec::new(),
    }
}

/// Calls `f` with every question id a condition reads.
pub(crate) fn question_ids(condition: &Condition, f: &mut impl FnMut(&str)) {
    match condition {
        Condition::Is { q, .. }
        | Condition::In { q, .. }
        | Condition::Contains { q, .. }
        | Condition::Compare { q, .. }
        | Condition::Answered { q, .. } => f(q),
        Condition::All(list) | Condition::Any(list) => list.iter().for_each(|c| question_ids(c, f)),
        Condition::Not(inner) => question_ids(inner, f),
    }
}

/// Compiles a condition: each test on one question becomes a table of the engine's
/// own verdict ([`holds`]) for every state of its slot.
fn compile(condition: &Condition, slots: &[Slot], slot_of: &HashMap<String, usize>) -> Cond {
    match condition {
        Condition::All(list) => Cond::All(list.iter().map(|c| compile(c, slots, slot_of)).collect()),
        Condition::Any(list) => Cond::Any(list.iter().map(|c| compile(c, slots, slot_of)).collect()),
        Condition::Not(inner) => Cond::Not(Box::new(compile(inner, slots, slot_of))),
        Condition::Is { q, .. }
        | Condition::In { q, .. }
        | Condition::Contains { q, .. }
        | Condition::Compare { q, .. }
        | Condition::Answered { q, .. } => match slot_of.get(q.as_str()) {
            Some(&slot) => {
                let mut table = vec![holds(condition, &Answers::new())];
                for value in &slots[slot].values {
                    let mut one = Answers::new();
                    one.set(q.clone(), value.clone());
                    table.push(holds(condition, &one));
                }
                Cond::Atom { slot, table: table.into_boxed_slice() }
            }
            // Validation rejects unknown questions; an unknown one is never answered.
            None => {
                if holds(condition, &Answers::new()) {
                    Cond::All(Vec::new())
                } else {
                    Cond::Any(Vec::new())
                }
            }
        },
    }
}
