//! Shared builders for tests: the small rule set in `tests/fixtures/mini` of the
//! workspace. Compiled for this crate's own tests and, with the `testing` feature, for
//! the tests of the crates that use it.

use crate::load::{Layer, RuleSources};
use crate::model::RuleSet;
use crate::validate::{Validated, validate};

/// The mini fixture files, in load order.
pub const MINI: &[(&str, &str)] = &[
    ("criteria.toml", include_str!("../../../tests/fixtures/mini/criteria.toml")),
    ("patterns.toml", include_str!("../../../tests/fixtures/mini/patterns.toml")),
    ("questions.toml", include_str!("../../../tests/fixtures/mini/questions.toml")),
    ("ratings.toml", include_str!("../../../tests/fixtures/mini/ratings.toml")),
    ("rules.toml", include_str!("../../../tests/fixtures/mini/rules.toml")),
    ("sources.toml", include_str!("../../../tests/fixtures/mini/sources.toml")),
];

/// The mini rule set plus extra files (as a user overlay), loaded but not validated.
pub fn mini_sources(overlay: &[(&str, &str)]) -> RuleSources {
    let mut sources = RuleSources::default();
    for (name, text) in MINI {
        sources.add_text(format!("mini/{name}"), text, Layer::Default);
    }
    for (name, text) in overlay {
        sources.add_text(format!("team/{name}"), text, Layer::User);
    }
    sources
}

/// The mini rule set plus an overlay, validated.
pub fn mini_validated(overlay: &[(&str, &str)]) -> Validated {
    validate(&mini_sources(overlay))
}

/// The mini rule set, which must be valid.
pub fn mini() -> RuleSet {
    let validated = mini_validated(&[]);
    assert!(validated.diagnostics.is_empty(), "{:?}", validated.diagnostics);
    validated.rules.unwrap_or_else(|| unreachable!("checked above"))
}

/// The default rules, parsed and validated from their TOML (the path a `--rules`
/// overlay takes), which must be valid.
pub fn default_rules_from_toml() -> RuleSet {
    let sources = RuleSources::load(&crate::load::RulesSelection::Default).unwrap_or_else(|e| panic!("{e}"));
    let validated = validate(&sources);
    assert!(validated.diagnostics.is_empty(), "{:?}", validated.diagnostics);
    validated.rules.unwrap_or_else(|| unreachable!("checked above"))
}
