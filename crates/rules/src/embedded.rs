//! The binary form of a validated [`RuleSet`]: how the default rules reach a run
//! without parsing or validating TOML. The binary's build script loads and validates
//! `rules/*.toml` with this crate (every diagnostic stops the build) and writes
//! [`to_bytes`]: the structure and a string table; a run decodes them with
//! [`from_static_bytes`], every text borrowed from the table in the binary.
//!
//! The bytes are postcard (serde, field order, no names), so they are read only by the
//! code that wrote them: the same build. Nothing else should store them.

use crate::model::RuleSet;
use crate::model::string::{reading_table, writing_table};

/// A rule set in its binary form: its structure, and its texts, each distinct text once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    /// The structure (postcard); every text is an `(offset, length)` into `text`.
    pub structure: Vec<u8>,
    /// Every text of the rule set, each once, one after the other.
    pub text: String,
}

/// The binary form of a rule set.
pub fn to_bytes(rules: &RuleSet) -> Result<Embedded, postcard::Error> {
    let (structure, text) = writing_table(|| postcard::to_allocvec(rules));
    Ok(Embedded { structure: structure?, text })
}

/// A rule set from its binary form, every text borrowed from `text` (a `str`, so
/// nothing is checked or copied again).
pub fn from_static_bytes(structure: &'static [u8], text: &'static str) -> Result<RuleSet, postcard::Error> {
    reading_table(text, || postcard::from_bytes(structure))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaked(rules: &RuleSet) -> (&'static [u8], &'static str) {
        let embedded = to_bytes(rules).unwrap_or_else(|e| panic!("{e}"));
        (embedded.structure.leak(), embedded.text.leak())
    }

    #[test]
    fn the_default_rules_come_back_equal() {
        let rules = crate::testing::default_rules_from_toml();
        let (structure, text) = leaked(&rules);
        let decoded = from_static_bytes(structure, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded, rules);
    }

    #[test]
    fn truncated_bytes_are_an_error_not_a_panic() {
        let (structure, text) = leaked(&crate::testing::mini());
        assert!(from_static_bytes(&structure[..structure.len() / 2], text).is_err());
        let half = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or_default();
        assert!(from_static_bytes(structure, &text[..half]).is_err());
    }
}
