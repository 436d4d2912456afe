//! What the `cost` command shows: the estimate alone (no ranking), with the answers it
//! was computed from. Serialises to JSON like [`super::Report`] (`schema_version: 1`,
//! the same `cost` object).
//!
//! Built from a [`CostEstimate`]; computes nothing and does no I/O.

use serde::Serialize;

use super::cost::CostReport;
use super::{AnswerLine, Format, RenderOptions, SCHEMA_VERSION, answer_lines, json, table};
use crate::cost::CostEstimate;
use crate::error::InvalidInput;
use crate::model::{Answers, Lang, RuleSet};

/// Everything a `cost` run shows.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CostOnlyReport {
    /// Version of this contract.
    pub schema_version: u32,
    /// container-advisor version.
    pub tool_version: String,
    /// Language of the texts.
    pub lang: Lang,
    /// The estimate.
    pub cost: CostReport,
    /// The answers used, by question id.
    pub answers: Answers,
    /// Ids of answers that took their question's default.
    pub defaulted: Vec<String>,
    /// The answers in words, in question order (`answers` holds the values by id).
    pub answer_lines: Vec<AnswerLine>,
    /// Hash of the effective rule set.
    pub rules_digest: String,
}

impl CostOnlyReport {
    /// The report of an estimate in one language.
    pub fn new(rules: &RuleSet, answers: &Answers, defaulted: &[String], estimate: &CostEstimate, lang: Lang) -> Self {
        CostOnlyReport {
            schema_version: SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            lang,
            cost: CostReport::new(estimate, rules, lang),
            answers: answers.clone(),
            defaulted: defaulted.to_vec(),
            answer_lines: answer_lines(rules, answers, defaulted, lang),
            rules_digest: rules.digest.to_string(),
        }
    }

    /// Renders the report in a format (see [`super::Report::render`]).
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        self.try_render(format, options).unwrap_or_else(|e| format!("{e}\n"))
    }

    /// Renders the report in a format; a template that fails names its file and line.
    pub fn try_render(&self, format: Format, options: &RenderOptions) -> Result<String, InvalidInput> {
        let document = |name| {
            let extra = super::templates::cost_text(Some(&self.cost), self.lang);
            options.templates.render(name, self, self.lang, options, extra)
        };
        match format {
            Format::Json => Ok(json::render(self)),
            Format::Table => Ok(table::finish(&table::render_cost(self, options), options)),
            // An estimate alone decides nothing: its ADR is `recommend --format adr`, which
            // carries the cost; the `cost` command does not offer `adr`.
            Format::Markdown | Format::Adr => document("cost.md"),
            Format::Csv => Ok(super::csv::render_cost(self, options)),
            Format::Html => document("cost.html"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnswerValue;

    /// 10 tasks of 1 vCPU / 2 GiB in us-east-1 on demand, three clusters, the rest
    /// defaulted; the digest is fixed so that only the estimate shows in the snapshots.
    fn report(lang: Lang) -> CostOnlyReport {
        let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
        let mut answers = Answers::new();
        answers.set("region", AnswerValue::Choice("us-east-1".into()));
        answers.set("tasks", AnswerValue::Number(10.0));
        answers.set("clusters", AnswerValue::Number(3.0));
        let (estimate, completion) = crate::cost::estimate_answers(&rules, answers).unwrap_or_else(|e| panic!("{e}"));
        let mut report = CostOnlyReport::new(&rules, &completion.answers, &completion.defaulted, &estimate, lang);
        report.rules_digest = "blake3:fixed".to_owned();
        report
    }

    #[test]
    fn notes_shared_by_patterns_are_listed_once() {
        let report = report(Lang::En);
        let control_plane: Vec<_> = report.cost.notes.iter().filter(|n| n.text.contains("standard support")).collect();
        assert_eq!(control_plane.len(), 1);
        assert_eq!(
            control_plane[0].patterns,
            ["eks-ec2", "eks-fargate", "eks-auto-mode"],
            "every pattern that pays the EKS control plane"
        );
        assert_eq!(report.cost.cheapest.as_deref(), Some("ecs-fargate"));
        assert_eq!(
            report.defaulted,
            [
                "task_vcpu",
                "task_memory_gib",
                "arch",
                "purchase",
                "ec2_utilisation_target",
                "public_ipv4",
                "eks_extended_support"
            ]
        );
    }

    #[test]
    fn table_snapshot_en() {
        let options = RenderOptions { width: 120, ..RenderOptions::default() };
        insta::assert_snapshot!("cost_table_en", report(Lang::En).render(Format::Table, &options));
    }

    #[test]
    fn table_snapshot_ja() {
        let options = RenderOptions { width: 120, ..RenderOptions::default() };
        insta::assert_snapshot!("cost_table_ja", report(Lang::Ja).render(Format::Table, &options));
    }

    #[test]
    fn json_snapshot() {
        insta::assert_snapshot!("cost_json", report(Lang::En).render(Format::Json, &RenderOptions::default()));
    }
}
