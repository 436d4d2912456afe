//! Fuzzes the renderers with hostile rule text: the input, split at NUL bytes, becomes
//! the names, summaries, descriptions, reasons, sources, question texts, help, option
//! labels and notes of the default rule set (straight into the validated model, past
//! the validation that would refuse control characters), and every view is rendered in
//! every format. Asserts what `tests/hostile_text.rs` asserts for its fixed texts: no
//! raw control or invisible character in a terminal table, no live HTML or link from
//! rule text in Markdown, no formula-leading CSV cell, JSON that parses, and answers
//! files whose comments add no key.
#![no_main]

use std::sync::LazyLock;

use container_advisor::engine::robustness::{RobustnessOptions, analyse};
use container_advisor::model::{Effect, Text};
use container_advisor::report::catalogue::Catalogue;
use container_advisor::report::compare::CompareReport;
use container_advisor::report::versus::VersusReport;
use container_advisor::report::{CostOnlyReport, Format, RenderOptions, Report};
use container_advisor::{Answers, Lang, RuleSet, default_rules, evaluate, questionnaire};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| default_rules().expect("default rules are valid"));

const FORMATS: [Format; 6] = [Format::Table, Format::Markdown, Format::Json, Format::Csv, Format::Html, Format::Adr];

fn hostile_rules(pieces: &[String]) -> RuleSet {
    let mut rules = RULES.clone();
    let mut i = 0;
    let mut next = || {
        i += 1;
        pieces[i % pieces.len()].clone()
    };
    let text = |next: &mut dyn FnMut() -> String| Text::new(next(), next());
    for p in &mut rules.patterns {
        p.name = text(&mut next);
        p.summary = text(&mut next);
    }
    for c in &mut rules.criteria {
        c.name = text(&mut next);
        c.description = text(&mut next);
    }
    for row in &mut rules.ratings {
        for r in row {
            r.reason = text(&mut next);
            r.source = next().into();
        }
    }
    for q in &mut rules.questions {
        q.text = text(&mut next);
        q.help = Some(text(&mut next));
        for o in &mut q.options {
            o.label = text(&mut next);
        }
    }
    for r in &mut rules.rules {
        r.reason = text(&mut next);
        r.source = next().into();
        for e in &mut r.effects {
            if let Effect::Note { text: t, .. } = e {
                *t = text(&mut next);
            }
        }
    }
    rules
}

fn live(line: &str, at: usize) -> bool {
    !line[..at].ends_with('\\') && line[..at].matches('`').count() % 2 == 0
}

fn check(format: Format, doc: &str) {
    match format {
        Format::Table => {
            let bad =
                doc.chars().find(|c| (c.is_control() && *c != '\n') || container_advisor::escape::is_invisible(*c));
            assert!(bad.is_none(), "raw {bad:?} in a table");
        }
        Format::Markdown | Format::Adr => {
            assert!(!doc.contains('\r'), "a carriage return in Markdown");
            for line in doc.lines() {
                for (at, _) in line.match_indices('<') {
                    let rest = &line[at + 1..];
                    let tag = rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
                    let ours = rest.starts_with("br>") || rest.starts_with("http://") || rest.starts_with("https://");
                    assert!(!(tag && !ours && live(line, at)), "raw HTML in {line:?}");
                }
                // The one kind of link allowed: a Sources entry, `- [title](https://…)`,
                // whose URL validation checked (`invalid-source`); rule text that tries to
                // open a link is escaped, so its `](` is never live.
                let source_entry = line.starts_with("- [") || line.starts_with("* [");
                for (at, _) in line.match_indices("](") {
                    let ours = source_entry && line[at + 2..].starts_with("https://");
                    assert!(ours || !live(line, at), "a link in {line:?}");
                }
            }
        }
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(doc.as_bytes());
            for record in reader.records() {
                for field in &record.expect("valid CSV") {
                    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
                    assert!(!formula || field.parse::<f64>().is_ok(), "formula-leading cell {field:?}");
                }
            }
        }
        Format::Json => {
            let _: serde_json::Value = serde_json::from_str(doc).expect("JSON parses");
        }
        Format::Html => {
            for raw in ["<img", "<script", "href=\"javascript:"] {
                assert!(!doc.contains(raw), "raw {raw} in HTML");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pieces: Vec<String> =
        text.split('\0').map(|s| if s.is_empty() { "x".to_owned() } else { s.to_owned() }).collect();
    let rules = hostile_rules(&pieces);
    let set = [
        "k8s_in_use=none",
        "k8s_skill=basic",
        "ops_capacity=part_time",
        "services=some",
        "lock_in=acceptable",
        "traffic=variable",
        "deploy_frequency=weekly",
        "region=us-east-1",
        "tasks=4",
        "task_vcpu=1",
        "task_memory_gib=2",
    ];
    let answers = Answers::from_assignments(&set, &rules).expect("answers");
    let answers = questionnaire::complete_with_defaults(&rules, answers).answers;
    let evaluation = evaluate(&rules, &answers);
    let robustness = analyse(&evaluation, &RobustnessOptions { samples: 50, ..RobustnessOptions::default() });
    let options = RenderOptions { date: Some("2026-11-26".to_owned()), ..RenderOptions::default() };
    let lang = if data.first().is_some_and(|b| b % 2 == 1) { Lang::Ja } else { Lang::En };
    let report = Report::new(&rules, &answers, &[], &evaluation, Some(&robustness), lang);
    let base = CompareReport::base(&rules, None, lang);
    let weighted = CompareReport::weighted(&rules, &answers, &evaluation, None, lang);
    let versus = VersusReport::new(report.clone(), report.clone(), pieces[0].clone(), pieces[pieces.len() - 1].clone());
    let catalogue = Catalogue::new(&rules, lang);
    let cost = container_advisor::cost::estimate_answers(&rules, answers.clone())
        .ok()
        .map(|(estimate, c)| CostOnlyReport::new(&rules, &c.answers, &c.defaulted, &estimate, lang));
    for format in FORMATS {
        check(format, &report.render(format, &options));
        check(format, &base.render(format, &options));
        check(format, &weighted.render(format, &options));
        check(format, &versus.render(format, &options));
        if matches!(format, Format::Table | Format::Markdown | Format::Json) {
            check(format, &catalogue.render(format, &options));
        }
        if let Some(cost) = cost.as_ref().filter(|_| format != Format::Adr) {
            check(format, &cost.render(format, &options));
        }
    }
    let template = questionnaire::answers_template(&rules, lang);
    let table: toml::Table = toml::from_str(&template).expect("the template parses");
    assert!(table.keys().all(|k| rules.questions.iter().any(|q| q.id == *k && q.default.is_some())));
    let saved = answers.to_toml(&rules, lang);
    let read: toml::Table = toml::from_str(&saved).expect("saved answers parse");
    assert_eq!(read.len(), answers.iter().count(), "saved answers read back with the same keys");
});
