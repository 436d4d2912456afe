//! Which format a command writes: `--format` when given, else what the extension of
//! `--output` says, else the command's default; a contradiction between the two is
//! refused (exit 2), and so is an inferred format the command does not write.
//!
//! | extension | format |
//! |---|---|
//! | `.md`, `.markdown` | Markdown (an ADR is Markdown too: `--format adr -o adr.md`) |
//! | `.html`, `.htm` | HTML |
//! | `.json` | JSON |
//! | `.csv` | CSV |
//! | `.toml` | TOML (`questions`) |
//! | `.txt`, none, or any other | the default (the terminal table); any `--format` |

use std::path::Path;

use crate::i18n::Message;
use crate::msg;

/// The kind of file an output format produces, as its extension says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Plain text: the terminal table.
    Text,
    /// Markdown (`.md`, `.markdown`).
    Markdown,
    /// HTML (`.html`, `.htm`).
    Html,
    /// JSON (`.json`).
    Json,
    /// CSV (`.csv`).
    Csv,
    /// TOML (`.toml`).
    Toml,
}

impl FileKind {
    /// The kind an output path's extension names; `None` for no extension or one that
    /// names no format (`.txt`, `.out`).
    pub fn of_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            "toml" => Some(Self::Toml),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "Markdown",
            Self::Html => "HTML",
            Self::Json => "JSON",
            Self::Csv => "CSV",
            Self::Toml => "TOML",
        }
    }
}

/// One format a command writes: its value (the caller's enum), its `--format` name and
/// the kind of file it produces.
#[derive(Debug, Clone)]
pub struct Choice<F> {
    /// The caller's value.
    pub value: F,
    /// What `--format` calls it.
    pub name: String,
    /// The kind of file it is.
    pub kind: FileKind,
}

/// The format to write: `given` (`--format`) when present, checked against the
/// extension of `output`; else the one format whose kind the extension names (the
/// first, e.g. Markdown rather than ADR for `.md`); else `default`.
pub fn resolve<F: Copy + PartialEq>(
    given: Option<F>,
    output: Option<&Path>,
    default: F,
    choices: &[Choice<F>],
) -> Result<F, Message> {
    let inferred = output.filter(|p| *p != Path::new("-")).and_then(|p| FileKind::of_path(p).map(|k| (p, k)));
    let name_of = |value: F| choices.iter().find(|c| c.value == value);
    match (given, inferred) {
        (Some(value), Some((path, kind))) => {
            let Some(choice) = name_of(value) else { return Ok(value) };
            if choice.kind == kind {
                return Ok(value);
            }
            let (format, path, is) = (&choice.name, path.display(), kind.name());
            let suggested = choices.iter().find(|c| c.kind == choice.kind).map_or("", |c| extension(c.kind));
            Err(msg!(
                "`--format {format}` contradicts `--output {path}`, whose extension means {is}; drop `--format` to write {is}, or name the file `*{suggested}`",
                "`--format {format}` と `--output {path}` が矛盾しています（拡張子は {is} を表します）。{is} を書くなら `--format` を外し、そうでなければファイル名を `*{suggested}` にしてください"
            ))
        }
        (None, Some((path, kind))) => match choices.iter().find(|c| c.kind == kind) {
            Some(choice) => Ok(choice.value),
            None => {
                let (path, is) = (path.display(), kind.name());
                let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
                let list = Message::list(&names);
                Err(msg!(
                    "`--output {path}` names a {is} file, which this command does not write; choose `--format` ({list}) or another file name",
                    "`--output {path}` は {is} のファイルですが、このコマンドは {is} を出力しません。`--format`（{list}）を指定するか、別のファイル名にしてください"; list
                ))
            }
        },
        (None, None) => Ok(default),
        (Some(value), None) => Ok(value),
    }
}

fn extension(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Text => ".txt",
        FileKind::Markdown => ".md",
        FileKind::Html => ".html",
        FileKind::Json => ".json",
        FileKind::Csv => ".csv",
        FileKind::Toml => ".toml",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum F {
        Table,
        Markdown,
        Json,
        Adr,
    }

    fn resolve_for(given: Option<F>, output: Option<&str>) -> Result<F, Message> {
        let choices = [
            (F::Table, "table", FileKind::Text),
            (F::Markdown, "markdown", FileKind::Markdown),
            (F::Json, "json", FileKind::Json),
            (F::Adr, "adr", FileKind::Markdown),
        ]
        .map(|(value, name, kind)| Choice { value, name: name.to_owned(), kind });
        resolve(given, output.map(Path::new), F::Table, &choices)
    }

    #[test]
    fn infers_the_format_from_the_extension() {
        assert_eq!(resolve_for(None, Some("review.md")), Ok(F::Markdown));
        assert_eq!(resolve_for(None, Some("out/REVIEW.MARKDOWN")), Ok(F::Markdown));
        assert_eq!(resolve_for(None, Some("r.json")), Ok(F::Json));
        assert_eq!(resolve_for(None, Some("r.txt")), Ok(F::Table));
        assert_eq!(resolve_for(None, Some("r")), Ok(F::Table));
        assert_eq!(resolve_for(None, Some("-")), Ok(F::Table));
        assert_eq!(resolve_for(None, None), Ok(F::Table));
    }

    #[test]
    fn an_explicit_format_that_agrees_is_kept() {
        assert_eq!(resolve_for(Some(F::Adr), Some("adr.md")), Ok(F::Adr));
        assert_eq!(resolve_for(Some(F::Json), Some("x.txt")), Ok(F::Json));
        assert_eq!(resolve_for(Some(F::Json), None), Ok(F::Json));
    }

    #[test]
    fn refuses_a_contradiction_and_a_format_the_command_lacks() {
        let err = resolve_for(Some(F::Json), Some("x.md")).err().map(|m| m.en).unwrap_or_default();
        assert!(err.contains("`--format json` contradicts `--output x.md`"), "{err}");
        assert!(err.contains("`*.json`"), "{err}");
        let err = resolve_for(None, Some("x.csv")).err().map(|m| m.en).unwrap_or_default();
        assert!(err.contains("names a CSV file"), "{err}");
        let err = resolve_for(Some(F::Table), Some("x.html")).err().map(|m| m.en).unwrap_or_default();
        assert!(err.contains("contradicts"), "{err}");
    }
}
