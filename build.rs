//! Build-time work, so that a run does not repeat it.
//!
//! The robustness factors of the default seed and σ: drawn here with the very code the
//! binary uses (`src/engine/robustness/factors.rs`, included by path), enough for
//! `DEFAULT_SAMPLES` samples of every criterion the default rules define, and written
//! to `OUT_DIR/robustness-factors.bin` as `f64` little-endian, criterion by criterion
//! (the stream's factor `s · criteria + c` at `c · DEFAULT_SAMPLES + s`).

use std::path::Path;

#[allow(dead_code, unreachable_pub)]
#[path = "src/engine/robustness/factors.rs"]
mod factors;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/engine/robustness/factors.rs");
    println!("cargo::rerun-if-changed=rules");

    let criteria = criteria_in_default_rules();
    let samples = factors::DEFAULT_SAMPLES;
    let drawn: Vec<f64> =
        factors::Factors::new(factors::DEFAULT_SEED, factors::DEFAULT_SIGMA).take(samples * criteria).collect();
    // Criterion by criterion: the run reads one criterion's factors for a block of
    // samples as one contiguous run of bytes.
    let mut bytes = Vec::with_capacity(drawn.len() * 8);
    for c in 0..criteria {
        for s in 0..samples {
            bytes.extend_from_slice(&drawn[s * criteria + c].to_le_bytes());
        }
    }
    let out = std::env::var_os("OUT_DIR").unwrap_or_else(|| panic!("cargo sets OUT_DIR for build scripts"));
    let path = Path::new(&out).join("robustness-factors.bin");
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The number of `[[criterion]]` tables in `rules/*.toml`. Should it ever miscount
/// (say, an inline array of criteria), the run reads the table factor by factor or
/// draws the factors itself: slower, the same numbers; a unit test checks the table
/// has one column per criterion of the default rules.
fn criteria_in_default_rules() -> usize {
    let entries = std::fs::read_dir("rules").unwrap_or_else(|e| panic!("cannot read rules/: {e}"));
    let mut count = 0;
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("cannot read rules/: {e}")).path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            count += text.lines().filter(|l| l.trim() == "[[criterion]]").count();
        }
    }
    count
}
