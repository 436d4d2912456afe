//! Which rules change a ranking: on a seeded sample of answer sets, each rule that
//! fires is taken out and the answer set evaluated again; the rule changed the ranking
//! when the order of the patterns or their eligibility differs.
//!
//! Exhaustive ablation would cost one sweep per rule, so this one is sampled. Rules
//! whose only effects are notes never change a ranking by design and are not tried.

use super::space::Space;
use crate::engine::{Evaluation, evaluate};
use crate::model::{Effect, RuleSet};

/// Per rule (in rule order): answer sets it fired on, and those where removing it
/// changed the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ablated {
    /// Answer sets tried.
    pub(crate) answer_sets: u64,
    /// Per rule: answer sets where it fired.
    pub(crate) fired: Vec<u64>,
    /// Per rule: answer sets where removing it changed the ranking.
    pub(crate) changed: Vec<u64>,
    /// Per rule: true when it has an effect other than a note.
    pub(crate) ranks: Vec<bool>,
}

/// Evaluates every sampled answer set with and without each rule that fires on it.
pub(crate) fn ablate(rules: &RuleSet, space: &Space, samples: &[Vec<u16>], threads: usize) -> Ablated {
    let ranks: Vec<bool> =
        rules.rules.iter().map(|r| r.effects.iter().any(|e| !matches!(e, Effect::Note { .. }))).collect();
    let without: Vec<Option<RuleSet>> = ranks
        .iter()
        .enumerate()
        .map(|(i, &ranks)| {
            ranks.then(|| {
                let mut less = rules.clone();
                less.rules.remove(i);
                less
            })
        })
        .collect();
    let n = rules.rules.len();
    let part = samples.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<(Vec<u64>, Vec<u64>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = samples
            .chunks(part)
            .map(|chunk| {
                let without = &without;
                scope.spawn(move || {
                    let (mut fired, mut changed) = (vec![0; n], vec![0; n]);
                    for states in chunk {
                        let answers = space.answers(rules, states);
                        let evaluation = evaluate(rules, &answers);
                        let ranking = ranking(&evaluation);
                        for &r in &evaluation.fired {
                            fired[r] += 1;
                            if let Some(less) = &without[r]
                                && ranking != self::ranking(&evaluate(less, &answers))
                            {
                                changed[r] += 1;
                            }
                        }
                    }
                    (fired, changed)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let (mut fired, mut changed) = (vec![0; n], vec![0; n]);
    for (f, c) in parts {
        fired.iter_mut().zip(f).for_each(|(a, b)| *a += b);
        changed.iter_mut().zip(c).for_each(|(a, b)| *a += b);
    }
    Ablated { answer_sets: samples.len() as u64, fired, changed, ranks }
}

/// The order of the patterns and which are eligible.
fn ranking(evaluation: &Evaluation) -> Vec<(usize, bool)> {
    evaluation.ranking.iter().map(|o| (o.pattern, o.score.is_some())).collect()
}
