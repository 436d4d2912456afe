use crate::model::Lang;
use crate::report::versus::VersusReport;
use crate::report::{Format, RenderOptions};
use crate::testing::{sample_compare, sample_report};

fn options() -> RenderOptions {
    RenderOptions { width: 100, ..RenderOptions::default() }
}
const HOSTILE: &str = "<script>alert(1)</script> \"&'";
/// What the HTML escaper writes; a browser reads it as the text above
/// (`tests/html_browser.rs` checks that Chromium's DOM holds `&lt;script&gt;` as text).
const HOSTILE_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;";

/// The text inside tags (`<…>`), where an attribute could load something.
fn tags(html: &str) -> Vec<&str> {
    html.split('<').skip(1).filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag)).collect()
}

/// Checks what every page must be: one self-contained document, no script, nothing
/// that could reach the network.
fn assert_self_contained(html: &str, lang: &str) {
    assert!(html.starts_with("<!doctype html>\n"), "{}", &html[..80]);
    assert!(html.contains(&format!("<html lang=\"{lang}\">")));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert_eq!(html.matches("<style>").count(), 1);
    assert!(html.trim_end().ends_with("</html>"));
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "no script of any kind");
    for needle in ["url(", "@import", "@font-face", "<link", "<img", "<iframe", "<object", "<embed", "<base"] {
        assert!(!lower.contains(needle), "`{needle}` in the document");
    }
    for tag in tags(&lower) {
        // The one kind of URL allowed: a plain link a reader follows (the Sources list).
        // Nothing is loaded: no src, no style URL, no form.
        if let Some(rest) = tag.strip_prefix("a href=\"https://") {
            assert!(rest.ends_with('"') && !rest[..rest.len() - 1].contains(['"', ' ', '<', '>']), "link <{tag}>");
            continue;
        }
        assert!(!tag.contains("http:") && !tag.contains("https:") && !tag.contains("//"), "URL in <{tag}>");
        for attribute in tag.split_whitespace().skip(1) {
            let name = attribute.split('=').next().unwrap_or_default();
            assert!(!name.starts_with("on"), "event handler in <{tag}>");
            assert!(!["href", "src", "srcset", "xlink:href", "action"].contains(&name), "link in <{tag}>");
        }
    }
}

#[test]
fn rule_text_is_escaped_everywhere() {
    let mut report = sample_report(Lang::En);
    // A rule without a note (a rule with one is shown with its note).
    let plain = report.rules_fired.iter().position(|r| report.notes.iter().all(|n| n.rule != r.id)).unwrap_or_default();
    report.rules_fired[plain].reason = HOSTILE.into();
    report.rules_fired[plain].source = HOSTILE.into();
    report.ranking[4].excluded_because[0].reason = HOSTILE.into();
    report.notes[0].text = format!("{HOSTILE} (a note)");
    report.answer_lines[0].answer = HOSTILE.into();
    report.criteria[0].name = HOSTILE.into();
    report.ranking[0].name = HOSTILE.into();
    let html = report.render(Format::Html, &RenderOptions { explain: true, ..options() });
    assert_self_contained(&html, "en");
    // Rule reason and source, exclusion, note, answer, and in the chart: a criterion
    // label, its title and the bar titles; a pattern in the legend and the tables.
    assert!(html.matches(HOSTILE_ESCAPED).count() >= 10, "{html}");
    assert!(html.contains(&format!("</code>: {HOSTILE_ESCAPED}")), "rule reason");
    assert!(html.contains(&format!("<title>{HOSTILE_ESCAPED}</title>")), "criterion label in the chart");
    assert!(html.contains(&format!("<title>{HOSTILE_ESCAPED} — {HOSTILE_ESCAPED}: ")), "bar title");
    assert!(!html.contains(HOSTILE));
}

#[test]
fn sources_are_listed_once_each_as_a_link_to_its_url() {
    let report = sample_report(Lang::En);
    let html = report.render(Format::Html, &options());
    assert_self_contained(&html, "en");
    assert!(!report.sources.is_empty(), "the sample cites catalogue sources");
    for source in &report.sources {
        let link = format!("<a href=\"{}\">", source.url);
        assert_eq!(html.matches(&link).count(), 1, "{link}");
    }
    let sources = html.find("<section id=\"sources\">").unwrap_or_else(|| panic!("no Sources section"));
    assert!(sources > html.find("<section id=\"answers\">").unwrap_or_default(), "Sources come after the answers");
}

#[test]
fn chart_has_one_bar_per_pattern_and_criterion() {
    let report = sample_report(Lang::Ja);
    let html = report.render(Format::Html, &options());
    assert_self_contained(&html, "ja");
    let expected = report.ranking.len() * report.criteria.len();
    assert_eq!(expected, 60, "six patterns × ten criteria");
    assert_eq!(html.matches("<rect class=\"bar\"").count(), expected);
    assert_eq!(html.matches("<svg ").count(), 1);
    assert!(html.contains("role=\"img\" aria-label=\"評価軸・パターンごとの評価"));
    // Excluded patterns are drawn faded: two patterns × ten criteria, plus two legend keys.
    assert_eq!(html.matches("fill-opacity=\"0.35\"").count(), 2 * report.criteria.len() + 2);

    let compare = sample_compare(Lang::En);
    let html = compare.render(Format::Html, &options());
    assert_self_contained(&html, "en");
    assert_eq!(html.matches("<rect class=\"bar\"").count(), compare.patterns.len() * compare.criteria.len());
}

#[test]
fn sections_follow_the_markdown_report() {
    let report = sample_report(Lang::En);
    let html = report.render(Format::Html, &options());
    let order = [
        "<h1>Container platform recommendation: EKS Auto Mode</h1>",
        "<section id=\"robustness\">",
        "<p class=\"verdict\">EKS Auto Mode — a solid choice",
        "<th class=\"num\">Weight change</th>",
        "<section id=\"ranking\">",
        "<section id=\"excluded\">",
        "<section id=\"ratings\">",
        "<svg ",
        "<section id=\"notes\">",
        "<section id=\"rules-changed\">",
        "<section id=\"advice\">",
        "<section id=\"answers\">",
        "<section id=\"sources\">",
        "<footer>",
    ];
    let positions: Vec<usize> = order.iter().map(|s| html.find(s).unwrap_or_else(|| panic!("missing {s}"))).collect();
    assert!(positions.is_sorted(), "{positions:?}");
    assert!(html.contains("<td class=\"num\">84%</td>"), "win share in the ranking");
    assert!(!html.contains(">How every point is computed<"), "the trace only with --explain");
    let explained = report.render(Format::Html, &RenderOptions { explain: true, ..options() });
    assert!(explained.contains("<h3>How every point is computed</h3>"));
    assert!(explained.contains("<code>priority-cost</code>"), "weight factors name their rule");
}

#[test]
fn japanese_uses_full_width_brackets() {
    let html = sample_report(Lang::Ja).render(Format::Html, &options());
    assert!(html.contains("<strong>EKS Auto Mode</strong>（スコア 77.5 / 100）"));
    assert!(html.contains("<h2>推奨の確かさ</h2>"));
    assert!(html.contains("（出典: "));
}

#[test]
fn versus_shows_both_winners_and_the_rule_changes() {
    let a = sample_report(Lang::En);
    let mut b = a.clone();
    let removed = b.rules_fired.pop().unwrap_or_else(|| unreachable!("the sample fires rules"));
    b.recommendation.name = Some("ECS on EC2".into());
    b.recommendation.pattern = Some("ecs-ec2".into());
    let versus = VersusReport::new(a, b, "team-a <1>.toml".into(), "team-b.toml".into());
    let html = versus.render(Format::Html, &options());
    assert_self_contained(&html, "en");
    assert!(html.contains("<code>team-a &lt;1&gt;.toml</code>"));
    assert!(html.contains("The recommendation changes: <strong>EKS Auto Mode</strong> → <strong>ECS on EC2</strong>"));
    assert!(html.contains("<h2>Rules that fire only in A</h2>"));
    assert!(html.contains(&format!("<code>{}</code>", removed.id)));
    assert!(!html.contains("Rules that fire only in B"));
}
