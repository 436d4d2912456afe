//! Replays the fuzzing corpus (`fuzz/corpus/`, kept small after `cargo fuzz cmin`)
//! through the same code as the fuzz targets, so CI re-checks the inputs the fuzzer
//! found interesting without nightly tooling: no input may panic.

use std::path::Path;

use container_advisor::diag::SourceMap;
use container_advisor::load::{Layer, RuleSources};
use container_advisor::{Answers, Format, Lang, RenderOptions, Report, default_rules, evaluate, validate};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the {target} corpus is missing");
    files
}

#[test]
fn rules_corpus_validates_without_panics() {
    let mut defaults = RuleSources::default();
    defaults.add_defaults();
    for (name, bytes) in inputs("rules") {
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let mut sources = defaults.clone();
        sources.add_text(name, text, Layer::User);
        let validated = validate(&sources);
        let _ = container_advisor::diag::render(
            &validated.diagnostics,
            &sources.sources,
            false,
            container_advisor::Lang::En,
        );
        if let Some(rules) = validated.rules {
            let _ = evaluate(&rules, &Answers::new());
        }
    }
}

#[test]
fn answers_corpus_parses_without_panics() {
    let rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    for (_, bytes) in inputs("answers") {
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let mut sources = SourceMap::default();
        let file = sources.add("fuzz.toml", text);
        match Answers::from_toml(text, file, &rules) {
            Ok(answers) => {
                let evaluation = evaluate(&rules, &answers);
                let report = Report::new(&rules, &answers, &[], &evaluation, None, Lang::Ja);
                let _ = report.render(Format::Markdown, &RenderOptions::default());
            }
            Err(diagnostics) => {
                let _ = container_advisor::diag::render(&diagnostics, &sources, false, container_advisor::Lang::En);
            }
        }
        let lines: Vec<&str> = text.lines().collect();
        let _ = Answers::from_assignments(&lines, &rules);
    }
}
