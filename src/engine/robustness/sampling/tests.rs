use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::engine::robustness::eligible;

/// The sampling as a plain loop, drawing every factor in order: the reference the
/// block layout, the build-time table and skipping dominated candidates must equal bit
/// for bit.
fn reference(candidates: &[(usize, Vec<f64>)], weights: &[f64], options: &RobustnessOptions) -> Vec<(usize, f64)> {
    use rand_distr::{Distribution as _, StandardNormal};
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut wins = vec![0_usize; candidates.len()];
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut drawn = vec![0.0; weights.len()];
    let samples = options.samples.max(1);
    for _ in 0..samples {
        for (s, w) in drawn.iter_mut().zip(weights) {
            let z: f64 = StandardNormal.sample(&mut rng);
            *s = w * (options.sigma * z).exp();
        }
        let mut best = 0;
        let mut best_value = f64::NEG_INFINITY;
        for (i, (_, gains)) in candidates.iter().enumerate() {
            let value: f64 = gains.iter().zip(&drawn).map(|(g, w)| g * w).sum();
            if value > best_value {
                best = i;
                best_value = value;
            }
        }
        wins[best] += 1;
    }
    candidates.iter().zip(wins).map(|((p, _), n)| (*p, n as f64 / samples as f64)).collect()
}

fn bits(shares: &[(usize, f64)]) -> Vec<(usize, u64)> {
    shares.iter().map(|(p, s)| (*p, s.to_bits())).collect()
}

fn assert_same(candidates: &[(usize, Vec<f64>)], weights: &[f64], options: &RobustnessOptions, what: &str) {
    assert_eq!(
        bits(&win_probability(candidates, weights, options)),
        bits(&reference(candidates, weights, options)),
        "{what} with {options:?}, weights {weights:?}, candidates {candidates:?}"
    );
}

#[test]
fn build_time_factors_cover_the_default_rules_and_match_the_draws() {
    let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
    let criteria = rules.criteria.len();
    assert_eq!(table_criteria(), criteria, "build.rs counted the criteria of the default rules");
    assert_eq!(DEFAULT_FACTORS.len(), criteria * DEFAULT_SAMPLES * 8);
    let drawn: Vec<f64> = Factors::new(DEFAULT_SEED, DEFAULT_SIGMA).take(criteria * DEFAULT_SAMPLES).collect();
    // Column `c` holds the stream positions `s · criteria + c`.
    let mut columns = Source::Columns;
    let mut block = vec![[0.0; BLOCK]; criteria];
    for start in (0..DEFAULT_SAMPLES).step_by(BLOCK) {
        let len = BLOCK.min(DEFAULT_SAMPLES - start);
        columns.fill(start, len, &vec![1.0; criteria], &mut block);
        for j in 0..len {
            for (c, column) in block.iter().enumerate() {
                let k = (start + j) * criteria + c;
                assert_eq!(column[j].to_bits(), drawn[k].to_bits(), "sample {}, criterion {c}", start + j);
                assert_eq!(table_at(k).to_bits(), drawn[k].to_bits(), "position {k}");
            }
        }
    }
}

#[test]
fn each_source_gives_the_drawn_factors() {
    // Fewer criteria than the table has columns, the whole table, and past its end.
    let table = table_criteria();
    for (criteria, samples) in
        [(table, DEFAULT_SAMPLES), (3, 100), (1, 65), (table - 1, DEFAULT_SAMPLES), (table + 1, 70)]
    {
        let options = RobustnessOptions { samples, ..RobustnessOptions::default() };
        let mut source = Source::new(&options, criteria, samples);
        let expected = match (criteria, samples) {
            (c, s) if c == table && s <= DEFAULT_SAMPLES => "columns",
            (c, s) if c * s <= table * DEFAULT_SAMPLES => "table",
            _ => "drawn",
        };
        let name = match source {
            Source::Columns => "columns",
            Source::Table => "table",
            Source::Drawn(_) => "drawn",
        };
        assert_eq!(name, expected, "{criteria} criteria, {samples} samples");
        let mut drawn = Factors::new(DEFAULT_SEED, DEFAULT_SIGMA);
        let mut block = vec![[0.0; BLOCK]; criteria];
        for start in (0..samples).step_by(BLOCK) {
            let len = BLOCK.min(samples - start);
            source.fill(start, len, &vec![1.0; criteria], &mut block);
            for j in 0..len {
                for (c, column) in block.iter().enumerate() {
                    let f = drawn.next().unwrap_or(f64::NAN);
                    assert_eq!(column[j].to_bits(), f.to_bits(), "{name}: sample {}, criterion {c}", start + j);
                }
            }
        }
    }
}

#[test]
fn win_probabilities_equal_the_reference_bit_for_bit_on_scenarios() {
    let files = crate::testing::answers_files();
    let options = [
        RobustnessOptions::default(),
        RobustnessOptions { seed: 7, ..RobustnessOptions::default() },
        RobustnessOptions { seed: 123_456_789, sigma: 0.5, ..RobustnessOptions::default() },
        RobustnessOptions { samples: 10_001, ..RobustnessOptions::default() },
    ];
    for file in files.iter().step_by(files.len() / 6) {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let (rules, completion) = crate::testing::complete_answers(&text);
        let evaluation = crate::engine::evaluate(&rules, &completion.answers);
        let candidates = eligible(&evaluation);
        let weights: Vec<f64> = evaluation.weights.iter().map(|w| w.weight).collect();
        for o in &options {
            assert_same(&candidates, &weights, o, &file.display().to_string());
        }
    }
}

/// Gains as the engine makes them: whole ratings − 1 (many ties), and now and then a
/// rating from money (a fraction), or a copy of an earlier candidate's.
fn random_candidates(rng: &mut ChaCha8Rng, count: usize, criteria: usize) -> Vec<(usize, Vec<f64>)> {
    let mut candidates: Vec<(usize, Vec<f64>)> = Vec::new();
    for p in 0..count {
        let gains = if p > 0 && rng.random_range(0..4) == 0 {
            candidates[rng.random_range(0..p)].1.clone()
        } else {
            (0..criteria)
                .map(|_| match rng.random_range(0..8) {
                    0 => rng.random_range(0.0..4.0),
                    _ => f64::from(rng.random_range(0..5_u8)),
                })
                .collect()
        };
        candidates.push((p * 3 + 1, gains));
    }
    candidates
}

#[test]
fn win_probabilities_equal_the_reference_bit_for_bit_on_random_candidates() {
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let table = table_criteria();
    let seeds = [DEFAULT_SEED, 7, 1];
    let shapes = [
        (1, 0, 10),
        (3, 0, 10),
        (1, 1, 64),
        (2, 1, 65),
        (1, table, 100),
        (2, table, DEFAULT_SAMPLES),
        (3, table, DEFAULT_SAMPLES),
        (6, table, 1_000),
        (7, 3, 2_000),
        (4, table - 1, 500),
        (4, table + 1, 300),
        (5, 2, 0),
        (5, 2, 1),
        (5, 2, 63),
    ];
    for (count, criteria, samples) in shapes {
        for (round, seed) in seeds.iter().enumerate() {
            let candidates = random_candidates(&mut rng, count, criteria);
            let mut weights: Vec<f64> = (0..criteria).map(|_| f64::from(rng.random_range(1..=8_u8)) * 0.5).collect();
            if round == 1 && criteria > 0 {
                // A criterion without weight, and one the rules multiplied.
                weights[0] = 0.0;
                weights[criteria - 1] *= 1.5;
            }
            if round == 2 {
                weights.fill(0.0);
            }
            for sigma in [DEFAULT_SIGMA, 0.8] {
                let options = RobustnessOptions { samples, sigma, seed: *seed };
                assert_same(&candidates, &weights, &options, &format!("{count} × {criteria}"));
            }
        }
    }
}

#[test]
fn ties_go_to_the_candidate_ranked_first() {
    // Two equal candidates and a dominated one: the first of the two wins every sample.
    let gains = vec![3.0, 1.0, 2.0];
    let candidates = vec![(4, vec![2.0, 1.0, 2.0]), (2, gains.clone()), (0, gains), (1, vec![3.0, 0.0, 2.0])];
    let weights = [1.0, 2.0, 0.5];
    let options = RobustnessOptions { samples: 500, ..RobustnessOptions::default() };
    let shares = win_probability(&candidates, &weights, &options);
    assert_eq!(shares, vec![(4, 0.0), (2, 1.0), (0, 0.0), (1, 0.0)]);
    assert_same(&candidates, &weights, &options, "ties");
    // Only the first of the equal pair, and neither dominated one, is scored.
    let scored: Vec<usize> = contenders(&candidates, &weights).iter().map(|(i, _)| *i).collect();
    assert_eq!(scored, [0, 1]);
}

#[test]
fn dominance_is_only_used_when_it_is_exact() {
    let candidates = vec![(0, vec![2.0, 2.0]), (1, vec![1.0, 2.0])];
    let scored = |weights: &[f64]| -> Vec<usize> { contenders(&candidates, weights).iter().map(|(i, _)| *i).collect() };
    assert_eq!(scored(&[1.0, 0.0]), [0]);
    // A negative weight reverses the order of the products: both are scored.
    assert_eq!(scored(&[-1.0, 1.0]), [0, 1]);
    assert_eq!(scored(&[f64::NAN, 1.0]), [0, 1]);
    let negative = vec![(0, vec![0.0, 2.0]), (1, vec![-1.0, 2.0])];
    assert_eq!(contenders(&negative, &[1.0, 1.0]).len(), 2, "gains below zero");
}
