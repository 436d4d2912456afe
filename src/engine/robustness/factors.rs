//! The log-normal weight factors `exp(σ · z)`, `z ~ N(0, 1)` drawn in order from `ChaCha8`
//! seeded with the seed: the only randomness of the robustness analysis.
//!
//! `build.rs` includes this very file (`#[path]`) to draw the factors of the default
//! seed and σ once, at build time, so the table embedded in the binary is, by
//! construction, what this code draws at run time. It must stay free of crate paths.

use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, StandardNormal};

/// The default number of weight samples.
pub const DEFAULT_SAMPLES: usize = 10_000;
/// The default spread of the log-normal weight factors.
pub const DEFAULT_SIGMA: f64 = 0.35;
/// The default seed: the same answers always give the same probabilities.
pub const DEFAULT_SEED: u64 = 20_261_123;

/// The endless stream of factors for one seed and σ, one per criterion per sample,
/// sample after sample.
pub(crate) struct Factors {
    rng: ChaCha8Rng,
    sigma: f64,
}

impl Factors {
    /// The factors drawn with `seed`, spread `sigma`.
    pub(crate) fn new(seed: u64, sigma: f64) -> Self {
        Self { rng: ChaCha8Rng::seed_from_u64(seed), sigma }
    }
}

impl Iterator for Factors {
    type Item = f64;

    fn next(&mut self) -> Option<f64> {
        let z: f64 = StandardNormal.sample(&mut self.rng);
        Some((self.sigma * z).exp())
    }
}
