//! The rules as the fast path applies them: compiled conditions, only the effects that
//! can change a ranking, and each rule placed where its condition can first be decided.
//!
//! A rule that reads only questions of the outer walk is decided at the depth of the
//! deepest question it reads. A rule that reads only the inner question and only
//! multiplies weights (a priority rule) is decided once per inner value, before the
//! sweep. Any other rule that reads the inner question is decided per answer set.
//! Notes never change a ranking and are left out.

use std::collections::BTreeSet;

use super::space::{Cond, Space};
use crate::model::{Effect, RuleSet};

/// The effects of one rule that can change a ranking.
#[derive(Debug, Clone, Default)]
pub(crate) struct Effects {
    /// `(pattern · criteria + criterion, delta)`.
    pub(crate) deltas: Vec<(u32, f64)>,
    /// `(criterion, factor)`.
    pub(crate) factors: Vec<(u32, f64)>,
    /// Excluded patterns.
    pub(crate) excludes: Vec<u32>,
}

impl Effects {
    fn of(effects: &[Effect], criteria: usize) -> Self {
        let mut out = Effects::default();
        for effect in effects {
            match effect {
                Effect::Rating { criterion, delta, patterns } => {
                    out.deltas.extend(patterns.iter().map(|&p| ((p * criteria + criterion) as u32, *delta)));
                }
                Effect::Weight { criterion, factor } => out.factors.push((*criterion as u32, *factor)),
                Effect::Exclude { patterns } => out.excludes.extend(patterns.iter().map(|&p| p as u32)),
                Effect::Note { .. } => {}
            }
        }
        out
    }

    fn is_empty(&self) -> bool {
        self.deltas.is_empty() && self.factors.is_empty() && self.excludes.is_empty()
    }
}

/// A rule ready for the sweep.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    /// The condition over slot states.
    pub(crate) when: Cond,
    /// What it changes.
    pub(crate) effects: Effects,
}

/// What one value of the inner question contributes through the priority rules.
#[derive(Debug, Clone)]
pub(crate) struct InnerValue {
    /// `(criterion, factor)` of every priority rule that holds, sorted.
    pub(crate) factors: Vec<(u32, f64)>,
    /// The product of those factors per criterion (for the approximate pass).
    pub(crate) multipliers: Vec<f64>,
    /// `(criterion, multiplier − 1)` of the criteria whose multiplier is not 1, when
    /// every multiplier is at least 1 (so the sparse sum adds only non-negative terms).
    pub(crate) boosts: Option<Vec<(u32, f64)>>,
}

/// Every rule, placed.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRules {
    /// Rules that read no question: they hold or not for every answer set.
    pub(crate) root: Vec<CompiledRule>,
    /// Rules decided once slot `d` of the outer walk has its state.
    pub(crate) at_depth: Vec<Vec<CompiledRule>>,
    /// Per state of the inner slot (index 0: unanswered); a single neutral entry when
    /// there is no inner slot.
    pub(crate) inner: Vec<InnerValue>,
    /// Rules that read the inner question and are decided per answer set.
    pub(crate) mixed: Vec<CompiledRule>,
}

impl CompiledRules {
    /// Compiles and places every rule of `rules` over `space`.
    pub(crate) fn new(rules: &RuleSet, space: &Space) -> Self {
        let criteria = rules.criteria.len();
        let outer = space.outer_len();
        let mut compiled =
            CompiledRules { root: Vec::new(), at_depth: vec![Vec::new(); outer], inner: Vec::new(), mixed: Vec::new() };
        let mut pure: Vec<CompiledRule> = Vec::new();
        for rule in &rules.rules {
            let effects = Effects::of(&rule.effects, criteria);
            if effects.is_empty() {
                continue;
            }
            let when = space.compile(&rule.when);
            let mut reads = BTreeSet::new();
            when.reads(&mut reads);
            let reads_inner = space.inner.is_some_and(|i| reads.contains(&i));
            let only_inner = reads.len() == 1 && reads_inner;
            let compiled_rule = CompiledRule { when, effects };
            if only_inner && compiled_rule.effects.deltas.is_empty() && compiled_rule.effects.excludes.is_empty() {
                pure.push(compiled_rule);
            } else if reads_inner {
                compiled.mixed.push(compiled_rule);
            } else if let Some(&deepest) = reads.last() {
                compiled.at_depth[deepest].push(compiled_rule);
            } else {
                compiled.root.push(compiled_rule);
            }
        }
        let inner_states = space.inner.map_or(1, |i| space.slots[i].values.len() + 1);
        let mut states = space.initial_states();
        for state in 0..inner_states {
            if let Some(i) = space.inner {
                states[i] = state as u16;
            }
            let mut factors: Vec<(u32, f64)> =
                pure.iter().filter(|r| r.when.holds(&states)).flat_map(|r| r.effects.factors.iter().copied()).collect();
            factors.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut multipliers = vec![1.0; criteria];
            for &(c, f) in &factors {
                multipliers[c as usize] *= f;
            }
            let boosts = multipliers.iter().all(|&m| m >= 1.0).then(|| {
                multipliers.iter().enumerate().filter(|(_, m)| **m != 1.0).map(|(c, m)| (c as u32, m - 1.0)).collect()
            });
            compiled.inner.push(InnerValue { factors, multipliers, boosts });
        }
        compiled
    }
}
