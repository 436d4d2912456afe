//! `rules list`: a reviewer's catalogue of what the tool knows — every pattern,
//! criterion, rating and rule with its reason and source — in one language.

use crate::report::labels::Labels;
use std::fmt::Write as _;

use comfy_table::CellAlignment;
use serde::Serialize;

use super::markdown::{escape, table_head, table_row};
use super::table::{cell as term_cell, new_table};
use super::{Format, RenderOptions};
use crate::model::answers::format_number;
use crate::model::{Effect, Lang, RuleSet};
use crate::questionnaire::describe;

/// One base rating.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

/// One price or discount factor of `pricing.toml`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PriceEntry {
    /// Region code.
    pub region: String,
    /// What is priced, e.g. `Fargate x86 vCPU-hour` or `m6i.large`.
    pub item: String,
    /// USD (per hour) or, for a discount, the factor on the price.
    pub value: f64,
    /// `usd/h` or `factor`.
    pub unit: &'static str,
    /// Date of the figure.
    pub as_of: String,
    /// Where from.
    pub source: String,
    /// `high`, `medium`, `low` when stated.
    pub confidence: Option<String>,
}

/// The whole catalogue.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Catalogue {
    /// Language of the texts.
    pub lang: Lang,
    /// `(id, name, weight, description)` of every criterion.
    pub criteria: Vec<(String, String, f64, String)>,
    /// Every base rating, pattern by pattern.
    pub ratings: Vec<RatingEntry>,
    /// Every rule, in rule order.
    pub rules: Vec<RuleEntry>,
    /// Every price and discount, region by region.
    pub prices: Vec<PriceEntry>,
    /// The source catalogue, by id.
    pub sources: Vec<crate::model::Source>,
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
                .map(|c| (c.id.to_string(), c.name.get(lang).to_owned(), c.weight, c.description.get(lang).to_owned()))
                .collect(),
            ratings: rules
                .patterns
                .iter()
                .enumerate()
                .flat_map(|(p, pattern)| {
                    rules.criteria.iter().enumerate().map(move |(c, criterion)| {
                        let rating = &rules.ratings[p][c];
                        RatingEntry {
                            pattern: pattern.id.to_string(),
                            criterion: criterion.id.to_string(),
                            value: rating.value,
                            reason: rating.reason.get(lang).to_owned(),
                            source: rules.sources.cite(&rating.source, lang),
                        }
                    })
                })
                .collect(),
            rules: rules
                .rules
                .iter()
                .map(|r| RuleEntry {
                    id: r.id.to_string(),
                    when: describe(&r.when),
                    effects: r.effects.iter().map(effect).collect(),
                    reason: r.reason.get(lang).to_owned(),
                    source: rules.sources.cite(&r.source, lang),
                })
                .collect(),
            prices: rules.pricing.get().map(|p| prices(p, |s| rules.sources.cite(s, lang))).unwrap_or_default(),
            sources: rules.sources.all().to_vec(),
            rules_digest: rules.digest.to_string(),
        }
    }

    /// Renders the catalogue (table, Markdown or JSON; other formats fall back to Markdown).
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        match format {
            Format::Table => super::table::finish(&self.to_table(options), options),
            Format::Json => {
                let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
                text.push('\n');
                text
            }
            _ => self.to_markdown(),
        }
    }

    fn to_table(&self, options: &RenderOptions) -> String {
        let l = Labels::get(self.lang);
        let mut out = String::new();
        let _ = writeln!(out, "{}", l.criteria);
        let mut table = new_table(options);
        table.set_header(vec![l.criterion, l.weight, l.meaning]);
        for (id, name, weight, description) in &self.criteria {
            table.add_row(vec![
                term_cell(format!("{name}\n{id}")),
                term_cell(format_number(*weight)).set_alignment(CellAlignment::Right),
                term_cell(description),
            ]);
        }
        let _ = writeln!(out, "{table}\n\n{}", l.base_ratings);
        let mut table = new_table(options);
        table.set_header(vec![l.pattern, l.criterion, l.rating, l.reason, l.source]);
        for r in &self.ratings {
            table.add_row(vec![
                term_cell(&r.pattern),
                term_cell(&r.criterion),
                term_cell(r.value).set_alignment(CellAlignment::Right),
                term_cell(&r.reason),
                term_cell(&r.source),
            ]);
        }
        let _ = writeln!(out, "{table}\n\n{}", l.rules);
        let mut table = new_table(options);
        table.set_header(vec![l.rule, l.when_effects, l.reason, l.source]);
        for r in &self.rules {
            table.add_row(vec![
                r.id.clone(),
                format!("{}\n{}", r.when, r.effects.join("\n")),
                r.reason.clone(),
                r.source.clone(),
            ]);
        }
        let _ = writeln!(out, "{table}");
        if !self.prices.is_empty() {
            let _ = writeln!(out, "\n{}", l.prices_pricing_toml);
            let mut table = new_table(options);
            table.set_header(vec![l.region, l.item, l.value, l.as_of_source]);
            for p in &self.prices {
                table.add_row(vec![
                    term_cell(&p.region),
                    term_cell(&p.item),
                    term_cell(format!("{} {}", format_number(p.value), p.unit)).set_alignment(CellAlignment::Right),
                    term_cell(format!(
                        "{} · {}{}",
                        p.as_of,
                        p.source,
                        p.confidence.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
                    )),
                ]);
            }
            let _ = writeln!(out, "{table}");
        }
        if !self.sources.is_empty() {
            let _ = writeln!(out, "\n{}", l.sources);
            let mut table = new_table(options);
            table.set_header(vec![l.id, l.title, l.published_read, "URL"]);
            for s in &self.sources {
                table.add_row(vec![
                    s.id.clone(),
                    format!("{} ({})", s.title.get(self.lang), s.publisher).into(),
                    s.date.clone(),
                    s.url.clone(),
                ]);
            }
            let _ = writeln!(out, "{table}");
        }
        out
    }

    fn to_markdown(&self) -> String {
        let l = Labels::get(self.lang);
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", l.container_advisor_what_the_rules);
        let _ = writeln!(out, "{} `{}`\n", l.rule_set_heading, self.rules_digest);
        let _ = writeln!(out, "## {}\n", l.criteria);
        table_head(&mut out, &[l.criterion, "id", l.weight, l.meaning], &[false, false, true, false]);
        for (id, name, weight, description) in &self.criteria {
            table_row(&mut out, &[escape(name), format!("`{id}`"), format_number(*weight), escape(description)]);
        }
        let _ = writeln!(out, "\n## {}\n", l.base_ratings);
        table_head(
            &mut out,
            &[l.pattern, l.criterion, l.rating, l.reason, l.source],
            &[false, false, true, false, false],
        );
        for r in &self.ratings {
            let row = [
                format!("`{}`", r.pattern),
                format!("`{}`", r.criterion),
                r.value.to_string(),
                escape(&r.reason),
                escape(&r.source),
            ];
            table_row(&mut out, &row);
        }
        let _ = writeln!(out, "\n## {}\n", l.rules);
        for r in &self.rules {
            let _ = writeln!(out, "### `{}`\n", r.id);
            let _ = writeln!(out, "- {}: `{}`", l.when, r.when.replace('`', "'"));
            for e in &r.effects {
                let _ = writeln!(out, "- {}: {}", l.effect_column, escape(e));
            }
            let _ = writeln!(out, "- {}: {}", l.reason, escape(&r.reason));
            let _ = writeln!(out, "- {}: {}\n", l.source, escape(&r.source));
        }
        if !self.prices.is_empty() {
            let _ = writeln!(out, "## {}\n", l.prices_pricing_toml);
            table_head(
                &mut out,
                &[l.region, l.item, l.value, l.as_of, l.confidence, l.source],
                &[false, false, true, false, false, false],
            );
            for p in &self.prices {
                let row = [
                    format!("`{}`", p.region),
                    escape(&p.item),
                    format!("{} {}", format_number(p.value), p.unit),
                    p.as_of.clone(),
                    p.confidence.clone().unwrap_or_else(|| "-".to_owned()),
                    escape(&p.source),
                ];
                table_row(&mut out, &row);
            }
        }
        super::markdown::sources_section(&mut out, &self.sources, self.lang);
        out
    }
}

/// Every price and discount of the pricing data, region by region.
fn prices(pricing: &crate::model::pricing::Pricing, cite: impl Fn(&str) -> String) -> Vec<PriceEntry> {
    use crate::model::pricing::{Confidence, Discount, Price};
    let entry = |region: &str, item: &str, value: f64, unit: &'static str, figure: (&str, &str, Option<Confidence>)| {
        let (as_of, source, confidence) = figure;
        PriceEntry {
            region: region.to_owned(),
            item: item.to_owned(),
            value,
            unit,
            as_of: as_of.to_owned(),
            source: cite(source),
            confidence: confidence.map(|c| c.as_str().to_owned()),
        }
    };
    let price =
        |region: &str, item: &str, p: &Price| entry(region, item, p.usd, "usd/h", (&p.as_of, &p.source, p.confidence));
    let discount = |region: &str, item: &str, d: &Discount| {
        entry(region, item, d.factor, "factor", (&d.as_of, &d.source, d.confidence))
    };
    let mut entries = Vec::new();
    for r in &pricing.regions {
        let id = r.id.as_str();
        entries.extend([
            price(id, "Fargate x86 vCPU-hour", &r.fargate_x86_vcpu_hour),
            price(id, "Fargate x86 GB-hour", &r.fargate_x86_gb_hour),
            price(id, "Fargate arm64 vCPU-hour", &r.fargate_arm64_vcpu_hour),
            price(id, "Fargate arm64 GB-hour", &r.fargate_arm64_gb_hour),
            price(id, "Fargate ephemeral storage GB-hour above 20 GB", &r.fargate_ephemeral_gb_hour),
        ]);
        for plane in &pricing.control_planes {
            if let Some(p) = plane.prices.get(id) {
                entries.push(price(id, &format!("{} per cluster-hour, standard support", plane.name.en), p));
            }
            if let Some(p) = plane.extended_support.get(id) {
                entries.push(price(id, &format!("{} per cluster-hour, extended support", plane.name.en), p));
            }
        }
        entries.extend([
            discount(id, "Compute Savings Plans on EC2", &r.savings_plan_ec2),
            discount(id, "Compute Savings Plans on Fargate", &r.savings_plan_fargate),
            discount(id, "EC2 Spot", &r.spot_ec2),
            discount(id, "Fargate Spot", &r.spot_fargate),
        ]);
        for instance in &pricing.instance_types {
            if let Some(p) = instance.prices.get(id) {
                let item = format!(
                    "EC2 {} ({} vCPU, {} GiB)",
                    instance.id,
                    format_number(instance.vcpu),
                    format_number(instance.memory_gib)
                );
                entries.push(price(id, &item, p));
            }
        }
        for fee in &pricing.management_fees {
            for instance in &pricing.instance_types {
                if let Some(p) = fee.price(instance, id) {
                    entries.push(price(id, &format!("{} on {} (per instance-hour)", fee.name.en, instance.id), &p));
                }
            }
        }
    }
    entries
}
