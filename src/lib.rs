//! container-advisor: choose how to run containers on AWS — ECS on EC2, ECS on
//! Fargate, EKS on EC2 or EKS on Fargate — with a rule engine whose every point is
//! explained and sourced.
//!
//! The flow is `load` (rule files → `Raw*`) → `validate` (→ [`RuleSet`] or
//! diagnostics) → `engine::evaluate` (answers → [`Evaluation`]) → [`Report`] →
//! a renderer. Only `load` and `output` touch files; nothing here touches a terminal.

pub mod diag;
pub mod engine;
pub mod load;
pub mod model;
pub mod output;
pub mod questionnaire;
pub mod report;
pub mod suggest;
pub mod validate;

#[cfg(test)]
mod testing;

pub use diag::{Code, Diagnostic, Severity};
pub use engine::{Evaluation, evaluate};
pub use load::{RuleSources, RulesSelection, SourceMap};
pub use model::{AnswerValue, Answers, Lang, RuleSet};
pub use report::{Format, RenderOptions, Report};
pub use validate::{Validated, validate};

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
        anyhow::anyhow!("the embedded rules are invalid:\n{}", diag::render(&diagnostics, &sources, false))
    })
}
