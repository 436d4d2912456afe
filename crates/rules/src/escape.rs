//! Text that came from a user or a rule file, made safe for where it goes: a terminal
//! (no escape sequence, no bidi reordering, no invisible character) or a TOML comment
//! (one `# ` per line, so a text cannot end the comment and add a key).
//!
//! Markdown has its own escaper (`report::markdown::escape`), HTML is escaped by its
//! templates and CSV cells by `report::csv`. This module does no I/O.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters that reorder or hide text without being visible themselves: the bidi
/// embeddings, overrides and isolates, the directional marks, and the zero-width
/// characters (Trojan Source, CVE-2021-42574).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// True for a character rule text must not hold: a control character other than a
/// line feed or a tab (C0, DEL, C1), or an invisible one ([`is_invisible`]).
pub fn is_forbidden_in_text(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible(c)
}

/// Text for a terminal: every control character except the line feed, and every
/// invisible character, is written as a visible escape (`\u{1b}`, `\r`, `\t`).
/// With `keep_colour`, the SGR colour sequences this program writes itself
/// (`ESC [ digits ; … m`) are kept; every other escape sequence is still shown.
pub fn terminal(text: &str, keep_colour: bool) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' && keep_colour {
            let sgr = sgr_len(rest);
            if sgr > 0 {
                out.push_str(&rest[..sgr]);
                rest = &rest[sgr..];
                continue;
            }
        }
        if c == '\n' {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// One line for a terminal: like [`terminal`] without colour, and line breaks escaped too.
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c) || c == '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible(c)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// The length of an SGR sequence (`ESC [ 0-9;: … m`) at the start of `s`, or 0.
fn sgr_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    if bytes.len() < 3 || bytes[0] != 0x1b || bytes[1] != b'[' {
        return 0;
    }
    for (i, b) in bytes.iter().enumerate().skip(2).take(64) {
        match b {
            b'0'..=b'9' | b';' | b':' => {}
            b'm' => return i + 1,
            _ => return 0,
        }
    }
    0
}

/// A comment for a TOML file: every line of `text` (split at any line break a reader
/// might honour: `\n`, `\r`, vertical tab, form feed, NEL, U+2028, U+2029) starts with
/// `# `, and other control characters are shown escaped, so the text cannot close the
/// comment and add a key. Ends with a newline.
pub fn toml_comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for line in text.split(['\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}']) {
        out.push('#');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(&terminal_line(line));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coloured_terminal_text_keeps_its_line_breaks() {
        // A coloured report (stdout on a terminal) goes through the escaper whole: its
        // colour is kept, its lines stay lines, and only foreign sequences are shown.
        let text = "\u{1b}[1mTitle\u{1b}[0m\nline two\u{1b}]52;c;x\u{7}\n";
        assert_eq!(terminal(text, true), "\u{1b}[1mTitle\u{1b}[0m\nline two\\u{1b}]52;c;x\\u{7}\n");
        assert_eq!(terminal(text, true).lines().count(), 2);
    }

    #[test]
    fn terminal_text_shows_escape_sequences_instead_of_running_them() {
        let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{1b}[2J\r\u{202e}c\u{200b}d";
        let safe = terminal(hostile, false);
        assert!(!safe.chars().any(|c| c.is_control() || is_invisible(c)), "{safe}");
        assert_eq!(safe, "a\\u{1b}]52;c;ZXZpbA==\\u{7}b\\u{1b}[2J\\r\\u{202e}c\\u{200b}d");
        assert_eq!(terminal("日本語\nline", false), "日本語\nline");
    }

    #[test]
    fn colour_is_kept_only_as_sgr() {
        assert_eq!(terminal("\u{1b}[1;32mok\u{1b}[0m", true), "\u{1b}[1;32mok\u{1b}[0m");
        assert_eq!(terminal("\u{1b}]0;title\u{7}", true), "\\u{1b}]0;title\\u{7}");
        assert_eq!(terminal("\u{1b}[2J", true), "\\u{1b}[2J");
    }

    #[test]
    fn toml_comments_prefix_every_line() {
        let text = "Which Region?\nregion = \"us-east-1\"\r[x]\u{2028}y = 1";
        let comment = toml_comment(text);
        assert!(comment.lines().all(|l| l.starts_with('#')), "{comment}");
        let parsed: toml::Table = toml::from_str(&comment).unwrap_or_default();
        assert!(parsed.is_empty());
        assert_eq!(toml_comment(""), "#\n");
    }

    #[test]
    fn rule_text_may_hold_line_feeds_and_tabs_only() {
        assert!(!is_forbidden_in_text('\n'));
        assert!(!is_forbidden_in_text('\t'));
        assert!(!is_forbidden_in_text('日'));
        for c in ['\r', '\u{1b}', '\u{7}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}'] {
            assert!(is_forbidden_in_text(c), "{c:?}");
        }
    }
}
