//! The one Markdown escaper, and the small Markdown helpers the catalogue (`rules
//! list`) and the reach report still lay out in Rust. The documents of `recommend`,
//! `compare`, `--versus` and `cost` come from templates (`report::templates`), whose
//! `.md` templates pass every string through [`escape`].

use std::fmt::Write as _;

/// The characters that open markup anywhere in a line: HTML and entities' brackets
/// (`<`, `>`, `&`), links and images (`[`, `]`), code spans, emphasis and strike-through,
/// headings, table cells, math on GitHub (`$`), and the escape character itself.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '$'];

/// The one Markdown escaper, safe in every position (a table cell, a list item, a
/// heading, running text): the text on one line, trimmed (every line break a reader
/// might honour, `\r` alone included, becomes a space, and other control characters
/// are dropped), with a backslash before each character that opens markup and before a
/// block marker at its start (`-`, `+`, `=`, `1.`, `1)`). So rule text cannot start a
/// row, a heading, a list or a code block, open raw HTML, or make a link.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_control() && c != '\t' {
            // Dropped: nothing a reader should see.
        } else {
            if SPECIAL.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    escape_leading(&out)
}

/// Escapes a block marker at the start of escaped text that may begin a line: a list
/// bullet, setext underline or thematic break (`-`, `+`, `=`) or an ordered-list
/// number (`1. `, `1)`), which the inline escapes leave alone. A number such as `4.5`
/// starts no list and is left as it is.
fn escape_leading(s: &str) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let mut after = s[digits..].chars();
    if (1..=9).contains(&digits)
        && matches!(after.next(), Some('.' | ')'))
        && after.next().is_none_or(|c| c == ' ' || c == '\t')
    {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    match s.chars().next() {
        Some('-' | '+' | '=') => format!("\\{s}"),
        _ => s.to_owned(),
    }
}

/// ` (text)` in English, `（text）` in Japanese (no space before a full-width bracket).
pub(crate) fn paren(lang: crate::model::Lang, text: &str) -> String {
    lang.pick(" (", "（").to_owned() + text + lang.pick(")", "）")
}

/// An inline code span that shows `s` whatever backticks it holds (on one line).
pub fn code(s: &str) -> String {
    let mut line = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\t' {
            if !line.ends_with(' ') {
                line.push(' ');
            }
        } else {
            line.push(c);
        }
    }
    let longest = line.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if line.starts_with('`') || line.ends_with('`') || line.is_empty() { " " } else { "" };
    format!("{fence}{pad}{line}{pad}{fence}")
}

pub(crate) fn table_row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

pub(crate) fn table_head(out: &mut String, head: &[&str], right: &[bool]) {
    table_row(out, &head.iter().map(|h| escape(h)).collect::<Vec<_>>());
    let rule: Vec<String> = right.iter().map(|r| if *r { "---:".to_owned() } else { "---".to_owned() }).collect();
    table_row(out, &rule);
}

/// The catalogue documents a report cites, each a link: `- [Title](url), Publisher, date`.
pub(super) fn sources_section(out: &mut String, sources: &[crate::model::Source], lang: crate::model::Lang) {
    if sources.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", lang.pick("Sources", "出典"));
    for s in sources {
        // The URL is checked by validation (`invalid-source`): plain, no brackets or spaces.
        let _ = writeln!(out, "- [{}]({}), {}, {}", escape(s.title.get(lang)), s.url, escape(&s.publisher), s.date);
    }
}

/// A five-step bar for a 1..5 rating, e.g. `■■■■□`.
pub fn bar(rating: f64) -> String {
    let filled = rating.round().clamp(0.0, 5.0) as usize;
    format!("{}{}", "■".repeat(filled), "□".repeat(5 - filled))
}

/// A source as inline Markdown: escaped text, with each `http(s)` URL as an autolink
/// (`<https://…>`, which markdownlint prefers to a bare URL).
pub fn source(s: &str) -> String {
    let line: String = s.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let words: Vec<String> = line
        .split(' ')
        .enumerate()
        .map(|(i, word)| match url_prefix(word) {
            Some(url) => format!("<{url}>{}", escape_rest(&word[url.len()..])),
            // Only the first word can start a line.
            None if i == 0 => escape(word),
            None => escape_rest(word),
        })
        .collect();
    words.join(" ")
}

/// A word after the first: the one escaper, without its start-of-line rule.
fn escape_rest(s: &str) -> String {
    let escaped = escape(s);
    match escaped.strip_prefix('\\') {
        Some(rest) if rest.starts_with(['-', '+', '=']) => rest.to_owned(),
        _ => escaped,
    }
}

/// The URL at the start of a word, without trailing punctuation, when it is one an
/// autolink can hold unchanged.
fn url_prefix(word: &str) -> Option<&str> {
    if !(word.starts_with("https://") || word.starts_with("http://")) {
        return None;
    }
    let end = word.find(|c: char| !c.is_ascii_graphic() || "<>\"'`()[]{}|\\^".contains(c)).unwrap_or(word.len());
    let url = word[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    (url.len() > "https://".len()).then_some(url)
}

/// A criterion name inside an English sentence: `Cost` → `cost`, but `GPU support`
/// stays as it is.
pub fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_escaper_for_cells_lists_and_headings() {
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(escape("x\r\r## heading\r| y"), "x \\#\\# heading \\| y", "a lone CR starts no row or heading");
        assert_eq!(escape("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>");
        assert_eq!(escape("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(escape("<script>*x*</script>"), "\\<script\\>\\*x\\*\\</script\\>");
        assert_eq!(escape("  - item"), "\\- item");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("2)"), "2\\)");
        assert_eq!(escape("0.1.0"), "0.1.0", "a version starts no list");
        assert_eq!(escape("# title"), "\\# title");
        assert_eq!(escape("&lt;b&gt;"), "\\&lt;b\\&gt;");
        assert_eq!(escape("a\u{7}b"), "ab");
        assert_eq!(code("a`b\n`c"), "``a`b `c``");
        assert_eq!(bar(4.0), "■■■■□");
    }

    #[test]
    fn sources_autolink_plain_urls_only() {
        assert_eq!(
            source("docs §4 [S13]; https://docs.aws.amazon.com/x.md (seen 2026-11-23)"),
            "docs §4 \\[S13\\]; <https://docs.aws.amazon.com/x.md> (seen 2026-11-23)"
        );
        assert_eq!(source("see https://a.example/b."), "see <https://a.example/b>.");
        assert_eq!(source("[x](https://evil)"), "\\[x\\](https://evil)");
        assert_eq!(source("https://a.example/<script>"), "<https://a.example/>\\<script\\>");
        assert_eq!(source("https://"), "https://");
        assert_eq!(lower_first("Fault recovery"), "fault recovery");
        assert_eq!(lower_first("GPU support"), "GPU support");
    }
}
