//! The default rules a run uses are decoded from the binary form `build.rs` wrote
//! (issue #14): they must be exactly the rules the TOML path gives, so that every output
//! stays the same byte for byte. Checked on the rule set itself, then on every report
//! of every answers file under `tests/` (scenarios and public cases, each also with a
//! priced workload), in every format and both languages, and on the views that take no
//! answers.

mod support;

use container_advisor::app::{self, Context, Environment};
use container_advisor::diag::SourceMap;
use container_advisor::model::{AnswerValue, Answers, Lang, RuleSet};
use container_advisor::report::compare::CompareReport;
use container_advisor::{Format, RenderOptions, RulesSelection, default_rules, load_rules_from_toml};

const FORMATS: [Format; 6] = [Format::Table, Format::Markdown, Format::Json, Format::Csv, Format::Html, Format::Adr];

fn from_toml() -> RuleSet {
    let (rules, diagnostics, _) = load_rules_from_toml(&RulesSelection::Default).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    rules.unwrap_or_else(|| panic!("the default rules are invalid"))
}

fn embedded() -> RuleSet {
    default_rules().unwrap_or_else(|e| panic!("{e:#}"))
}

/// The answers of a file, completed with defaults as `--no-input` does.
fn answers(rules: &RuleSet, text: &str, priced: bool) -> (Answers, Vec<String>) {
    let mut sources = SourceMap::default();
    let file = sources.add("answers.toml", text);
    let mut answers = Answers::from_toml(text, file, rules).unwrap_or_else(|d| panic!("{d:?}"));
    if priced && answers.get("estimate_cost").is_none() {
        answers.set("estimate_cost", AnswerValue::Bool(true));
        answers.set("region", AnswerValue::Choice("eu-central-1".into()));
        answers.set("tasks", AnswerValue::Number(12.0));
        answers.set("task_vcpu", AnswerValue::Number(1.0));
        answers.set("task_memory_gib", AnswerValue::Number(2.0));
    }
    let completion = container_advisor::questionnaire::complete_with_defaults(rules, answers);
    (completion.answers, completion.defaulted)
}

/// Every output of `recommend` for one answers file: each format, each language, the
/// table with `--explain` too.
fn outputs(rules: &RuleSet, text: &str, priced: bool) -> Vec<String> {
    let (answers, defaulted) = answers(rules, text, priced);
    let mut out = Vec::new();
    for lang in [Lang::En, Lang::Ja] {
        let report =
            app::report(rules, &answers, &defaulted, container_advisor::engine::robustness::DEFAULT_SEED, lang);
        for format in FORMATS {
            out.push(report.render(format, &RenderOptions::default()));
        }
        out.push(report.render(Format::Table, &RenderOptions { explain: true, ..RenderOptions::default() }));
    }
    out
}

#[test]
fn the_embedded_rule_set_is_the_one_the_toml_path_gives() {
    let (embedded, toml) = (embedded(), from_toml());
    assert_eq!(embedded.digest, toml.digest);
    assert_eq!(embedded, toml);
}

#[test]
fn every_answers_file_renders_the_same_bytes_with_either_rule_set() {
    let (embedded, toml) = (embedded(), from_toml());
    let mut files = support::toml_files("tests/scenarios");
    files.extend(support::toml_files("tests/cases"));
    assert!(files.len() >= 30, "found only {} answers files", files.len());
    let mut compared = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for priced in [false, true] {
            let (a, b) = (outputs(&embedded, &text, priced), outputs(&toml, &text, priced));
            assert_eq!(a.len(), b.len());
            for (i, (a, b)) in a.iter().zip(&b).enumerate() {
                assert!(a == b, "{} (priced: {priced}), output {i} differs", file.display());
                compared += 1;
            }
        }
    }
    assert_eq!(compared, files.len() * 2 * 2 * (FORMATS.len() + 1));
}

#[test]
fn the_views_without_answers_are_the_same_with_either_rule_set() {
    let (embedded, toml) = (embedded(), from_toml());
    let cx = |lang| Context { env: Environment::default(), lang };
    for lang in [Lang::En, Lang::Ja] {
        let (a, b) = (CompareReport::base(&embedded, None, lang), CompareReport::base(&toml, None, lang));
        for format in FORMATS {
            assert_eq!(a.render(format, &RenderOptions::default()), b.render(format, &RenderOptions::default()));
        }
        let (a, b) = (app::rules_list(&embedded, &cx(lang)), app::rules_list(&toml, &cx(lang)));
        for format in [Format::Table, Format::Markdown, Format::Json] {
            assert_eq!(a.render(format, &RenderOptions::default()), b.render(format, &RenderOptions::default()));
        }
        let (a, b) = (app::Questions::new(&embedded, lang), app::Questions::new(&toml, lang));
        for format in [app::QuestionsFormat::Table, app::QuestionsFormat::Toml] {
            assert_eq!(a.render(format, &RenderOptions::default()), b.render(format, &RenderOptions::default()));
        }
    }
}
