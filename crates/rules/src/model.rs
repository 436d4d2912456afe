//! The validated model: ids resolved, invariants hold.
//!
//! Everything the engine and the renderers touch comes from here. Values of these types
//! are built only by `validate` (from `raw`) or by `answers` (from a user's answers);
//! nothing in this module reads files or prints.

pub mod answers;
pub mod by_region;
pub mod condition;
pub mod cost_recipe;
pub mod pricing;
pub mod pricing_slot;
pub mod raw;
pub mod source;
pub mod string;

use serde::{Deserialize, Serialize};

pub use answers::{AnswerValue, Answers};
pub use cost_recipe::CostRecipe;
pub use source::{Catalogue, Source};
pub use string::Str;

pub use crate::i18n::Lang;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Text {
    /// English.
    pub en: Str,
    /// Japanese.
    pub ja: Str,
}

impl Text {
    /// A text from its English and Japanese.
    pub fn new(en: impl Into<Str>, ja: impl Into<Str>) -> Self {
        Text { en: en.into(), ja: ja.into() }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ja)
    }
}

/// The orchestrator of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Orchestrator {
    /// Amazon ECS.
    Ecs,
    /// Amazon EKS.
    Eks,
}

/// Where a pattern's containers run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Capacity {
    /// EC2 instances the team runs.
    Ec2,
    /// AWS Fargate.
    Fargate,
}

/// Who runs the machines a pattern's containers run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Hosts {
    /// The team runs the machines: AMIs, patching, scaling (EC2 capacity you manage).
    #[serde(rename = "self")]
    SelfManaged,
    /// AWS runs the machines: Fargate, or AWS-managed EC2 (EKS Auto Mode, ECS Managed
    /// Instances).
    #[serde(rename = "aws")]
    AwsManaged,
}

impl Hosts {
    /// The value used in rule files and JSON, `self` or `aws`.
    pub fn as_str(self) -> &'static str {
        match self {
            Hosts::SelfManaged => "self",
            Hosts::AwsManaged => "aws",
        }
    }

    /// The default for a pattern that does not say: Fargate is run by AWS, EC2 by the team.
    pub fn default_for(capacity: Capacity) -> Self {
        match capacity {
            Capacity::Fargate => Hosts::AwsManaged,
            Capacity::Ec2 => Hosts::SelfManaged,
        }
    }
}

/// An option being scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pattern {
    /// Stable id, e.g. `ecs-fargate`.
    pub id: Str,
    /// Display name.
    pub name: Text,
    /// Orchestrator attribute.
    pub orchestrator: Orchestrator,
    /// Capacity attribute.
    pub capacity: Capacity,
    /// Who runs the hosts.
    pub hosts: Hosts,
    /// One-sentence summary.
    pub summary: Text,
    /// How the estimate prices it; `None`: not priced.
    pub cost: Option<CostRecipe>,
}

/// A trade-off axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Stable id, e.g. `ops_burden`.
    pub id: Str,
    /// Display name.
    pub name: Text,
    /// What the scale means.
    pub description: Text,
    /// Base weight, >= 0.
    pub weight: f64,
}

/// A base rating with its justification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// 1 (worst) to 5 (best).
    pub value: u8,
    /// Why.
    pub reason: Text,
    /// Where from.
    pub source: Str,
}

/// The kind of a question and what it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// One option.
    Single,
    /// Several options, up to a maximum.
    Multi,
    /// Yes or no.
    Bool,
    /// A number in a range.
    Number,
}

impl QuestionKind {
    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::Bool => "bool",
            QuestionKind::Number => "number",
        }
    }
}

/// An option of a single- or multi-choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionOption {
    /// Stable id.
    pub id: Str,
    /// Display label.
    pub label: Text,
}

/// The range of a number question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberRange {
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Only whole numbers.
    pub integer: bool,
    /// Unit shown after the value.
    pub unit: Option<Text>,
}

/// One question of the questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id.
    pub id: Str,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The question as asked.
    pub text: Text,
    /// How to choose.
    pub help: Option<Text>,
    /// Options (`single`, `multi`).
    pub options: Vec<QuestionOption>,
    /// Most options a `multi` answer may hold.
    pub max_choices: Option<usize>,
    /// Range (`number`).
    pub range: Option<NumberRange>,
    /// Honest default, if any.
    pub default: Option<AnswerValue>,
    /// May stay unanswered.
    pub optional: bool,
    /// Ask only when this holds.
    pub ask_if: Option<Condition>,
}

impl Question {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&QuestionOption> {
        self.options.iter().find(|o| o.id == id)
    }
}

/// A comparison operator of a number condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Comparison {
    /// `>=`
    Gte,
    /// `>`
    Gt,
    /// `<=`
    Lte,
    /// `<`
    Lt,
}

/// A validated condition over answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// The answer equals the value.
    Is {
        /// Question id.
        q: Str,
        /// Expected value.
        value: AnswerValue,
    },
    /// A single-choice answer is one of the options.
    In {
        /// Question id.
        q: Str,
        /// Option ids.
        options: Vec<Str>,
    },
    /// A multi-choice answer contains the option.
    Contains {
        /// Question id.
        q: Str,
        /// Option id.
        option: Str,
    },
    /// A number answer compares so with the value.
    Compare {
        /// Question id.
        q: Str,
        /// Operator.
        op: Comparison,
        /// Right-hand side.
        value: f64,
    },
    /// The question has (or has no) answer.
    Answered {
        /// Question id.
        q: Str,
        /// True: answered.
        yes: bool,
    },
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

/// The kind of advice a note gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// Something that can go wrong.
    Risk,
    /// How to reduce a weakness.
    Mitigation,
    /// An alternative worth a look.
    Consider,
}

/// A validated effect; patterns and criteria are indices into the [`RuleSet`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Add `delta` to the rating of `patterns` on `criterion`.
    Rating {
        /// Criterion index.
        criterion: usize,
        /// Amount added.
        delta: f64,
        /// Pattern indices.
        patterns: Vec<usize>,
    },
    /// Multiply the weight of `criterion`.
    Weight {
        /// Criterion index.
        criterion: usize,
        /// Factor, >= 0.
        factor: f64,
    },
    /// These patterns cannot be used.
    Exclude {
        /// Pattern indices.
        patterns: Vec<usize>,
    },
    /// Advice attached to these patterns.
    Note {
        /// Pattern indices.
        patterns: Vec<usize>,
        /// Kind of advice.
        kind: NoteKind,
        /// The advice.
        text: Text,
    },
}

/// A validated rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Stable id.
    pub id: Str,
    /// When it applies.
    pub when: Condition,
    /// Why it exists.
    pub reason: Text,
    /// Where the knowledge comes from.
    pub source: Str,
    /// What it does.
    pub effects: Vec<Effect>,
}

/// A complete, validated rule set: the input of the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSet {
    /// Patterns, in rule-file order (the tie-break order).
    pub patterns: Vec<Pattern>,
    /// Criteria, in rule-file order.
    pub criteria: Vec<Criterion>,
    /// `ratings[pattern][criterion]`.
    pub ratings: Vec<Vec<Rating>>,
    /// Questions, in asking order.
    pub questions: Vec<Question>,
    /// Rules, in file order.
    pub rules: Vec<Rule>,
    /// Prices for the cost model, if the rule files define any. Not in the binary form
    /// of the rule set: `embedded` writes them apart, to decode on first use.
    #[serde(skip)]
    pub pricing: pricing_slot::PricingSlot,
    /// The public documents every `source` cites.
    pub sources: Catalogue,
    /// BLAKE3 of the effective rule files, `blake3:<hex>`.
    pub digest: Str,
}

impl RuleSet {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The index of the pattern with this id.
    pub fn pattern_index(&self, id: &str) -> Option<usize> {
        self.patterns.iter().position(|p| p.id == id)
    }

    /// The index of the pattern named by `key`: its id, or its display name in either
    /// language, ignoring case and spaces (`"EKS Auto Mode"`, `eks auto mode`).
    pub fn find_pattern(&self, key: &str) -> Option<usize> {
        let fold = |s: &str| s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect::<String>();
        let key = fold(key);
        self.patterns.iter().position(|p| fold(&p.id) == key || fold(&p.name.en) == key || fold(&p.name.ja) == key)
    }

    /// The index of the criterion with this id.
    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }
}
