//! The view of `rules reach`: one view model ([`ReachView`]) built from a
//! [`Reach`], rendered as terminal tables or GitHub Markdown; JSON is serde of the
//! [`Reach`] model itself. The view decides every word and number shown; the renderers
//! only lay them out.

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
        let t = |en: &'static str, ja: &'static str| lang.pick(en, ja);
        let headline = match reach.mode {
            Mode::Exhaustive => {
                format!(
                    "{}: {} {}",
                    t("exhaustive", "全数"),
                    thousands(reach.answer_sets),
                    t("answer sets", "通りの回答")
                )
            }
            Mode::Sampled { seed } => format!(
                "{}: {} / {} {} ({} {seed})",
                t("sampled", "標本"),
                thousands(reach.answer_sets),
                thousands(reach.space),
                t("answer sets", "通りの回答"),
                t("seed", "シード"),
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
                t("(no winner: every pattern excluded)", "（推奨なし: すべてのパターンが除外）").to_owned(),
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
                    Mode::Exhaustive => format!(
                        "{}: {name} (`{id}`) {}",
                        t("warning", "警告"),
                        t("wins none of the answer sets: it is never recommended.", "はどの回答でも推奨されません。")
                    ),
                    Mode::Sampled { .. } => format!(
                        "{}: {name} (`{id}`) {}",
                        t("warning", "警告"),
                        t(
                            "wins none of the sampled answer sets: it may never be recommended.",
                            "は標本のどの回答でも推奨されません。推奨されることがない可能性があります。"
                        )
                    ),
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
        let t = |en, ja| self.lang.pick(en, ja);
        [
            t("Pattern", "パターン"),
            t("Id", "ID"),
            t("Wins", "推奨回数"),
            t("Share", "割合"),
            t("Question", "質問"),
            t("Answer", "回答"),
            t("Answer sets", "回答数"),
            t("Win share per answer", "回答ごとの推奨割合"),
        ]
    }

    /// The ablation's lines: a label and rule ids, or a closing remark (no ids).
    fn ablation_lines(&self) -> Vec<(String, Option<Vec<String>>)> {
        let t = |en, ja| self.lang.pick(en, ja);
        let Some((_, changed, fired)) = &self.ablation else { return Vec::new() };
        vec![
            (
                t("Fired but never changed the order or the exclusions", "発火しましたが、順位も除外も変えませんでした").to_owned(),
                Some(changed.clone()),
            ),
            (t("Never fired", "一度も発火しませんでした").to_owned(), Some(fired.clone())),
            (
                t(
                    "(each rule that fired was removed and the answer set evaluated again; rules that only add notes are not tried)",
                    "（発火したルールを一つずつ外して評価し直しました。注記だけのルールは対象外です）",
                )
                .to_owned(),
                None,
            ),
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
        let t = |en, ja| self.lang.pick(en, ja);
        let heads = self.heads();
        let mut out = String::new();
        let _ = writeln!(out, "{}\n", self.headline);
        for line in &self.scope {
            let _ = writeln!(out, "{line}");
        }
        // Terminal columns are narrow: the per-answer table heads its pattern columns
        // with short keys, which the overall table lists.
        let keys: Vec<String> = (1..=self.columns.len()).map(|i| format!("#{i}")).collect();
        let _ = writeln!(out, "\n{}", t("Win share over all answer sets", "全回答に対する推奨割合"));
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
            let _ = writeln!(
                out,
                "\n{}",
                t(
                    "First answer set each pattern wins (swept answers)",
                    "各パターンが最初に推奨された回答（試した質問のみ）"
                )
            );
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
        let t = |en, ja| self.lang.pick(en, ja);
        let heads = self.heads();
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", t("Reach of the rules", "ルールの到達範囲"));
        let _ = writeln!(out, "**{}**\n", escape(&self.headline));
        for line in &self.scope {
            let _ = writeln!(out, "- {}", escape(line));
        }
        let _ = writeln!(out, "\n## {}\n", t("Win share over all answer sets", "全回答に対する推奨割合"));
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
            let _ = writeln!(
                out,
                "\n## {}\n",
                t(
                    "First answer set each pattern wins (swept answers)",
                    "各パターンが最初に推奨された回答（試した質問のみ）"
                )
            );
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
    let t = |en: &'static str, ja: &'static str| lang.pick(en, ja);
    let mut scope = Vec::new();
    let swept: Vec<String> = reach
        .swept
        .iter()
        .map(|q| if q.conditional { format!("{}*", q.question) } else { q.question.clone() })
        .collect();
    scope.push(format!("{}: {}", t("Swept", "全値を試した質問"), swept.join(", ")));
    if reach.swept.iter().any(|q| q.conditional) {
        scope.push(
            t(
                "* asked only when its `ask_if` holds; elsewhere it stays unanswered (\"(not asked)\").",
                "* は `ask_if` が成り立つときだけ質問され、それ以外は未回答（「(not asked)」）です。",
            )
            .to_owned(),
        );
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
        scope.push(format!("{}: {}", t("Pinned", "固定した回答"), pinned.join(", ")));
    }
    let unread = list(NotSweptReason::Unread);
    if !unread.is_empty() {
        scope.push(format!(
            "{}: {}",
            t(
                "Not swept (no rule that scores reads them; default where asked)",
                "試していない質問（採点に関わるルールが読まないため、質問される場合は既定値）"
            ),
            unread.join(", ")
        ));
    }
    let numbers = list(NotSweptReason::Number);
    if !numbers.is_empty() {
        scope.push(format!(
            "{}: {}",
            t("Not swept (numbers; default where asked)", "試していない数値の質問（質問される場合は既定値）"),
            numbers.join(", ")
        ));
    }
    if reach.priced == 0 {
        scope.push(
            t(
                "Cost is the qualitative rating: no workload is answered, so no estimate is priced.",
                "コストは定性的な評価値です。ワークロードを回答しないため、料金の見積もりは使いません。",
            )
            .to_owned(),
        );
    } else {
        scope.push(format!(
            "{}: {}",
            t(
                "Answer sets whose cost rating came from a price estimate",
                "コストの評価値を料金の見積もりから求めた回答"
            ),
            thousands(reach.priced)
        ));
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
    let t = |en: &'static str, ja: &'static str| lang.pick(en, ja);
    let mut columns: Vec<String> = reach.patterns.iter().map(|p| p.pattern.clone()).collect();
    let any_none = reach.by_answer.iter().any(|r| r.no_winner > 0);
    if any_none {
        columns.push(t("(none)", "（なし）").to_owned());
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
                NOT_ASKED => t("(not asked)", "（質問なし）").to_owned(),
                NONE_CHOSEN => t("(none chosen)", "（選択なし）").to_owned(),
                v if rules.question(&r.question).is_some_and(|q| q.kind == crate::model::QuestionKind::Multi) => {
                    format!("{v}{}", t(" (in the set)", " を含む"))
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
    let t = |en: &'static str, ja: &'static str| lang.pick(en, ja);
    reach.ablation.as_ref().map(|a| {
        let sets = thousands(a.answer_sets);
        let answer_sets = t("answer sets", "通りの回答");
        let how = match a.mode {
            Mode::Exhaustive => format!("{}: {sets} {answer_sets}", t("exhaustive", "全数")),
            Mode::Sampled { seed } => {
                format!("{}: {sets} {answer_sets}, {} {seed}", t("sampled", "標本"), t("seed", "シード"))
            }
        };
        let heading =
            t("Rules that never change a ranking", "順位を一度も変えないルール").to_owned() + &paren(lang, &how);
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
