//! Public decisions as tests: each `tests/cases/*.toml` is an answers file written from a
//! documented decision of a real organisation (engineering blog, ADR, conference talk),
//! with its source, date and stated reasons in the header (`tests/cases/README.md`).
//!
//! A case agrees when the tool recommends the pattern the organisation chose (`# expect:`).
//! Where the tool still disagrees after the knowledge was reviewed, the file says why in
//! a `# disagree:` line and pins what the tool says instead in `# tool:`, so that any
//! change of the outcome, either way, is seen in review.

mod support;

use std::path::PathBuf;

/// One case file's header.
struct Case {
    file: PathBuf,
    expect: String,
    disagree: Option<String>,
    tool: Option<String>,
}

fn header<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|l| l.strip_prefix(key)).map(str::trim).filter(|v| !v.is_empty())
}

fn cases() -> Vec<Case> {
    support::toml_files("tests/cases")
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for key in ["# case: ", "# source: ", "# reasons: "] {
                assert!(header(&text, key).is_some(), "{}: no `{key}` line", file.display());
            }
            let source = header(&text, "# source: ").unwrap_or_default();
            assert!(source.contains("http"), "{}: the source has no URL", file.display());
            Case {
                expect: header(&text, "# expect: ")
                    .unwrap_or_else(|| panic!("{}: no `# expect:`", file.display()))
                    .into(),
                disagree: header(&text, "# disagree: ").map(str::to_owned),
                tool: header(&text, "# tool: ").map(str::to_owned),
                file,
            }
        })
        .collect()
}

#[test]
fn at_least_fifteen_public_decisions_and_every_disagreement_is_explained() {
    let cases = cases();
    assert!(cases.len() >= 15, "only {} public cases", cases.len());
    let rules = container_advisor::default_rules().unwrap_or_else(|e| panic!("{e}"));
    for case in &cases {
        for pattern in std::iter::once(&case.expect).chain(case.tool.as_ref()) {
            assert!(rules.pattern_index(pattern).is_some(), "{}: unknown pattern `{pattern}`", case.file.display());
        }
        assert_eq!(
            case.disagree.is_some(),
            case.tool.is_some(),
            "{}: `# disagree:` goes with `# tool:`",
            case.file.display()
        );
        assert!(case.tool.as_ref() != Some(&case.expect), "{}: `# tool:` equals `# expect:`", case.file.display());
    }
}

#[test]
fn the_tool_agrees_with_every_public_decision_it_does_not_explicitly_dispute() {
    let mut failures = Vec::new();
    let mut agree = 0;
    let cases = cases();
    for case in &cases {
        let report = support::recommend_json(&case.file, &[]);
        let got = report.recommendation.pattern.clone().unwrap_or_else(|| "(none)".into());
        let wanted = case.tool.as_ref().unwrap_or(&case.expect);
        if got == case.expect {
            agree += 1;
        }
        if &got != wanted {
            let ranking: Vec<String> = report
                .ranking
                .iter()
                .map(|r| format!("{} {:?}", r.pattern, r.score.map(|s| (s * 10.0).round() / 10.0)))
                .collect();
            failures.push(format!("{}: wanted {wanted}, got {got} [{}]", case.file.display(), ranking.join(", ")));
        }
    }
    eprintln!("public cases: the tool agrees with {agree} of {}", cases.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
