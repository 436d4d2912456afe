//! `Raw*` types: the rule files exactly as written, with byte spans.
//!
//! These types only describe the shape of a file; they resolve no reference and check
//! no invariant (that is `validate`'s job). Their `///` docs double as the rule-file
//! reference (see `docs/rules.md`).

pub mod cost_recipe;
pub mod pricing;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::model::{Capacity, Hosts, NoteKind, Orchestrator, QuestionKind};

pub use cost_recipe::RawCostRecipe;
pub use pricing::RawPricing;

/// One rule file: any of the top-level arrays may appear.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// `[[pattern]]` entries.
    #[serde(default)]
    #[schemars(with = "Vec<RawPattern>")]
    pub pattern: Vec<Spanned<RawPattern>>,
    /// `[[criterion]]` entries.
    #[serde(default)]
    #[schemars(with = "Vec<RawCriterion>")]
    pub criterion: Vec<Spanned<RawCriterion>>,
    /// `[[rating]]` entries.
    #[serde(default)]
    #[schemars(with = "Vec<RawRating>")]
    pub rating: Vec<Spanned<RawRating>>,
    /// `[[question]]` entries.
    #[serde(default)]
    #[schemars(with = "Vec<RawQuestion>")]
    pub question: Vec<Spanned<RawQuestion>>,
    /// `[[rule]]` entries.
    #[serde(default)]
    #[schemars(with = "Vec<RawRule>")]
    pub rule: Vec<Spanned<RawRule>>,
    /// `[[source]]` entries: the catalogue of cited documents.
    #[serde(default)]
    #[schemars(with = "Vec<RawSource>")]
    pub source: Vec<Spanned<RawSource>>,
    /// `[pricing]`: `[[pricing.region]]`, `[[pricing.instance_type]]` and
    /// `[[pricing.fargate_size]]` entries.
    #[serde(default)]
    pub pricing: RawPricing,
}

/// `[[source]]`: a public document that ratings, rules and prices cite by its id
/// (`source = "<id>"` or `"<id> §<section>"`, several joined by `; `).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Stable kebab-case id, e.g. `aws-eks-ug-fargate`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The document's title, in English and Japanese (repeat the English for an
    /// English-only document).
    #[schemars(with = "RawText")]
    pub title: Spanned<RawText>,
    /// Who published it, e.g. `Amazon Web Services`.
    #[schemars(with = "String")]
    pub publisher: Spanned<String>,
    /// Publication date, or the date of the version read: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Spanned<String>,
    /// Where to read it: an `https://` or `http://` URL.
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    /// ISBN, for books.
    #[schemars(with = "Option<String>")]
    pub isbn: Option<Spanned<String>>,
}

/// A text in both languages: `{ en = "…", ja = "…" }`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    /// English.
    #[schemars(with = "Option<String>")]
    pub en: Option<Spanned<String>>,
    /// Japanese.
    #[schemars(with = "Option<String>")]
    pub ja: Option<Spanned<String>>,
}

/// `[[pattern]]`: an option being scored.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPattern {
    /// Stable kebab-case id, e.g. `ecs-fargate`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Display name.
    #[schemars(with = "RawText")]
    pub name: Spanned<RawText>,
    /// `ecs` or `eks`.
    pub orchestrator: Orchestrator,
    /// `ec2` or `fargate`.
    pub capacity: Capacity,
    /// Who runs the machines: `self` (the team) or `aws`. Default: `aws` for Fargate,
    /// `self` for EC2.
    pub hosts: Option<Hosts>,
    /// One sentence describing the pattern.
    #[schemars(with = "RawText")]
    pub summary: Spanned<RawText>,
    /// How the estimate prices the pattern (see [`RawCostRecipe`]); without it the
    /// pattern is shown as "not priced".
    #[schemars(with = "Option<RawCostRecipe>")]
    pub cost: Option<Spanned<RawCostRecipe>>,
}

/// `[[criterion]]`: a trade-off axis.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    /// Stable `snake_case` id, e.g. `ops_burden`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Display name.
    #[schemars(with = "RawText")]
    pub name: Spanned<RawText>,
    /// What a rating of 5 (best) and 1 (worst) mean on this axis.
    #[schemars(with = "RawText")]
    pub description: Spanned<RawText>,
    /// Base weight, >= 0 (default 1).
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
}

/// `[[rating]]`: the base rating of one pattern on one criterion.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRating {
    /// Pattern id.
    #[schemars(with = "String")]
    pub pattern: Spanned<String>,
    /// Criterion id.
    #[schemars(with = "String")]
    pub criterion: Spanned<String>,
    /// 1 (worst) to 5 (best).
    #[schemars(with = "i64")]
    pub value: Spanned<i64>,
    /// Why this value.
    #[schemars(with = "RawText")]
    pub reason: Spanned<RawText>,
    /// Where the fact comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
}

/// One option of a single- or multi-choice question.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Stable option id, e.g. `production`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Display label.
    #[schemars(with = "RawText")]
    pub label: Spanned<RawText>,
}

/// `[[question]]`: one question of the questionnaire.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable `snake_case` id, e.g. `k8s_in_use`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// `single`, `multi`, `bool` or `number`.
    #[schemars(with = "QuestionKind")]
    pub kind: Spanned<QuestionKind>,
    /// The question as asked.
    #[schemars(with = "RawText")]
    pub text: Spanned<RawText>,
    /// How to choose.
    #[schemars(with = "Option<RawText>")]
    pub help: Option<Spanned<RawText>>,
    /// Options of `single` and `multi` questions.
    #[serde(default)]
    #[schemars(with = "Vec<RawOption>")]
    pub options: Vec<Spanned<RawOption>>,
    /// The answer taken when none is given (only where a default is honest).
    #[schemars(with = "Option<serde_json::Value>")]
    pub default: Option<Spanned<toml::Value>>,
    /// True: the question may stay unanswered.
    #[serde(default)]
    pub optional: bool,
    /// Ask only when this condition holds.
    #[schemars(with = "Option<RawCondition>")]
    pub ask_if: Option<Spanned<RawCondition>>,
    /// `multi`: how many options may be chosen at most.
    #[schemars(with = "Option<i64>")]
    pub max_choices: Option<Spanned<i64>>,
    /// `number`: smallest allowed value.
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    /// `number`: largest allowed value.
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    /// `number`: only whole numbers.
    #[serde(default)]
    pub integer: bool,
    /// `number`: the unit shown after the value.
    #[schemars(with = "Option<RawText>")]
    pub unit: Option<Spanned<RawText>>,
}

/// A condition over answers. Exactly one form must be used; see `docs/rules.md`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// The question the comparison reads.
    #[schemars(with = "Option<String>")]
    pub q: Option<Spanned<String>>,
    /// Equals this value.
    #[schemars(with = "Option<serde_json::Value>")]
    pub is: Option<Spanned<toml::Value>>,
    /// A single-choice answer is one of these options.
    #[serde(rename = "in")]
    #[schemars(with = "Option<Vec<String>>")]
    pub in_: Option<Spanned<Vec<Spanned<String>>>>,
    /// A multi-choice answer contains this option.
    #[schemars(with = "Option<String>")]
    pub contains: Option<Spanned<String>>,
    /// Number >= value.
    #[schemars(with = "Option<f64>")]
    pub gte: Option<Spanned<f64>>,
    /// Number > value.
    #[schemars(with = "Option<f64>")]
    pub gt: Option<Spanned<f64>>,
    /// Number <= value.
    #[schemars(with = "Option<f64>")]
    pub lte: Option<Spanned<f64>>,
    /// Number < value.
    #[schemars(with = "Option<f64>")]
    pub lt: Option<Spanned<f64>>,
    /// The question has (true) or has no (false) answer.
    #[schemars(with = "Option<bool>")]
    pub answered: Option<Spanned<bool>>,
    /// Every condition holds.
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub all: Option<Vec<Spanned<RawCondition>>>,
    /// At least one condition holds.
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub any: Option<Vec<Spanned<RawCondition>>>,
    /// The condition does not hold.
    #[schemars(with = "Option<Box<RawCondition>>")]
    pub not: Option<Box<Spanned<RawCondition>>>,
}

/// Picks patterns by id or attribute; every given key must match, and a key given a
/// list matches any of its values: `{ capacity = "ec2", hosts = "self" }`,
/// `{ pattern = ["ecs-fargate", "eks-fargate"] }`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSelector {
    /// A pattern id, or a list of them.
    #[schemars(with = "Option<OneOrMany<String>>")]
    pub pattern: Option<Spanned<OneOrMany<String>>>,
    /// `ecs` or `eks`, or a list.
    pub orchestrator: Option<OneOrMany<Orchestrator>>,
    /// `ec2` or `fargate`, or a list.
    pub capacity: Option<OneOrMany<Capacity>>,
    /// `self` or `aws`, or a list.
    pub hosts: Option<OneOrMany<Hosts>>,
}

/// One value or a list of values.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// Several values; any of them matches.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a slice.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(value) => std::slice::from_ref(value),
            OneOrMany::Many(values) => values,
        }
    }
}

/// One effect of a rule. Exactly one of `rating`, `weight`, `exclude`, `note` is set.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEffect {
    /// Rating effect: the criterion whose rating changes.
    #[schemars(with = "Option<String>")]
    pub rating: Option<Spanned<String>>,
    /// Rating effect: the amount added.
    #[schemars(with = "Option<f64>")]
    pub delta: Option<Spanned<f64>>,
    /// Rating effect: the patterns it applies to.
    #[schemars(with = "Option<RawSelector>")]
    pub on: Option<Spanned<RawSelector>>,
    /// Weight effect: the criterion whose weight is multiplied.
    #[schemars(with = "Option<String>")]
    pub weight: Option<Spanned<String>>,
    /// Weight effect: the factor, >= 0.
    #[schemars(with = "Option<f64>")]
    pub factor: Option<Spanned<f64>>,
    /// Exclude effect: the patterns that cannot be used.
    #[schemars(with = "Option<RawSelector>")]
    pub exclude: Option<Spanned<RawSelector>>,
    /// Note effect: the patterns the advice is about.
    #[schemars(with = "Option<RawSelector>")]
    pub note: Option<Spanned<RawSelector>>,
    /// Note effect: `risk`, `mitigation` or `consider`.
    #[schemars(with = "Option<NoteKind>")]
    pub kind: Option<Spanned<NoteKind>>,
    /// Note effect: the advice (default: the rule's reason).
    #[schemars(with = "Option<RawText>")]
    pub text: Option<Spanned<RawText>>,
}

/// `[[rule]]`: when a condition holds, apply the effects.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable kebab-case id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The condition.
    #[schemars(with = "RawCondition")]
    pub when: Spanned<RawCondition>,
    /// Why the rule exists, as a reviewer reads it.
    #[schemars(with = "RawText")]
    pub reason: Spanned<RawText>,
    /// Where the knowledge comes from.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// What the rule does.
    #[serde(default)]
    #[schemars(with = "Vec<RawEffect>")]
    pub effects: Vec<Spanned<RawEffect>>,
}
