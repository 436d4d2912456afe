//! The source catalogue: every public document a rating, rule or price cites, and the
//! citations (`"<id>"` or `"<id> §<section>"`, several joined by `; `) that point into it.
//!
//! Pure data and parsing; validation that every cited id exists is `validate`'s job.

use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Serialize, Serializer};

use crate::model::{Lang, Str, Text};

/// One public document of the catalogue (`[[source]]` in `sources.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct Source {
    /// Stable kebab-case id, cited by rules.
    pub id: Str,
    /// Title in both languages.
    pub title: Text,
    /// Who published it.
    pub publisher: Str,
    /// Publication date, or the date of the version read: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Str,
    /// Where to read it (`https://` or `http://`).
    pub url: Str,
    /// ISBN, for books.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isbn: Option<Str>,
}

impl Serialize for Source {
    /// Every field; a missing ISBN is left out of JSON (`skip_serializing_if` cannot be
    /// used: the binary form of the embedded rules, `embedded`, needs every field).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let skip_isbn = self.isbn.is_none() && serializer.is_human_readable();
        let mut fields = serializer.serialize_struct("Source", if skip_isbn { 5 } else { 6 })?;
        fields.serialize_field("id", &self.id)?;
        fields.serialize_field("title", &self.title)?;
        fields.serialize_field("publisher", &self.publisher)?;
        fields.serialize_field("date", &self.date)?;
        fields.serialize_field("url", &self.url)?;
        if skip_isbn {
            fields.skip_field("isbn")?;
        } else {
            fields.serialize_field("isbn", &self.isbn)?;
        }
        fields.end()
    }
}

/// One reference of a `source` string: a catalogue id and an optional locator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation<'a> {
    /// The catalogue id.
    pub id: &'a str,
    /// Where in the document (`§3.2`, `§Chapter 1`), without the `§`.
    pub locator: Option<&'a str>,
    /// Byte offset of the id within the `source` string.
    pub offset: usize,
}

/// Splits a `source` string into its citations: `"a §1; b"` → `a` at `1`, `b`.
/// Empty parts are skipped.
pub fn citations(source: &str) -> Vec<Citation<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in source.split(';') {
        let trimmed = part.trim_start();
        let offset = start + (part.len() - trimmed.len());
        start += part.len() + 1;
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        let (id, rest) = trimmed.split_once(char::is_whitespace).unwrap_or((trimmed, ""));
        let locator = rest.trim().trim_start_matches('§').trim();
        out.push(Citation { id, locator: (!locator.is_empty()).then_some(locator), offset });
    }
    out
}

/// The sources of a rule set, sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    sources: Vec<Source>,
}

impl Catalogue {
    /// A catalogue of these sources.
    pub fn new(mut sources: Vec<Source>) -> Self {
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        Catalogue { sources }
    }

    /// The source with this id.
    pub fn get(&self, id: &str) -> Option<&Source> {
        self.sources.binary_search_by(|s| s.id.as_str().cmp(id)).ok().map(|i| &self.sources[i])
    }

    /// Every source, by id.
    pub fn all(&self) -> &[Source] {
        &self.sources
    }

    /// A `source` string for people: each id replaced by its title in `lang`, locators
    /// kept (`"AWS Fargate (Amazon EKS User Guide) §Considerations; …"`). An id the
    /// catalogue does not hold is shown as written.
    pub fn cite(&self, source: &str, lang: Lang) -> String {
        let mut out = String::with_capacity(source.len() * 2);
        for c in citations(source) {
            if !out.is_empty() {
                out.push_str("; ");
            }
            match self.get(c.id) {
                Some(s) => {
                    out.push_str(s.title.get(lang));
                    if let Some(at) = c.locator {
                        out.push_str(" §");
                        out.push_str(at);
                    }
                }
                // Not a catalogue id (a figure the code cites by itself): as written.
                None => out.push_str(source[c.offset..].split(';').next().unwrap_or_default().trim()),
            }
        }
        out
    }

    /// The catalogue entries a set of `source` strings cite, each once, by id.
    pub fn cited<'a>(&self, sources: impl IntoIterator<Item = &'a str>) -> Vec<Source> {
        let mut ids: Vec<&str> = sources.into_iter().flat_map(|s| citations(s).into_iter().map(|c| c.id)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|id| self.get(id)).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str, en: &str) -> Source {
        Source {
            id: id.into(),
            title: Text::new(en, format!("{en}（日本語）")),
            publisher: "P".into(),
            date: "2026".into(),
            url: "https://example.com/".into(),
            isbn: None,
        }
    }

    #[test]
    fn splits_ids_and_locators_with_offsets() {
        let cs = citations("book §Chapter 1;  aws-x ; ;qiita §ECS と EKS");
        let ids: Vec<_> = cs.iter().map(|c| (c.id, c.locator, c.offset)).collect();
        assert_eq!(
            ids, // Byte offsets: `§` is two bytes in UTF-8.
            vec![("book", Some("Chapter 1"), 0), ("aws-x", None, 19), ("qiita", Some("ECS と EKS"), 28)]
        );
    }

    #[test]
    fn cites_titles_in_the_language_and_keeps_unknown_ids() {
        let catalogue = Catalogue::new(vec![source("b", "Bee"), source("a", "Ay")]);
        assert_eq!(catalogue.cite("a §2; zz top (x); b", Lang::En), "Ay §2; zz top (x); Bee");
        assert_eq!(catalogue.cite("a", Lang::Ja), "Ay（日本語）");
        let cited: Vec<_> = catalogue.cited(["b; a", "a §1", "zz"]).into_iter().map(|s| s.id).collect();
        assert_eq!(cited, vec!["a", "b"]);
    }
}
