//! The binary form of a validated [`RuleSet`]: how the default rules reach a run
//! without parsing or validating TOML. The binary's build script loads and validates
//! `rules/*.toml` with this crate (every diagnostic stops the build) and writes
//! [`encode`]: the structure and a string table; a run decodes them with
//! [`decode`], every text borrowed from the table in the binary.
//!
//! The bytes are postcard (serde, field order, no names), so they are read only by the
//! code that wrote them: the same build. Nothing else should store them.

use crate::model::RuleSet;
use crate::model::pricing_slot::PricingSlot;
use crate::model::string::{reading_table, writing_table};

/// A rule set in its binary form: its structure, its prices apart (decoded only when
/// first used), and its texts, each distinct text once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    /// The structure without the prices (postcard); every text is an `(offset, length)`
    /// into `text`.
    pub structure: Vec<u8>,
    /// The prices (postcard of `Option<Pricing>`), texts likewise in `text`.
    pub pricing: Vec<u8>,
    /// Every text of the rule set, each once, one after the other.
    pub text: String,
}

/// The binary form of a rule set.
pub fn encode(rules: &RuleSet) -> Result<Embedded, postcard::Error> {
    let ((structure, pricing), text) =
        writing_table(|| (postcard::to_allocvec(rules), postcard::to_allocvec(&rules.pricing.get())));
    Ok(Embedded { structure: structure?, pricing: pricing?, text })
}

/// A rule set from its binary form, every text borrowed from `text` (a `str`, so
/// nothing is checked or copied again). The prices are decoded when first asked for.
pub fn decode(
    structure: &'static [u8],
    pricing: &'static [u8],
    text: &'static str,
) -> Result<RuleSet, postcard::Error> {
    let mut rules: RuleSet = reading_table(text, || postcard::from_bytes(structure))?;
    rules.pricing = PricingSlot::encoded(pricing, text);
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaked(rules: &RuleSet) -> (&'static [u8], &'static [u8], &'static str) {
        let embedded = encode(rules).unwrap_or_else(|e| panic!("{e}"));
        (embedded.structure.leak(), embedded.pricing.leak(), embedded.text.leak())
    }

    #[test]
    fn the_default_rules_come_back_equal_prices_included() {
        let rules = crate::testing::default_rules_from_toml();
        assert!(rules.pricing.is_some());
        let (structure, pricing, text) = leaked(&rules);
        let decoded = decode(structure, pricing, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded.pricing.get(), rules.pricing.get());
        assert_eq!(decoded, rules);
    }

    #[test]
    fn a_rule_set_without_prices_comes_back_without() {
        let rules = crate::testing::mini();
        let (structure, pricing, text) = leaked(&rules);
        let decoded = decode(structure, pricing, text).unwrap_or_else(|e| panic!("{e}"));
        assert!(decoded.pricing.is_none());
        assert_eq!(decoded, rules);
    }

    #[test]
    fn truncated_bytes_are_an_error_or_no_prices_not_a_panic() {
        let (structure, pricing, text) = leaked(&crate::testing::default_rules_from_toml());
        assert!(decode(&structure[..structure.len() / 2], pricing, text).is_err());
        let half = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or_default();
        assert!(decode(structure, pricing, &text[..half]).is_err());
        let cut = decode(structure, &pricing[..pricing.len() / 2], text).unwrap_or_else(|e| panic!("{e}"));
        assert!(cut.pricing.is_none(), "prices that do not decode are none");
    }
}
