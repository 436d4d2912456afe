//! The cost estimate as HTML view data (`templates/html/cost.html`), and the page of
//! `cost --format html` (`templates/html/cost_page.html`).

use askama::Template;

use super::{Footer, to_string};
use crate::engine::money::COST_CRITERION;
use crate::model::Lang;
use crate::report::cost::CostReport;
use crate::report::cost::text::{usd, workload_line};
use crate::report::{AnswerLine, CostOnlyReport, RenderOptions, Report};

/// A pattern's total and the capacity behind it.
pub(super) struct CostRow {
    pub(super) name: String,
    pub(super) usd: String,
    pub(super) capacity: String,
}

/// One line of the bill.
pub(super) struct LineRow<'a> {
    pub(super) pattern: &'a str,
    pub(super) description: &'a str,
    pub(super) usd: String,
    pub(super) source: String,
}

/// A note and the patterns it is about.
pub(super) struct CostNote<'a> {
    pub(super) patterns: String,
    pub(super) text: &'a str,
}

/// How a pattern's cost rating came from money.
pub(super) struct MoneyRow<'a> {
    pub(super) name: &'a str,
    pub(super) usd: String,
    pub(super) rating: String,
    pub(super) not_applied: String,
}

/// Everything the cost fragment shows, as text.
pub(super) struct CostView<'a> {
    pub(super) heading: String,
    pub(super) workload: String,
    pub(super) rows: Vec<CostRow>,
    /// Node reservations and the break-even, one sentence each.
    pub(super) facts: Vec<String>,
    pub(super) money: Vec<MoneyRow<'a>>,
    pub(super) lines: Vec<LineRow<'a>>,
    pub(super) notes: Vec<CostNote<'a>>,
    pub(super) sources: &'a [String],
}

impl<'a> CostView<'a> {
    /// The view of an estimate; `report` adds the money-rating trace of `recommend`.
    pub(super) fn new(cost: &'a CostReport, report: Option<&'a Report>, lang: Lang) -> Self {
        let rows = cost
            .patterns
            .iter()
            .map(|p| CostRow {
                name: cost.name_marked(&p.pattern, &p.name, lang),
                usd: cost.monthly(&p.pattern).map_or_else(|| "-".to_owned(), usd),
                capacity: cost.capacity_text(&p.pattern, p.orchestrator, lang),
            })
            .collect();
        let mut facts = cost.reserve_lines(lang);
        facts.extend(cost.break_even_lines(lang));
        let money = report
            .into_iter()
            .flat_map(|r| r.ranking.iter())
            .filter_map(|p| {
                let score = p.criteria.get(COST_CRITERION)?;
                let money = score.money.as_ref()?;
                let deltas: Vec<String> = score.deltas.iter().map(|d| format!("{} ({:+})", d.rule, d.value)).collect();
                Some(MoneyRow {
                    name: &p.name,
                    usd: usd(money.monthly_usd),
                    rating: format!(
                        "1 + 4 × {} / {} = {:.2}",
                        usd(money.cheapest_usd),
                        usd(money.monthly_usd),
                        score.rating
                    ),
                    not_applied: if deltas.is_empty() { "-".to_owned() } else { deltas.join(", ") },
                })
            })
            .collect();
        CostView {
            heading: cost.heading_line(lang),
            workload: workload_line(&cost.workload, lang),
            rows,
            facts,
            money,
            lines: cost
                .lines
                .iter()
                .map(|l| LineRow {
                    pattern: cost.name(&l.pattern),
                    description: &l.description,
                    usd: usd(l.monthly_usd),
                    source: CostReport::line_source(l, lang),
                })
                .collect(),
            notes: cost
                .notes
                .iter()
                .map(|n| CostNote {
                    patterns: if n.patterns.is_empty() {
                        lang.pick("all", "すべて").to_owned()
                    } else {
                        n.patterns.join(", ")
                    },
                    text: &n.text,
                })
                .collect(),
            sources: &cost.sources,
        }
    }
}

#[derive(Template)]
#[template(path = "html/cost_page.html", whitespace = "minimize")]
struct CostPage<'a> {
    lang: Lang,
    title: &'static str,
    footer: Footer<'a>,
    cost: CostView<'a>,
    answers: &'a [AnswerLine],
}

/// Renders the `cost` command's report.
pub fn render_cost(report: &CostOnlyReport, _options: &RenderOptions) -> String {
    let lang = report.lang;
    to_string(&CostPage {
        lang,
        title: lang.pick("Monthly cost estimate", "月額コストの試算"),
        footer: Footer { tool_version: &report.tool_version, rules_digest: &report.rules_digest },
        cost: CostView::new(&report.cost, None, lang),
        answers: &report.answer_lines,
    })
}
