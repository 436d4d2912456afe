//! container-advisor: choose how to run containers on AWS — ECS or EKS, on EC2 you run,
//! on Fargate, or on EC2 that AWS runs (ECS Managed Instances, EKS Auto Mode) — with a
//! rule engine whose every point is explained and sourced.
//!
//! The flow is `load` (rule files → `Raw*`) → `validate` (→ [`RuleSet`] or
//! diagnostics) → `engine::evaluate` (answers → [`Evaluation`]) → [`Report`] →
//! a renderer; [`app`] holds one function per command that drives this flow. The
//! default rules skip the first two steps at run time: `build.rs` validated them, and
//! [`default_rules`] decodes the result. Only
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
pub use container_advisor_rules::{diag, embedded, error, escape, i18n, load, model, msg, suggest, validate};

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

/// The default rules in their binary form: `rules/*.toml` loaded and validated by
/// `build.rs` with the same code as [`load_rules_from_toml`] (an invalid rule file stops
/// the build). The structure, the prices (decoded when first used), and the string table
/// every text of them borrows from.
static DEFAULT_RULES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-rules.postcard"));
static DEFAULT_PRICING: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-pricing.postcard"));
static DEFAULT_RULES_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/default-rules.txt"));

/// Loads and validates the rules a selection names. Returns the rule set (when there
/// is no error), every diagnostic, and the source map to render them with.
///
/// The defaults alone come validated from the build: nothing is parsed, there is no
/// diagnostic, and the source map is empty. A rules directory, overlaid or alone, takes
/// the full path of [`load_rules_from_toml`].
pub fn load_rules(selection: &RulesSelection) -> anyhow::Result<(Option<RuleSet>, Vec<Diagnostic>, SourceMap)> {
    match selection {
        RulesSelection::Default => Ok((Some(default_rules()?), Vec::new(), SourceMap::default())),
        RulesSelection::Overlay(_) | RulesSelection::Only(_) => load_rules_from_toml(selection),
    }
}

/// Reads, parses and validates the rule files of a selection (the embedded TOML of the
/// defaults included), with every diagnostic: what `rules check` and every rules
/// directory use.
pub fn load_rules_from_toml(
    selection: &RulesSelection,
) -> anyhow::Result<(Option<RuleSet>, Vec<Diagnostic>, SourceMap)> {
    let sources = RuleSources::load(selection)?;
    let Validated { rules, diagnostics } = validate(&sources);
    Ok((rules, diagnostics, sources.sources))
}

/// The default rules, validated at build time, decoded with every text borrowed from the
/// binary. It fails only if the binary itself is broken.
pub fn default_rules() -> anyhow::Result<RuleSet> {
    use anyhow::Context as _;
    container_advisor_rules::embedded::decode(DEFAULT_RULES, DEFAULT_PRICING, DEFAULT_RULES_TEXT)
        .context("the default rules embedded in this binary cannot be read (a broken build)")
}
