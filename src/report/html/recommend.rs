//! The page of `recommend --format html` (`templates/html/recommend.html`).

use askama::Template;

use super::chart::{Chart, Series, color};
use super::cost::CostView;
use super::{Column, Exclusion, Footer, columns, to_string};
use crate::engine::robustness::Direction;
use crate::model::answers::format_number;
use crate::model::{Lang, NoteKind};
use crate::report::robustness::{format_factor, format_share};
use crate::report::table::note_kind;
use crate::report::{FiredRule, RenderOptions, Report, format_rating, format_score};

/// A pattern in the ranking.
struct RankRow<'a> {
    rank: Option<usize>,
    name: &'a str,
    color: &'static str,
    score: Option<String>,
    wins: Option<String>,
    winner: bool,
}

/// A criterion's row of the ratings table.
struct RatingsRow<'a> {
    name: &'a str,
    weight: String,
    ratings: Vec<RatingCell>,
}

/// A rating with its change from the base, e.g. `4 (+1)`.
struct RatingCell {
    text: String,
    excluded: bool,
}

/// A weight change that makes another pattern win.
struct FlipRow<'a> {
    criterion: &'a str,
    change: String,
    to: &'a str,
}

/// The sentence under the flips.
struct Margin {
    points: String,
    samples: usize,
    sigma: f64,
    seed: u64,
}

/// `--explain`: the weights and every pattern's points.
struct Explain<'a> {
    weights: Vec<WeightRow<'a>>,
    patterns: Vec<ExplainPattern<'a>>,
}

struct WeightRow<'a> {
    name: &'a str,
    base: String,
    factors: Vec<Change<'a>>,
    weight: String,
    share: String,
}

/// A rule's delta on a rating or factor on a weight.
struct Change<'a> {
    value: String,
    rule: &'a str,
    reason: &'a str,
}

struct ExplainPattern<'a> {
    name: &'a str,
    score: Option<String>,
    rows: Vec<ExplainRow<'a>>,
}

struct ExplainRow<'a> {
    name: &'a str,
    base: String,
    changes: Vec<Change<'a>>,
    rating: String,
    clamped: bool,
    weight: String,
    points: String,
}

/// Advice for the review.
struct NoteRow<'a> {
    kind: &'static str,
    class: &'static str,
    patterns: String,
    text: &'a str,
    source: &'a str,
}

/// An answer in words.
struct AnswerRow<'a> {
    question: &'a str,
    id: &'a str,
    answer: &'a str,
    defaulted: bool,
}

#[derive(Template)]
#[template(path = "html/recommend.html", whitespace = "minimize")]
struct RecommendPage<'a> {
    lang: Lang,
    title: String,
    footer: Footer<'a>,
    /// The winner's name and score.
    winner: Option<(&'a str, String)>,
    verdict: Option<&'a str>,
    ranking: Vec<RankRow<'a>>,
    excluded: Vec<Exclusion<'a>>,
    chart: Chart,
    columns: Vec<Column<'a>>,
    ratings: Vec<RatingsRow<'a>>,
    flips: Vec<FlipRow<'a>>,
    margin: Option<Margin>,
    explain: Option<Explain<'a>>,
    cost: Option<CostView<'a>>,
    rules: &'a [FiredRule],
    notes: Vec<NoteRow<'a>>,
    sources: &'a [crate::model::Source],
    answers: Vec<AnswerRow<'a>>,
}

/// Renders a recommendation.
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let lang = report.lang;
    let robustness = report.robustness.as_ref();
    let winner_name = report.recommendation.name.as_deref();
    let title = match winner_name {
        Some(name) => format!("{}: {name}", lang.pick("Container platform recommendation", "コンテナ基盤の推奨")),
        None => lang.pick("Container platform recommendation", "コンテナ基盤の推奨").to_owned(),
    };
    let ranking = report
        .ranking
        .iter()
        .enumerate()
        .map(|(i, p)| RankRow {
            rank: p.score.map(|_| i + 1),
            name: &p.name,
            color: color(i),
            score: p.score.map(format_score),
            wins: robustness.and_then(|r| r.win_probability.get(&p.pattern)).map(|s| format_share(*s)),
            winner: report.recommendation.pattern.as_deref() == Some(p.pattern.as_str()),
        })
        .collect();
    let excluded = report
        .ranking
        .iter()
        .flat_map(|p| p.excluded_because.iter().map(|reason| Exclusion { name: &p.name, reason }))
        .collect();
    let names: Vec<&str> = report.criteria.iter().map(|c| c.name.as_str()).collect();
    let series: Vec<Series<'_>> = report
        .ranking
        .iter()
        .map(|p| Series {
            name: &p.name,
            excluded: p.excluded,
            ratings: report.criteria.iter().map(|c| p.criteria.get(&c.id).map_or(0.0, |s| s.rating)).collect(),
        })
        .collect();
    let ratings = report
        .criteria
        .iter()
        .map(|c| RatingsRow {
            name: &c.name,
            weight: format!("{:.2} ({:.0}%)", c.weight, c.share * 100.0),
            ratings: report
                .ranking
                .iter()
                .map(|p| RatingCell {
                    text: p.criteria.get(&c.id).map(format_rating).unwrap_or_default(),
                    excluded: p.excluded,
                })
                .collect(),
        })
        .collect();
    let page = RecommendPage {
        lang,
        title,
        footer: Footer { tool_version: &report.tool_version, rules_digest: &report.rules_digest },
        winner: winner_name.zip(report.recommendation.score).map(|(name, score)| (name, format_score(score))),
        verdict: robustness.map(|r| r.verdict.as_str()),
        ranking,
        excluded,
        chart: Chart::new(&names, &series, lang),
        columns: columns(report.ranking.iter().map(|p| (p.name.as_str(), p.excluded))),
        ratings,
        margin: robustness.filter(|r| !r.flips.is_empty()).map(|r| Margin {
            points: r.margin.map_or_else(|| "-".to_owned(), |m| format!("{m:.1}")),
            samples: r.samples,
            sigma: r.sigma,
            seed: r.seed,
        }),
        flips: flip_rows(report),
        explain: options.explain.then(|| explain(report)),
        cost: report.cost.as_ref().map(|c| CostView::new(c, Some(report), lang)),
        rules: &report.rules_fired,
        notes: note_rows(report),
        sources: &report.sources,
        answers: report
            .answer_lines
            .iter()
            .map(|l| AnswerRow { question: &l.question, id: &l.id, answer: &l.answer, defaulted: l.defaulted })
            .collect(),
    };
    to_string(&page)
}

fn flip_rows(report: &Report) -> Vec<FlipRow<'_>> {
    let Some(robustness) = &report.robustness else { return Vec::new() };
    robustness
        .flips
        .iter()
        .map(|f| FlipRow {
            criterion: &f.criterion_name,
            change: format!("{} {}×", if f.direction == Direction::Raise { "↑" } else { "↓" }, format_factor(f.factor)),
            to: &f.to_name,
        })
        .collect()
}

fn note_rows(report: &Report) -> Vec<NoteRow<'_>> {
    report
        .notes
        .iter()
        .map(|n| NoteRow {
            kind: note_kind(n.kind, report.lang),
            class: match n.kind {
                NoteKind::Risk => "risk",
                NoteKind::Mitigation => "mitigation",
                NoteKind::Consider => "consider",
            },
            patterns: n.patterns.join(", "),
            text: &n.text,
            source: &n.source,
        })
        .collect()
}

fn explain(report: &Report) -> Explain<'_> {
    let reason = |rule: &str| report.rules_fired.iter().find(|r| r.id == rule).map_or("", |r| r.reason.as_str());
    let weights = report
        .criteria
        .iter()
        .map(|c| WeightRow {
            name: &c.name,
            base: format_number(c.base_weight),
            factors: c
                .factors
                .iter()
                .map(|f| Change {
                    value: format!("×{}", format_number(f.value)),
                    rule: &f.rule,
                    reason: reason(&f.rule),
                })
                .collect(),
            weight: format!("{:.3}", c.weight),
            share: format!("{:.1}%", c.share * 100.0),
        })
        .collect();
    let patterns = report
        .ranking
        .iter()
        .map(|p| ExplainPattern {
            name: &p.name,
            score: p.score.map(format_score),
            rows: report
                .criteria
                .iter()
                .filter_map(|c| {
                    let s = p.criteria.get(&c.id)?;
                    Some(ExplainRow {
                        name: &c.name,
                        base: format_number(s.base),
                        changes: s
                            .deltas
                            .iter()
                            .map(|d| Change { value: format!("{:+}", d.value), rule: &d.rule, reason: reason(&d.rule) })
                            .collect(),
                        rating: crate::report::format_rating_value(s.rating),
                        clamped: s.base + s.deltas.iter().map(|d| d.value).sum::<f64>() != s.rating,
                        weight: format!("{:.3}", s.weight),
                        points: format!("{:.2}", s.contribution),
                    })
                })
                .collect(),
        })
        .collect();
    Explain { weights, patterns }
}
