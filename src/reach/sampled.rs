//! The sampled sweep: answer sets drawn uniformly from the space with a seeded
//! generator, each evaluated by [`crate::engine::evaluate`] itself.
//!
//! The draws are made in one sequence, so the sample depends only on the seed; the
//! evaluations are split over threads in contiguous parts that merge in order.

use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;

use super::space::Space;
use super::tally::{Outcome, Tally};
use crate::engine::{Evaluation, evaluate};
use crate::model::RuleSet;

/// Draws `n` answer sets (fewer only if the space rejects nearly every draw).
pub(crate) fn draw(space: &Space, n: u64, seed: u64) -> Vec<Vec<u16>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let wanted = usize::try_from(n).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(wanted.min(1 << 24));
    // A space whose unasked questions reject most draws still ends.
    let mut attempts: u64 = n.saturating_mul(10_000).saturating_add(1_000_000);
    while out.len() < wanted && attempts > 0 {
        attempts -= 1;
        if let Some(states) = space.draw(&mut rng) {
            out.push(states);
        }
    }
    out
}

/// Evaluates every drawn answer set and counts the winners.
pub(crate) fn evaluate_all(rules: &RuleSet, space: &Space, samples: &[Vec<u16>], threads: usize) -> Tally {
    let part = samples.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = samples
            .chunks(part)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut tally = Tally::new(space, rules.patterns.len());
                    for states in chunk {
                        let evaluation = evaluate(rules, &space.answers(rules, states));
                        if priced(&evaluation) {
                            tally.priced += 1;
                        }
                        tally.add(states, outcome(&evaluation, rules.patterns.len()));
                    }
                    tally
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let mut tally = Tally::new(space, rules.patterns.len());
    for part in parts {
        tally.merge(part);
    }
    tally
}

/// The winner of an evaluation, or `patterns` when every pattern is excluded.
pub(crate) fn outcome(evaluation: &Evaluation, patterns: usize) -> Outcome {
    evaluation.winner().map_or(patterns, |w| w.pattern)
}

/// True when a price estimate set a `cost` rating.
pub(crate) fn priced(evaluation: &Evaluation) -> bool {
    evaluation.ranking.iter().any(|o| o.criteria.iter().any(|c| c.money.is_some()))
}
