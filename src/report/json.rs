//! The JSON contract (DESIGN §7): `serde_json` of the [`Report`], never assembled by hand.

use super::Report;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}
