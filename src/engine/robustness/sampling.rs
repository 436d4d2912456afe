//! The win probability by sampling (DESIGN §3 step 7): in how many of the log-normal
//! re-weightings each candidate has the highest value.
//!
//! The work is laid out for the compiler to vectorise across samples: a block of
//! [`BLOCK`] samples at a time, one column of factors per criterion scaled by its weight,
//! then one candidate at a time a running value per sample. Every value is still the
//! same floating-point operations in the same order as the plain loop (start at `-0.0`,
//! add `g · (w · f)` criterion by criterion), and the winner of a sample is still the
//! first candidate with the strictly greatest value; the tests compare the bits with
//! that plain loop.

use super::RobustnessOptions;
use super::factors::{DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_SIGMA, Factors};

/// The factors of the default seed and σ, drawn by `build.rs` with [`Factors`] itself:
/// the first `N` of the stream, `N` = [`DEFAULT_SAMPLES`] × the criteria of the default
/// rules, stored criterion by criterion (one column of [`DEFAULT_SAMPLES`] per criterion;
/// stream position `s · criteria + c` at `c · DEFAULT_SAMPLES + s`) as `f64`
/// little-endian. Read where it lies in the binary: no copy, no draw.
static DEFAULT_FACTORS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/robustness-factors.bin"));

/// Samples scored together: the factors of a block are read (or drawn) and scaled at once.
const BLOCK: usize = 64;

/// Samples whose values are summed together, in registers: the vectorised loop.
const LANES: usize = 8;

/// The criteria the build-time table has a column for.
fn table_criteria() -> usize {
    DEFAULT_FACTORS.len() / 8 / DEFAULT_SAMPLES
}

/// The build-time factor at stream position `k` (`k` < the table's length).
fn table_at(k: usize) -> f64 {
    let criteria = table_criteria();
    let at = ((k % criteria) * DEFAULT_SAMPLES + k / criteria) * 8;
    let (bytes, _) = DEFAULT_FACTORS[at..].as_chunks::<8>();
    bytes.first().map_or(f64::NAN, |b| f64::from_le_bytes(*b))
}

/// Where the factors of one analysis come from; each gives the same bits as drawing.
enum Source {
    /// The build-time table, which has one column per criterion of this analysis.
    Columns,
    /// The build-time table, read at stream positions (not one column per criterion).
    Table,
    /// Drawn now: another seed or σ, or more factors than the table holds.
    Drawn(Box<Factors>),
}

impl Source {
    fn new(options: &RobustnessOptions, criteria: usize, samples: usize) -> Self {
        let default = options.seed == DEFAULT_SEED && options.sigma.to_bits() == DEFAULT_SIGMA.to_bits();
        if default && criteria == table_criteria() && samples <= DEFAULT_SAMPLES {
            Source::Columns
        } else if default && criteria * samples <= table_criteria() * DEFAULT_SAMPLES {
            Source::Table
        } else {
            Source::Drawn(Box::new(Factors::new(options.seed, options.sigma)))
        }
    }

    /// Writes `w · f` for the factors `f` of samples `start..start + len` into
    /// `scaled[c][..len]`, `w` the weight of criterion `c`.
    fn fill(&mut self, start: usize, len: usize, weights: &[f64], scaled: &mut [[f64; BLOCK]]) {
        let criteria = scaled.len();
        match self {
            Source::Columns => {
                for (c, (column, &w)) in scaled.iter_mut().zip(weights).enumerate() {
                    let at = (c * DEFAULT_SAMPLES + start) * 8;
                    let (bytes, _) = DEFAULT_FACTORS[at..at + len * 8].as_chunks::<8>();
                    for (f, b) in column.iter_mut().zip(bytes) {
                        *f = w * f64::from_le_bytes(*b);
                    }
                }
            }
            Source::Table => {
                for j in 0..len {
                    for (c, (column, &w)) in scaled.iter_mut().zip(weights).enumerate() {
                        column[j] = w * table_at((start + j) * criteria + c);
                    }
                }
            }
            Source::Drawn(factors) => {
                for j in 0..len {
                    for ((column, &w), f) in scaled.iter_mut().zip(weights).zip(factors.by_ref()) {
                        column[j] = w * f;
                    }
                }
            }
        }
    }
}

/// Share of log-normal weight samples in which each candidate has the highest score,
/// for `(pattern, gains per criterion)` in ranking order. Ties go to the candidate
/// ranked first, as in the ranking itself.
pub(super) fn win_probability(
    candidates: &[(usize, Vec<f64>)],
    weights: &[f64],
    options: &RobustnessOptions,
) -> Vec<(usize, f64)> {
    if candidates.is_empty() {
        return Vec::new();
    }
    let samples = options.samples.max(1);
    let mut wins = vec![0_usize; candidates.len()];
    if weights.is_empty() {
        // No criterion: every sample is a tie, which the first candidate wins.
        wins[0] = samples;
    } else {
        count_wins(candidates, weights, options, samples, &mut wins);
    }
    candidates.iter().zip(wins).map(|((p, _), n)| (*p, n as f64 / samples as f64)).collect()
}

/// Adds to `wins[i]` the samples candidate `i` wins, block by block.
fn count_wins(
    candidates: &[(usize, Vec<f64>)],
    weights: &[f64],
    options: &RobustnessOptions,
    samples: usize,
    wins: &mut [usize],
) {
    let contenders = contenders(candidates, weights);
    let mut source = Source::new(options, weights.len(), samples);
    // `w · f` per criterion and sample of the block (lanes past `len` are never counted).
    let mut scaled = vec![[0.0; BLOCK]; weights.len()];
    let mut best = [0_usize; BLOCK];
    let mut best_value = [f64::NEG_INFINITY; BLOCK];
    for start in (0..samples).step_by(BLOCK) {
        let len = BLOCK.min(samples - start);
        source.fill(start, len, weights, &mut scaled);
        best.fill(0);
        best_value.fill(f64::NEG_INFINITY);
        // The common denominator 4·Σw' does not change who wins.
        for &(i, gains) in &contenders {
            for lane in (0..BLOCK).step_by(LANES) {
                // A few samples' values at a time, so that they stay in registers.
                let mut value = [-0.0; LANES];
                for (column, &g) in scaled.iter().zip(gains) {
                    for (v, s) in value.iter_mut().zip(&column[lane..lane + LANES]) {
                        *v += g * s;
                    }
                }
                let best = &mut best[lane..lane + LANES];
                let best_value = &mut best_value[lane..lane + LANES];
                for ((b, bv), v) in best.iter_mut().zip(best_value.iter_mut()).zip(value) {
                    if v > *bv {
                        *b = i;
                        *bv = v;
                    }
                }
            }
        }
        for &b in &best[..len] {
            wins[b] += 1;
        }
    }
}

/// The candidates that can win a sample, with their index: all of them, less any that
/// an earlier candidate dominates. `k` before `i` dominates `i` when `g_k ≥ g_i ≥ 0` on
/// every criterion: with weights and factors `≥ 0`, each product `g_k · w'` is then at
/// least `g_i · w'` (rounding is monotone), so is each partial sum, and `i` never has a
/// value strictly greater than the best before it (a `NaN` value wins nothing either).
fn contenders<'a>(candidates: &'a [(usize, Vec<f64>)], weights: &[f64]) -> Vec<(usize, &'a [f64])> {
    let n = weights.len();
    let monotone = weights.iter().all(|&w| w >= 0.0);
    let dominates = |k: &[f64], i: &[f64]| {
        monotone && k.len() == n && i.len() == n && k.iter().zip(i).all(|(&gk, &gi)| gi >= 0.0 && gk >= gi)
    };
    candidates
        .iter()
        .enumerate()
        .filter(|(i, (_, gains))| !candidates[..*i].iter().any(|(_, earlier)| dominates(earlier, gains)))
        .map(|(i, (_, gains))| (i, gains.as_slice()))
        .collect()
}

#[cfg(test)]
mod tests;
