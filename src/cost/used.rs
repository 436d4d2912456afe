//! The figures an estimate used: their sources, the oldest `as_of`, and the ones with
//! low confidence. Bookkeeping only.

use std::collections::BTreeSet;

use crate::model::pricing::{Confidence, Discount, Price};

/// The figures an estimate used: their sources, the oldest date, and the doubtful ones.
#[derive(Default)]
pub(super) struct Used {
    pub(super) sources: BTreeSet<String>,
    pub(super) as_of: Option<String>,
    pub(super) low: BTreeSet<String>,
}

impl Used {
    pub(super) fn figure(&mut self, label: String, as_of: &str, source: &str, confidence: Option<Confidence>) {
        self.sources.insert(source.to_owned());
        if self.as_of.as_deref().is_none_or(|oldest| as_of < oldest) {
            self.as_of = Some(as_of.to_owned());
        }
        if confidence == Some(Confidence::Low) {
            self.low.insert(label);
        }
    }

    pub(super) fn price(&mut self, label: String, price: &Price) {
        self.figure(label, &price.as_of, &price.source, price.confidence);
    }

    pub(super) fn discount(&mut self, label: String, discount: &Discount) {
        self.figure(label, &discount.as_of, &discount.source, discount.confidence);
    }
}
