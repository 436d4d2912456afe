//! What the process environment says, read once by the binary and passed in: the
//! library itself never calls `std::env`.

use crate::i18n::Lang;
use crate::report::RenderOptions;
use crate::report::adr::date::iso_date;
use crate::state::SavedAnswers;

/// The environment variables and terminal facts that change what a command does.
/// Built once in `main` ([`Environment::from_vars`] with `std::env::var`, plus the
/// terminal checks); tests build one with whatever they need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // each is one fact of the environment, read once
pub struct Environment {
    /// `COLUMNS`, when it is a positive number.
    pub columns: Option<u16>,
    /// The width of the terminal on stdout, when there is one (the binary measures it).
    pub terminal_width: Option<u16>,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// `TERM=dumb`: no colour and no interactive questionnaire.
    pub dumb_terminal: bool,
    /// The locale (`LC_ALL`, `LC_CTYPE`, `LANG`) says UTF-8; else tables use ASCII borders.
    pub utf8: bool,
    /// The language of the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub locale_lang: Lang,
    /// `SOURCE_DATE_EPOCH`, when set and not blank (checked when a document needs a date).
    pub source_date_epoch: Option<String>,
    /// Where an interrupted questionnaire keeps its answers (`XDG_STATE_HOME`, `HOME`).
    pub saved_answers: Option<SavedAnswers>,
    /// Seconds since the epoch, now (the binary reads the clock; renderers never do).
    pub now: i64,
    /// stdin is a terminal.
    pub stdin_terminal: bool,
    /// stdout is a terminal.
    pub stdout_terminal: bool,
    /// stderr is a terminal.
    pub stderr_terminal: bool,
}

impl Environment {
    /// Reads the variables through `get` (`std::env::var` in the binary). Terminal
    /// facts, the width and the clock are left at their defaults for the caller to set.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Self {
        let utf8 =
            ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|var| get(var).filter(|v| !v.is_empty())).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("utf-8") || v.contains("utf8")
            });
        Self {
            columns: get("COLUMNS").and_then(|c| c.trim().parse::<u16>().ok()).filter(|w| *w > 0),
            terminal_width: None,
            no_color: get("NO_COLOR").is_some_and(|v| !v.is_empty()),
            dumb_terminal: get("TERM").is_some_and(|t| t == "dumb"),
            utf8,
            locale_lang: Lang::from_locale(&get),
            source_date_epoch: get("SOURCE_DATE_EPOCH").filter(|v| !v.trim().is_empty()),
            saved_answers: SavedAnswers::locate(&get),
            now: 0,
            stdin_terminal: false,
            stdout_terminal: false,
            stderr_terminal: false,
        }
    }

    /// Colour on a stream: only a terminal that is not `TERM=dumb`, never with `NO_COLOR`.
    pub fn color_for(&self, stream_is_terminal: bool) -> bool {
        stream_is_terminal && !self.dumb_terminal && !self.no_color
    }

    /// Colour of diagnostics and messages on stderr.
    pub fn stderr_color(&self) -> bool {
        self.color_for(self.stderr_terminal)
    }

    /// True when the questionnaire can be shown: stdin and stderr are a terminal that
    /// is not `TERM=dumb`.
    pub fn can_prompt(&self) -> bool {
        self.stdin_terminal && self.stderr_terminal && !self.dumb_terminal
    }

    /// How to render to stdout: `COLUMNS`, else the terminal's width, else 100.
    pub fn render_options(&self, explain: bool) -> RenderOptions {
        RenderOptions {
            width: self.columns.or(self.terminal_width).filter(|w| *w > 0).unwrap_or(100),
            color: self.color_for(self.stdout_terminal),
            explain,
            date: None,
            ascii: !self.utf8,
            ..RenderOptions::default()
        }
    }

    /// The UTC date a document carries: that of `SOURCE_DATE_EPOCH` (seconds since the
    /// epoch, as reproducible builds set it) when it is set, else today's.
    pub fn document_date(&self) -> Result<String, crate::Message> {
        match &self.source_date_epoch {
            Some(value) => value.trim().parse::<i64>().map(iso_date).map_err(|_| {
                let value = crate::escape::terminal_line(value).into_owned();
                crate::msg!(
                    "`SOURCE_DATE_EPOCH` must be a whole number of seconds since 1970-01-01 UTC, not `{value}`",
                    "`SOURCE_DATE_EPOCH` には 1970-01-01 UTC からの秒数を整数で指定してください（指定値: `{value}`）"
                )
            }),
            None => Ok(iso_date(self.now)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Environment {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Environment::from_vars(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn reads_every_variable_it_needs() {
        let e = env(&[("COLUMNS", "80"), ("NO_COLOR", "1"), ("TERM", "dumb"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(e.columns, Some(80));
        assert!(e.no_color && e.dumb_terminal && e.utf8);
        assert_eq!(e.locale_lang, Lang::Ja);
        assert!(!e.color_for(true));
        assert_eq!(e.render_options(false).width, 80);
    }

    #[test]
    fn empty_no_color_and_zero_columns_are_ignored() {
        let mut e = env(&[("COLUMNS", "0"), ("NO_COLOR", ""), ("LANG", "C")]);
        e.terminal_width = Some(132);
        assert!(e.color_for(true));
        assert!(e.render_options(false).ascii);
        assert_eq!(e.render_options(false).width, 132);
    }

    #[test]
    fn document_date_prefers_source_date_epoch() {
        let mut e = env(&[("SOURCE_DATE_EPOCH", "1763856000")]);
        assert_eq!(e.document_date().ok().as_deref(), Some("2025-11-23"));
        e.source_date_epoch = Some("yesterday".into());
        assert!(e.document_date().is_err());
        e.source_date_epoch = None;
        assert_eq!(e.document_date().ok().as_deref(), Some("1970-01-01"));
    }
}
