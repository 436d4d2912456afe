//! Shared builders for unit tests: reports on the default rules, and (from the rules
//! crate) the small rule set in `tests/fixtures/mini`.

pub(crate) use container_advisor_rules::testing::{mini, mini_sources, mini_validated};

use crate::model::RuleSet;

/// Every answers file under `tests/` (the scenarios and the public cases), sorted.
pub(crate) fn answers_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = ["tests/scenarios", "tests/cases"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    files
}

/// The answers behind [`sample_report`]: an existing Kubernetes shop with part-time
/// operators that needs node agents (scenario 05), so the report has exclusions, notes,
/// flips and defaults, and recommends EKS Auto Mode.
pub(crate) const SAMPLE_ANSWERS: &str = r#"
k8s_in_use = "production"
k8s_skill = "basic"
ops_capacity = "part_time"
services = "some"
lock_in = "acceptable"
traffic = "variable"
deploy_frequency = "daily"
host_access = true
priorities = ["cost", "ops_burden"]
"#;

/// A fixed report on the default rules, for one snapshot per format and language.
pub(crate) fn sample_report(lang: crate::model::Lang) -> crate::report::Report {
    report_for(SAMPLE_ANSWERS, lang)
}

/// The report of an answers file on the default rules, unanswered questions defaulted,
/// with the robustness analysis.
pub(crate) fn report_for(answers: &str, lang: crate::model::Lang) -> crate::report::Report {
    use crate::engine::robustness::{RobustnessOptions, analyse};
    let (rules, completion) = complete_answers(answers);
    let evaluation = crate::engine::evaluate(&rules, &completion.answers);
    let robustness = analyse(&evaluation, &RobustnessOptions::default());
    crate::report::Report::new(&rules, &completion.answers, &completion.defaulted, &evaluation, Some(&robustness), lang)
}

/// The weighted comparison of an answers file on the default rules.
pub(crate) fn weighted_compare_for(answers: &str, lang: crate::model::Lang) -> crate::report::compare::CompareReport {
    let (rules, completion) = complete_answers(answers);
    let evaluation = crate::engine::evaluate(&rules, &completion.answers);
    crate::report::compare::CompareReport::weighted(&rules, &completion.answers, &evaluation, None, lang)
}

/// The default rules and an answers file completed with defaults.
pub(crate) fn complete_answers(answers: &str) -> (RuleSet, crate::model::answers::Completion) {
    let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
    let mut sources = crate::diag::SourceMap::default();
    let file = sources.add("sample.toml", answers);
    let answers = crate::model::Answers::from_toml(answers, file, &rules).unwrap_or_else(|d| panic!("{d:?}"));
    let completion = crate::questionnaire::complete_with_defaults(&rules, answers);
    (rules, completion)
}

/// The base comparison on the default rules.
pub(crate) fn sample_compare(lang: crate::model::Lang) -> crate::report::compare::CompareReport {
    let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
    crate::report::compare::CompareReport::base(&rules, None, lang)
}
