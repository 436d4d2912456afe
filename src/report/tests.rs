//! One named snapshot per format and language for a fixed report (STYLE 23).

use crate::model::Lang;
use crate::report::{Format, RenderOptions};
use crate::testing::{sample_compare, sample_report};

fn options() -> RenderOptions {
    RenderOptions { width: 100, ..RenderOptions::default() }
}

/// A fixed date, so the ADR snapshots do not change with the day they are taken.
fn dated() -> RenderOptions {
    RenderOptions { date: Some("2026-11-23".to_owned()), ..options() }
}

#[test]
fn recommend_snapshots() {
    for lang in [Lang::En, Lang::Ja] {
        let report = sample_report(lang);
        for (name, format) in [
            ("table", Format::Table),
            ("markdown", Format::Markdown),
            ("csv", Format::Csv),
            ("json", Format::Json),
            ("html", Format::Html),
            ("adr", Format::Adr),
        ] {
            insta::assert_snapshot!(format!("recommend_{name}_{}", lang.as_str()), report.render(format, &dated()));
        }
    }
}

#[test]
fn explain_snapshots() {
    let options = RenderOptions { explain: true, ..options() };
    for lang in [Lang::En, Lang::Ja] {
        let report = sample_report(lang);
        insta::assert_snapshot!(
            format!("explain_markdown_{}", lang.as_str()),
            report.render(Format::Markdown, &options)
        );
        insta::assert_snapshot!(format!("explain_table_{}", lang.as_str()), report.render(Format::Table, &options));
    }
}

#[test]
fn compare_snapshots() {
    for lang in [Lang::En, Lang::Ja] {
        let report = sample_compare(lang);
        for (name, format) in
            [("table", Format::Table), ("markdown", Format::Markdown), ("html", Format::Html), ("adr", Format::Adr)]
        {
            insta::assert_snapshot!(format!("compare_{name}_{}", lang.as_str()), report.render(format, &dated()));
        }
    }
}

#[test]
fn csv_parses_back_to_one_row_per_pattern_and_criterion() {
    let report = sample_report(Lang::En);
    let text = report.render(Format::Csv, &options());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    assert_eq!(&headers[0], "pattern");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), report.ranking.len() * report.criteria.len());
    for row in &rows {
        let pattern =
            report.ranking.iter().find(|p| p.pattern == row[0]).unwrap_or_else(|| panic!("unknown {}", &row[0]));
        let score = &pattern.criteria[&row[2]];
        let close = |cell: &str, value: f64, places: i32| {
            cell.parse::<f64>().is_ok_and(|parsed| (parsed - value).abs() <= 0.5 * 10f64.powi(-places))
        };
        assert!(close(&row[5], score.rating, 2), "rating {} for {}", &row[5], score.rating);
        assert!(close(&row[8], score.contribution, 2), "contribution {} for {}", &row[8], score.contribution);
        assert_eq!(&row[12], score.reason, "the rating's reason");
        assert!(!row[13].is_empty(), "the rating's source");
    }
    let compare = sample_compare(Lang::Ja).render(Format::Csv, &options());
    let rows = csv::Reader::from_reader(compare.as_bytes()).records().count();
    assert_eq!(rows, 60, "6 patterns × 10 criteria, reasons with commas and quotes intact");
}

#[test]
fn rule_text_cannot_inject_markdown() {
    let mut report = sample_report(Lang::En);
    // A rule without a note (a rule with one is shown with its note, which is escaped alike).
    let plain = report.rules_fired.iter().position(|r| report.notes.iter().all(|n| n.rule != r.id)).unwrap_or_default();
    report.rules_fired[plain].reason = "<script>alert(1)</script> | [x](http://evil)".into();
    report.notes[0].text = "<script>alert(1)</script> in a note".into();
    let text = report.render(Format::Markdown, &options());
    assert!(!text.contains("<script>"), "{text}");
    assert_eq!(text.matches("\\<script\\>").count(), 2, "{text}");
}

#[test]
fn the_cheapest_in_a_recommendation_is_never_an_excluded_pattern() {
    // Host access rules out both Fargate patterns, which are the cheapest for this
    // workload: the report's "cheapest" is the cheapest that remains.
    let answers = format!(
        "{}\nestimate_cost = true\nregion = \"ap-northeast-1\"\ntasks = 12\ntask_vcpu = 1\ntask_memory_gib = 2\n",
        crate::testing::SAMPLE_ANSWERS
    );
    let report = crate::testing::report_for(&answers, Lang::En);
    let cost = report.cost.as_ref().unwrap_or_else(|| panic!("priced"));
    let cheapest = cost.cheapest.as_deref().unwrap_or_else(|| panic!("a cheapest pattern"));
    let ranked = |id: &str| report.ranking.iter().find(|p| p.pattern == id).unwrap_or_else(|| panic!("{id}"));
    assert!(!ranked(cheapest).excluded, "{cheapest} is excluded");
    let overall =
        cost.monthly_usd.iter().filter_map(|(id, usd)| usd.map(|u| (id, u))).min_by(|a, b| a.1.total_cmp(&b.1));
    let (overall, _) = overall.unwrap_or_else(|| panic!("prices"));
    assert!(ranked(overall).excluded, "the test needs an excluded pattern to be the cheapest overall");
    let text = report.render(Format::Markdown, &options());
    assert!(text.contains(&format!("{} (cheapest)", ranked(cheapest).name)), "{text}");
}
