//! The binary form of a validated [`RuleSet`]: how the default rules reach a run
//! without parsing or validating TOML. The binary's build script loads and validates
//! `rules/*.toml` with this crate (every diagnostic stops the build) and writes
//! [`to_bytes`]; a run decodes them with [`from_static_bytes`], every string borrowed
//! from the binary.
//!
//! The bytes are postcard (serde, field order, no names), so they are read only by the
//! code that wrote them: the same build. Nothing else should store them.

use crate::model::RuleSet;
use crate::model::string::borrowing_from;

/// The binary form of a rule set.
pub fn to_bytes(rules: &RuleSet) -> Result<Vec<u8>, postcard::Error> {
    postcard::to_allocvec(rules)
}

/// A rule set from its binary form, every string borrowed from `bytes`.
pub fn from_static_bytes(bytes: &'static [u8]) -> Result<RuleSet, postcard::Error> {
    borrowing_from(bytes, || postcard::from_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rules_come_back_equal() {
        let rules = crate::testing::default_rules_from_toml();
        let bytes: &'static [u8] = to_bytes(&rules).unwrap_or_default().leak();
        let decoded = from_static_bytes(bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded, rules);
    }

    #[test]
    fn truncated_bytes_are_an_error_not_a_panic() {
        let rules = crate::testing::mini();
        let bytes = to_bytes(&rules).unwrap_or_default();
        let half: &'static [u8] = bytes[..bytes.len() / 2].to_vec().leak();
        assert!(from_static_bytes(half).is_err());
    }
}
