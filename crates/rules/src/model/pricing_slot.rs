//! [`PricingSlot`], where a rule set keeps its prices: at hand when the rules were read
//! from files, decoded on first use when they are the embedded defaults. Most runs price
//! nothing (no workload was described), and the EC2 catalogue is most of the default
//! rules' binary form: decoding it only when asked keeps it out of those runs.

use std::fmt;
use std::sync::OnceLock;

use crate::model::pricing::Pricing;
use crate::model::string::reading_table;

/// A rule set's prices, if it has any.
#[derive(Clone, Default)]
pub struct PricingSlot {
    /// The prices, once known.
    value: OnceLock<Option<Pricing>>,
    /// The binary form to decode them from, and its string table (embedded defaults).
    encoded: Option<(&'static [u8], &'static str)>,
}

impl PricingSlot {
    /// Prices at hand (or none).
    pub fn new(pricing: Option<Pricing>) -> Self {
        PricingSlot { value: OnceLock::from(pricing), encoded: None }
    }

    /// Prices to decode from their binary form on first use (see `embedded`).
    pub(crate) fn encoded(structure: &'static [u8], text: &'static str) -> Self {
        PricingSlot { value: OnceLock::new(), encoded: Some((structure, text)) }
    }

    /// The prices. Bytes that do not decode (a broken build; `tests/embedded_rules.rs`
    /// decodes the defaults' on every test run) give none.
    pub fn get(&self) -> Option<&Pricing> {
        self.value
            .get_or_init(|| {
                let (structure, text) = self.encoded?;
                reading_table(text, || postcard::from_bytes::<Option<Pricing>>(structure)).ok().flatten()
            })
            .as_ref()
    }

    /// The prices, to change them.
    pub fn get_mut(&mut self) -> Option<&mut Pricing> {
        self.get();
        self.value.get_mut().and_then(Option::as_mut)
    }

    /// Whether the rule set has prices.
    pub fn is_some(&self) -> bool {
        self.get().is_some()
    }

    /// Whether the rule set has no prices.
    pub fn is_none(&self) -> bool {
        self.get().is_none()
    }

    /// The prices, taken out.
    pub fn into_inner(mut self) -> Option<Pricing> {
        self.get();
        self.value.take().flatten()
    }
}

impl PartialEq for PricingSlot {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for PricingSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl From<Option<Pricing>> for PricingSlot {
    fn from(pricing: Option<Pricing>) -> Self {
        PricingSlot::new(pricing)
    }
}
