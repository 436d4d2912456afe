//! The default `recommend` result fits one screen (issue 10): for every answers file in
//! `tests/` (scenarios and public cases), at 80, 100 and 120 columns, in English and
//! Japanese, with and without a cost estimate — at most 40 lines without an estimate
//! and 50 with one, no line wider than the terminal, the recommendation first, the
//! "because" sentence of the JSON contract in it, and the way to see everything last.

mod support;

use std::path::PathBuf;

use container_advisor::engine::robustness::{RobustnessOptions, analyse};
use container_advisor::questionnaire::complete_with_defaults;
use container_advisor::{Answers, Format, Lang, RenderOptions, Report, RuleSet, SourceMap, evaluate};
use support::cmd;

const PRICED: &[&str] = &["estimate_cost=true", "region=us-east-1", "tasks=12", "task_vcpu=1", "task_memory_gib=2"];

fn answer_files() -> Vec<PathBuf> {
    let mut files = support::toml_files("tests/scenarios");
    files.extend(support::toml_files("tests/cases"));
    assert!(files.len() >= 30, "scenarios and cases: {}", files.len());
    files
}

/// The report of an answers file (plus `--set` assignments) as `recommend` builds it,
/// in process: the CLI path is checked by `explain_shows_what_the_first_screen_leaves_out`
/// and tests/cli.rs.
fn report(rules: &RuleSet, file: &PathBuf, set: &[&str], lang: Lang) -> Report {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
    let mut sources = SourceMap::default();
    let id = sources.add(file.display().to_string(), text.as_str());
    let mut answers = Answers::from_toml(&text, id, rules).unwrap_or_else(|d| panic!("{d:?}"));
    answers.extend(Answers::from_assignments(set, rules).unwrap_or_else(|d| panic!("{d:?}")));
    let completion = complete_with_defaults(rules, answers);
    let evaluation = evaluate(rules, &completion.answers);
    let robustness = analyse(&evaluation, &RobustnessOptions::default());
    Report::new(rules, &completion.answers, &completion.defaulted, &evaluation, Some(&robustness), lang)
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_default_result_fits_one_screen_and_says_why() {
    let rules = container_advisor::default_rules().unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    for file in answer_files() {
        for lang in [Lang::En, Lang::Ja] {
            for (set, limit) in [(&[][..], 40), (PRICED, 50)] {
                let report = report(&rules, &file, set, lang);
                assert!(!report.because.is_empty(), "{}: no because sentence", file.display());
                for columns in [80, 100, 120] {
                    let options = RenderOptions { width: columns, ..RenderOptions::default() };
                    let text = report.render(Format::Table, &options);
                    let lines: Vec<&str> = text.lines().collect();
                    let name = format!(
                        "{} --lang {} at {columns} columns{}",
                        file.display(),
                        lang.as_str(),
                        if set.is_empty() { "" } else { ", priced" }
                    );
                    if lines.len() > limit {
                        failures.push(format!("{name}: {} lines (limit {limit})\n{text}", lines.len()));
                    }
                    if let Some(wide) = lines.iter().find(|l| textwrap::core::display_width(l) > usize::from(columns)) {
                        failures.push(format!("{name}: a line wider than the terminal: {wide}"));
                    }
                    let first = lines.first().copied().unwrap_or_default();
                    if !(first.starts_with("Recommendation: ") || first.starts_with("推奨: ")) {
                        failures.push(format!("{name}: the first line is not the recommendation: {first}"));
                    }
                    if !without_spaces(&text).contains(&without_spaces(&report.because)) {
                        failures
                            .push(format!("{name}: the because sentence is missing:\n{}\n---\n{text}", report.because));
                    }
                    let last_paragraph = without_spaces(text.trim_end().rsplit("\n\n").next().unwrap_or_default());
                    if !(last_paragraph.contains("--explain") && last_paragraph.contains("review.md")) {
                        failures.push(format!("{name}: the end does not say how to see everything: {last_paragraph}"));
                    }
                    if !set.is_empty() && !text.contains("USD") {
                        failures.push(format!("{name}: priced but no monthly cost"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn explain_shows_what_the_first_screen_leaves_out() {
    let file = answer_files().remove(0);
    let mut short = cmd();
    short.args(["recommend", "--no-input", "--answers"]).arg(&file);
    let short = String::from_utf8(short.output().unwrap_or_else(|e| panic!("{e}")).stdout).unwrap_or_default();
    let mut long = cmd();
    long.args(["recommend", "--no-input", "--explain", "--answers"]).arg(&file);
    let long = String::from_utf8(long.output().unwrap_or_else(|e| panic!("{e}")).stdout).unwrap_or_default();
    for section in ["Ratings by criterion", "Rules that changed the result", "Answers", "Rule set"] {
        assert!(!short.contains(section), "the first screen has no `{section}`");
        assert!(long.contains(section), "--explain has `{section}`");
    }
    // One section order: the sections of --explain appear once each, in this order.
    let order = [
        "How sure is this?",
        "\nRanking\n",
        "Ratings by criterion",
        "Weights: base",
        "Notes for the review",
        "Rules that changed the result",
        "\nAnswers\n",
        "Rule set:",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|s| {
            assert_eq!(long.matches(s).count(), 1, "`{s}` once");
            long.find(s).unwrap_or_default()
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "sections in order: {positions:?}");
}
