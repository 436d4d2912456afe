//! The JSON contract (DESIGN §7): `serde_json` of the [`super::Report`] (and of the
//! `cost` command's [`super::CostOnlyReport`]), never assembled by hand.

use serde::Serialize;

/// Pretty-printed JSON of a [`super::Report`] (or another report model) with a final
/// newline.
pub fn render(report: &impl Serialize) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}
