//! Fuzzes the answers parser (file and `--set` forms) against the default rules, then
//! evaluates and renders what parses.
#![no_main]

use std::sync::LazyLock;

use container_advisor::diag::SourceMap;
use container_advisor::{Answers, Format, Lang, RenderOptions, Report, RuleSet, default_rules, evaluate};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| default_rules().expect("default rules are valid"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = &*RULES;
    let mut sources = SourceMap::default();
    let file = sources.add("fuzz.toml", text);
    match Answers::from_toml(text, file, rules) {
        Ok(answers) => {
            let evaluation = evaluate(rules, &answers);
            let report = Report::new(rules, &answers, &[], &evaluation, None, Lang::Ja);
            let _ = report.render(Format::Markdown, &RenderOptions::default());
        }
        Err(diagnostics) => {
            let _ = container_advisor::diag::render(&diagnostics, &sources, false, Lang::En);
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    let _ = Answers::from_assignments(&lines, rules);
});
