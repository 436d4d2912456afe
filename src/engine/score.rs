//! The arithmetic of DESIGN §3 steps 2–3, in one place: a final weight from its base and
//! factors, a final rating from its base and deltas, a criterion's contribution and a
//! pattern's score.
//!
//! Every path that scores answers (the engine, and the `rules reach` sweep that must
//! rank exactly as the engine does, ties included) calls these functions, so both
//! compute the same bits. Callers pass factors and deltas sorted by value
//! (`f64::total_cmp`), which makes the result independent of rule order.

use super::{RATING_MAX, RATING_MIN};

/// `base × Π factors`, multiplied in the order given (ascending by value).
#[inline]
pub fn weight(base: f64, sorted_factors: impl IntoIterator<Item = f64>) -> f64 {
    sorted_factors.into_iter().fold(base, |w, f| w * f)
}

/// `clamp(base + Σ deltas, 1, 5)`, the deltas summed in the order given (ascending by
/// value) before the base is added.
#[inline]
pub fn rating(base: f64, sorted_deltas: impl IntoIterator<Item = f64>) -> f64 {
    let sum: f64 = sorted_deltas.into_iter().sum();
    (base + sum).clamp(RATING_MIN, RATING_MAX)
}

/// `Σ w[c]`, in criterion order.
#[inline]
pub fn total_weight(weights: impl IntoIterator<Item = f64>) -> f64 {
    weights.into_iter().sum()
}

/// Points of the score one criterion gives: `100 · w · (r − 1) / (4 · Σw)`; zero when
/// every weight is zero.
#[inline]
pub fn contribution(weight: f64, rating: f64, total_weight: f64) -> f64 {
    if total_weight > 0.0 {
        100.0 * weight * (rating - RATING_MIN) / ((RATING_MAX - RATING_MIN) * total_weight)
    } else {
        0.0
    }
}

/// A pattern's score: its contributions summed in criterion order.
#[inline]
pub fn score(contributions: impl IntoIterator<Item = f64>) -> f64 {
    contributions.into_iter().sum()
}

/// True when a later pattern with score `challenger` ranks above an earlier one with
/// `incumbent`: the ranking sorts by score, highest first (`f64::total_cmp`), and keeps
/// rule-file order on equal scores.
#[inline]
pub fn outranks(challenger: f64, incumbent: f64) -> bool {
    challenger.total_cmp(&incumbent).is_gt()
}
