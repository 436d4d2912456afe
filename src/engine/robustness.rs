//! How robust the recommendation is (DESIGN §3 step 7): the win probability of each
//! eligible pattern under plausible re-weightings, the weight factor per criterion at
//! which the winner would change (closed form), the nearest such flip and the margin.
//!
//! Pure and deterministic: randomness comes only from the seed passed in.

mod factors;
mod sampling;

pub use factors::{DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_SIGMA};
use sampling::win_probability;

use super::Evaluation;

/// How to sample weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RobustnessOptions {
    /// Number of weight samples.
    pub samples: usize,
    /// σ of `w' = w · exp(σ · N(0, 1))`.
    pub sigma: f64,
    /// Seed of the random generator.
    pub seed: u64,
}

impl Default for RobustnessOptions {
    fn default() -> Self {
        Self { samples: DEFAULT_SAMPLES, sigma: DEFAULT_SIGMA, seed: DEFAULT_SEED }
    }
}

/// Which way a weight must move for the winner to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More weight on the criterion.
    Raise,
    /// Less weight on the criterion.
    Lower,
}

/// A weight change that would change the winner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flip {
    /// Criterion index.
    pub criterion: usize,
    /// The factor on that criterion's weight at which the new winner ties the old one.
    pub factor: f64,
    /// Raise or lower.
    pub direction: Direction,
    /// Pattern index of the new winner.
    pub to: usize,
}

impl Flip {
    /// Distance from no change, on a log scale: a factor of 2 is as near as 0.5.
    pub fn distance(&self) -> f64 {
        self.factor.ln().abs()
    }
}

/// The robustness of an evaluation's winner.
#[derive(Debug, Clone, PartialEq)]
pub struct Robustness {
    /// The options used.
    pub options: RobustnessOptions,
    /// `(pattern index, share of samples it wins)`, eligible patterns in ranking order.
    pub win_probability: Vec<(usize, f64)>,
    /// For each criterion, the nearest flip when raising and when lowering its weight.
    pub flips: Vec<Flip>,
    /// The nearest flip of all.
    pub nearest_flip: Option<Flip>,
    /// Points between the first and the second eligible pattern.
    pub margin: Option<f64>,
}

/// The eligible patterns' `(index, ratings − 1 per criterion)`, in ranking order.
fn eligible(evaluation: &Evaluation) -> Vec<(usize, Vec<f64>)> {
    evaluation
        .ranking
        .iter()
        .filter(|o| o.score.is_some())
        .map(|o| (o.pattern, o.criteria.iter().map(|c| c.rating - 1.0).collect()))
        .collect()
}

/// Analyses the winner of an evaluation. Without a winner it is empty.
pub fn analyse(evaluation: &Evaluation, options: &RobustnessOptions) -> Robustness {
    let candidates = eligible(evaluation);
    let weights: Vec<f64> = evaluation.weights.iter().map(|w| w.weight).collect();
    let margin = match evaluation.ranking.as_slice() {
        [first, second, ..] => first.score.zip(second.score).map(|(a, b)| a - b),
        _ => None,
    };
    let flips = closed_form_flips(&candidates, &weights);
    let nearest_flip = flips.iter().copied().min_by(|a, b| a.distance().total_cmp(&b.distance()));
    Robustness {
        options: *options,
        win_probability: win_probability(&candidates, &weights, options),
        flips,
        nearest_flip,
        margin,
    }
}

/// For each criterion, the factor on its weight at which another candidate catches up
/// with the winner, in both directions (the nearest candidate in each).
///
/// With every other weight fixed, each score's numerator `A_p + k·w_c·g_pc` is linear
/// in the factor `k`, and the denominator is the same for all patterns; so the winner
/// `W` and a rival `q` tie at `k* = (A_W − A_q) / (w_c · (g_qc − g_Wc))`.
fn closed_form_flips(candidates: &[(usize, Vec<f64>)], weights: &[f64]) -> Vec<Flip> {
    let Some((_, winner_gains)) = candidates.first() else { return Vec::new() };
    let numerator = |gains: &[f64]| -> f64 { gains.iter().zip(weights).map(|(g, w)| g * w).sum() };
    let winner_total = numerator(winner_gains);
    let mut flips = Vec::new();
    for (c, &w) in weights.iter().enumerate() {
        if w <= 0.0 {
            continue;
        }
        let mut raise: Option<Flip> = None;
        let mut lower: Option<Flip> = None;
        for (rival, gains) in &candidates[1..] {
            let slope = w * (gains[c] - winner_gains[c]);
            if slope == 0.0 {
                continue;
            }
            // A_W − A_q at k = 0, i.e. without this criterion.
            let rest = (winner_total - w * winner_gains[c]) - (numerator(gains) - w * gains[c]);
            let factor = rest / slope;
            let (slot, direction) =
                if slope > 0.0 { (&mut raise, Direction::Raise) } else { (&mut lower, Direction::Lower) };
            let valid = match direction {
                Direction::Raise => factor >= 1.0,
                // A factor of 0 (or −0) would mean dropping the criterion altogether: at
                // that point the two only tie, so it is no flip.
                Direction::Lower => factor > 0.0 && factor <= 1.0,
            };
            let nearer = slot.is_none_or(|f| (factor - 1.0).abs() < (f.factor - 1.0).abs());
            if valid && nearer {
                *slot = Some(Flip { criterion: c, factor, direction, to: *rival });
            }
        }
        flips.extend(raise);
        flips.extend(lower);
    }
    flips
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::model::{AnswerValue, Answers};
    use crate::testing::mini;

    fn small_evaluation() -> Evaluation {
        let mut answers = Answers::new();
        answers.set("size", AnswerValue::Choice("small".into()));
        evaluate(&mini(), &answers)
    }

    #[test]
    fn win_probabilities_sum_to_one_and_are_deterministic() {
        let eval = small_evaluation();
        let options = RobustnessOptions { samples: 2_000, ..RobustnessOptions::default() };
        let a = analyse(&eval, &options);
        let sum: f64 = a.win_probability.iter().map(|(_, p)| p).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        assert_eq!(a, analyse(&eval, &options), "same seed, same result");
        let other = analyse(&eval, &RobustnessOptions { seed: 7, ..options });
        assert_eq!(other.win_probability.len(), a.win_probability.len());
    }

    #[test]
    fn closed_form_flip_agrees_with_a_brute_force_sweep() {
        // size=small: alpha (gains 4, 1) beats beta (gains 0, 3), weights 1 and 1.
        // Raising speed: 4 + k = 3k  => k* = 2. Lowering cost: 4k + 1 = 3 => k* = 0.5.
        let eval = small_evaluation();
        let result = analyse(&eval, &RobustnessOptions { samples: 10, ..RobustnessOptions::default() });
        let speed = result.flips.iter().find(|f| f.criterion == 1).copied();
        let cost = result.flips.iter().find(|f| f.criterion == 0).copied();
        assert_eq!(speed.map(|f| (f.direction, f.to)), Some((Direction::Raise, 1)));
        assert!((speed.map_or(0.0, |f| f.factor) - 2.0).abs() < 1e-12);
        assert_eq!(cost.map(|f| f.direction), Some(Direction::Lower));
        assert!((cost.map_or(0.0, |f| f.factor) - 0.5).abs() < 1e-12);

        // Brute force: scan factors and find where the winner first changes.
        let candidates = eligible(&eval);
        let base: Vec<f64> = eval.weights.iter().map(|w| w.weight).collect();
        let winner_at = |c: usize, k: f64| {
            let mut w = base.clone();
            w[c] *= k;
            let score = |g: &[f64]| g.iter().zip(&w).map(|(g, w)| g * w).sum::<f64>();
            if score(&candidates[1].1) > score(&candidates[0].1) { candidates[1].0 } else { candidates[0].0 }
        };
        let first_raise = (1..=10_000).map(|i| 1.0 + f64::from(i) * 0.001).find(|&k| winner_at(1, k) != 0);
        assert!((first_raise.unwrap_or(0.0) - 2.0).abs() < 0.002, "{first_raise:?}");
        let first_lower = (1..=1_000).map(|i| 1.0 - f64::from(i) * 0.001).find(|&k| winner_at(0, k) != 0);
        assert!((first_lower.unwrap_or(0.0) - 0.5).abs() < 0.002, "{first_lower:?}");
        // The nearest flip is the one with the smallest |ln k|: 2 and 0.5 tie; either is fine.
        assert!((result.nearest_flip.map_or(0.0, |f| f.distance()) - 2.0_f64.ln()).abs() < 1e-12);
        assert_eq!(result.margin, Some(25.0));
    }

    #[test]
    fn a_single_eligible_pattern_always_wins_and_cannot_flip() {
        let mut answers = Answers::new();
        answers.set("gpu", AnswerValue::Bool(true));
        let eval = evaluate(&mini(), &answers);
        let result = analyse(&eval, &RobustnessOptions { samples: 100, ..RobustnessOptions::default() });
        assert_eq!(result.win_probability, vec![(0, 1.0)]);
        assert!(result.flips.is_empty() && result.nearest_flip.is_none());
    }
}
