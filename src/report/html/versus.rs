//! The page of `recommend --answers A --versus B --format html`
//! (`templates/html/versus.html`).

use askama::Template;

use super::{Footer, to_string};
use crate::model::Lang;
use crate::report::versus::VersusReport;
use crate::report::{RenderOptions, Report, format_score};

/// A pattern's place in A and in B.
struct VersusRow<'a> {
    name: &'a str,
    a: Option<String>,
    b: Option<String>,
    delta: Option<String>,
}

/// One answer set: its label, its winner and the winner's score.
struct Side<'a> {
    name: &'static str,
    label: &'a str,
    winner: Option<&'a str>,
    score: Option<String>,
}

impl<'a> Side<'a> {
    fn new(name: &'static str, label: &'a str, report: &'a Report) -> Self {
        Side {
            name,
            label,
            winner: report.recommendation.name.as_deref(),
            score: report.recommendation.score.map(format_score),
        }
    }
}

#[derive(Template)]
#[template(path = "html/versus.html", whitespace = "minimize")]
struct VersusPage<'a> {
    lang: Lang,
    title: String,
    footer: Footer<'a>,
    versus: &'a VersusReport,
    sides: [Side<'a>; 2],
    /// The winners' names ("none" when every pattern is excluded).
    winner_a: &'a str,
    winner_b: &'a str,
    ranking: Vec<VersusRow<'a>>,
}

/// Renders a what-if comparison.
pub fn render_versus(versus: &VersusReport, _options: &RenderOptions) -> String {
    let lang = versus.lang;
    let none = lang.pick("none", "なし");
    let place =
        |rank: Option<usize>, score: Option<f64>| rank.zip(score).map(|(r, s)| format!("#{r} {}", format_score(s)));
    let page = VersusPage {
        lang,
        title: lang.pick("What changes between two answer sets", "2 つの回答の比較").to_owned(),
        footer: Footer { tool_version: &versus.a.tool_version, rules_digest: &versus.a.rules_digest },
        versus,
        sides: [Side::new("A", &versus.a_label, &versus.a), Side::new("B", &versus.b_label, &versus.b)],
        winner_a: versus.a.recommendation.name.as_deref().unwrap_or(none),
        winner_b: versus.b.recommendation.name.as_deref().unwrap_or(none),
        ranking: versus
            .ranking
            .iter()
            .map(|p| VersusRow {
                name: &p.name,
                a: place(p.rank_a, p.score_a),
                b: place(p.rank_b, p.score_b),
                delta: p.delta.map(|d| format!("{d:+.1}")),
            })
            .collect(),
    };
    to_string(&page)
}
