//! The documented limits of a rule set (`docs/rules.md`, "Limits"): how long a text
//! may be, which characters it may hold, how many entries of each kind a rule set may
//! have, and the ranges of weights, factors and question ranges. Prices are bounded in
//! `validate::pricing` and file sizes in `load`, with the constants here.
//!
//! These checks read the `Raw*` values of every file (so each problem points at its
//! place) and resolve nothing.

use std::collections::HashMap;

use toml::Spanned;

use crate::diag::FileId;
use crate::diag::{Code, Diagnostic};
use crate::escape::is_forbidden_in_text;
use crate::load::ParsedFile;
use crate::model::raw::{RawFile, RawText};
use crate::msg;

pub use crate::load::{MAX_DIR_BYTES, MAX_FILE_BYTES};
/// The longest text (each language of a name, reason, question…, a source), in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The most patterns in a rule set.
pub const MAX_PATTERNS: usize = 100;
/// The most criteria in a rule set.
pub const MAX_CRITERIA: usize = 100;
/// The most questions in a rule set.
pub const MAX_QUESTIONS: usize = 1_000;
/// The most options of one question.
pub const MAX_OPTIONS: usize = 100;
/// The most rules in a rule set.
pub const MAX_RULES: usize = 10_000;
/// The most ratings in a rule set (patterns × criteria at most).
pub const MAX_RATINGS: usize = MAX_PATTERNS * MAX_CRITERIA;
/// The most effects of one rule.
pub const MAX_EFFECTS: usize = 100;
/// The largest base weight of a criterion.
pub const MAX_WEIGHT: f64 = 1_000.0;
/// The largest factor of one `weight` effect.
pub const MAX_FACTOR: f64 = 100.0;
/// The most the rules together may multiply one criterion's weight by.
pub const MAX_COMBINED_FACTOR: f64 = 1e6;
/// The largest magnitude of a number question's `min` and `max`.
pub const MAX_NUMBER: f64 = 1e9;
/// The largest price in USD per unit (vCPU-hour, GB-hour, instance-hour…).
pub const MAX_USD: f64 = 1e6;
/// The ranges the cost model supports for the workload numbers it reads: a question
/// may not accept more, so an answer is refused rather than silently clamped.
pub const COST_MODEL_RANGES: &[(&str, f64, f64)] = &[
    ("tasks", 1.0, 1_000_000.0),
    ("clusters", 1.0, 10_000.0),
    ("task_vcpu", 0.0, 1_024.0),
    ("task_memory_gib", 0.0, 24_576.0),
    ("ec2_utilisation_target", 1.0, 100.0),
    ("task_gpus", 0.0, 64.0),
];

/// Runs every limit check over the parsed files.
pub(crate) fn check(files: &[ParsedFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut counts = Counts::default();
    let mut factors: HashMap<String, f64> = HashMap::new();
    for parsed in files {
        let file = parsed.file;
        let raw: &RawFile = &parsed.raw;
        let mut v = Visit { file, diagnostics };
        for p in &raw.pattern {
            counts.add(&mut v, "pattern", MAX_PATTERNS, p.span());
            let p = p.get_ref();
            v.text(&p.name);
            v.text(&p.summary);
        }
        for c in &raw.criterion {
            counts.add(&mut v, "criterion", MAX_CRITERIA, c.span());
            let c = c.get_ref();
            v.text(&c.name);
            v.text(&c.description);
            if let Some(w) = &c.weight
                && w.get_ref().is_finite()
                && *w.get_ref() > MAX_WEIGHT
            {
                let (id, value) = (c.id.get_ref(), shown(*w.get_ref()));
                v.error(
                    Code::WeightOutOfRange,
                    w.span(),
                    msg!(
                        "criterion `{id}`: weight {value} is above the limit of {MAX_WEIGHT}",
                        "評価軸 `{id}`: 重み {value} が上限 {MAX_WEIGHT} を超えています"
                    ),
                );
            }
        }
        for r in &raw.rating {
            counts.add(&mut v, "rating", MAX_RATINGS, r.span());
            let r = r.get_ref();
            v.text(&r.reason);
            v.string(r.source.as_ref());
        }
        for q in &raw.question {
            counts.add(&mut v, "question", MAX_QUESTIONS, q.span());
            let q = q.get_ref();
            v.text(&q.text);
            if let Some(help) = &q.help {
                v.text(help);
            }
            if let Some(unit) = &q.unit {
                v.text(unit);
            }
            if q.options.len() > MAX_OPTIONS {
                let id = q.id.get_ref();
                v.error(
                    Code::TooManyEntries,
                    q.options[MAX_OPTIONS].span(),
                    msg!(
                        "question `{id}` has more than {MAX_OPTIONS} options",
                        "質問 `{id}` の選択肢が上限の {MAX_OPTIONS} 個を超えています"
                    ),
                );
            }
            for o in &q.options {
                v.text(&o.get_ref().label);
            }
            v.number_range(q.id.get_ref(), q.min.as_ref(), q.max.as_ref());
        }
        for r in &raw.rule {
            counts.add(&mut v, "rule", MAX_RULES, r.span());
            let r = r.get_ref();
            v.text(&r.reason);
            v.string(r.source.as_ref());
            if r.effects.len() > MAX_EFFECTS {
                let id = r.id.get_ref();
                v.error(
                    Code::TooManyEntries,
                    r.effects[MAX_EFFECTS].span(),
                    msg!(
                        "rule `{id}` has more than {MAX_EFFECTS} effects",
                        "ルール `{id}` の効果が上限の {MAX_EFFECTS} 個を超えています"
                    ),
                );
            }
            for e in &r.effects {
                let e = e.get_ref();
                if let Some(text) = &e.text {
                    v.text(text);
                }
                if let (Some(criterion), Some(factor)) = (&e.weight, &e.factor) {
                    v.factor(criterion.get_ref(), factor, &mut factors);
                }
            }
        }
        v.pricing_texts(&raw.pricing);
    }
}

/// How many entries of each kind were seen; one error per kind past its limit.
#[derive(Default)]
struct Counts(HashMap<&'static str, usize>);

impl Counts {
    fn add(&mut self, v: &mut Visit<'_>, kind: &'static str, max: usize, span: std::ops::Range<usize>) {
        let n = self.0.entry(kind).or_default();
        *n += 1;
        if *n == max + 1 {
            v.error(
                Code::TooManyEntries,
                span,
                msg!(
                    "more than {max} `[[{kind}]]` entries: the rule set is over its limit",
                    "`[[{kind}]]` が上限の {max} 個を超えています"
                ),
            );
        }
    }
}

struct Visit<'a> {
    file: FileId,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Visit<'_> {
    fn error(&mut self, code: Code, span: std::ops::Range<usize>, message: crate::Message) {
        self.diagnostics.push(Diagnostic::error(code, message).at(self.file, span));
    }

    fn text(&mut self, text: &Spanned<RawText>) {
        let raw = text.get_ref();
        self.string(raw.en.as_ref());
        self.string(raw.ja.as_ref());
    }

    /// One string: not too long, and without control or invisible characters.
    fn string(&mut self, value: Option<&Spanned<String>>) {
        let Some(value) = value else { return };
        let text = value.get_ref();
        if let Some(c) = text.chars().find(|c| is_forbidden_in_text(*c)) {
            let shown = format!("U+{:04X}", u32::from(c));
            self.diagnostics.push(
                Diagnostic::error(
                    Code::ControlCharacter,
                    msg!(
                        "text holds the control or invisible character {shown}",
                        "テキストに制御文字または不可視の文字 {shown} が含まれています"
                    ),
                )
                .at(self.file, value.span())
                .with_help(msg!(
                    "rule text may hold line feeds and tabs, but no other control character, bidi override or zero-width character",
                    "ルールのテキストには改行とタブ以外の制御文字、双方向制御文字、ゼロ幅文字を使えません"
                )),
            );
        }
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.error(
                Code::TextTooLong,
                value.span(),
                msg!(
                    "text of {chars} characters is longer than the limit of {MAX_TEXT_CHARS}",
                    "テキストが {chars} 文字あり、上限の {MAX_TEXT_CHARS} 文字を超えています"
                ),
            );
        }
    }

    /// The texts of `[pricing]` (Region names, sources of sizes and instance prices).
    fn pricing_texts(&mut self, pricing: &crate::model::raw::RawPricing) {
        for region in &pricing.region {
            self.text(&region.get_ref().name);
        }
        for size in &pricing.fargate_size {
            self.string(size.get_ref().source.as_ref());
        }
        for instance in &pricing.instance_type {
            for price in &instance.get_ref().prices {
                self.string(price.get_ref().source.as_ref());
            }
        }
    }

    fn number_range(&mut self, id: &str, min: Option<&Spanned<f64>>, max: Option<&Spanned<f64>>) {
        let (lo, hi) = COST_MODEL_RANGES
            .iter()
            .find(|(q, _, _)| *q == id)
            .map_or((-MAX_NUMBER, MAX_NUMBER), |(_, lo, hi)| (*lo, *hi));
        for bound in [min, max].into_iter().flatten() {
            let number = *bound.get_ref();
            if number.is_finite() && !(lo..=hi).contains(&number) {
                let value = shown(number);
                let (lo, hi) = (crate::model::answers::format_number(lo), crate::model::answers::format_number(hi));
                self.error(
                    Code::OutOfRange,
                    bound.span(),
                    msg!(
                        "question `{id}`: {value} is outside the supported range {lo} to {hi}",
                        "質問 `{id}`: {value} は対応する範囲 {lo} ～ {hi} の外にあります"
                    ),
                );
            }
        }
    }

    fn factor(&mut self, criterion: &str, factor: &Spanned<f64>, combined: &mut HashMap<String, f64>) {
        let value = *factor.get_ref();
        if !value.is_finite() || value < 0.0 {
            return; // `invalid-effect`'s business.
        }
        if value > MAX_FACTOR {
            let value = shown(value);
            self.error(
                Code::FactorOutOfRange,
                factor.span(),
                msg!(
                    "weight factor {value} on `{criterion}` is above the limit of {MAX_FACTOR}",
                    "`{criterion}` の重みの係数 {value} が上限 {MAX_FACTOR} を超えています"
                ),
            );
            return;
        }
        let product = combined.entry(criterion.to_owned()).or_insert(1.0);
        let before = *product;
        *product *= value.max(1.0);
        if before <= MAX_COMBINED_FACTOR && *product > MAX_COMBINED_FACTOR {
            self.error(
                Code::FactorOutOfRange,
                factor.span(),
                msg!(
                    "the rules together can multiply the weight of `{criterion}` by more than {MAX_COMBINED_FACTOR}",
                    "ルール全体で `{criterion}` の重みが {MAX_COMBINED_FACTOR} 倍を超える可能性があります"
                ),
            );
        }
    }
}

/// A number as a message shows it: `1500`, `0.25`, but `1e308` rather than 309 digits.
pub(crate) fn shown(value: f64) -> String {
    if value.is_finite() && value.abs() < 1e9 {
        crate::model::answers::format_number(value)
    } else {
        format!("{value:e}")
    }
}
