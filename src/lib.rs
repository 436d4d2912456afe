//! container-advisor: choose how to run containers on AWS — ECS on EC2, ECS on
//! Fargate, EKS on EC2 or EKS on Fargate — with a rule engine whose every point is
//! explained and sourced.
//!
//! The flow is `load` (rule files → `Raw*`) → `validate` (→ [`RuleSet`] or
//! diagnostics) → `engine::evaluate` (answers → [`Evaluation`]) → [`Report`] →
//! a renderer; [`app`] holds one function per command that drives this flow. Only
//! `load`, `app::answers` (answers files), `output` and `state` (the answers an
//! interrupted questionnaire keeps) touch files; nothing here touches a terminal or
//! reads the environment (the binary passes an [`app::Environment`]).
//!
//! ```
//! use container_advisor::{Answers, Format, Lang, RenderOptions, Report, default_rules, evaluate};
//!
//! let rules = default_rules()?;
//! let answers = Answers::from_assignments(&["gpu=true", "k8s_in_use=none", "k8s_skill=none"], &rules)
//!     .map_err(|d| anyhow::anyhow!("{d:?}"))?;
//! let evaluation = evaluate(&rules, &answers);
//! // Fargate has no GPUs, so an EC2 pattern wins and both Fargate patterns are excluded.
//! let winner = &rules.patterns[evaluation.winner().map(|w| w.pattern).unwrap_or_default()];
//! assert_eq!(winner.capacity, container_advisor::model::Capacity::Ec2);
//! let report = Report::new(&rules, &answers, &[], &evaluation, None, Lang::En);
//! assert!(report.render(Format::Json, &RenderOptions::default()).contains("\"schema_version\": 1"));
//! # Ok::<(), anyhow::Error>(())
//! ```

#![forbid(unsafe_code)]

pub mod app;
pub mod cost;
pub mod engine;
pub mod output;
pub mod pricing_import;
pub mod questionnaire;
pub mod reach;
pub mod report;
pub mod state;

// The rule set (model, loading, validation, diagnostics, messages) is its own crate,
// `container-advisor-rules`, so that build.rs can run it; its modules keep their paths.
pub use container_advisor_rules::{diag, error, escape, i18n, load, model, msg, suggest, validate};

#[cfg(test)]
mod testing;

pub use diag::{Code, Diagnostic, Severity, SourceMap};
pub use engine::{Evaluation, evaluate};
pub use error::InvalidInput;
pub use i18n::Message;
pub use load::{RuleSources, RulesSelection};
pub use model::{AnswerValue, Answers, Lang, RuleSet};
pub use report::{Format, RenderOptions, Report};
pub use validate::Validated;

/// Loads and validates the rules a selection names. Returns the rule set (when there
/// is no error), every diagnostic, and the source map to render them with.
pub fn load_rules(selection: &RulesSelection) -> anyhow::Result<(Option<RuleSet>, Vec<Diagnostic>, SourceMap)> {
    let sources = RuleSources::load(selection)?;
    let Validated { rules, diagnostics } = validate(&sources);
    Ok((rules, diagnostics, sources.sources))
}

/// The embedded default rules, validated. They are checked by the test suite, so
/// this fails only if the binary was built from broken rules.
pub fn default_rules() -> anyhow::Result<RuleSet> {
    let (rules, diagnostics, sources) = load_rules(&RulesSelection::Default)?;
    rules.ok_or_else(|| {
        anyhow::anyhow!("the embedded rules are invalid:\n{}", diag::render(&diagnostics, &sources, false, Lang::En))
    })
}
