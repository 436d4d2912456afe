//! The Markdown of an ADR: a document as blocks joined by exactly one blank line, and
//! escaping that keeps rule, answer and pattern text plain text.
//!
//! Whatever a rule file says, it cannot open a heading, a list, a link, an image, a
//! table cell, a code span or an HTML tag here: line breaks become spaces, the
//! characters of [`inline`] plus `&`, `~` and `$` are backslash-escaped, and a leading
//! block marker (`-`, `+`, `1.`) is escaped too. The only links are `http(s)` URLs in
//! sources, shown as autolinks whose text is the URL itself.

use crate::model::Lang;

/// A Markdown document: front matter, headings, paragraphs, lists and code blocks,
/// each separated from the next by one blank line and ended by one newline, as
/// markdownlint (which MADR uses) expects.
#[derive(Debug, Default)]
pub(super) struct Doc {
    blocks: Vec<String>,
}

impl Doc {
    /// A block as written (already Markdown).
    pub(super) fn block(&mut self, markdown: impl Into<String>) {
        let markdown = markdown.into();
        if !markdown.is_empty() {
            self.blocks.push(markdown);
        }
    }

    /// An ATX heading; `title` is already Markdown.
    pub(super) fn heading(&mut self, level: usize, title: &str) {
        self.blocks.push(format!("{} {title}", "#".repeat(level)));
    }

    /// A bullet list in MADR's style (`* item`); items are already Markdown. Nothing
    /// for no items.
    pub(super) fn list(&mut self, items: impl IntoIterator<Item = String>) {
        let items: Vec<String> = items.into_iter().map(|item| format!("* {item}")).collect();
        if !items.is_empty() {
            self.blocks.push(items.join("\n"));
        }
    }

    /// A fenced code block.
    pub(super) fn code_block(&mut self, language: &str, body: &str) {
        let longest = longest_run(body, '`').max(2);
        let fence = "`".repeat(longest + 1);
        self.blocks.push(format!("{fence}{language}\n{}\n{fence}", body.trim_end()));
    }

    /// The document.
    pub(super) fn finish(self) -> String {
        let mut out = self.blocks.join("\n\n");
        out.push('\n');
        out
    }
}

/// Text from rules, answers or names as inline Markdown that shows exactly that text.
pub(super) fn text(s: &str) -> String {
    crate::report::markdown::escape(s)
}

/// An inline code span that shows `s` whatever backticks it holds.
pub(super) fn code(s: &str) -> String {
    crate::report::markdown::code(s)
}

/// A source as inline Markdown: escaped text, with each `http(s)` URL as an autolink
/// (`<https://…>`, which markdownlint prefers to a bare URL).
pub(super) fn source(s: &str) -> String {
    let words: Vec<String> = one_line(s)
        .split(' ')
        .enumerate()
        .map(|(i, word)| match url_prefix(word) {
            Some(url) => format!("<{url}>{}", escape_rest(&word[url.len()..])),
            // Only the first word can start a line.
            None if i == 0 => text(word),
            None => escape_rest(word),
        })
        .collect();
    words.join(" ")
}

/// `a`, `a and b`, `a, b and c`; in Japanese `a`, `a と b`, `a、b、c`.
/// A catalogue document as a Markdown link with its publisher and date. The URL was
/// checked by validation (`invalid-source`), so it cannot close the link early.
pub(super) fn citation(s: &crate::model::Source, lang: Lang) -> String {
    format!("[{}]({}), {}, {}", text(s.title.get(lang)), s.url, text(&s.publisher), text(&s.date))
}

pub(super) fn join(lang: Lang, items: &[String]) -> String {
    match (lang, items) {
        (_, []) => String::new(),
        (_, [one]) => one.clone(),
        (Lang::Ja, [a, b]) => format!("{a} と {b}"),
        (Lang::Ja, _) => items.join("、"),
        (Lang::En, [init @ .., last]) => format!("{} and {last}", init.join(", ")),
    }
}

/// A criterion name inside an English sentence: `Cost` → `cost`, but `GPU support`
/// stays as it is.
pub(super) fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

/// True for an ISO 8601 calendar date, `YYYY-MM-DD`.
pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    shaped
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

/// A word for a POSIX shell: as it is when it needs no quoting, else single-quoted.
pub(super) fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./,=:@%+".contains(c)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The text on one line, as the escaper leaves it (control characters and line breaks
/// become at most one space).
fn one_line(s: &str) -> String {
    s.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// A word after an autolink: the one escaper, without its start-of-line rule (the
/// word is not at the start of a line).
fn escape_rest(s: &str) -> String {
    let escaped = crate::report::markdown::escape(s);
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

fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_open_markup() {
        assert_eq!(text("# heading"), "\\# heading");
        assert_eq!(text("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(text("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(text("a\n# b\r\n- c"), "a \\# b - c");
        assert_eq!(text("a\r```\rb"), "a \\`\\`\\` b");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("12. item"), "12\\. item");
        assert_eq!(text("&lt; ~~x~~ $1$"), "\\&lt; \\~\\~x\\~\\~ \\$1\\$");
        assert_eq!(text("6–30"), "6–30");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("rule-id"), "`rule-id`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
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
    }

    #[test]
    fn joins_read_naturally() {
        let items = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(join(Lang::En, &items(1)), "1");
        assert_eq!(join(Lang::En, &items(2)), "1 and 2");
        assert_eq!(join(Lang::En, &items(3)), "1, 2 and 3");
        assert_eq!(join(Lang::Ja, &items(2)), "1 と 2");
        assert_eq!(join(Lang::Ja, &items(3)), "1、2、3");
        assert_eq!(lower_first("Fault recovery"), "fault recovery");
        assert_eq!(lower_first("GPU support"), "GPU support");
    }

    #[test]
    fn dates_and_shell_words() {
        assert!(is_iso_date("2026-11-23"));
        for bad in ["2026-13-01", "2026-11-32", "2026-11-00", "26-11-23", "2026-11-23\nstatus: x", "2026/11/23"] {
            assert!(!is_iso_date(bad), "{bad}");
        }
        assert_eq!(shell_word("k8s_in_use=production"), "k8s_in_use=production");
        assert_eq!(shell_word("a b's"), r"'a b'\''s'");
    }

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let mut doc = Doc::default();
        doc.heading(1, "T");
        doc.list(Vec::<String>::new());
        doc.list(["a".to_owned(), "b".to_owned()]);
        doc.code_block("sh", "x\n");
        assert_eq!(doc.finish(), "# T\n\n* a\n* b\n\n```sh\nx\n```\n");
    }
}
