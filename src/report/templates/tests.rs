//! The templates as documents: one section order in Markdown and HTML, every note
//! once, overrides by file name, errors with file and line.

use super::*;
use crate::report::{Format, RenderOptions};
use crate::testing::sample_report;

/// True when `needle` occurs in `text` without a backslash before it (live markup).
fn live(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| !text[..i].ends_with('\\'))
}

/// The `## ` headings of a Markdown document, in order.
fn markdown_sections(text: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.strip_prefix("## ")).map(str::to_owned).collect()
}

/// The `<h2>` headings of an HTML document, in order, unescaped.
fn html_sections(text: &str) -> Vec<String> {
    text.split("<h2>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</h2>").map(|(h, _)| h.replace("&amp;", "&").replace("&#39;", "'")))
        .collect()
}

#[test]
fn markdown_and_html_have_one_section_order() {
    for lang in [Lang::En, Lang::Ja] {
        let report = sample_report(lang);
        for explain in [false, true] {
            let options = RenderOptions { explain, ..RenderOptions::default() };
            let md = markdown_sections(&report.render(Format::Markdown, &options));
            let html = html_sections(&report.render(Format::Html, &options));
            assert_eq!(md, html, "{lang:?}");
            let mut unique = md.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), md.len(), "no section twice: {md:?}");
        }
    }
}

#[test]
fn every_note_is_shown_once() {
    let report = sample_report(Lang::En);
    let md = report.render(Format::Markdown, &RenderOptions::default());
    let html = report.render(Format::Html, &RenderOptions::default());
    assert!(!report.notes.is_empty());
    for note in &report.notes {
        let text = markdown::escape(&note.text);
        assert_eq!(md.matches(&text).count(), 1, "{text}");
        assert_eq!(html.matches(&html_escape(&note.text)).count(), 1, "{}", note.text);
    }
    let options = RenderOptions { date: Some("2026-11-26".into()), ..RenderOptions::default() };
    for lang in [Lang::En, Lang::Ja] {
        let report = sample_report(lang);
        let adr = report.render(Format::Adr, &options);
        for note in &report.notes {
            assert_eq!(adr.matches(&markdown::escape(&note.text)).count(), 1, "ADR: {}", note.text);
        }
    }
}

#[test]
fn every_builtin_template_parses() {
    let templates = Templates::default();
    assert!(templates.environment().is_ok());
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "each template once");
    // Every file in templates/ is embedded.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded, "add new templates to BUILTIN");
}

#[test]
fn a_replaced_template_is_used_and_its_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("recommend.md"), "# Our layout\n\n{{ recommendation.name }} *{{ t.ranking }}*\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let templates = Templates::load(Some(dir.path()), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(templates.replaced().collect::<Vec<_>>(), ["recommend.md"]);
    let options = RenderOptions { templates, ..RenderOptions::default() };
    let report = sample_report(Lang::En);
    assert_eq!(
        report.try_render(Format::Markdown, &options).ok().as_deref(),
        Some("# Our layout\n\nEKS Auto Mode *Ranking*\n")
    );
    // The other templates are the built-in ones.
    assert!(report.try_render(Format::Html, &options).is_ok_and(|h| h.contains("<h2>Ranking</h2>")));

    std::fs::write(dir.path().join("recommend.md"), "line one\n{% if %}\n").unwrap_or_else(|e| panic!("{e}"));
    let error = Templates::load(Some(dir.path()), None).err().map(|e| e.0.en).unwrap_or_default();
    assert!(error.contains("recommend.md:2: "), "{error}");

    std::fs::write(dir.path().join("recommend.md"), "a\nb\n{{ 1 + ranking }}\n").unwrap_or_else(|e| panic!("{e}"));
    let templates = Templates::load(Some(dir.path()), None).unwrap_or_else(|e| panic!("{e}"));
    let options = RenderOptions { templates, ..RenderOptions::default() };
    let error = report.try_render(Format::Markdown, &options).err().map(|e| e.0.en).unwrap_or_default();
    assert!(error.contains("recommend.md:3: "), "{error}");

    std::fs::write(dir.path().join("recomend.md"), "").unwrap_or_else(|e| panic!("{e}"));
    let error = Templates::load(Some(dir.path()), None).err().map(|e| e.0.en).unwrap_or_default();
    assert!(error.contains("recomend.md` does not replace a built-in template"), "{error}");
}

#[test]
fn rules_templates_folder_is_read_and_templates_dir_wins() {
    let rules = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let own = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(rules.path().join("templates")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(rules.path().join("templates/compare.md"), "rules\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(rules.path().join("templates/cost.md"), "rules\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(own.path().join("cost.md"), "own\n").unwrap_or_else(|e| panic!("{e}"));
    let templates = Templates::load(Some(own.path()), Some(rules.path())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(templates.source("compare.md"), Some("rules\n"));
    assert_eq!(templates.source("cost.md"), Some("own\n"));
    assert_eq!(
        templates.source("recommend.md").map(str::len),
        BUILTIN.iter().find(|(n, _)| *n == "recommend.md").map(|(_, t)| t.len())
    );
}

#[test]
fn export_writes_every_template_and_refuses_existing_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("templates");
    let written = Templates::export(&out, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.len(), BUILTIN.len());
    assert!(Templates::export(&out, false).is_err(), "existing files are refused");
    assert!(Templates::export(&out, true).is_ok(), "--force overwrites");
    // An exported folder loads as it is and changes nothing.
    let templates = Templates::load(Some(&out), None).unwrap_or_else(|e| panic!("{e}"));
    let report = sample_report(Lang::Ja);
    let options = RenderOptions { templates, ..RenderOptions::default() };
    assert_eq!(report.render(Format::Html, &options), report.render(Format::Html, &RenderOptions::default()));
}

#[test]
fn the_team_adr_example_in_the_docs_renders_madr() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/recommend.adr.md");
    std::fs::copy(example, dir.path().join("recommend.adr.md")).unwrap_or_else(|e| panic!("{e}"));
    let templates = Templates::load(Some(dir.path()), None).unwrap_or_else(|e| panic!("{e}"));
    let options = RenderOptions { templates, date: Some("2026-11-26".into()), ..RenderOptions::default() };
    let mut report = sample_report(Lang::En);
    report.notes[0].text = "<img src=x onerror=alert(1)> [x](javascript:alert(1))\n# heading".into();
    let adr = report.try_render(Format::Adr, &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(adr.starts_with("---\nstatus: proposed\ndate: 2026-11-26\n"), "{adr}");
    let headings: Vec<&str> = adr.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Context and Problem Statement",
            "## Decision Drivers",
            "## Considered Options",
            "## Decision Outcome",
            "## Pros and Cons of the Options",
            "## More Information"
        ]
    );
    assert!(adr.contains("# Use EKS Auto Mode as the container platform\n"));
    assert!(!live(&adr, "<img") && !live(&adr, "](javascript") && !adr.contains("\n# heading"), "{adr}");
    // The built-in ADR is unchanged without it.
    assert!(report.render(Format::Adr, &RenderOptions::default()).contains("## Decision Outcome"));
}

#[test]
fn hostile_text_in_every_view_stays_text_in_markdown_and_html() {
    let hostile = "<img src=x onerror=alert(1)> [x](javascript:alert(1))\n## heading\n| a | b |";
    let mut report = sample_report(Lang::En);
    report.recommendation.name = Some(hostile.into());
    report.ranking[0].name = hostile.into();
    report.criteria[0].name = hostile.into();
    report.notes[0].text = hostile.into();
    report.answer_lines[0].answer = hostile.into();
    if let Some(r) = report.robustness.as_mut() {
        r.verdict = hostile.into();
    }
    let options = RenderOptions { explain: true, ..RenderOptions::default() };
    let md = report.render(Format::Markdown, &options);
    assert!(!live(&md, "<img") && !live(&md, "](javascript") && !md.contains("\n## heading"), "{md}");
    let html = report.render(Format::Html, &options);
    assert!(!html.contains("<img") && !html.contains("href=\"javascript"), "{html}");
}

/// The ADR of every view escapes like the Markdown: no live tag, link, heading or table
/// row from rule, answer or pattern text, in either language.
#[test]
fn hostile_text_stays_text_in_the_adr_of_every_view() {
    let hostile = "<img src=x onerror=alert(1)> [x](javascript:alert(1))\n## heading\n| a | b |\n- item";
    let safe = |adr: &str| {
        !live(adr, "<img")
            && !live(adr, "](javascript")
            && !adr.contains("\n## heading")
            && !adr.contains("\n| a |")
            && !adr.contains("\n- item")
    };
    let options = RenderOptions { date: Some("2026-11-26".into()), ..RenderOptions::default() };
    for lang in [Lang::En, Lang::Ja] {
        let mut report = sample_report(lang);
        report.recommendation.name = Some(hostile.into());
        report.because = hostile.into();
        for p in &mut report.ranking {
            p.name = hostile.into();
            p.summary = hostile.into();
        }
        report.criteria[0].name = hostile.into();
        for n in &mut report.notes {
            n.text = hostile.into();
            n.pattern_names = vec![hostile.into()];
        }
        for r in &mut report.rules_fired {
            r.reason = hostile.into();
        }
        report.answer_lines[0].answer = hostile.into();
        report.answer_lines[0].question = hostile.into();
        if let Some(r) = report.robustness.as_mut() {
            r.verdict = hostile.into();
        }
        let adr = report.try_render(Format::Adr, &options).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(safe(&adr), "recommend {lang:?}: {adr}");
        let versus = crate::report::versus::VersusReport::new(
            sample_report(lang),
            report.clone(),
            "a.toml".into(),
            "b.toml".into(),
        );
        let adr = versus.try_render(Format::Adr, &options).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(safe(&adr), "versus {lang:?}: {adr}");
        for mut compare in [
            crate::testing::sample_compare(lang),
            crate::testing::weighted_compare_for(crate::testing::SAMPLE_ANSWERS, lang),
        ] {
            compare.patterns[0].name = hostile.into();
            compare.patterns[0].summary = hostile.into();
            compare.criteria[0].cells[0].reason = hostile.into();
            compare.criteria[0].description = hostile.into();
            let adr = compare.try_render(Format::Adr, &options).unwrap_or_else(|e| panic!("{e:?}"));
            assert!(safe(&adr), "compare {lang:?}: {adr}");
        }
    }
}

/// A team replaces one part of the built-in ADR (here its front matter) by file name and
/// the rest stays built in.
#[test]
fn a_replaced_adr_partial_is_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let front = "---\nstatus: proposed\ndecision-makers: platform-team\n---\n";
    std::fs::write(dir.path().join("_adr_front.md"), front).unwrap_or_else(|e| panic!("{e}"));
    let templates = Templates::load(Some(dir.path()), None).unwrap_or_else(|e| panic!("{e}"));
    let options = RenderOptions { templates, ..RenderOptions::default() };
    let report = sample_report(Lang::En);
    let adr = report.try_render(Format::Adr, &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        adr.starts_with("---\nstatus: proposed\ndecision-makers: platform-team\n---\n# Use EKS Auto Mode"),
        "{adr}"
    );
    assert!(adr.contains("\n## Pros and Cons of the Options\n"));
    let compare = crate::testing::sample_compare(Lang::En).try_render(Format::Adr, &options);
    assert!(compare.is_ok_and(|c| c.contains("decision-makers: platform-team")));
}

/// The fields the view model gains next (`because`, `changed_result`, `effect`,
/// `pattern_names`, `color_index`) render as soon as the JSON has them.
#[test]
fn fields_of_the_next_view_model_render_when_present() {
    let report = sample_report(Lang::En);
    let mut json = serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"));
    json["because"] = "EKS Auto Mode wins on operational burden and scalability.".into();
    let fired = json["rules_fired"].as_array_mut().map(std::mem::take).unwrap_or_default();
    let last = fired.len() - 1;
    json["rules_fired"] = fired
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r["changed_result"] = (i == last).into();
            r["effect"] = if i == last { serde_json::json!(2.5) } else { serde_json::Value::Null };
            r
        })
        .collect();
    for n in json["notes"].as_array_mut().into_iter().flatten() {
        n["pattern_names"] = serde_json::json!(["Named Pattern"]);
    }
    for (i, p) in json["ranking"].as_array_mut().into_iter().flatten().enumerate() {
        p["color_index"] = (7 - i).into();
    }
    let templates = Templates::default();
    let options = RenderOptions::default();
    let render =
        |name| templates.render(name, &json, Lang::En, &options, Value::UNDEFINED).unwrap_or_else(|e| panic!("{e}"));
    let md = render("recommend.md");
    assert!(md.contains("(score 77.5 / 100)\n\nEKS Auto Mode wins on operational burden and scalability.\n"), "{md}");
    let changed = md.find("## Rules that changed the result").unwrap_or_else(|| panic!("{md}"));
    let advice = md.find("## Advice").unwrap_or_else(|| panic!("{md}"));
    assert!(changed < advice);
    assert!(md[changed..advice].contains("effect on the margin: +2.5 points"), "{}", &md[changed..advice]);
    assert!(md.contains("**Risk** (Named Pattern)"));
    let html = render("recommend.html");
    assert!(html.contains("<p class=\"because\">EKS Auto Mode wins"));
    assert!(html.contains("<h2>Rules that changed the result</h2>") && html.contains("<h2>Advice</h2>"));
    // The first pattern in the ranking keeps the colour of its index (7: the eighth colour).
    assert!(html.contains("--c: #F0E442\"></span>EKS Auto Mode"), "colour by color_index");
    assert_eq!(markdown_sections(&md), html_sections(&html));
}

/// A priced report: the cost sections are in the one order too, each heading after a
/// blank line.
#[test]
fn a_priced_report_keeps_the_order_and_blank_lines_before_headings() {
    let answers = format!(
        "{}estimate_cost = true\nregion = \"us-east-1\"\ntasks = 10\ntask_vcpu = 1\ntask_memory_gib = 2\n",
        crate::testing::SAMPLE_ANSWERS
    );
    for lang in [Lang::En, Lang::Ja] {
        let report = crate::testing::report_for(&answers, lang);
        assert!(report.cost.is_some());
        let md = report.render(Format::Markdown, &RenderOptions::default());
        let html = report.render(Format::Html, &RenderOptions::default());
        let sections = markdown_sections(&md);
        assert_eq!(sections, html_sections(&html));
        let t = crate::report::labels::Labels::get(lang);
        let at = |name: &str| sections.iter().position(|s| s == name).unwrap_or_else(|| panic!("{name}: {sections:?}"));
        assert!(at(t.robustness) < at(t.cost_estimate) && at(t.cost_estimate) < at(t.ranking));
        assert!(
            at(t.rules_changed) < at(t.advice)
                && at(t.advice) < at(t.cost_details)
                && at(t.cost_details) < at(t.answers)
        );
        let lines: Vec<&str> = md.lines().collect();
        for pair in lines.windows(2) {
            if pair[1].starts_with('#') {
                assert_eq!(pair[0], "", "a blank line before {:?}", pair[1]);
            }
        }
    }
}

#[test]
fn html_escaping_replaces_the_five_characters_and_keeps_everything_else() {
    // The character-by-character rule it implements, on runs, specials at both ends,
    // doubles and multi-byte text.
    let reference = |text: &str| -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_owned(),
                '<' => "&lt;".to_owned(),
                '>' => "&gt;".to_owned(),
                '"' => "&quot;".to_owned(),
                '\'' => "&#39;".to_owned(),
                c => c.to_string(),
            })
            .collect()
    };
    for text in [
        "",
        "plain",
        "<b>",
        "a & b",
        "&&",
        "\"'\"",
        "x<y>z'",
        "コスト <高> & 'ワン'",
        "https://a.example/?q=1&r=2",
        "é>",
    ] {
        assert_eq!(html_escape(text), reference(text), "{text}");
    }
}

#[test]
fn the_labels_are_every_serialised_field_as_trusted_text() {
    for lang in [Lang::En, Lang::Ja] {
        let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(Labels::get(lang)) else {
            panic!("labels serialise to an object")
        };
        let t = labels(lang);
        let keys: Vec<String> = t.try_iter().unwrap_or_else(|e| panic!("{e}")).map(|k| k.to_string()).collect();
        // Sorted by key, as the map of serialised fields was.
        let mut sorted: Vec<String> = fields.keys().cloned().collect();
        sorted.sort();
        assert_eq!(keys, sorted);
        for (key, text) in &fields {
            let value = t.get_attr(key).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(value.as_str(), text.as_str(), "{key}");
            assert!(value.is_safe(), "{key}");
        }
    }
}
