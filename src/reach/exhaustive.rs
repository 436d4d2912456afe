//! The exhaustive sweep: every answer set of the space, ranked as the engine ranks it,
//! fast enough for billions of answer sets.
//!
//! The outer questions are walked depth first; each rule is decided at the depth of the
//! deepest question it reads and its effects stay on a stack while that subtree is
//! walked. At each leaf (every outer question answered) the ratings and outer weights are
//! final, and the winner of every value of the inner question (the priority sets) is
//! `argmax_p Σ_c m[c] · w[c] · (r[p][c] − 1)`, with `m` the product of the priority
//! factors of that value, computed once. When the best two of that approximate pass are
//! within [`TIE_TOLERANCE`] points, or when a rule that reads the inner question and
//! others fires, the answer set is scored again with the engine's own arithmetic
//! ([`crate::engine::score`]), factors and deltas in the engine's order, so the winner is
//! the engine's to the bit, ties included. Answer sets a cost estimate could price go
//! to [`crate::engine::evaluate`] itself.
//!
//! The leaves are split into chunks in sweep order, shared by worker threads; the
//! chunks' tallies merge in order, so the result does not depend on the threads.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::compiled::{CompiledRule, CompiledRules, Effects};
use super::space::{Role, Space, UNANSWERED};
use super::tally::{Outcome, Tally};
use crate::engine::{evaluate, score};
use crate::model::RuleSet;

/// Score points under which the approximate pass hands two patterns to the exact one.
/// The approximate and the exact scores differ by less than 1e-11 points (every term is
/// non-negative, so no rounding error is amplified).
pub(crate) const TIE_TOLERANCE: f64 = 1e-9;

/// Most leaf signatures a worker remembers (about 1 KB each); leaves beyond are
/// computed without the cache.
const CACHE_LIMIT: usize = 200_000;

/// Chunks per thread, so that a slow chunk does not leave a core idle.
const CHUNKS_PER_THREAD: usize = 32;

/// Sweeps every answer set of the space.
pub(crate) fn sweep(rules: &RuleSet, space: &Space, threads: usize) -> Tally {
    sweep_with_cache(rules, space, threads, CACHE_LIMIT)
}

/// [`sweep`] with a given limit on the leaf cache (tests use 0 and 1).
pub(crate) fn sweep_with_cache(rules: &RuleSet, space: &Space, threads: usize, cache_limit: usize) -> Tally {
    let compiled = CompiledRules::new(rules, space);
    let threads = threads.max(1);
    let prefixes = prefixes(space, threads * CHUNKS_PER_THREAD);
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Tally)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut worker = Worker::new(rules, space, &compiled);
                    worker.cache_limit = cache_limit;
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(prefix) = prefixes.get(i) else { break };
                        done.push((i, worker.chunk(prefix)));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    parts.sort_by_key(|(i, _)| *i);
    let mut tally = Tally::new(space, rules.patterns.len());
    for (_, part) in parts {
        tally.merge(part);
    }
    tally
}

/// The winner of each complete answer set, found the way the sweep finds it.
#[cfg(test)]
pub(crate) fn winners(rules: &RuleSet, space: &Space, answer_sets: &[Vec<u16>]) -> Vec<Outcome> {
    let compiled = CompiledRules::new(rules, space);
    let mut worker = Worker::new(rules, space, &compiled);
    answer_sets.iter().map(|states| worker.single(states)).collect()
}

/// The states of the first `k` outer slots of at least `target` subtrees (fewer when
/// the walk has fewer leaves), in sweep order.
fn prefixes(space: &Space, target: usize) -> Vec<Vec<u16>> {
    let mut list = vec![space.initial_states()];
    let mut depth = 0;
    while list.len() < target && depth < space.outer_len() {
        let mut next = Vec::new();
        for states in list {
            let (lo, hi) = space.choices(depth, &states);
            for v in lo..=hi {
                let mut s = states.clone();
                s[depth] = v;
                next.push(s);
            }
        }
        list = next;
        depth += 1;
    }
    list.into_iter()
        .map(|mut s| {
            s.truncate(depth);
            s
        })
        .collect()
}

/// One thread's walk.
struct Worker<'a> {
    rules: &'a RuleSet,
    space: &'a Space,
    compiled: &'a CompiledRules,
    patterns: usize,
    criteria: usize,
    outcomes: usize,
    base_ratings: Vec<f64>,
    base_weights: Vec<f64>,
    initial: Vec<u16>,
    states: Vec<u16>,
    /// Effects of the rules that hold on the current path.
    deltas: Vec<(u32, f64)>,
    factors: Vec<(u32, f64)>,
    excludes: Vec<u32>,
    /// Outcome counts of the subtree under construction at each depth.
    hist: Vec<Vec<u64>>,
    tally: Tally,
    leaf: Leaf,
    /// Leaves seen, by signature (see [`Worker::signature_key`]).
    cache: HashMap<Vec<u64>, usize, BuildHasherDefault<FxHasher>>,
    signatures: Vec<Signature>,
    key: Vec<u64>,
    cache_limit: usize,
}

/// The winners of the leaves with one signature.
struct Signature {
    /// The first inner state.
    lo: u16,
    /// The winner per inner state from `lo`.
    outcomes: Vec<u16>,
    /// Outcome counts over the inner states.
    hist: Vec<u64>,
    /// Leaves with this signature since the last flush.
    hits: u64,
}

/// A small, fast hash for signature keys (`FxHash`, as rustc uses, with a final mix):
/// the keys are not attacker-controlled.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits poorly mixed, and the table indexes by them:
        // finish with the MurmurHash3 mixer.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}

/// What a leaf knows before the inner question: final ratings, outer weights, the
/// eligible patterns, and their weighted gains per criterion.
#[derive(Default)]
struct Leaf {
    sorted_deltas: Vec<(u32, f64)>,
    sorted_factors: Vec<(u32, f64)>,
    ratings: Vec<f64>,
    weights: Vec<f64>,
    excluded: Vec<bool>,
    eligible: Vec<usize>,
    gains: Vec<f64>,
    /// Per eligible pattern: the sum of its gains (the score with no inner factor).
    gain_sums: Vec<f64>,
    /// The sum of the outer weights.
    weight_sum: f64,
    fired: Vec<usize>,
    scratch_factors: Vec<(u32, f64)>,
    scratch_deltas: Vec<(u32, f64)>,
    scratch_ratings: Vec<f64>,
    scratch_weights: Vec<f64>,
}

impl<'a> Worker<'a> {
    fn new(rules: &'a RuleSet, space: &'a Space, compiled: &'a CompiledRules) -> Self {
        let patterns = rules.patterns.len();
        let criteria = rules.criteria.len();
        let base_ratings =
            rules.ratings.iter().flat_map(|row| row.iter().map(|r| f64::from(r.value))).collect::<Vec<f64>>();
        let initial = space.initial_states();
        Worker {
            rules,
            space,
            compiled,
            patterns,
            criteria,
            outcomes: patterns + 1,
            base_ratings,
            base_weights: rules.criteria.iter().map(|c| c.weight).collect(),
            states: initial.clone(),
            initial,
            deltas: Vec::new(),
            factors: Vec::new(),
            excludes: Vec::new(),
            hist: vec![vec![0; patterns + 1]; space.outer_len() + 1],
            tally: Tally::new(space, patterns),
            leaf: Leaf::default(),
            cache: HashMap::default(),
            signatures: Vec::new(),
            key: Vec::new(),
            cache_limit: CACHE_LIMIT,
        }
    }

    /// Sweeps the subtree under a prefix and returns its tally.
    fn chunk(&mut self, prefix: &[u16]) -> Tally {
        self.tally = Tally::new(self.space, self.patterns);
        self.states.clone_from(&self.initial);
        self.deltas.clear();
        self.factors.clear();
        self.excludes.clear();
        let compiled = self.compiled;
        self.apply(&compiled.root);
        for (d, &v) in prefix.iter().enumerate() {
            self.states[d] = v;
            self.apply(&compiled.at_depth[d]);
        }
        let k = prefix.len();
        self.hist[k].fill(0);
        self.node(k);
        self.flush_signatures();
        for o in 0..self.outcomes {
            let n = self.hist[k][o];
            self.tally.total[o] += n;
            for (d, &v) in prefix.iter().enumerate() {
                self.tally.by_state[d][usize::from(v) * self.outcomes + o] += n;
            }
        }
        std::mem::replace(&mut self.tally, Tally::new(self.space, 0))
    }

    fn apply(&mut self, rules: &[CompiledRule]) {
        for rule in rules {
            if rule.when.holds(&self.states) {
                self.deltas.extend_from_slice(&rule.effects.deltas);
                self.factors.extend_from_slice(&rule.effects.factors);
                self.excludes.extend_from_slice(&rule.effects.excludes);
            }
        }
    }

    /// Walks slot `d` and below, adding outcome counts into `hist[d]`.
    fn node(&mut self, d: usize) {
        if d == self.space.outer_len() {
            self.leaf();
            return;
        }
        let compiled = self.compiled;
        let (lo, hi) = self.space.choices(d, &self.states);
        for v in lo..=hi {
            self.states[d] = v;
            let marks = (self.deltas.len(), self.factors.len(), self.excludes.len());
            self.apply(&compiled.at_depth[d]);
            self.hist[d + 1].fill(0);
            self.node(d + 1);
            let (upper, lower) = self.hist.split_at_mut(d + 1);
            let row = &mut self.tally.by_state[d][usize::from(v) * self.outcomes..][..self.outcomes];
            for ((total, n), r) in upper[d].iter_mut().zip(&lower[0]).zip(row) {
                *total += n;
                *r += n;
            }
            self.deltas.truncate(marks.0);
            self.factors.truncate(marks.1);
            self.excludes.truncate(marks.2);
        }
        self.states[d] = self.initial[d];
    }

    /// Every value of the inner question under the current outer answers.
    fn leaf(&mut self) {
        let outer = self.space.outer_len();
        let (lo, hi) = match self.space.inner {
            Some(i) => self.space.choices(i, &self.states),
            None => (UNANSWERED, UNANSWERED),
        };
        if self.space.money_possible(&self.states) {
            for s in lo..=hi {
                self.set_inner(s);
                let evaluation = evaluate(self.rules, &self.space.answers(self.rules, &self.states));
                let outcome = super::sampled::outcome(&evaluation, self.patterns);
                if super::sampled::priced(&evaluation) {
                    self.tally.priced += 1;
                }
                self.count(s, outcome, outer);
            }
            self.set_inner(UNANSWERED);
            return;
        }
        self.prepare_leaf();
        if !self.compiled.mixed.is_empty() {
            self.prepare_gains();
            for s in lo..=hi {
                let outcome = self.winner(s);
                self.count(s, outcome, outer);
            }
            self.set_inner(UNANSWERED);
            return;
        }
        self.signature_key(lo, hi);
        let index = if let Some(&index) = self.cache.get(&self.key) {
            index
        } else {
            self.prepare_gains();
            let mut signature = Signature { lo, outcomes: Vec::new(), hist: vec![0; self.outcomes], hits: 0 };
            for s in lo..=hi {
                let outcome = self.fast(s);
                signature.outcomes.push(outcome as u16);
                signature.hist[outcome] += 1;
            }
            if self.signatures.len() >= self.cache_limit {
                for (s, &outcome) in (lo..=hi).zip(&signature.outcomes) {
                    self.count(s, usize::from(outcome), outer);
                }
                return;
            }
            self.signatures.push(signature);
            self.cache.insert(self.key.clone(), self.signatures.len() - 1);
            self.signatures.len() - 1
        };
        let signature = &mut self.signatures[index];
        signature.hits += 1;
        for (h, n) in self.hist[outer].iter_mut().zip(&signature.hist) {
            *h += n;
        }
        for p in 0..self.patterns {
            if signature.hist[p] > 0 && self.tally.examples[p].is_none() {
                let k = signature.outcomes.iter().position(|&o| usize::from(o) == p).unwrap_or_default();
                let mut states = self.states.clone();
                if let Some(i) = self.space.inner {
                    states[i] = signature.lo + k as u16;
                }
                self.tally.examples[p] = Some(states);
            }
        }
    }

    /// What decides the winners of a leaf for every inner state: the inner states, the
    /// eligible patterns and their final ratings, and the outer weight factors (the
    /// exact pass multiplies them with the inner ones, so their values matter, not only
    /// their product).
    fn signature_key(&mut self, lo: u16, hi: u16) {
        let leaf = &self.leaf;
        self.key.clear();
        self.key.push(u64::from(lo) | (u64::from(hi) << 16));
        for &p in &leaf.eligible {
            self.key.push(p as u64);
            self.key.extend(leaf.ratings[p * self.criteria..][..self.criteria].iter().map(|r| r.to_bits()));
        }
        self.key.push(u64::MAX);
        for &(c, f) in &leaf.sorted_factors {
            self.key.push(u64::from(c));
            self.key.push(f.to_bits());
        }
    }

    /// Adds the inner-state counts of the cached leaves to the tally.
    fn flush_signatures(&mut self) {
        let Some(inner) = self.space.inner else {
            self.signatures.iter_mut().for_each(|s| s.hits = 0);
            return;
        };
        let row = &mut self.tally.by_state[inner];
        for signature in &mut self.signatures {
            if signature.hits == 0 {
                continue;
            }
            for (k, &outcome) in signature.outcomes.iter().enumerate() {
                row[(usize::from(signature.lo) + k) * self.outcomes + usize::from(outcome)] += signature.hits;
            }
            signature.hits = 0;
        }
    }

    /// The winner for inner state `s` at a prepared leaf.
    fn winner(&mut self, s: u16) -> Outcome {
        if self.compiled.mixed.is_empty() {
            return self.fast(s);
        }
        self.set_inner(s);
        self.leaf.fired.clear();
        for (i, rule) in self.compiled.mixed.iter().enumerate() {
            if rule.when.holds(&self.states) {
                self.leaf.fired.push(i);
            }
        }
        let outcome = if self.leaf.fired.is_empty() { self.fast(s) } else { self.exact(s) };
        self.leaf.fired.clear();
        outcome
    }

    /// The winner of one complete answer set, the way the sweep finds it.
    #[cfg(test)]
    fn single(&mut self, states: &[u16]) -> Outcome {
        self.states = states.to_vec();
        self.deltas.clear();
        self.factors.clear();
        self.excludes.clear();
        let compiled = self.compiled;
        self.apply(&compiled.root);
        for d in 0..self.space.outer_len() {
            self.apply(&compiled.at_depth[d]);
        }
        let s = self.space.inner.map_or(UNANSWERED, |i| states[i]);
        if self.space.money_possible(&self.states) {
            return super::sampled::outcome(
                &evaluate(self.rules, &self.space.answers(self.rules, states)),
                self.patterns,
            );
        }
        self.prepare_leaf();
        self.prepare_gains();
        self.winner(s)
    }

    fn set_inner(&mut self, s: u16) {
        if let Some(i) = self.space.inner {
            self.states[i] = if self.space.slots[i].role == Role::Pinned { 1 } else { s };
        }
    }

    fn count(&mut self, s: u16, outcome: Outcome, outer: usize) {
        self.hist[outer][outcome] += 1;
        if let Some(i) = self.space.inner {
            self.tally.by_state[i][usize::from(s) * self.outcomes + outcome] += 1;
        }
        if outcome < self.patterns && self.tally.examples[outcome].is_none() {
            let mut states = self.states.clone();
            if let Some(i) = self.space.inner {
                states[i] = s;
            }
            self.tally.examples[outcome] = Some(states);
        }
    }

    /// Final ratings, outer weights and eligibility of the current leaf.
    fn prepare_leaf(&mut self) {
        let patterns = self.patterns;
        let leaf = &mut self.leaf;
        leaf.sorted_deltas.clone_from(&self.deltas);
        leaf.sorted_deltas.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        ratings_into(&self.base_ratings, &leaf.sorted_deltas, &mut leaf.ratings);
        leaf.sorted_factors.clone_from(&self.factors);
        leaf.sorted_factors.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        weights_into(&self.base_weights, &leaf.sorted_factors, &mut leaf.weights);
        leaf.excluded.clear();
        leaf.excluded.resize(patterns, false);
        for &p in &self.excludes {
            leaf.excluded[p as usize] = true;
        }
        leaf.eligible.clear();
        leaf.eligible.extend((0..patterns).filter(|&p| !leaf.excluded[p]));
    }

    /// The weighted gains of the eligible patterns, for the approximate pass.
    fn prepare_gains(&mut self) {
        let criteria = self.criteria;
        let leaf = &mut self.leaf;
        leaf.gains.clear();
        for &p in &leaf.eligible {
            let row = &leaf.ratings[p * criteria..][..criteria];
            leaf.gains.extend(row.iter().zip(&leaf.weights).map(|(r, w)| w * (r - 1.0)));
        }
        leaf.gain_sums.clear();
        leaf.gain_sums.extend(leaf.gains.chunks_exact(criteria).map(|g| g.iter().sum::<f64>()));
        leaf.weight_sum = leaf.weights.iter().sum();
    }

    /// The winner for inner state `s` from the approximate pass, or from the exact one
    /// when the top two are too close to call.
    fn fast(&mut self, s: u16) -> Outcome {
        let leaf = &self.leaf;
        match leaf.eligible.len() {
            0 => return self.patterns,
            1 => return leaf.eligible[0],
            _ => {}
        }
        let inner = &self.compiled.inner[usize::from(s)];
        let (mut best, mut top, mut second) = (0, f64::NEG_INFINITY, f64::NEG_INFINITY);
        let mut rank = |e: usize, v: f64| {
            if v > top {
                second = top;
                top = v;
                best = e;
            } else if v > second {
                second = v;
            }
        };
        let total = if let Some(boosts) = &inner.boosts {
            // Most criteria keep their weight: start from the leaf's sums and add the
            // few boosted ones (every term is non-negative, as in the dense sum).
            for (e, gains) in leaf.gains.chunks_exact(self.criteria).enumerate() {
                let v = boosts.iter().fold(leaf.gain_sums[e], |v, &(c, d)| v + d * gains[c as usize]);
                rank(e, v);
            }
            boosts.iter().fold(leaf.weight_sum, |t, &(c, d)| t + d * leaf.weights[c as usize])
        } else {
            let m = &inner.multipliers;
            for (e, gains) in leaf.gains.chunks_exact(self.criteria).enumerate() {
                rank(e, gains.iter().zip(m).map(|(g, m)| g * m).sum());
            }
            m.iter().zip(&leaf.weights).map(|(m, w)| m * w).sum()
        };
        if total.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            return self.exact(s);
        }
        if (top - second) * 25.0 / total > TIE_TOLERANCE { leaf.eligible[best] } else { self.exact(s) }
    }

    /// The winner for inner state `s`, scored exactly as the engine scores, with the
    /// effects of the mixed rules in `leaf.fired`.
    fn exact(&mut self, s: u16) -> Outcome {
        let (criteria, patterns) = (self.criteria, self.patterns);
        let compiled = self.compiled;
        let leaf = &mut self.leaf;
        let inner = &compiled.inner[usize::from(s)];
        let mixed: Vec<&Effects> = leaf.fired.iter().map(|&i| &compiled.mixed[i].effects).collect();
        leaf.scratch_factors.clear();
        leaf.scratch_factors.extend_from_slice(&leaf.sorted_factors);
        leaf.scratch_factors.extend_from_slice(&inner.factors);
        for e in &mixed {
            leaf.scratch_factors.extend_from_slice(&e.factors);
        }
        leaf.scratch_factors.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        weights_into(&self.base_weights, &leaf.scratch_factors, &mut leaf.scratch_weights);
        let ratings = if mixed.iter().any(|e| !e.deltas.is_empty()) {
            leaf.scratch_deltas.clone_from(&leaf.sorted_deltas);
            for e in &mixed {
                leaf.scratch_deltas.extend_from_slice(&e.deltas);
            }
            leaf.scratch_deltas.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            ratings_into(&self.base_ratings, &leaf.scratch_deltas, &mut leaf.scratch_ratings);
            &leaf.scratch_ratings
        } else {
            &leaf.ratings
        };
        let total = score::total_weight(leaf.scratch_weights.iter().copied());
        let mut winner: Option<(usize, f64)> = None;
        for p in 0..patterns {
            if leaf.excluded[p] || mixed.iter().any(|e| e.excludes.contains(&(p as u32))) {
                continue;
            }
            let row = &ratings[p * criteria..][..criteria];
            let value =
                score::score(row.iter().zip(&leaf.scratch_weights).map(|(&r, &w)| score::contribution(w, r, total)));
            if winner.is_none_or(|(_, best)| score::outranks(value, best)) {
                winner = Some((p, value));
            }
        }
        winner.map_or(patterns, |(p, _)| p)
    }
}

/// Final ratings: the base plus the deltas of each cell (sorted by cell, then value),
/// clamped, as the engine computes them.
fn ratings_into(base: &[f64], sorted: &[(u32, f64)], out: &mut Vec<f64>) {
    out.clear();
    out.extend_from_slice(base);
    for group in sorted.chunk_by(|a, b| a.0 == b.0) {
        let cell = group[0].0 as usize;
        out[cell] = score::rating(base[cell], group.iter().map(|d| d.1));
    }
}

/// Final weights: the base times the factors of each criterion (sorted by criterion,
/// then value), as the engine computes them.
fn weights_into(base: &[f64], sorted: &[(u32, f64)], out: &mut Vec<f64>) {
    out.clear();
    out.extend_from_slice(base);
    for group in sorted.chunk_by(|a, b| a.0 == b.0) {
        let c = group[0].0 as usize;
        out[c] = score::weight(base[c], group.iter().map(|f| f.1));
    }
}
