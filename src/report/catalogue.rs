//! `rules list`: a reviewer's catalogue of what the tool knows — every pattern,
//! criterion, rating and rule with its reason and source — in one language.

use std::fmt::Write as _;

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use super::markdown::{cell, inline};
use super::table::new_table;
use super::{Format, RenderOptions};
use crate::model::answers::format_number;
use crate::model::{Effect, Lang, RuleSet};
use crate::questionnaire::describe;

/// One base rating.
#[derive(Debug, Clone, Serialize)]
pub struct RatingEntry {
    /// Pattern id.
    pub pattern: String,
    /// Criterion id.
    pub criterion: String,
    /// 1..5.
    pub value: u8,
    /// Why.
    pub reason: String,
    /// Where from.
    pub source: String,
}

/// One rule, its condition and effects in words.
#[derive(Debug, Clone, Serialize)]
pub struct RuleEntry {
    /// Rule id.
    pub id: String,
    /// The condition, in rule-file terms.
    pub when: String,
    /// Each effect, in words.
    pub effects: Vec<String>,
    /// Why.
    pub reason: String,
    /// Where from.
    pub source: String,
}

/// The whole catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    /// Language of the texts.
    pub lang: Lang,
    /// `(id, name, weight, description)` of every criterion.
    pub criteria: Vec<(String, String, f64, String)>,
    /// Every base rating, pattern by pattern.
    pub ratings: Vec<RatingEntry>,
    /// Every rule, in rule order.
    pub rules: Vec<RuleEntry>,
    /// Hash of the effective rule set.
    pub rules_digest: String,
}

impl Catalogue {
    /// Builds the catalogue of a rule set.
    pub fn new(rules: &RuleSet, lang: Lang) -> Self {
        let selector = |patterns: &[usize]| {
            if patterns.len() == rules.patterns.len() {
                lang.pick("all patterns", "全パターン").to_owned()
            } else {
                patterns.iter().map(|&p| rules.patterns[p].id.as_str()).collect::<Vec<_>>().join(", ")
            }
        };
        let effect = |e: &Effect| match e {
            Effect::Rating { criterion, delta, patterns } => {
                format!(
                    "{} {} {delta:+} → {}",
                    lang.pick("rating", "評価"),
                    rules.criteria[*criterion].id,
                    selector(patterns)
                )
            }
            Effect::Weight { criterion, factor } => {
                format!("{} {} ×{}", lang.pick("weight", "重み"), rules.criteria[*criterion].id, format_number(*factor))
            }
            Effect::Exclude { patterns } => format!("{} {}", lang.pick("exclude", "除外"), selector(patterns)),
            Effect::Note { patterns, kind, .. } => {
                format!(
                    "{} ({}) → {}",
                    lang.pick("note", "注記"),
                    super::table::note_kind(*kind, lang),
                    selector(patterns)
                )
            }
        };
        Catalogue {
            lang,
            criteria: rules
                .criteria
                .iter()
                .map(|c| (c.id.clone(), c.name.get(lang).to_owned(), c.weight, c.description.get(lang).to_owned()))
                .collect(),
            ratings: rules
                .patterns
                .iter()
                .enumerate()
                .flat_map(|(p, pattern)| {
                    rules.criteria.iter().enumerate().map(move |(c, criterion)| {
                        let rating = &rules.ratings[p][c];
                        RatingEntry {
                            pattern: pattern.id.clone(),
                            criterion: criterion.id.clone(),
                            value: rating.value,
                            reason: rating.reason.get(lang).to_owned(),
                            source: rating.source.clone(),
                        }
                    })
                })
                .collect(),
            rules: rules
                .rules
                .iter()
                .map(|r| RuleEntry {
                    id: r.id.clone(),
                    when: describe(&r.when),
                    effects: r.effects.iter().map(effect).collect(),
                    reason: r.reason.get(lang).to_owned(),
                    source: r.source.clone(),
                })
                .collect(),
            rules_digest: rules.digest.clone(),
        }
    }

    /// Renders the catalogue (table, Markdown or JSON; other formats fall back to Markdown).
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        match format {
            Format::Table => self.to_table(options),
            Format::Json => {
                let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
                text.push('\n');
                text
            }
            _ => self.to_markdown(),
        }
    }

    fn to_table(&self, options: &RenderOptions) -> String {
        let t = |en, ja| self.lang.pick(en, ja);
        let mut out = String::new();
        let _ = writeln!(out, "{}", t("Criteria", "評価軸"));
        let mut table = new_table(options);
        table.set_header(vec![t("Criterion", "評価軸"), t("Weight", "重み"), t("Meaning", "意味")]);
        for (id, name, weight, description) in &self.criteria {
            table.add_row(vec![
                Cell::new(format!("{name}\n{id}")),
                Cell::new(format_number(*weight)).set_alignment(CellAlignment::Right),
                Cell::new(description),
            ]);
        }
        let _ = writeln!(out, "{table}\n\n{}", t("Base ratings", "基本評価"));
        let mut table = new_table(options);
        table.set_header(vec![
            t("Pattern", "パターン"),
            t("Criterion", "評価軸"),
            t("Rating", "評価"),
            t("Reason", "理由"),
            t("Source", "出典"),
        ]);
        for r in &self.ratings {
            table.add_row(vec![
                Cell::new(&r.pattern),
                Cell::new(&r.criterion),
                Cell::new(r.value).set_alignment(CellAlignment::Right),
                Cell::new(&r.reason),
                Cell::new(&r.source),
            ]);
        }
        let _ = writeln!(out, "{table}\n\n{}", t("Rules", "ルール"));
        let mut table = new_table(options);
        table.set_header(vec![
            t("Rule", "ルール"),
            t("When → effects", "条件 → 効果"),
            t("Reason", "理由"),
            t("Source", "出典"),
        ]);
        for r in &self.rules {
            table.add_row(vec![
                r.id.clone(),
                format!("{}\n{}", r.when, r.effects.join("\n")),
                r.reason.clone(),
                r.source.clone(),
            ]);
        }
        let _ = writeln!(out, "{table}");
        out
    }

    fn to_markdown(&self) -> String {
        let t = |en, ja| self.lang.pick(en, ja);
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", t("container-advisor: what the rules know", "container-advisor のルール一覧"));
        let _ = writeln!(out, "{} `{}`\n", t("Rule set", "ルールセット"), self.rules_digest);
        let _ = writeln!(out, "## {}\n", t("Criteria", "評価軸"));
        let _ = writeln!(
            out,
            "| {} | id | {} | {} |\n| --- | --- | ---: | --- |",
            t("Criterion", "評価軸"),
            t("Weight", "重み"),
            t("Meaning", "意味")
        );
        for (id, name, weight, description) in &self.criteria {
            let _ = writeln!(out, "| {} | `{id}` | {} | {} |", cell(name), format_number(*weight), cell(description));
        }
        let _ = writeln!(out, "\n## {}\n", t("Base ratings", "基本評価"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n| --- | --- | ---: | --- | --- |",
            t("Pattern", "パターン"),
            t("Criterion", "評価軸"),
            t("Rating", "評価"),
            t("Reason", "理由"),
            t("Source", "出典")
        );
        for r in &self.ratings {
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {} | {} |",
                r.pattern,
                r.criterion,
                r.value,
                cell(&r.reason),
                cell(&r.source)
            );
        }
        let _ = writeln!(out, "\n## {}\n", t("Rules", "ルール"));
        for r in &self.rules {
            let _ = writeln!(out, "### `{}`\n", r.id);
            let _ = writeln!(out, "- {}: `{}`", t("When", "条件"), r.when.replace('`', "'"));
            for e in &r.effects {
                let _ = writeln!(out, "- {}: {}", t("Effect", "効果"), inline(e));
            }
            let _ = writeln!(out, "- {}: {}", t("Reason", "理由"), inline(&r.reason));
            let _ = writeln!(out, "- {}: {}\n", t("Source", "出典"), inline(&r.source));
        }
        out
    }
}
