//! Validation of the source catalogue (`[[source]]`) and of the citations in every
//! `source` string: each cited id must name a catalogue entry (`unknown-source`).

use std::ops::Range;

use toml::Spanned;

use crate::diag::FileId;
use crate::diag::{Code, Diagnostic};
use crate::load::ParsedFile;
use crate::model::raw::RawSource;
use crate::model::source::{Catalogue, Source, citations};
use crate::msg;
use crate::suggest::did_you_mean;

use super::Validator;
use super::merge::{Entry, merge};

impl Validator {
    /// Builds the catalogue from every `[[source]]` entry (later layers replace earlier
    /// ones by id).
    pub(super) fn catalogue(&mut self, files: &[ParsedFile]) -> Catalogue {
        let entries =
            merge(files, |f| &f.source, |s: &RawSource| s.id.clone(), &msg!("source", "出典"), &mut self.diagnostics);
        Catalogue::new(entries.iter().filter_map(|e| self.source_entry(e)).collect())
    }

    fn source_entry(&mut self, entry: &Entry<'_, RawSource>) -> Option<Source> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        self.id(file, &raw.id, &msg!("source", "出典"));
        let id = raw.id.get_ref();
        let what = msg!("source `{id}`", "出典 `{id}`");
        let title = self.text(file, &raw.title, &what);
        let mut valid = true;
        if raw.publisher.get_ref().trim().is_empty() {
            valid = false;
            self.error(
                Code::InvalidSource,
                file,
                raw.publisher.span(),
                msg!("{what}: `publisher` is empty", "{what}: `publisher` が空です"; what),
            );
        }
        if !is_date(raw.date.get_ref()) {
            valid = false;
            let date = raw.date.get_ref();
            self.error(
                Code::InvalidSource,
                file,
                raw.date.span(),
                msg!(
                    "{what}: `date` must be `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, got `{date}`",
                    "{what}: `date` は `YYYY`、`YYYY-MM`、`YYYY-MM-DD` のいずれかで書いてください（指定値: `{date}`）"; what
                ),
            );
        }
        if !is_plain_url(raw.url.get_ref()) {
            valid = false;
            self.error(
                Code::InvalidSource,
                file,
                raw.url.span(),
                msg!(
                    "{what}: `url` must be a plain `https://` or `http://` address without spaces, quotes, brackets or control characters",
                    "{what}: `url` には空白、引用符、括弧、制御文字を含まない `https://` か `http://` のアドレスを書いてください"; what
                ),
            );
        }
        Some(Source {
            id: id.as_str().into(),
            title: title?,
            publisher: raw.publisher.get_ref().trim().into(),
            date: raw.date.get_ref().as_str().into(),
            url: raw.url.get_ref().as_str().into(),
            isbn: raw.isbn.as_ref().map(|i| i.get_ref().as_str().into()),
        })
        .filter(|_| valid)
    }
}

/// Reports every citation of `source` whose id the catalogue does not hold. A free
/// function over the two fields it needs, so the validator can lend its catalogue and
/// its diagnostics at once.
pub(super) fn check_citations(
    diagnostics: &mut Vec<Diagnostic>,
    catalogue: &Catalogue,
    file: FileId,
    source: &Spanned<String>,
) {
    let text = source.get_ref();
    for citation in citations(text) {
        if catalogue.get(citation.id).is_some() {
            continue;
        }
        let id = citation.id;
        let known: Vec<&str> = catalogue.all().iter().map(|s| s.id.as_str()).collect();
        let diagnostic =
            Diagnostic::error(Code::UnknownSource, msg!("unknown source `{id}`", "不明な出典 `{id}` です"))
                .at(file, span_within(source, citation.offset, id.len()));
        diagnostics.push(match did_you_mean(id, &known) {
            Some(near) => diagnostic.with_help(msg!("did you mean `{near}`?", "`{near}` の誤りではありませんか？")),
            None => diagnostic.with_help(msg!(
                "add a `[[source]]` entry with this id (title, publisher, date, url) to a `sources.toml`",
                "この ID の `[[source]]`（title、publisher、date、url）を `sources.toml` に追加してください"
            )),
        });
    }
}

/// The span of `len` bytes at `offset` within a TOML string value, when the string is
/// written without escapes (the usual case); else the whole value.
fn span_within(value: &Spanned<String>, offset: usize, len: usize) -> Range<usize> {
    let span = value.span();
    // A basic or literal string: one quote, then the text as written.
    if span.end - span.start == value.get_ref().len() + 2 {
        let start = span.start + 1 + offset;
        start..start + len
    } else {
        span
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
fn is_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&number(m))
                && (1..=31).contains(&number(d))
        }
        _ => false,
    }
}

/// An `https://` or `http://` URL with a host and nothing that could break out of a
/// Markdown link or an HTML attribute.
fn is_plain_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && url.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '(' | ')' | '\\' | '`'))
}

#[cfg(test)]
mod tests {
    use super::{is_date, is_plain_url};

    #[test]
    fn dates_need_a_real_month_and_day() {
        assert!(is_date("2026") && is_date("2026-11") && is_date("2026-11-26"));
        assert!(!is_date("2026-13") && !is_date("26-11") && !is_date("2026-11-32") && !is_date("soon"));
    }

    #[test]
    fn urls_must_be_plain_web_addresses() {
        assert!(is_plain_url("https://docs.aws.amazon.com/eks/latest/userguide/fargate.html"));
        assert!(is_plain_url("https://qiita.com/inetcpl/items/785c984c68b88b266fb4"));
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "https://a b",
            "https://x/\")",
            "ftp://x",
            "https://x/<img>",
        ] {
            assert!(!is_plain_url(bad), "{bad}");
        }
    }
}
