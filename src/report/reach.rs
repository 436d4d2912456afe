//! The view of `rules reach`: one view model ([`ReachView`]) built from a
//! [`Reach`], rendered as terminal tables or GitHub Markdown; JSON is serde of the
//! [`Reach`] model itself. The view decides every word and number shown; the renderers
//! only lay them out.

use crate::report::labels::Labels;
use std::fmt::Write as _;

use comfy_table::{Cell, CellAlignment};

use super::markdown::{escape, paren, table_head, table_row};
use super::table::new_table;
use super::{Format, RenderOptions};
use crate::model::{AnswerValue, Lang, RuleSet};
use crate::reach::{Mode, NONE_CHOSEN, NOT_ASKED, NotSweptReason, Reach};

/// Everything `rules reach` prints, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ReachView {
    /// Output language.
    pub lang: Lang,
    /// "exhaustive: N answer sets" or "sampled: N of M answer sets (seed S)".
    pub headline: String,
    /// What was swept and what was not.
    pub scope: Vec<String>,
    /// Per pattern: name, id, wins, share.
    pub overall: Vec<[String; 4]>,
    /// Warning lines for patterns that never win.
    pub warnings: Vec<String>,
    /// Column heads of the per-answer table: pattern ids, then "no winner" when any.
    pub columns: Vec<String>,
    /// Per question and value: question id, value, answer sets, share per column.
    pub rows: Vec<(String, String, String, Vec<String>)>,
    /// The first answer set each pattern wins: pattern id, answers.
    pub examples: Vec<(String, String)>,
    /// Heading of the ablation section, and its two lists.
    pub ablation: Option<(String, Vec<String>, Vec<String>)>,
}

impl ReachView {
    /// The view of a sweep of `rules`.
    pub fn new(reach: &Reach, rules: &RuleSet, lang: Lang) -> Self {
        let l = Labels::get(lang);
        let headline = match reach.mode {
            Mode::Exhaustive => {
                format!("{}: {} {}", l.exhaustive, thousands(reach.answer_sets), l.answer_sets)
            }
            Mode::Sampled { seed } => format!(
                "{}: {} / {} {} ({} {seed})",
                l.sampled,
                thousands(reach.answer_sets),
                thousands(reach.space),
                l.answer_sets,
                l.seed,
            ),
        };
        let scope = scope_lines(reach, lang);
        let name = |id: &str| {
            rules.patterns.iter().find(|p| p.id == id).map_or_else(|| id.to_owned(), |p| p.name.get(lang).to_owned())
        };
        let mut overall: Vec<[String; 4]> = reach
            .patterns
            .iter()
            .map(|p| [name(&p.pattern), p.pattern.clone(), thousands(p.wins.count), share(p.wins.share)])
            .collect();
        if reach.no_winner.count > 0 {
            overall.push([
                l.no_winner_every_pattern_excluded.to_owned(),
                String::new(),
                thousands(reach.no_winner.count),
                share(reach.no_winner.share),
            ]);
        }
        let warnings = reach
            .never_win
            .iter()
            .map(|id| {
                let name = name(id);
                match reach.mode {
                    Mode::Exhaustive => format!("{}: {name} (`{id}`) {}", l.warning, l.wins_none_of_the_answer),
                    Mode::Sampled { .. } => format!("{}: {name} (`{id}`) {}", l.warning, l.wins_none_of_the_sampled),
                }
            })
            .collect();
        let (columns, rows) = answer_rows(reach, rules, lang);
        let examples = examples(reach);
        let ablation = ablation(reach, lang);
        ReachView { lang, headline, scope, overall, warnings, columns, rows, examples, ablation }
    }

    /// Renders the view (`table` or `markdown`; anything else is rendered as a table).
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        match format {
            Format::Markdown => self.markdown(),
            _ => self.table(options),
        }
    }

    fn heads(&self) -> [&'static str; 8] {
        let l = Labels::get(self.lang);
        [l.pattern, l.id, l.wins, l.share, l.question, l.answer, l.answer_sets_heading, l.win_share_per_answer]
    }

    /// The ablation's lines: a label and rule ids, or a closing remark (no ids).
    fn ablation_lines(&self) -> Vec<(String, Option<Vec<String>>)> {
        let l = Labels::get(self.lang);
        let Some((_, changed, fired)) = &self.ablation else { return Vec::new() };
        vec![
            (l.fired_but_never_changed_the.to_owned(), Some(changed.clone())),
            (l.never_fired.to_owned(), Some(fired.clone())),
            (l.each_rule_that_fired_was.to_owned(), None),
        ]
    }

    /// The label and the rule ids in code spans (ids are plain, safe in them), or the
    /// remark alone.
    fn ablation_line(&self, label: &str, ids: Option<&Vec<String>>, escape: fn(&str) -> String) -> String {
        let none = self.lang.pick("none", "なし");
        match ids {
            None => escape(label),
            Some(ids) if ids.is_empty() => format!("{}: {none}", escape(label)),
            Some(ids) => {
                format!("{}: {}", escape(label), ids.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", "))
            }
        }
    }

    fn table(&self, options: &RenderOptions) -> String {
        let l = Labels::get(self.lang);
        let heads = self.heads();
        let mut out = String::new();
        let _ = writeln!(out, "{}\n", self.headline);
        for line in &self.scope {
            let _ = writeln!(out, "{line}");
        }
        // Terminal columns are narrow: the per-answer table heads its pattern columns
        // with short keys, which the overall table lists.
        let keys: Vec<String> = (1..=self.columns.len()).map(|i| format!("#{i}")).collect();
        let _ = writeln!(out, "\n{}", l.win_share_over_all_answer);
        let mut table = new_table(options);
        let mut head = vec!["#"];
        head.extend_from_slice(&heads[..4]);
        table.set_header(head);
        for (i, row) in self.overall.iter().enumerate() {
            let key = if row[1].is_empty() { String::new() } else { keys.get(i).cloned().unwrap_or_default() };
            table.add_row(vec![
                Cell::new(key),
                Cell::new(&row[0]),
                Cell::new(&row[1]),
                Cell::new(&row[2]).set_alignment(CellAlignment::Right),
                Cell::new(&row[3]).set_alignment(CellAlignment::Right),
            ]);
        }
        let _ = writeln!(out, "{table}");
        for line in &self.warnings {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "\n{}", heads[7]);
        let mut table = new_table(options);
        let mut head: Vec<String> = vec![heads[5].to_owned()];
        head.extend(
            self.columns.iter().zip(&keys).map(|(c, k)| if c.starts_with('(') { c.clone() } else { k.clone() }),
        );
        head.push(heads[6].to_owned());
        table.set_header(head);
        for (question, value, count, shares) in &self.rows {
            let mut cells = vec![Cell::new(format!("{question} = {value}"))];
            cells.extend(shares.iter().map(|s| Cell::new(s).set_alignment(CellAlignment::Right)));
            cells.push(Cell::new(count).set_alignment(CellAlignment::Right));
            table.add_row(cells);
        }
        let _ = writeln!(out, "{table}");
        if !self.examples.is_empty() {
            let _ = writeln!(out, "\n{}", l.first_answer_set_each_pattern);
            for (pattern, answers) in &self.examples {
                let _ = writeln!(out, "  {pattern}: {answers}");
            }
        }
        if let Some((heading, _, _)) = &self.ablation {
            let _ = writeln!(out, "\n{heading}");
            for (label, ids) in self.ablation_lines() {
                let _ = writeln!(out, "  {}", self.ablation_line(&label, ids.as_ref(), str::to_owned));
            }
        }
        out
    }

    fn markdown(&self) -> String {
        let l = Labels::get(self.lang);
        let heads = self.heads();
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", l.reach_of_the_rules);
        let _ = writeln!(out, "**{}**\n", escape(&self.headline));
        for line in &self.scope {
            let _ = writeln!(out, "- {}", escape(line));
        }
        let _ = writeln!(out, "\n## {}\n", l.win_share_over_all_answer);
        table_head(&mut out, &heads[..4], &[false, false, true, true]);
        for row in &self.overall {
            table_row(&mut out, &row.iter().map(|c| escape(c)).collect::<Vec<_>>());
        }
        if !self.warnings.is_empty() {
            out.push('\n');
            for line in &self.warnings {
                let _ = writeln!(out, "> {}", escape(line));
            }
        }
        let _ = writeln!(out, "\n## {}\n", heads[7]);
        let mut head: Vec<&str> = heads[4..7].to_vec();
        head.extend(self.columns.iter().map(String::as_str));
        let right: Vec<bool> = (0..head.len()).map(|i| i >= 2).collect();
        table_head(&mut out, &head, &right);
        for (question, value, count, shares) in &self.rows {
            let mut cells = vec![escape(question), escape(value), escape(count)];
            cells.extend(shares.iter().map(|s| escape(s)));
            table_row(&mut out, &cells);
        }
        if !self.examples.is_empty() {
            let _ = writeln!(out, "\n## {}\n", l.first_answer_set_each_pattern);
            for (pattern, answers) in &self.examples {
                let _ = writeln!(out, "- `{pattern}`: `{answers}`");
            }
        }
        if let Some((heading, _, _)) = &self.ablation {
            let _ = writeln!(out, "\n## {}\n", escape(heading));
            for (label, ids) in self.ablation_lines() {
                let _ = writeln!(out, "- {}", self.ablation_line(&label, ids.as_ref(), escape));
            }
        }
        out
    }
}

/// What was swept and what was not, line by line.
fn scope_lines(reach: &Reach, lang: Lang) -> Vec<String> {
    let l = Labels::get(lang);
    let mut scope = Vec::new();
    let swept: Vec<String> = reach
        .swept
        .iter()
        .map(|q| if q.conditional { format!("{}*", q.question) } else { q.question.clone() })
        .collect();
    scope.push(format!("{}: {}", l.swept, swept.join(", ")));
    if reach.swept.iter().any(|q| q.conditional) {
        scope.push(l.asked_only_when_its_ask.to_owned());
    }
    let list = |reason: NotSweptReason| {
        reach
            .not_swept
            .iter()
            .filter(|n| n.reason == reason)
            .map(|n| match &n.value {
                Some(v) => format!("{}={}", n.question, v.display()),
                None => n.question.clone(),
            })
            .collect::<Vec<_>>()
    };
    let pinned = list(NotSweptReason::Pinned);
    if !pinned.is_empty() {
        scope.push(format!("{}: {}", l.pinned, pinned.join(", ")));
    }
    let unread = list(NotSweptReason::Unread);
    if !unread.is_empty() {
        scope.push(format!("{}: {}", l.not_swept_no_rule_that, unread.join(", ")));
    }
    let numbers = list(NotSweptReason::Number);
    if !numbers.is_empty() {
        scope.push(format!("{}: {}", l.not_swept_numbers_default_where, numbers.join(", ")));
    }
    if reach.priced == 0 {
        scope.push(l.cost_is_the_qualitative_rating.to_owned());
    } else {
        scope.push(format!("{}: {}", l.answer_sets_whose_cost_rating, thousands(reach.priced)));
    }
    scope
}

/// The heads of the per-answer table's share columns, and its rows.
#[allow(clippy::type_complexity)]
fn answer_rows(
    reach: &Reach,
    rules: &RuleSet,
    lang: Lang,
) -> (Vec<String>, Vec<(String, String, String, Vec<String>)>) {
    let l = Labels::get(lang);
    let mut columns: Vec<String> = reach.patterns.iter().map(|p| p.pattern.clone()).collect();
    let any_none = reach.by_answer.iter().any(|r| r.no_winner > 0);
    if any_none {
        columns.push(l.none_parenthesised.to_owned());
    }
    let rows = reach
        .by_answer
        .iter()
        .map(|r| {
            let mut shares: Vec<String> = reach.patterns.iter().map(|p| share(r.share(&p.pattern))).collect();
            if any_none {
                shares.push(share(ratio(r.no_winner, r.answer_sets)));
            }
            let value = match r.value.as_str() {
                NOT_ASKED => l.not_asked.to_owned(),
                NONE_CHOSEN => l.none_chosen.to_owned(),
                v if rules.question(&r.question).is_some_and(|q| q.kind == crate::model::QuestionKind::Multi) => {
                    format!("{v}{}", l.in_the_set)
                }
                v => v.to_owned(),
            };
            (r.question.clone(), value, thousands(r.answer_sets), shares)
        })
        .collect();
    (columns, rows)
}

/// The first answer set each pattern wins, as `id=value` in asking order.
fn examples(reach: &Reach) -> Vec<(String, String)> {
    reach
        .patterns
        .iter()
        .filter_map(|p| {
            let answers = p.example.as_ref()?;
            // In asking order; empty multi-choice answers left out.
            let shown: Vec<String> = reach
                .swept
                .iter()
                .filter_map(|q| {
                    let value = answers.get(&q.question)?;
                    let empty = matches!(value, AnswerValue::Choices(c) if c.is_empty());
                    (!empty).then(|| format!("{}={}", q.question, value.display()))
                })
                .collect();
            Some((p.pattern.clone(), shown.join(" ")))
        })
        .collect()
}

/// The heading of the ablation and its two lists.
fn ablation(reach: &Reach, lang: Lang) -> Option<(String, Vec<String>, Vec<String>)> {
    let l = Labels::get(lang);
    reach.ablation.as_ref().map(|a| {
        let sets = thousands(a.answer_sets);
        let answer_sets = l.answer_sets;
        let how = match a.mode {
            Mode::Exhaustive => format!("{}: {sets} {answer_sets}", l.exhaustive),
            Mode::Sampled { seed } => {
                format!("{}: {sets} {answer_sets}, {} {seed}", l.sampled, l.seed)
            }
        };
        let heading = l.rules_that_never_change_a.to_owned() + &paren(lang, &how);
        (heading, a.never_changed.clone(), a.never_fired.clone())
    })
}

/// Renders a sweep: JSON is the [`Reach`] model itself; table and Markdown go through
/// the [`ReachView`].
pub fn render(reach: &Reach, rules: &RuleSet, lang: Lang, format: Format, options: &RenderOptions) -> String {
    match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(reach).unwrap_or_default();
            text.push('\n');
            text
        }
        _ => ReachView::new(reach, rules, lang).render(format, options),
    }
}

fn ratio(count: u64, total: u64) -> f64 {
    if total == 0 { 0.0 } else { count as f64 / total as f64 }
}

/// A share with one decimal; "<0.1%" for more than nothing, never "100.0%" for less
/// than everything, and "0%" only for none at all.
pub fn share(share: f64) -> String {
    let percent = share * 100.0;
    if share == 0.0 {
        "0%".to_owned()
    } else if percent < 0.1 {
        "<0.1%".to_owned()
    } else if share < 1.0 && percent > 99.9 {
        ">99.9%".to_owned()
    } else {
        format!("{percent:.1}%")
    }
}

pub use crate::i18n::thousands;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reach::{ReachOptions, sweep};
    use crate::testing::mini;

    fn options() -> RenderOptions {
        RenderOptions { width: 100, ..RenderOptions::default() }
    }

    #[test]
    fn formats_counts_and_shares() {
        assert_eq!(thousands(7_358_123_456), "7,358,123,456");
        assert_eq!(thousands(999), "999");
        assert_eq!(
            (share(0.0), share(0.000_01), share(0.5), share(0.999_99)),
            ("0%".into(), "<0.1%".into(), "50.0%".into(), ">99.9%".into())
        );
    }

    #[test]
    fn reach_renders_in_every_format() {
        let rules = mini();
        let reach = sweep(&rules, &ReachOptions { ablation_samples: 200, ..ReachOptions::default() });
        for lang in [Lang::En, Lang::Ja] {
            let name = lang.as_str();
            insta::assert_snapshot!(
                format!("reach_table_{name}"),
                render(&reach, &rules, lang, Format::Table, &options())
            );
            insta::assert_snapshot!(
                format!("reach_markdown_{name}"),
                render(&reach, &rules, lang, Format::Markdown, &options())
            );
        }
        let json: serde_json::Value =
            serde_json::from_str(&render(&reach, &rules, Lang::En, Format::Json, &options())).unwrap_or_default();
        assert_eq!(json["schema_version"], 1);
        assert_eq!(json["answer_sets"], 12);
    }
}
