//! The rule set of container-advisor: its validated model, the rule files it is read
//! from, their validation with every diagnostic, and the small pieces those need
//! (messages in two languages, escaping, "did you mean").
//!
//! The flow is `load` (rule files → `Raw*`) → `validate` (→ [`RuleSet`] or
//! diagnostics). This crate is its own so that the binary's build script can run the
//! very same loader and validator over the default rules at build time; it scores
//! nothing and renders no report (the `container-advisor` crate does).

#![forbid(unsafe_code)]

pub mod diag;
pub mod embedded;
pub mod error;
pub mod escape;
pub mod i18n;
pub mod load;
pub mod model;
pub mod suggest;
pub mod validate;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use diag::{Code, Diagnostic, Severity, SourceMap};
pub use error::InvalidInput;
pub use i18n::Message;
pub use load::{RuleSources, RulesSelection};
pub use model::{AnswerValue, Answers, Lang, RuleSet};
pub use validate::{Validated, validate};
