//! Diagnostics: problems found in the user's input (rule files, answers files, flags).
//!
//! Problems in input are data, not errors: validation collects every [`Diagnostic`],
//! sorts them by file and position and reports them together. This module owns the
//! stable codes and their rendering with the source line and a caret; it never reads
//! files or decides exit codes.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

mod source_map;

pub use source_map::{FileId, SourceMap};

use crate::escape;
use crate::i18n::Lang;
use crate::i18n::Message;

/// How serious a diagnostic is: errors stop the advice, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input works but is probably not what the author meant.
    Warning,
}

macro_rules! codes {
    ($($variant:ident => $code:literal, $desc:literal;)*) => {
        /// A stable, kebab-case identifier for each kind of problem.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $(#[doc = $desc] $variant,)* }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case name shown to users (`unknown-question`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// One sentence saying what the code means.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $desc,)* }
            }
        }
    };
}

codes! {
    InvalidToml => "invalid-toml", "The file is not valid TOML or does not have the expected shape.";
    InvalidUtf8 => "invalid-utf8", "The file is not UTF-8 text.";
    DuplicateId => "duplicate-id", "The same id is defined twice in one rules directory.";
    InvalidId => "invalid-id", "An id uses characters other than lowercase letters, digits, `-` and `_`.";
    UnknownQuestion => "unknown-question", "A condition or answer names a question that does not exist.";
    UnknownOption => "unknown-option", "A condition or answer names an option its question does not have.";
    UnknownCriterion => "unknown-criterion", "A rating or effect names a criterion that does not exist.";
    UnknownPattern => "unknown-pattern", "A rating or selector names a pattern that does not exist.";
    TypeMismatch => "type-mismatch", "A condition or value does not fit the kind of its question.";
    OutOfRange => "out-of-range", "A number is outside the range its field or question allows.";
    MissingRating => "missing-rating", "A pattern has no base rating on a criterion.";
    MissingSource => "missing-source", "A rating or rule does not cite its source.";
    MissingTranslation => "missing-translation", "A text lacks its English (`en`) or Japanese (`ja`) version.";
    InvalidEffect => "invalid-effect", "An effect is not exactly one of rating, weight, exclude or note.";
    InvalidCondition => "invalid-condition", "A condition is not exactly one of the documented forms.";
    EmptySelector => "empty-selector", "A selector names no pattern, orchestrator, capacity or hosts.";
    SelectorMatchesNothing => "selector-matches-nothing", "A selector matches no pattern of the rule set.";
    NestingTooDeep => "nesting-too-deep", "A condition is nested deeper than 32 levels.";
    InvalidDefault => "invalid-default", "A question's default does not fit the question.";
    EmptyRuleSet => "empty-rule-set", "The rule set has no patterns, no criteria or no questions.";
    UnusedOption => "unused-option", "No rule or question ever reads this option.";
    InvalidAnswer => "invalid-answer", "An answer (in a file or `--set`) does not fit its question.";
    MissingPrice => "missing-price", "A Region lacks a required price or discount, or the pricing has no instance type or Fargate size for it.";
    InvalidPrice => "invalid-price", "A price is negative or not a number, or a discount factor is not in (0, 1].";
    MissingAsOf => "missing-as-of", "A price or discount does not say when it was seen: `as_of` is missing or not `YYYY-MM-DD` / `YYYY-MM`.";
    MissingRegion => "missing-region", "The `region` question offers a Region that `[pricing]` does not price.";
    UnknownRegion => "unknown-region", "An instance, control-plane or fee price names a Region that has no `[[pricing.region]]` entry.";
    UnknownInstanceType => "unknown-instance-type", "A management fee names an instance type that has no `[[pricing.instance_type]]` entry.";
    UnknownPriceKey => "unknown-price-key", "A pattern's cost recipe names a control plane or management fee that `[pricing]` does not define.";
    CostRecipeMismatch => "cost-recipe-mismatch", "A cost recipe key does not fit its compute kind: `management_fee` or `node_reserve` with `compute = \"fargate\"`, a Fargate key with `compute = \"ec2\"`, or `compute = \"ec2\"` without `node_reserve`.";
    UnknownSource => "unknown-source", "A `source` cites an id that no `[[source]]` entry of the catalogue defines.";
    InvalidSource => "invalid-source", "A `[[source]]` entry has an empty publisher, a date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a URL that is not a plain `https://` or `http://` address.";
    PatternNeverWins => "pattern-never-wins", "A pattern wins none of the answer sets `rules check` tries (a seeded sample and a local search); `rules reach` counts its wins over every answer set.";
    ControlCharacter => "control-character", "A text holds a control character (other than a line feed or a tab), a bidi override or a zero-width character.";
    TextTooLong => "text-too-long", "A text or source is longer than 4,000 characters.";
    FileTooLarge => "file-too-large", "A rule file is larger than 1 MiB, or a rules directory's files together larger than 8 MiB.";
    TooManyEntries => "too-many-entries", "A rule set has more patterns, criteria, questions, ratings or rules, or a question more options, or a rule more effects, than the limits allow.";
    WeightOutOfRange => "weight-out-of-range", "A criterion's base weight is above 1,000.";
    FactorOutOfRange => "factor-out-of-range", "A weight factor is above 100, or the rules together can multiply one weight by more than 1,000,000.";
    PriceOutOfRange => "price-out-of-range", "A price is above 1,000,000 USD per unit.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a diagnostic points: a file and, when known, a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file in the [`SourceMap`].
    pub file: FileId,
    /// Byte range inside the file, if the problem has a position.
    pub span: Option<Range<usize>>,
}

/// One problem in the user's input, with a stable code and a location.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `unknown-question`.
    pub code: Code,
    /// What is wrong, lowercase, identifiers in backticks, in both languages.
    pub message: Message,
    /// Where, if the problem is in a file.
    pub location: Option<Location>,
    /// A hint: what is allowed, or ``did you mean `x`?``.
    pub help: Option<Message>,
}

impl Diagnostic {
    /// An error with a code and message, no location yet.
    pub fn error(code: Code, message: Message) -> Self {
        Self { severity: Severity::Error, code, message, location: None, help: None }
    }

    /// A warning with a code and message, no location yet.
    pub fn warning(code: Code, message: Message) -> Self {
        Self { severity: Severity::Warning, code, message, location: None, help: None }
    }

    /// Points the diagnostic at a byte range of a file.
    #[must_use]
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.location = Some(Location { file, span: Some(span) });
        self
    }

    /// Points the diagnostic at a whole file.
    #[must_use]
    pub fn in_file(mut self, file: FileId) -> Self {
        self.location = Some(Location { file, span: None });
        self
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` (or just the file) for this diagnostic.
    pub fn position(&self, sources: &SourceMap) -> Option<String> {
        let loc = self.location.as_ref()?;
        let name = sources.name(loc.file);
        Some(match &loc.span {
            Some(span) => {
                let (line, col) = sources.line_col(loc.file, span.start);
                format!("{name}:{line}:{col}")
            }
            None => name.to_owned(),
        })
    }
}

/// Sorts diagnostics by file, then position, then code, so reports are stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.location.as_ref().map(|l| (l.file.0, l.span.as_ref().map_or(0, |s| s.start)));
        key(a).cmp(&key(b)).then(a.code.cmp(&b.code)).then(a.message.cmp(&b.message))
    });
}

/// At most this many diagnostics are rendered; the rest are counted ("and 9,812 more").
pub const MAX_RENDERED: usize = 50;

/// A source excerpt longer than this many lines shows only its first line.
const MAX_EXCERPT_LINES: usize = 12;

/// Renders diagnostics the way rustc does: a header with the code, the path with
/// line and column, the source line and a caret under the problem. The message and
/// the help are in `lang`; the code, the position and the caret are the same in both.
///
/// Linear in the size of the input: each diagnostic renders only the lines it points
/// at (never the whole file), and past [`MAX_RENDERED`] (errors first) the rest are
/// only counted. User text (messages, file names, source lines) reaches the output
/// with control and invisible characters escaped.
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool, lang: Lang) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for diagnostic in shown(diagnostics) {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape::terminal(diagnostic.message.get(lang), false);
        let title = level.primary_title(message).id(diagnostic.code.as_str());
        let mut group = Group::with_title(title);
        let (excerpt, name);
        match &diagnostic.location {
            Some(Location { file, span: Some(span) }) => {
                let text = sources.text(*file);
                let span = clamp_span(text, span);
                let (first_line, start, end) = sources.excerpt(*file, &span, MAX_EXCERPT_LINES);
                excerpt = escape_source(&text[start..end]);
                name = escape::terminal_line(sources.name(*file));
                let local = local_span(&text[start..end], span.start - start, span.end.min(end) - start);
                group = group.element(
                    Snippet::source(excerpt.as_str())
                        .line_start(first_line)
                        .path(name.as_ref())
                        .fold(true)
                        .annotation(AnnotationKind::Primary.span(local)),
                );
            }
            Some(Location { file, span: None }) => {
                name = escape::terminal_line(sources.name(*file));
                group = group.element(annotate_snippets::Origin::path(name.as_ref()));
            }
            None => {}
        }
        let mut report = vec![group];
        let help = diagnostic.help.as_ref().map(|h| escape::terminal(h.get(lang), false));
        if let Some(help) = &help {
            report.push(Group::with_title(Level::HELP.secondary_title(help.as_ref())));
        }
        out.push_str(&renderer.render(&report));
        out.push('\n');
    }
    let hidden = diagnostics.len().saturating_sub(MAX_RENDERED);
    if hidden > 0 {
        let count = crate::i18n::thousands(hidden as u64);
        let more = if hidden == 1 {
            crate::msg!(
                "… and {count} more diagnostic not shown (the first {MAX_RENDERED}, errors first, are above)",
                "…ほか {count} 件の診断は表示していません（上はエラーを優先した最初の {MAX_RENDERED} 件）"
            )
        } else {
            crate::msg!(
                "… and {count} more diagnostics not shown (the first {MAX_RENDERED}, errors first, are above)",
                "…ほか {count} 件の診断は表示していません（上はエラーを優先した最初の {MAX_RENDERED} 件）"
            )
        };
        out.push_str(more.get(lang));
        out.push_str("\n\n");
    }
    out
}

/// The diagnostics to render, in their order: all of them up to [`MAX_RENDERED`], else
/// the first errors, then the first warnings if room is left.
fn shown(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    if diagnostics.len() <= MAX_RENDERED {
        return diagnostics.iter().collect();
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count().min(MAX_RENDERED);
    let mut warnings = MAX_RENDERED - errors;
    let mut errors_left = errors;
    diagnostics
        .iter()
        .filter(|d| {
            let budget = if d.is_error() { &mut errors_left } else { &mut warnings };
            let keep = *budget > 0;
            *budget = budget.saturating_sub(1);
            keep
        })
        .collect()
}

/// A source excerpt with control and invisible characters replaced one for one by `�`
/// (so the caret stays under the right column); tabs and line breaks are kept.
fn escape_source(text: &str) -> String {
    text.chars()
        .map(|c| {
            if (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || escape::is_invisible(c) { '\u{fffd}' } else { c }
        })
        .collect()
}

/// The byte span in the escaped excerpt for a byte span in the original one.
fn local_span(original: &str, start: usize, end: usize) -> Range<usize> {
    let map = |offset: usize| -> usize {
        original[..offset]
            .chars()
            .map(|c| {
                if (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || escape::is_invisible(c) {
                    '\u{fffd}'.len_utf8()
                } else {
                    c.len_utf8()
                }
            })
            .sum()
    };
    map(start)..map(end.max(start))
}

/// Keeps a span inside the text and on character boundaries.
fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Counts errors and warnings for the summary line.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// A TOML parse error: the parser's own (English) words, introduced in Japanese.
pub(crate) fn toml_message(err: &toml::de::Error) -> Message {
    let detail = err.message().trim_end();
    crate::msg!("{detail}", "TOML として読めない: {detail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate code {code}");
            assert!(
                code.as_str().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{code} is not kebab-case"
            );
            assert!(!code.description().is_empty());
        }
    }

    #[test]
    fn renders_path_line_column_and_caret() {
        let mut sources = SourceMap::default();
        let file = sources.add("rules/team.toml", "[[rule]]\nid = \"x\"\nwhen = { q = \"nope\", is = true }\n");
        let diag =
            Diagnostic::error(Code::UnknownQuestion, crate::msg!("unknown question `nope`", "不明な質問 `nope`"))
                .at(file, 31..37)
                .with_help(crate::msg!("did you mean `gpu`?", "`gpu` の誤りではないか？"));
        assert_eq!(diag.position(&sources).as_deref(), Some("rules/team.toml:3:14"));
        let text = render(std::slice::from_ref(&diag), &sources, false, Lang::En);
        assert!(text.contains("error[unknown-question]: unknown question `nope`"), "{text}");
        assert!(text.contains("rules/team.toml:3:14"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("did you mean `gpu`?"), "{text}");
        let ja = render(&[diag], &sources, false, Lang::Ja);
        assert!(ja.contains("error[unknown-question]: 不明な質問 `nope`"), "{ja}");
        assert!(ja.contains("rules/team.toml:3:14"), "{ja}");
        assert!(ja.contains("`gpu` の誤りではないか？"), "{ja}");
    }

    #[test]
    fn past_the_cap_errors_come_first_and_the_rest_are_counted() {
        let mut sources = SourceMap::default();
        let file = sources.add("a.toml", "x = 1\n".repeat(200));
        let mut diagnostics: Vec<Diagnostic> = (0..100)
            .map(|i| Diagnostic::warning(Code::UnusedOption, crate::msg!("w{i}", "w{i}")).at(file, i * 6..i * 6 + 1))
            .collect();
        diagnostics
            .push(Diagnostic::error(Code::UnknownQuestion, crate::msg!("the error", "the error")).at(file, 1190..1191));
        let text = render(&diagnostics, &sources, false, Lang::En);
        assert!(text.contains("the error"), "the error is shown although it comes last");
        assert_eq!(text.matches("warning[unused-option]").count(), MAX_RENDERED - 1);
        assert!(text.contains("and 51 more"), "{text}");
        assert!(text.contains("a.toml:199:3"), "{text}");
        assert_eq!(crate::i18n::thousands(9812), "9,812");
        assert_eq!(crate::i18n::thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn clamps_spans_to_char_boundaries() {
        let text = "a = \"日本\"";
        let span = clamp_span(text, &(6..7));
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
}
