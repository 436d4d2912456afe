//! Fuzzes the rules loader and validator: any bytes as a user rule file overlaid on the
//! defaults must give diagnostics or a rule set — never a panic, a hang or a crash.
#![no_main]

use std::sync::LazyLock;

use container_advisor::load::{Layer, RuleSources};
use libfuzzer_sys::fuzz_target;

/// The defaults, parsed once; each input is overlaid on a clone.
static DEFAULTS: LazyLock<RuleSources> = LazyLock::new(|| {
    let mut sources = RuleSources::default();
    sources.add_defaults();
    sources
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut sources = DEFAULTS.clone();
    sources.add_text("fuzz.toml".to_owned(), text, Layer::User);
    let validated = container_advisor::validate(&sources);
    // Rendering touches every span: it must stay inside the text.
    let _ =
        container_advisor::diag::render(&validated.diagnostics, &sources.sources, false, container_advisor::Lang::En);
    if let Some(rules) = validated.rules {
        let _ = container_advisor::evaluate(&rules, &container_advisor::Answers::new());
    }
});
