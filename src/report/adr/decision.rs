//! The decision as ADR sections see it, built from a recommendation ([`Report`]) or a
//! comparison ([`CompareReport`]): the criteria as decision drivers, the patterns as
//! options with their ratings, and the sections both kinds of record share (Decision
//! Drivers, Considered Options, the chosen option, Consequences, Pros and Cons).
//!
//! Nothing here computes a score: it only orders and words what the report holds.

use super::markup::{Doc, code, join, lower_first, text};
use crate::model::answers::format_number;
use crate::model::{Lang, NoteKind};
use crate::report::compare::CompareReport;
use crate::report::markdown::paren;
use crate::report::{Adjustment, ExclusionReport, Report, format_score};

/// Points below this are not a lead worth naming (they print as `+0.0`).
const LEAD_MIN: f64 = 0.05;
/// How many leading criteria the chosen option names.
const LEADS: usize = 3;

/// A criterion as a decision driver.
pub(super) struct Driver<'a> {
    pub(super) name: &'a str,
    description: Option<&'a str>,
    share: f64,
    factors: &'a [Adjustment],
}

/// A rule's change to a rating: the rule and, when known, the delta.
type Change<'a> = (&'a str, Option<f64>);

/// An option's rating on one driver.
pub(super) struct Rated<'a> {
    /// Index into [`Decision::drivers`].
    driver: usize,
    rating: f64,
    base: f64,
    reason: &'a str,
    changes: Vec<Change<'a>>,
    /// Points of the score (weighted views only).
    contribution: Option<f64>,
}

/// A pattern as an option.
pub(super) struct Choice<'a> {
    pub(super) name: &'a str,
    summary: &'a str,
    pub(super) score: Option<f64>,
    excluded_because: &'a [ExclusionReport],
    /// In driver order.
    ratings: Vec<Rated<'a>>,
    /// Risk notes on this pattern.
    risks: Vec<&'a str>,
    /// Share of the sampled weightings it wins (recommendations only).
    pub(super) win_share: Option<f64>,
}

/// The options and drivers of one record.
pub(super) struct Decision<'a> {
    pub(super) lang: Lang,
    /// Heaviest first; ties in rule order.
    pub(super) drivers: Vec<Driver<'a>>,
    /// Best first, excluded last (a comparison without answers: rule order).
    pub(super) choices: Vec<Choice<'a>>,
}

impl<'a> Decision<'a> {
    /// The options of a recommendation, in ranking order.
    pub(super) fn from_report(report: &'a Report) -> Self {
        let order = heaviest_first(&report.criteria.iter().map(|c| c.weight).collect::<Vec<_>>());
        let drivers = order
            .iter()
            .map(|&i| {
                let c = &report.criteria[i];
                Driver { name: &c.name, description: None, share: c.share, factors: &c.factors }
            })
            .collect();
        let choices = report
            .ranking
            .iter()
            .map(|p| Choice {
                name: &p.name,
                summary: &p.summary,
                score: p.score,
                excluded_because: &p.excluded_because,
                ratings: order
                    .iter()
                    .enumerate()
                    .filter_map(|(driver, &i)| {
                        let s = p.criteria.get(&report.criteria[i].id)?;
                        Some(Rated {
                            driver,
                            rating: s.rating,
                            base: s.base,
                            reason: &s.reason,
                            changes: s.deltas.iter().map(|d| (d.rule.as_str(), Some(d.value))).collect(),
                            contribution: p.score.map(|_| s.contribution),
                        })
                    })
                    .collect(),
                risks: report
                    .notes
                    .iter()
                    .filter(|n| n.kind == NoteKind::Risk && n.patterns.contains(&p.pattern))
                    .map(|n| n.text.as_str())
                    .collect(),
                win_share: report.robustness.as_ref().and_then(|r| r.win_probability.get(&p.pattern).copied()),
            })
            .collect();
        Decision { lang: report.lang, drivers, choices }
    }

    /// The options of a comparison, in column order.
    pub(super) fn from_compare(report: &'a CompareReport) -> Self {
        let order = heaviest_first(&report.criteria.iter().map(|c| c.weight).collect::<Vec<_>>());
        let drivers = order
            .iter()
            .map(|&i| {
                let c = &report.criteria[i];
                Driver { name: &c.name, description: Some(&c.description), share: c.share, factors: &[] }
            })
            .collect();
        let choices = report
            .patterns
            .iter()
            .enumerate()
            .map(|(column, p)| Choice {
                name: &p.name,
                summary: &p.summary,
                score: p.score,
                excluded_because: &p.excluded_because,
                ratings: order
                    .iter()
                    .enumerate()
                    .filter_map(|(driver, &i)| {
                        let cell = report.criteria[i].cells.get(column)?;
                        Some(Rated {
                            driver,
                            rating: cell.rating,
                            base: cell.base,
                            reason: &cell.reason,
                            changes: cell.changed_by.iter().map(|rule| (rule.as_str(), None)).collect(),
                            contribution: cell.contribution.filter(|_| p.score.is_some()),
                        })
                    })
                    .collect(),
                risks: Vec::new(),
                win_share: None,
            })
            .collect();
        Decision { lang: report.lang, drivers, choices }
    }

    fn t(&self, en: &'static str, ja: &'static str) -> &'static str {
        self.lang.pick(en, ja)
    }

    /// The recommended option: the first, when it has a score.
    pub(super) fn winner(&self) -> Option<&Choice<'a>> {
        self.choices.first().filter(|c| c.score.is_some())
    }

    /// The second eligible option.
    pub(super) fn runner_up(&self) -> Option<&Choice<'a>> {
        self.winner().and_then(|_| self.choices.get(1)).filter(|c| c.score.is_some())
    }

    /// `## Decision Drivers`: the criteria, heaviest first, with their share and the
    /// rules' factors; then every hard constraint that fired.
    pub(super) fn drivers_section(&self, doc: &mut Doc) {
        let lang = self.lang;
        let mut items: Vec<String> = self
            .drivers
            .iter()
            .map(|d| {
                let share = format!("{:.0}%", d.share * 100.0);
                let factors: Vec<String> = d
                    .factors
                    .iter()
                    .map(|f| {
                        let factor = format_number(f.value);
                        match (lang, f.value >= 1.0) {
                            (Lang::En, true) => format!("raised ×{factor} by {}", code(&f.rule)),
                            (Lang::En, false) => format!("lowered ×{factor} by {}", code(&f.rule)),
                            (Lang::Ja, _) => format!("{} により ×{factor}", code(&f.rule)),
                        }
                    })
                    .collect();
                let mut item = match lang {
                    Lang::En => format!("{}: {share} of the total weight", text(d.name)),
                    Lang::Ja => format!("{}：重み全体の {share}", text(d.name)),
                };
                if !factors.is_empty() {
                    item += &paren(lang, &factors.join(self.t(", ", "、")));
                }
                if let Some(description) = d.description {
                    item += self.t(". ", "。");
                    item += &text(description);
                }
                item
            })
            .collect();
        for (rule, reason, names) in self.constraints() {
            let excludes = match lang {
                Lang::En => format!("{}; rules out {}", code(rule), join(lang, &names)),
                Lang::Ja => format!("{}。{} を除外", code(rule), join(lang, &names)),
            };
            items.push(format!(
                "{}{}{}",
                self.t("Hard constraint: ", "ハード制約："),
                text(reason),
                paren(lang, &excludes)
            ));
        }
        doc.list(items);
    }

    /// Each excluding rule once, with its reason and the options it rules out.
    fn constraints(&self) -> Vec<(&'a str, &'a str, Vec<String>)> {
        let mut constraints: Vec<(&str, &str, Vec<String>)> = Vec::new();
        for choice in &self.choices {
            for e in choice.excluded_because {
                match constraints.iter_mut().find(|(rule, ..)| *rule == e.rule) {
                    Some((.., names)) => names.push(text(choice.name)),
                    None => constraints.push((&e.rule, &e.reason, vec![text(choice.name)])),
                }
            }
        }
        constraints
    }

    /// `## Considered Options`: every option with its score, or every reason it is
    /// excluded.
    pub(super) fn options_section(&self, doc: &mut Doc) {
        let lang = self.lang;
        doc.list(self.choices.iter().map(|c| {
            let name = text(c.name);
            match (c.score, c.excluded_because.is_empty()) {
                (Some(score), _) => match lang {
                    Lang::En => format!("{name} — {} of 100 points", format_score(score)),
                    Lang::Ja => format!("{name}：{} 点", format_score(score)),
                },
                (None, false) => {
                    let reasons: Vec<String> = c
                        .excluded_because
                        .iter()
                        .map(|e| format!("{}{}", text(&e.reason), paren(lang, &code(&e.rule))))
                        .collect();
                    match lang {
                        Lang::En => format!("{name} — excluded: {}", reasons.join("; ")),
                        Lang::Ja => format!("{name}：除外。{}", reasons.join("")),
                    }
                }
                (None, true) => name,
            }
        }));
    }

    /// The drivers on which the winner gains the most points over the runner-up.
    fn leads(&self) -> Vec<(&str, f64)> {
        let (Some(winner), Some(runner_up)) = (self.winner(), self.runner_up()) else { return Vec::new() };
        let mut leads: Vec<(usize, f64)> = winner
            .ratings
            .iter()
            .filter_map(|w| {
                let r = runner_up.ratings.iter().find(|r| r.driver == w.driver)?;
                Some((w.driver, w.contribution? - r.contribution?))
            })
            .filter(|(_, points)| *points >= LEAD_MIN)
            .collect();
        leads.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        leads.into_iter().take(LEADS).map(|(driver, points)| (self.drivers[driver].name, points)).collect()
    }

    /// `Chosen option: "…", because …` (in Japanese, the same in Japanese words), or
    /// `None` without a winner.
    pub(super) fn chosen(&self) -> Option<String> {
        let winner = self.winner()?;
        let name = text(winner.name);
        let score = format_score(winner.score.unwrap_or_default());
        let Some(runner_up) = self.runner_up() else {
            return Some(match self.lang {
                Lang::En => format!(
                    "Chosen option: \"{name}\", because it is the only option that meets the hard constraints: \
                     every other option is excluded (see Considered Options)."
                ),
                Lang::Ja => format!(
                    "採用案は「{name}」である。ハード制約を満たす唯一の選択肢であり、\
                     ほかはすべて除外された（Considered Options を参照）。"
                ),
            });
        };
        let other = text(runner_up.name);
        let other_score = format_score(runner_up.score.unwrap_or_default());
        let leads = self.leads();
        if leads.is_empty() {
            return Some(match self.lang {
                Lang::En => format!(
                    "Chosen option: \"{name}\", because it ties with {other} at {score} of 100 points and comes \
                     first in the rules' order; weigh the two against each other in the review."
                ),
                Lang::Ja => format!(
                    "採用案は「{name}」である。{other} と同じ {score} 点で並び、ルール上の順序で先に来るためである。\
                     レビューで両者を比べて判断する。"
                ),
            });
        }
        let leads: Vec<String> = leads
            .iter()
            .enumerate()
            .map(|(i, (criterion, points))| match self.lang {
                Lang::En if i == 0 => format!("{} (+{points:.1} points)", text(&lower_first(criterion))),
                Lang::En => format!("{} (+{points:.1})", text(&lower_first(criterion))),
                Lang::Ja => format!("{}（+{points:.1} 点）", text(criterion)),
            })
            .collect();
        Some(match self.lang {
            Lang::En => format!(
                "Chosen option: \"{name}\", because it gains the most over {other}, the runner-up, on {}, \
                 and comes out best overall with {score} of 100 points against {other_score}.",
                join(self.lang, &leads)
            ),
            Lang::Ja => format!(
                "採用案は「{name}」である。2 位の {other} に{}で最も大きく差をつけ、\
                 総合スコアも {score} 点と最も高い（{other} は {other_score} 点）ためである。",
                join(self.lang, &leads)
            ),
        })
    }

    /// `### Consequences`: the winner's strong and weak ratings on drivers that carry
    /// weight, then its risks.
    pub(super) fn consequences(&self, doc: &mut Doc) {
        let Some(winner) = self.winner() else { return };
        let mut items: Vec<String> = Vec::new();
        for band in [Band::Good, Band::Bad] {
            items.extend(
                winner
                    .ratings
                    .iter()
                    .filter(|r| self.drivers[r.driver].share > 0.0 && Band::of(r.rating) == band)
                    .map(|r| format!("{}{}", band.label(self.lang), self.rated(r))),
            );
        }
        items.extend(winner.risks.iter().map(|risk| self.risk(risk)));
        if items.is_empty() {
            items.push(format!(
                "{}{}",
                Band::Neutral.label(self.lang),
                self.t(
                    "it rates 3 of 5 on every criterion that carries weight.",
                    "重みのあるすべての評価軸で評価が 3/5 である。"
                )
            ));
        }
        doc.list(items);
    }

    /// `## Pros and Cons of the Options`: a `### {option}` for each, with its summary
    /// and standing, then its exclusions, then Good (4–5), Neutral (3) and Bad (1–2)
    /// ratings with their reasons, heaviest driver first, then its risks.
    pub(super) fn pros_and_cons(&self, doc: &mut Doc) {
        let lang = self.lang;
        for choice in &self.choices {
            doc.heading(3, &text(choice.name));
            let standing = match (choice.score, choice.win_share, lang) {
                (Some(score), Some(share), Lang::En) => format!(
                    " Score: {} of 100; it wins in {} of the sampled weightings.",
                    format_score(score),
                    text(&crate::report::robustness::format_share(share))
                ),
                (Some(score), Some(share), Lang::Ja) => format!(
                    "スコアは {} 点で、重み付けを変えた試行の {} で首位になる。",
                    format_score(score),
                    text(&crate::report::robustness::format_share(share))
                ),
                (Some(score), None, Lang::En) => format!(" Score: {} of 100.", format_score(score)),
                (Some(score), None, Lang::Ja) => format!("スコアは {} 点である。", format_score(score)),
                (None, _, _) if !choice.excluded_because.is_empty() => {
                    self.t(" Excluded by a hard constraint.", "ハード制約により除外された。").to_owned()
                }
                (None, _, _) => String::new(),
            };
            doc.block(format!("{}{standing}", text(choice.summary)));
            let mut items: Vec<String> = choice
                .excluded_because
                .iter()
                .map(|e| {
                    let rule = paren(lang, &code(&e.rule));
                    match lang {
                        Lang::En => format!("Bad, because it is excluded: {}{rule}", text(&e.reason)),
                        Lang::Ja => format!("悪い点：除外される。{}{rule}", text(&e.reason)),
                    }
                })
                .collect();
            for band in [Band::Good, Band::Neutral, Band::Bad] {
                items.extend(
                    choice
                        .ratings
                        .iter()
                        .filter(|r| Band::of(r.rating) == band)
                        .map(|r| format!("{}{}", band.label(lang), self.rated(r))),
                );
            }
            items.extend(choice.risks.iter().map(|risk| self.risk(risk)));
            doc.list(items);
        }
    }

    /// `it rates 4 of 5 on flexibility (base 3, +1 by `rule`): {reason}`.
    fn rated(&self, r: &Rated<'_>) -> String {
        let criterion = self.drivers[r.driver].name;
        let rating = rating_text(r.rating);
        let changes: Vec<String> = r
            .changes
            .iter()
            .map(|(rule, delta)| match (self.lang, delta) {
                (Lang::En, Some(d)) => format!("{d:+} by {}", code(rule)),
                (Lang::En, None) => format!("changed by {}", code(rule)),
                (Lang::Ja, Some(d)) => format!("{} により {d:+}", code(rule)),
                (Lang::Ja, None) => format!("{} により変更", code(rule)),
            })
            .collect();
        // Ratings are clamped to 1..5 after the deltas: say so when it bit.
        let unclamped: Option<f64> = r.changes.iter().map(|(_, d)| *d).sum::<Option<f64>>().map(|d| r.base + d);
        let clamp = match unclamped {
            Some(u) if u > r.rating => self.t(", capped at 5", "、上限の 5 で頭打ち"),
            Some(u) if u < r.rating => self.t(", floored at 1", "、下限の 1 で頭打ち"),
            _ => "",
        };
        let aside = if changes.is_empty() {
            String::new()
        } else {
            let base = rating_text(r.base);
            match self.lang {
                Lang::En => paren(self.lang, &format!("base {base}, {}{clamp}", changes.join(", "))),
                Lang::Ja => paren(self.lang, &format!("基本評価 {base}、{}{clamp}", changes.join("、"))),
            }
        };
        match self.lang {
            Lang::En => {
                format!("it rates {rating} of 5 on {}{aside}: {}", text(&lower_first(criterion)), text(r.reason))
            }
            Lang::Ja => format!("「{}」の評価は {rating}/5 である{aside}。{}", text(criterion), text(r.reason)),
        }
    }

    fn risk(&self, risk: &str) -> String {
        format!("{}{}", self.t("Bad, because of a risk: ", "悪い点（リスク）："), text(risk))
    }
}

/// Where a rating falls in Pros and Cons: 4–5 good, 3 neutral, 1–2 bad (a fractional
/// rating, such as a cost rating from money, by its nearest whole number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Band {
    Good,
    Neutral,
    Bad,
}

impl Band {
    fn of(rating: f64) -> Self {
        match rating.round() {
            r if r >= 4.0 => Band::Good,
            r if r >= 3.0 => Band::Neutral,
            _ => Band::Bad,
        }
    }

    /// MADR's bullet opening, or its Japanese counterpart.
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Band::Good => lang.pick("Good, because ", "良い点："),
            Band::Neutral => lang.pick("Neutral, because ", "中立："),
            Band::Bad => lang.pick("Bad, because ", "悪い点："),
        }
    }
}

/// A rating as people read it: whole, or with one decimal.
fn rating_text(rating: f64) -> String {
    if rating.fract() == 0.0 { format_number(rating) } else { format!("{rating:.1}") }
}

/// Indices ordered by weight, heaviest first; equal weights keep their order.
fn heaviest_first(weights: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]).then(a.cmp(&b)));
    order
}
