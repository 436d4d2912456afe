//! The ADR templates against the MADR 4 layout, the view model's content (chosen
//! option, banding, confirmation, nearest flip), escaping, determinism, the order of
//! its content against the Markdown report, and the records of a comparison, a
//! what-if and the edge cases (one option left, none left).

use super::*;
use crate::model::Lang;
use crate::report::markdown::escape;
use crate::report::versus::VersusReport;
use crate::report::{ExclusionReport, Format, Report};
use crate::testing::{SAMPLE_ANSWERS, report_for, sample_compare, sample_report, weighted_compare_for};

fn options() -> RenderOptions {
    RenderOptions { date: Some("2026-11-23".to_owned()), ..RenderOptions::default() }
}

fn render(report: &Report, options: &RenderOptions) -> String {
    report.try_render(Format::Adr, options).unwrap_or_else(|e| panic!("{e:?}"))
}

fn render_compare(report: &CompareReport, options: &RenderOptions) -> String {
    report.try_render(Format::Adr, options).unwrap_or_else(|e| panic!("{e:?}"))
}

fn render_versus(report: &VersusReport, options: &RenderOptions) -> String {
    report.try_render(Format::Adr, options).unwrap_or_else(|e| panic!("{e:?}"))
}

/// MADR 4's sections, in order, as headings of levels 2 and 3.
const SECTIONS: &[&str] = &[
    "## Context and Problem Statement",
    "## Decision Drivers",
    "## Considered Options",
    "## Decision Outcome",
    "### Consequences",
    "### Confirmation",
    "## Pros and Cons of the Options",
    "## More Information",
];

/// An ADR taken apart: front matter lines, the title, the headings outside code.
struct Parsed {
    front_matter: Vec<String>,
    title: String,
    headings: Vec<String>,
}

fn parse(adr: &str) -> Parsed {
    let mut lines = adr.lines();
    assert_eq!(lines.next(), Some("---"), "front matter opens the file:\n{adr}");
    let front_matter: Vec<String> = lines.by_ref().take_while(|l| *l != "---").map(str::to_owned).collect();
    let mut headings = Vec::new();
    let mut in_code = false;
    for line in lines {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            headings.push(line.to_owned());
        }
    }
    assert!(!in_code, "code fences are closed");
    let title = headings.first().cloned().unwrap_or_default();
    Parsed { front_matter, title, headings }
}

/// The value of a front-matter key (`Some("")` for a key without a value).
fn field<'a>(parsed: &'a Parsed, key: &str) -> Option<&'a str> {
    parsed.front_matter.iter().find_map(|l| l.strip_prefix(key)?.strip_prefix(':').map(str::trim))
}

/// The text of a `##`/`###` section up to the next heading of its level or above.
fn section<'a>(adr: &'a str, heading: &str) -> &'a str {
    let start = adr.find(&format!("\n{heading}\n")).unwrap_or_else(|| panic!("no `{heading}` in\n{adr}"));
    let body = &adr[start + heading.len() + 2..];
    let level = heading.chars().take_while(|c| *c == '#').count();
    let end = (1..=level).filter_map(|l| body.find(&format!("\n{} ", "#".repeat(l)))).min().unwrap_or(body.len());
    &body[..end]
}

#[test]
fn follows_the_madr_4_layout_in_both_languages() {
    for lang in [Lang::En, Lang::Ja] {
        let report = sample_report(lang);
        let adr = render(&report, &options());
        let parsed = parse(&adr);

        assert_eq!(field(&parsed, "status"), Some("proposed"));
        let date = field(&parsed, "date").unwrap_or_default();
        assert!(is_iso_date(date), "date: {date}");
        for key in ["decision-makers", "consulted", "informed"] {
            assert_eq!(field(&parsed, key), Some(""), "`{key}` is there for people to fill in");
        }
        assert!(parsed.front_matter.iter().all(|l| l.contains(": ") || l.ends_with(':')), "YAML key: value lines");

        let winner = report.recommendation.name.clone().unwrap_or_default();
        assert!(parsed.title.starts_with("# ") && parsed.title.contains(&winner), "title: {}", parsed.title);
        assert_eq!(parsed.headings.iter().filter(|h| h.starts_with("# ")).count(), 1, "one title");
        assert!(
            adr.contains(&format!("\n---\n{}\n\n## ", parsed.title)),
            "the title is the first line after the front matter (`adr-log` reads it there)"
        );

        // MADR's sections in MADR's order, and between Pros and Cons and More Information
        // exactly one `###` per option, in ranking order.
        let sections: Vec<&String> = parsed.headings.iter().filter(|h| SECTIONS.contains(&h.as_str())).collect();
        assert_eq!(sections, SECTIONS, "{lang:?}");
        let pros = parsed.headings.iter().position(|h| h == "## Pros and Cons of the Options").unwrap_or_default();
        let more = parsed.headings.iter().position(|h| h == "## More Information").unwrap_or_default();
        let options: Vec<String> = report.ranking.iter().map(|p| format!("### {}", p.name)).collect();
        assert_eq!(parsed.headings[pros + 1..more], options);

        let outcome = section(&adr, "## Decision Outcome");
        match lang {
            Lang::En => assert!(outcome.starts_with(&format!("\nChosen option: \"{winner}\", because ")), "{outcome}"),
            Lang::Ja => assert!(outcome.starts_with(&format!("\n採用案は「{winner}」です。")), "{outcome}"),
        }
        let robustness = report.robustness.as_ref().unwrap_or_else(|| panic!("robustness"));
        assert!(outcome.contains(&escape(&robustness.verdict)), "the verdict is in the outcome");
        assert!(
            outcome.contains("84%") && outcome.contains("9%") && outcome.contains("6%"),
            "every win probability: {outcome}"
        );

        let excluded = report.ranking.iter().find(|p| p.excluded).unwrap_or_else(|| panic!("an excluded pattern"));
        let reason = escape(&excluded.excluded_because[0].reason);
        assert!(section(&adr, "## Considered Options").contains(&reason));
        assert!(section(&adr, &format!("### {}", excluded.name)).contains(&reason));
        assert!(adr.ends_with("```\n") && !adr.contains("\n\n\n"), "one blank line between blocks");
    }
}

#[test]
fn chosen_option_names_the_criteria_where_the_winner_gains_most() {
    let adr = render(&sample_report(Lang::En), &options());
    assert!(
        adr.contains(
            "Chosen option: \"EKS Auto Mode\", because it gains the most over ECS on Managed Instances, the \
             runner-up, on ease of operation (+6.0 points), ease of learning (+2.0) and portability (+2.0), "
        ),
        "{adr}"
    );
    assert!(adr.contains("comes out best overall with 77.5 of 100 points against 74.5."));
}

#[test]
fn consequences_and_pros_and_cons_band_the_ratings() {
    let adr = render(&sample_report(Lang::En), &options());
    let consequences = section(&adr, "### Consequences");
    assert!(consequences.contains("* Good, because it rates 5 of 5 on portability: Workloads are standard Kubernetes"));
    assert!(consequences.contains("* Bad, because of a risk: EKS Auto Mode nodes are immutable"), "{consequences}");
    assert!(!consequences.contains("Neutral"), "Consequences keep to the good and the bad");
    let eks = section(&adr, "### EKS Auto Mode");
    assert!(eks.contains("* Neutral, because it rates 3 of 5 on ease of troubleshooting: "));
    assert!(eks.contains("(base 5, +1 by `k8s-in-production-carries-over`, capped at 5)"), "{eks}");
    assert!(eks.contains("* Bad, because of the risk of `eks-version-upgrades` (see above)"), "risks given once");
    let good = eks.find("* Good").unwrap_or_default();
    let neutral = eks.find("* Neutral").unwrap_or_default();
    let bad = eks.find("* Bad").unwrap_or_default();
    assert!(good < neutral && neutral < bad, "good, then neutral, then bad");
}

#[test]
fn confirmation_lists_the_answers_that_decided_and_the_nearest_flip() {
    let adr = render(&sample_report(Lang::En), &options());
    let confirmation = section(&adr, "### Confirmation");
    for expected in [
        "custom AMIs or kernel tuning? **yes** (rule `host-access-excludes-fargate`)",
        "Which criteria matter most to you (up to three)? **Cost, Operational burden** (rules `priority-ops-burden`, `priority-cost`)",
        "(rules `k8s-in-production-leaving-costs`, `k8s-in-production-carries-over`, `k8s-in-production-keeps-the-node-model`)",
        "Revisit the decision if low cost becomes 2.0× as important as it is now: ECS on Managed Instances would then win.",
        "The answers marked (default)",
    ] {
        assert!(confirmation.contains(expected), "{expected}\n---\n{confirmation}");
    }
    assert!(!confirmation.contains("Does any workload need GPUs?"), "an answer that fired nothing decided nothing");
}

#[test]
fn more_information_has_digest_version_sources_method_and_command() {
    let report = sample_report(Lang::En);
    let adr = render(&report, &options());
    let more = section(&adr, "## More Information");
    assert!(more.contains(&format!("container-advisor {}", report.tool_version)));
    assert!(more.contains(&format!("`{}`", report.rules_digest)));
    assert!(more.contains("100 × Σ w·(r − 1) / (4 · Σ w)"));
    let mesh = "* [What is AWS App Mesh? (end-of-support notice: September 30, 2026) (AWS App Mesh User Guide)](https://docs.aws.amazon.com/app-mesh/latest/userguide/what-is-app-mesh.html), Amazon Web Services, 2026-11\n";
    assert_eq!(more.matches(mesh).count(), 1, "sources are listed once, each a link: {more}");
    assert!(!more.contains("aws-eks-ug-versions"), "titles, not catalogue ids");
    assert!(more.contains("--set host_access=true"));
    assert!(!more.contains("--set gpu="), "defaulted answers are left to `--no-input`");
}

#[test]
fn the_same_report_gives_the_same_bytes_and_no_date_leaves_it_out() {
    let report = sample_report(Lang::Ja);
    assert_eq!(render(&report, &options()), render(&report, &options()));
    for date in [None, Some("23/11/2026".to_owned()), Some("2026-11-23\nstatus: accepted".to_owned())] {
        let adr = render(&report, &RenderOptions { date, ..RenderOptions::default() });
        let parsed = parse(&adr);
        assert_eq!(field(&parsed, "date"), None);
        assert_eq!(parsed.front_matter.len(), 4, "{:?}", parsed.front_matter);
    }
}

#[test]
fn rule_text_cannot_add_headings_links_or_html() {
    const EVIL: &str = "# heading\n## Decision Outcome\n[link](http://x) <script>alert(1)</script>\n- item\n1. one";
    let mut report = sample_report(Lang::En);
    report.rules_fired[0].reason = EVIL.into();
    report.rules_fired[0].source = EVIL.into();
    report.notes[0].text = EVIL.into();
    report.answer_lines[0].question = EVIL.into();
    for p in &mut report.ranking {
        p.summary = EVIL.into();
        for e in &mut p.excluded_because {
            e.reason = EVIL.into();
        }
        for c in p.criteria.values_mut() {
            c.reason = EVIL.into();
        }
    }
    report.criteria[0].name = EVIL.into();
    let adr = render(&report, &options());
    let parsed = parse(&adr);
    let names: Vec<String> = report.ranking.iter().map(|p| format!("### {}", p.name)).collect();
    for heading in &parsed.headings {
        assert!(
            heading == &parsed.title || SECTIONS.contains(&heading.as_str()) || names.contains(heading),
            "a heading the record did not write: {heading}"
        );
    }
    for line in adr.lines() {
        assert!(!line.starts_with("- ") && !line.starts_with("1. "), "a list the record did not write: {line}");
    }
    assert!(escaped_everywhere(&adr, "<script") && adr.contains("\\<script\\>"), "no tag");
    assert!(!adr.contains("[link](") && adr.contains("\\[link\\](http://x)"), "no link");
    // Nor in a comparison or a what-if.
    let mut compare = sample_compare(Lang::En);
    compare.criteria[0].cells[0].reason = EVIL.into();
    compare.patterns[0].name = EVIL.into();
    let adr = render_compare(&compare, &options());
    assert!(escaped_everywhere(&adr, "<script") && !adr.contains("[link](") && !adr.contains("\n# heading"), "{adr}");
}

#[test]
fn comparison_without_answers_chooses_nothing_and_says_how_to() {
    for lang in [Lang::En, Lang::Ja] {
        let compare = sample_compare(lang);
        let adr = render_compare(&compare, &options());
        let parsed = parse(&adr);
        assert_eq!(field(&parsed, "status"), Some("proposed"));
        assert!(!adr.contains("Chosen option") && !adr.contains("採用案は「"));
        assert!(section(&adr, "## Decision Outcome").contains("`container-advisor recommend --format adr`"));
        let expected: Vec<&str> = SECTIONS.iter().copied().filter(|s| !s.starts_with("###")).collect();
        let sections: Vec<&String> = parsed.headings.iter().filter(|h| SECTIONS.contains(&h.as_str())).collect();
        assert_eq!(sections, expected, "no Consequences or Confirmation without a decision");
        for p in &compare.patterns {
            assert!(parsed.headings.contains(&format!("### {}", p.name)));
        }
        assert!(adr.contains("container-advisor compare --format adr --lang"));
    }
}

#[test]
fn weighted_comparison_chooses_the_recommended_option() {
    let compare = weighted_compare_for(SAMPLE_ANSWERS, Lang::En);
    let adr = render_compare(&compare, &options());
    assert!(adr.contains("# Use EKS Auto Mode as the container platform\n"));
    assert!(adr.contains("Chosen option: \"EKS Auto Mode\", because it gains the most over ECS on Managed Instances"));
    assert!(section(&adr, "## Context and Problem Statement").contains("* `host_access` **true**"));
    assert!(adr.contains("--set host_access=true"));
}

#[test]
fn versus_record_is_bs_record_with_what_changed_from_a() {
    let a = report_for(&SAMPLE_ANSWERS.replace("host_access = true", "host_access = false"), Lang::En);
    let b = sample_report(Lang::En);
    let versus = VersusReport::new(a, b.clone(), "a.toml".into(), "b.toml".into());
    let adr = render_versus(&versus, &options());
    let more = section(&adr, "## More Information");
    assert!(more.starts_with("\nThis record uses the answers of `b.toml` (B). Compared with `a.toml` (A):"), "{more}");
    assert!(more.contains("**no** in A, **yes** in B"), "{more}");
    assert!(more.contains("* Rules that fire only in B: `host-access-excludes-fargate`\n"), "{more}");
    assert!(more.contains("| ECS on Fargate | #"), "the scores of both: {more}");
    // Apart from that section, it is B's own record.
    let own = render(&b, &options());
    let before = |s: &str| s[..s.find("## More Information").unwrap_or_default()].to_owned();
    assert_eq!(before(&adr), before(&own));
    let same = VersusReport::new(b.clone(), b, "b.toml".into(), "b.toml".into());
    assert!(render_versus(&same, &options()).contains("* Nothing changes"));
}

#[test]
fn one_option_left_is_chosen_as_the_only_one() {
    let mut report = sample_report(Lang::En);
    exclude(&mut report, 1);
    let adr = render(&report, &options());
    assert!(
        adr.contains("Chosen option: \"EKS Auto Mode\", because it is the only option that meets the hard constraints")
    );
    assert!(!section(&adr, "### Confirmation").contains("Revisit the decision if"), "no flip without a rival");
}

#[test]
fn no_option_left_is_said_plainly() {
    let mut report = sample_report(Lang::Ja);
    exclude(&mut report, 0);
    let adr = render(&report, &options());
    let parsed = parse(&adr);
    assert_eq!(parsed.title, "# ハード制約を満たすコンテナ基盤の選択肢がない");
    assert!(section(&adr, "## Decision Outcome").starts_with("\n採用案はありません。"));
    assert!(!parsed.headings.contains(&"### Consequences".to_owned()));
    assert!(section(&adr, "### Confirmation").contains("`host-access-excludes-fargate`"));
}

/// True when every occurrence of `s` is backslash-escaped.
fn escaped_everywhere(adr: &str, s: &str) -> bool {
    adr.match_indices(s).all(|(i, _)| adr[..i].ends_with('\\'))
}

/// Excludes every pattern from `from` on in the ranking, as a team rule would.
fn exclude(report: &mut Report, from: usize) {
    for p in report.ranking.iter_mut().skip(from) {
        p.score = None;
        p.excluded = true;
        if p.excluded_because.is_empty() {
            p.excluded_because.push(ExclusionReport { rule: "team-policy".into(), reason: "Team policy.".into() });
        }
    }
    if from == 0 {
        report.robustness = None;
    }
}

/// The line of `adr` that holds `needle`, or where it starts.
fn at(adr: &str, needle: &str) -> usize {
    adr.find(needle).unwrap_or_else(|| panic!("no {needle:?} in\n{adr}"))
}

#[test]
fn decision_outcome_carries_the_because_sentence() {
    for lang in [Lang::En, Lang::Ja] {
        let report = sample_report(lang);
        let adr = render(&report, &options());
        assert!(!report.because.is_empty());
        assert!(section(&adr, "## Decision Outcome").contains(&escape(&report.because)), "{adr}");
        assert_eq!(adr.matches(&escape(&report.because)).count(), 1, "the because sentence once");
    }
}

/// The ADR's content blocks in the order of the Markdown report where they overlap:
/// the because sentence, the robustness verdict, the ranking's options, the notes, the
/// rules and the sources; every note once; no heading twice.
#[test]
fn content_follows_the_markdown_order_with_every_note_once() {
    let priced = format!(
        "{SAMPLE_ANSWERS}estimate_cost = true\nregion = \"us-east-1\"\ntasks = 10\ntask_vcpu = 1\ntask_memory_gib = 2\n"
    );
    for lang in [Lang::En, Lang::Ja] {
        for report in [sample_report(lang), report_for(&priced, lang)] {
            let adr = render(&report, &options());
            let md = report.render(Format::Markdown, &options());
            let verdict = report.robustness.as_ref().map(|r| escape(&r.verdict)).unwrap_or_default();
            let advice = report.notes.iter().find(|n| n.kind != NoteKind::Risk).map(|n| escape(&n.text));
            let advice = advice.unwrap_or_else(|| panic!("an advice note"));
            let changed = report.rules_fired.iter().find(|r| r.changed_result).unwrap_or_else(|| panic!("a rule"));
            let changed = format!("`{}`: ", changed.id);
            let source = format!("]({})", report.sources[0].url);
            let blocks = |doc: &str, options: &str| {
                [
                    at(doc, &escape(&report.because)),
                    at(doc, &verdict),
                    at(doc, options),
                    at(doc, &advice),
                    at(doc, &changed),
                    at(doc, &source),
                ]
            };
            let in_adr = blocks(&adr, "## Pros and Cons of the Options");
            let in_md = blocks(&md, &format!("| 1 | {} |", escape(&report.ranking[0].name)));
            assert!(in_adr.is_sorted(), "ADR order {in_adr:?}");
            assert!(in_md.is_sorted(), "Markdown order {in_md:?}");
            for n in &report.notes {
                assert_eq!(adr.matches(&escape(&n.text)).count(), 1, "once: {}\n{adr}", n.text);
            }
            let parsed = parse(&adr);
            let mut headings = parsed.headings.clone();
            headings.sort();
            headings.dedup();
            assert_eq!(headings.len(), parsed.headings.len(), "no heading twice: {:?}", parsed.headings);
        }
    }
}

/// With a cost estimate the cost rating is the estimate's: its reason, no base-plus-delta
/// arithmetic, and nothing calls a pattern the cheapest that the estimate does not.
#[test]
fn money_sets_the_cost_rating_without_arithmetic() {
    let priced = format!(
        "{SAMPLE_ANSWERS}estimate_cost = true\nregion = \"us-east-1\"\ntasks = 10\ntask_vcpu = 1\ntask_memory_gib = 2\n"
    );
    let report = report_for(&priced, Lang::En);
    let adr = render(&report, &options());
    let cost = report.criteria.iter().find(|c| c.id == "cost").unwrap_or_else(|| panic!("cost"));
    for p in report.ranking.iter().filter(|p| !p.excluded) {
        let s = &p.criteria["cost"];
        assert!(s.money.is_some(), "{} is priced", p.name);
        let rating = crate::report::format_rating_value(s.rating);
        let line = format!("{rating} of 5 on {}: {}", cost.name.to_lowercase(), escape(&s.reason));
        assert!(adr.contains(&line), "{line}\n{adr}");
    }
    // Excluded patterns are not priced, so only they keep the rules' arithmetic.
    for p in report.ranking.iter().filter(|p| !p.excluded) {
        for line in section(&adr, &format!("### {}", p.name)).lines().filter(|l| l.contains(" on low cost")) {
            assert!(!line.contains("(base"), "no arithmetic beside money: {line}");
        }
    }
    let cheapest = report.ranking.iter().find_map(|p| p.criteria["cost"].money.as_ref());
    let cheapest = cheapest.map(|m| m.cheapest_pattern.clone()).unwrap_or_default();
    for p in report.ranking.iter().filter(|p| p.pattern != cheapest) {
        let section = section(&adr, &format!("### {}", p.name));
        assert!(!section.contains("the cheapest way"), "{}: {section}", p.name);
    }
}
