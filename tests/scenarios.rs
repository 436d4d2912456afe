//! Scenario tests: each `tests/scenarios/*.toml` is an answers file derived from a
//! sentence of a public source (the book, the Qiita article or AWS documentation, cited in its header) and says the
//! pattern a reviewer would expect in a `# expect: <pattern>` line.

mod support;

fn scenarios() -> Vec<std::path::PathBuf> {
    support::toml_files("tests/scenarios")
}

fn expectation(text: &str) -> Option<&str> {
    text.lines().find_map(|l| l.strip_prefix("# expect: ")).map(str::trim)
}

#[test]
fn there_are_at_least_eight_cited_scenarios_and_every_pattern_has_one() {
    let files = scenarios();
    assert!(files.len() >= 8, "only {} scenarios", files.len());
    let mut expected = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(text.starts_with("# Source: "), "{} does not cite its source first", file.display());
        let pattern = expectation(&text).unwrap_or_else(|| panic!("{} has no `# expect:` line", file.display()));
        expected.insert(pattern.to_owned());
    }
    let rules = container_advisor::default_rules().unwrap_or_else(|e| panic!("{e}"));
    for pattern in &rules.patterns {
        assert!(expected.contains(pattern.id.as_str()), "no scenario expects `{}`", pattern.id);
    }
}

#[test]
fn every_scenario_recommends_the_expected_pattern() {
    let mut failures = Vec::new();
    for file in scenarios() {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let expected = expectation(&text).unwrap_or_default();
        let report = support::recommend_json(&file, &[]);
        let got = report.recommendation.pattern.clone().unwrap_or_else(|| "(none)".into());
        if got != expected {
            let ranking: Vec<String> = report
                .ranking
                .iter()
                .map(|r| format!("{} {:?}", r.pattern, r.score.map(|s| (s * 10.0).round() / 10.0)))
                .collect();
            failures.push(format!("{}: expected {expected}, got {got} [{}]", file.display(), ranking.join(", ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
