//! `rules reach`: how often each pattern wins over the answer space of a rule set,
//! overall and per answer value; the patterns that never win; the rules that never
//! change a ranking. This is how a rule author sees what a rule file does.
//!
//! What is swept ([`space`]): every `single` and `bool` question a rule reads, with each
//! of its values, and every `multi` question a rule reads, with every subset up to its
//! `max_choices`. A question whose `ask_if` does not hold stays unanswered and takes no
//! value of its own, as in the questionnaire; any other question takes its default as
//! `recommend --no-input` would (number questions have none that apply here, so no
//! cost estimate prices the `cost` criterion: it stays the qualitative rating). Pinned
//! answers restrict the sweep to the answer sets that give them.
//!
//! When the space holds at most [`ReachOptions::exhaustive_limit`] answer sets, every
//! one is evaluated ([`exhaustive`], exact to the engine's ranking, ties included);
//! otherwise, or when a sample size is asked for, a seeded uniform sample is
//! ([`sampled`]). Rule ablation always runs on a sample ([`ablation`]).
//!
//! Pure: no I/O, no clock; randomness only from the seed; threads only split work and
//! never change the result.

mod ablation;
pub mod check;
mod compiled;
mod exhaustive;
mod model;
mod sampled;
mod space;
mod tally;

pub use model::{
    Ablation, AnswerReach, Mode, NONE_CHOSEN, NOT_ASKED, NotSwept, NotSweptReason, PatternReach, Reach, RuleReach,
    Share, SweptQuestion,
};

use crate::model::{Answers, RuleSet};
use space::Space;

/// Spaces up to this many answer sets are swept exhaustively by default: the default
/// rules (billions of answer sets) are.
pub const DEFAULT_EXHAUSTIVE_LIMIT: u64 = 10_000_000_000;
/// Answer sets drawn when the space is too large to sweep and no sample size is given.
pub const DEFAULT_SAMPLES: u64 = 200_000;
/// Answer sets of the rule-ablation sample.
pub const DEFAULT_ABLATION_SAMPLES: u64 = 20_000;
/// The default seed of every sample.
pub const DEFAULT_SEED: u64 = 2026;

/// What to sweep and how.
#[derive(Debug, Clone, PartialEq)]
pub struct ReachOptions {
    /// Answers that every swept answer set gives (like `--set`); the sweep covers only
    /// the answer sets consistent with them.
    pub fixed: Answers,
    /// Evaluate a sample of this many answer sets even when the space is small enough to
    /// sweep.
    pub sample: Option<u64>,
    /// Seed of the samples (the sweep sample and the ablation sample).
    pub seed: u64,
    /// Largest space swept exhaustively.
    pub exhaustive_limit: u64,
    /// Answer sets of the ablation sample; 0 skips the ablation.
    pub ablation_samples: u64,
    /// Worker threads; 0 means one per available core.
    pub threads: usize,
}

impl Default for ReachOptions {
    fn default() -> Self {
        Self {
            fixed: Answers::new(),
            sample: None,
            seed: DEFAULT_SEED,
            exhaustive_limit: DEFAULT_EXHAUSTIVE_LIMIT,
            ablation_samples: DEFAULT_ABLATION_SAMPLES,
            threads: 0,
        }
    }
}

impl ReachOptions {
    /// These options with these answers pinned.
    #[must_use]
    pub fn pinned(mut self, fixed: Answers) -> Self {
        self.fixed = fixed;
        self
    }

    fn thread_count(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            n => n,
        }
    }
}

/// The number of answer sets in the space of `rules` consistent with `fixed`.
pub fn answer_sets(rules: &RuleSet, fixed: &Answers) -> u64 {
    Space::new(rules, fixed).count()
}

/// Sweeps the answer space of `rules`: exhaustively when it is small enough, else on a
/// seeded sample; then the rule ablation on a sample.
pub fn sweep(rules: &RuleSet, options: &ReachOptions) -> Reach {
    let space = Space::new(rules, &options.fixed);
    let size = space.count();
    let threads = options.thread_count();
    let (tally, mode) = match options.sample {
        None if size <= options.exhaustive_limit => (exhaustive::sweep(rules, &space, threads), Mode::Exhaustive),
        sample => {
            let samples = sampled::draw(&space, sample.unwrap_or(DEFAULT_SAMPLES), options.seed);
            (sampled::evaluate_all(rules, &space, &samples, threads), Mode::Sampled { seed: options.seed })
        }
    };
    let ablated = (options.ablation_samples > 0).then(|| {
        // A space no larger than the sample is ablated whole; otherwise a sample with a
        // seed of its own, so that it is not the sweep sample's prefix.
        let seed = options.seed.wrapping_add(1);
        let (samples, mode) = if size <= options.ablation_samples {
            (space.every(), Mode::Exhaustive)
        } else {
            (sampled::draw(&space, options.ablation_samples, seed), Mode::Sampled { seed })
        };
        (mode, ablation::ablate(rules, &space, &samples, threads))
    });
    Reach::new(rules, &space, &tally, mode, size, &options.fixed, ablated)
}

#[cfg(test)]
mod tests;
