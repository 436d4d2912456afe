//! Build-time work, so that a run does not repeat it.
//!
//! - The default rules: `rules/*.toml` loaded and validated by the very crate a run uses
//!   (`container-advisor-rules`), with every diagnostic; an error stops the build with
//!   the rendered diagnostics. The validated rule set is written in its binary form
//!   (`embedded::encode`): its structure to `OUT_DIR/default-rules.postcard`, its
//!   prices to `OUT_DIR/default-pricing.postcard` (decoded only by a run that prices),
//!   its texts to `OUT_DIR/default-rules.txt`, which the binary decodes instead of
//!   parsing and validating TOML on every run.
//! - The robustness factors of the default seed and σ: drawn here with the very code the
//!   binary uses (`src/engine/robustness/factors.rs`, included by path), enough for
//!   `DEFAULT_SAMPLES` samples of every criterion the default rules define, and written
//!   to `OUT_DIR/robustness-factors.bin` as `f64` little-endian, criterion by criterion
//!   (the stream's factor `s · criteria + c` at `c · DEFAULT_SAMPLES + s`).

use std::path::Path;

use container_advisor_rules::load::{RuleSources, RulesSelection};
use container_advisor_rules::{Lang, RuleSet, diag, embedded, validate};

#[allow(dead_code, unreachable_pub)]
#[path = "src/engine/robustness/factors.rs"]
mod factors;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/engine/robustness/factors.rs");
    // The rule files are compiled into the rules crate (`include_str!`), so a change
    // rebuilds it and runs this script again; this line says so to a reader too.
    println!("cargo::rerun-if-changed=rules");

    let out = std::env::var_os("OUT_DIR").unwrap_or_else(|| panic!("cargo sets OUT_DIR for build scripts"));
    let out = Path::new(&out);
    let rules = default_rules();
    let embedded = embedded::encode(&rules).unwrap_or_else(|e| panic!("{e}"));
    write(&out.join("default-rules.postcard"), &embedded.structure);
    write(&out.join("default-pricing.postcard"), &embedded.pricing);
    write(&out.join("default-rules.txt"), embedded.text.as_bytes());
    write(&out.join("robustness-factors.bin"), &robustness_factors(rules.criteria.len()));
}

/// The default rules, validated; the build fails on any error, with every diagnostic.
fn default_rules() -> RuleSet {
    let sources = RuleSources::load(&RulesSelection::Default).unwrap_or_else(|e| panic!("{e:#}"));
    let validated = validate(&sources);
    let rendered = diag::render(&validated.diagnostics, &sources.sources, false, Lang::En);
    match validated.rules {
        Some(rules) => {
            for line in rendered.lines().filter(|l| !l.is_empty()) {
                println!("cargo::warning={line}");
            }
            rules
        }
        None => panic!("the default rules in rules/ are invalid:\n{rendered}"),
    }
}

/// The first `DEFAULT_SAMPLES × criteria` factors of the default seed and σ, as `f64`
/// little-endian, criterion by criterion: the run reads one criterion's factors for a
/// block of samples as one contiguous run of bytes.
fn robustness_factors(criteria: usize) -> Vec<u8> {
    let samples = factors::DEFAULT_SAMPLES;
    let drawn: Vec<f64> =
        factors::Factors::new(factors::DEFAULT_SEED, factors::DEFAULT_SIGMA).take(samples * criteria).collect();
    let mut bytes = Vec::with_capacity(drawn.len() * 8);
    for c in 0..criteria {
        for s in 0..samples {
            bytes.extend_from_slice(&drawn[s * criteria + c].to_le_bytes());
        }
    }
    bytes
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
