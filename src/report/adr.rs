//! Architecture decision records (`--format adr`, MADR 4.0.0 layout): the view model
//! the ADR templates (`templates/*.adr.md`, `_adr_*.md`) read as `adr`.
//!
//! Everything here is computation on the report (ordering, banding, which answers
//! decided, the leads of the winner, the command that regenerates the record); the
//! templates do the layout and the wording in both languages. Nothing here reads a
//! clock: the `date` comes from [`RenderOptions::date`] and is left out without one.

pub mod date;

#[cfg(test)]
mod tests;

use serde::Serialize;

use super::compare::CompareReport;
use super::{Adjustment, ExclusionReport, RenderOptions, Report};
use crate::engine::robustness::DEFAULT_SEED;
use crate::model::NoteKind;

/// Points below this are not a lead worth naming (they print as `+0.0`).
const LEAD_MIN: f64 = 0.05;
/// How many leading criteria the chosen option names.
const LEADS: usize = 3;

/// A criterion as a decision driver.
#[derive(Debug, Serialize)]
pub struct Driver<'a> {
    /// The display name.
    pub name: &'a str,
    /// What the criterion means (comparisons only).
    pub description: Option<&'a str>,
    /// Its share of the total weight.
    pub share: f64,
    /// The rules' factors on its weight.
    pub factors: &'a [Adjustment],
}

/// A hard constraint that fired: its rule, reason and the options it rules out.
#[derive(Debug, Serialize)]
pub struct Constraint<'a> {
    /// The rule.
    pub rule: &'a str,
    /// The reason in words.
    pub reason: &'a str,
    /// The options it rules out.
    pub names: Vec<&'a str>,
}

/// A rule's change to a rating: the rule and, when known, the delta.
#[derive(Debug, Serialize)]
pub struct Change<'a> {
    /// The rule.
    pub rule: &'a str,
    /// The change, when known (a comparison lists only the rule).
    pub delta: Option<f64>,
}

/// One bullet of Pros and Cons or Consequences.
#[derive(Debug, Serialize)]
pub struct Item<'a> {
    /// `excluded`, `good` (rated 4–5), `neutral` (3), `bad` (1–2) or `risk` (a risk
    /// note of the rules).
    pub kind: &'static str,
    /// The criterion's name (ratings).
    pub criterion: Option<&'a str>,
    /// The rating, 1–5.
    pub rating: Option<f64>,
    /// The base rating before the rules.
    pub base: Option<f64>,
    /// The rules' changes to the base; empty when money sets the rating.
    pub changes: Vec<Change<'a>>,
    /// `capped` or `floored` when the 1..5 clamp bit.
    pub clamp: Option<&'static str>,
    /// True when the cost estimate sets the rating (its reason says how).
    pub money: bool,
    /// The driver's index (ratings).
    pub driver: Option<usize>,
    /// The rule of an exclusion or a risk note.
    pub rule: Option<&'a str>,
    /// The reason in words.
    pub reason: &'a str,
}

/// A pattern as an option.
#[derive(Debug, Serialize)]
pub struct Choice<'a> {
    /// The display name.
    pub name: &'a str,
    /// The pattern summary.
    pub summary: &'a str,
    /// The score out of 100, unless excluded.
    pub score: Option<f64>,
    /// True when a hard constraint rules it out.
    pub excluded: bool,
    /// Share of the sampled weightings it wins (recommendations only).
    pub win_share: Option<f64>,
    /// Exclusions, then Good, Neutral and Bad ratings (heaviest driver first), then risks.
    pub items: Vec<Item<'a>>,
}

/// An answer that fired a rule that decided the result, with those rules.
#[derive(Debug, Serialize)]
pub struct Deciding<'a> {
    /// The question.
    pub question: &'a str,
    /// The answer in words.
    pub answer: &'a str,
    /// True when the answer is the question's default.
    pub defaulted: bool,
    /// The deciding rules it fired, in rule order.
    pub rules: Vec<&'a str>,
}

/// A lead of the winner over the runner-up on one criterion, in score points.
#[derive(Debug, Serialize)]
pub struct Lead<'a> {
    /// The criterion name.
    pub criterion: &'a str,
    /// The lead in score points.
    pub points: f64,
}

/// The ADR's view of a recommendation or a comparison (`adr` in the templates).
#[derive(Debug, Serialize)]
pub struct AdrView<'a> {
    /// The front matter's date (`YYYY-MM-DD`), when one is given and valid.
    pub date: Option<String>,
    /// Heaviest first; ties in rule order.
    pub drivers: Vec<Driver<'a>>,
    /// Each excluding rule once.
    pub constraints: Vec<Constraint<'a>>,
    /// Best first, excluded last (a comparison without answers: rule order).
    pub options: Vec<Choice<'a>>,
    /// Indexes into `options`: the winner and the runner-up, when they have scores.
    pub chosen: Option<usize>,
    /// The index of the runner-up.
    pub runner_up: Option<usize>,
    /// Where the winner gains most over the runner-up (at most three).
    pub leads: Vec<Lead<'a>>,
    /// Indexes into the winner's `items`: its Good and Bad ratings on drivers that
    /// carry weight, then its risks.
    pub consequences: Vec<usize>,
    /// The answers whose rules excluded an option, changed a weight, or changed a
    /// rating of the first two options, in question order.
    pub confirmation: Vec<Deciding<'a>>,
    /// True when some answer took its question's default.
    pub any_defaulted: bool,
    /// The answers of a comparison as `id`, `value` (a recommendation has `answer_lines`).
    pub answers: Vec<(String, String)>,
    /// The command that regenerates the record, one argument group a line, shell-quoted.
    pub command: Vec<String>,
    /// A code fence longer than any run of backticks in `command`.
    pub fence: String,
}

/// A rating's band: 4–5 good, 3 neutral, 1–2 bad (by its nearest whole number).
fn band(rating: f64) -> &'static str {
    match rating.round() {
        r if r >= 4.0 => "good",
        r if r >= 3.0 => "neutral",
        _ => "bad",
    }
}

/// Indices ordered by weight, heaviest first; equal weights keep their order.
fn heaviest_first(weights: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]).then(a.cmp(&b)));
    order
}

/// A rating before it is banded: driver index, the item, its points.
struct Rated<'a> {
    driver: usize,
    item: Item<'a>,
    contribution: Option<f64>,
}

impl<'a> Rated<'a> {
    fn new(
        driver: usize,
        criterion: &'a str,
        (rating, base): (f64, f64),
        changes: Vec<Change<'a>>,
        money: bool,
        reason: &'a str,
        contribution: Option<f64>,
    ) -> Self {
        let changes = if money { Vec::new() } else { changes };
        let unclamped: Option<f64> = changes.iter().map(|c| c.delta).sum::<Option<f64>>().map(|d| base + d);
        let clamp = match unclamped {
            Some(u) if !changes.is_empty() && u > rating => Some("capped"),
            Some(u) if !changes.is_empty() && u < rating => Some("floored"),
            _ => None,
        };
        let item = Item {
            kind: band(rating),
            driver: Some(driver),
            criterion: Some(criterion),
            rating: Some(rating),
            base: Some(base),
            changes,
            clamp,
            money,
            rule: None,
            reason,
        };
        Rated { driver, item, contribution }
    }
}

/// One option before its items are ordered.
struct Raw<'a> {
    name: &'a str,
    summary: &'a str,
    score: Option<f64>,
    excluded_because: &'a [ExclusionReport],
    ratings: Vec<Rated<'a>>,
    risks: Vec<(&'a str, &'a str)>,
    win_share: Option<f64>,
}

impl<'a> AdrView<'a> {
    /// The record of a recommendation (B's record, for a what-if).
    pub fn new(report: &'a Report, options: &RenderOptions) -> Self {
        let order = heaviest_first(&report.criteria.iter().map(|c| c.weight).collect::<Vec<_>>());
        let drivers: Vec<Driver<'a>> = order
            .iter()
            .map(|&i| {
                let c = &report.criteria[i];
                Driver { name: &c.name, description: None, share: c.share, factors: &c.factors }
            })
            .collect();
        let raw: Vec<Raw<'a>> = report
            .ranking
            .iter()
            .map(|p| Raw {
                name: &p.name,
                summary: &p.summary,
                score: p.score,
                excluded_because: &p.excluded_because,
                ratings: order
                    .iter()
                    .enumerate()
                    .filter_map(|(driver, &i)| {
                        let c = &report.criteria[i];
                        let s = p.criteria.get(&c.id)?;
                        let changes = s.deltas.iter().map(|d| Change { rule: &d.rule, delta: Some(d.value) }).collect();
                        let contribution = p.score.map(|_| s.contribution);
                        Some(Rated::new(
                            driver,
                            &c.name,
                            (s.rating, s.base),
                            changes,
                            s.money.is_some(),
                            &s.reason,
                            contribution,
                        ))
                    })
                    .collect(),
                risks: report
                    .notes
                    .iter()
                    .filter(|n| n.kind == NoteKind::Risk && n.patterns.contains(&p.pattern))
                    .map(|n| (n.rule.as_str(), n.text.as_str()))
                    .collect(),
                win_share: report.robustness.as_ref().and_then(|r| r.win_probability.get(&p.pattern).copied()),
            })
            .collect();
        let mut command =
            vec![format!("container-advisor recommend --no-input --format adr --lang {}", report.lang.as_str())];
        if let Some(r) = report.robustness.as_ref().filter(|r| r.seed != DEFAULT_SEED) {
            command.push(format!("--seed {}", r.seed));
        }
        for line in report.answer_lines.iter().filter(|l| !l.defaulted) {
            if let Some(value) = report.answers.get(&line.id) {
                command.push(format!("--set {}", shell_word(&format!("{}={}", line.id, value.display()))));
            }
        }
        let mut view = Self::build(options, drivers, raw, Vec::new(), command);
        view.confirmation = deciding_answers(report);
        view.any_defaulted = report.answer_lines.iter().any(|l| l.defaulted);
        view
    }

    /// The record of a comparison, in column order.
    pub fn from_compare(report: &'a CompareReport, options: &RenderOptions) -> Self {
        let order = heaviest_first(&report.criteria.iter().map(|c| c.weight).collect::<Vec<_>>());
        let drivers = order
            .iter()
            .map(|&i| {
                let c = &report.criteria[i];
                Driver { name: &c.name, description: Some(&c.description), share: c.share, factors: &[] }
            })
            .collect();
        let raw = report
            .patterns
            .iter()
            .enumerate()
            .map(|(column, p)| Raw {
                name: &p.name,
                summary: &p.summary,
                score: p.score,
                excluded_because: &p.excluded_because,
                ratings: order
                    .iter()
                    .enumerate()
                    .filter_map(|(driver, &i)| {
                        let c = &report.criteria[i];
                        let cell = c.cells.get(column)?;
                        let changes = cell.changed_by.iter().map(|rule| Change { rule, delta: None }).collect();
                        let contribution = cell.contribution.filter(|_| p.score.is_some());
                        Some(Rated::new(
                            driver,
                            &c.name,
                            (cell.rating, cell.base),
                            changes,
                            false,
                            &cell.reason,
                            contribution,
                        ))
                    })
                    .collect(),
                risks: Vec::new(),
                win_share: None,
            })
            .collect();
        let answers: Vec<(String, String)> = report
            .answers
            .iter()
            .flat_map(crate::model::Answers::iter)
            .map(|(id, v)| (id.to_owned(), v.display()))
            .collect();
        let mut command = vec![format!("container-advisor compare --format adr --lang {}", report.lang.as_str())];
        command.extend(answers.iter().map(|(id, value)| format!("--set {}", shell_word(&format!("{id}={value}")))));
        Self::build(options, drivers, raw, answers, command)
    }

    fn build(
        options: &RenderOptions,
        drivers: Vec<Driver<'a>>,
        raw: Vec<Raw<'a>>,
        answers: Vec<(String, String)>,
        command: Vec<String>,
    ) -> Self {
        let chosen = raw.first().filter(|c| c.score.is_some()).map(|_| 0);
        let runner_up = chosen.and_then(|_| raw.get(1)).filter(|c| c.score.is_some()).map(|_| 1);
        let leads = match (chosen, runner_up) {
            (Some(w), Some(r)) => {
                let mut leads: Vec<(usize, f64)> = raw[w]
                    .ratings
                    .iter()
                    .filter_map(|a| {
                        let b = raw[r].ratings.iter().find(|b| b.driver == a.driver)?;
                        Some((a.driver, a.contribution? - b.contribution?))
                    })
                    .filter(|(_, points)| *points >= LEAD_MIN)
                    .collect();
                leads.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                leads.into_iter().take(LEADS).map(|(d, points)| Lead { criterion: drivers[d].name, points }).collect()
            }
            _ => Vec::new(),
        };
        let mut constraints: Vec<Constraint<'a>> = Vec::new();
        for choice in &raw {
            for e in choice.excluded_because {
                match constraints.iter_mut().find(|c| c.rule == e.rule) {
                    Some(c) => c.names.push(choice.name),
                    None => constraints.push(Constraint { rule: &e.rule, reason: &e.reason, names: vec![choice.name] }),
                }
            }
        }
        let options_out = raw
            .into_iter()
            .map(|c| {
                let mut items: Vec<Item<'a>> = c
                    .excluded_because
                    .iter()
                    .map(|e| Item {
                        kind: "excluded",
                        driver: None,
                        criterion: None,
                        rating: None,
                        base: None,
                        changes: Vec::new(),
                        clamp: None,
                        money: false,
                        rule: Some(&e.rule),
                        reason: &e.reason,
                    })
                    .collect();
                let mut ratings = c.ratings;
                // Stable: Good, Neutral, Bad, each heaviest driver first.
                ratings.sort_by_key(|r| ["good", "neutral", "bad"].iter().position(|k| *k == r.item.kind));
                items.extend(ratings.into_iter().map(|r| r.item));
                items.extend(c.risks.iter().map(|(rule, text)| Item {
                    kind: "risk",
                    driver: None,
                    criterion: None,
                    rating: None,
                    base: None,
                    changes: Vec::new(),
                    clamp: None,
                    money: false,
                    rule: Some(rule),
                    reason: text,
                }));
                Choice {
                    name: c.name,
                    summary: c.summary,
                    score: c.score,
                    excluded: !c.excluded_because.is_empty(),
                    win_share: c.win_share,
                    items,
                }
            })
            .collect::<Vec<Choice<'a>>>();
        let consequences: Vec<usize> = chosen
            .and_then(|w| options_out.get(w))
            .map(|winner| {
                let weighted = |i: &Item<'_>| i.driver.is_some_and(|d| drivers[d].share > 0.0);
                let items = || winner.items.iter().enumerate();
                let mut picked: Vec<usize> = Vec::new();
                for kind in ["good", "bad"] {
                    picked.extend(items().filter(|(_, i)| i.kind == kind && weighted(i)).map(|(n, _)| n));
                }
                picked.extend(items().filter(|(_, i)| i.kind == "risk").map(|(n, _)| n));
                picked
            })
            .unwrap_or_default();
        let longest = command.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0).max(2);
        AdrView {
            date: options.date.clone().filter(|d| is_iso_date(d)),
            drivers,
            constraints,
            options: options_out,
            chosen,
            runner_up,
            leads,
            consequences,
            confirmation: Vec::new(),
            any_defaulted: false,
            answers,
            command,
            fence: "`".repeat(longest + 1),
        }
    }
}

/// The answers whose rules excluded an option, changed a weight, or changed a rating
/// of the first two options, in question order, each with those rules in rule order.
fn deciding_answers(report: &Report) -> Vec<Deciding<'_>> {
    let mut deciding: Vec<&str> = Vec::new();
    for p in &report.ranking {
        deciding.extend(p.excluded_because.iter().map(|e| e.rule.as_str()));
    }
    for c in &report.criteria {
        deciding.extend(c.factors.iter().map(|f| f.rule.as_str()));
    }
    for p in report.ranking.iter().filter(|p| !p.excluded).take(2) {
        for score in p.criteria.values().filter(|s| s.money.is_none()) {
            deciding.extend(score.deltas.iter().map(|d| d.rule.as_str()));
        }
    }
    report
        .answer_lines
        .iter()
        .filter_map(|line| {
            let rules: Vec<&str> = report
                .rules_fired
                .iter()
                .filter(|r| deciding.contains(&r.id.as_str()) && r.questions.contains(&line.id))
                .map(|r| r.id.as_str())
                .collect();
            (!rules.is_empty()).then_some(Deciding {
                question: &line.question,
                answer: &line.answer,
                defaulted: line.defaulted,
                rules,
            })
        })
        .collect()
}

/// True for an ISO 8601 calendar date, `YYYY-MM-DD`.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    shaped
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

/// A word for a POSIX shell: as it is when it needs no quoting, else single-quoted.
pub(crate) fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./,=:@%+".contains(c)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(str::len).max().unwrap_or(0)
}
