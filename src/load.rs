//! Where rules come from: the defaults embedded at build time and rule directories.
//!
//! This module reads files and parses them into `Raw*` values, recording every file's
//! text in a [`SourceMap`] so diagnostics can point at `file:line:col`. It resolves no
//! reference and applies no overlay: `validate` does both.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diag::{Code, Diagnostic};
use crate::i18n::Message;
use crate::model::raw::RawFile;
use crate::msg;
use crate::validate::limits::{MAX_DIR_BYTES, MAX_FILE_BYTES};

/// The default rule files, embedded in the binary, in load order.
pub const DEFAULT_RULE_FILES: &[(&str, &str)] = &[
    ("advice.toml", include_str!("../rules/advice.toml")),
    ("constraints.toml", include_str!("../rules/constraints.toml")),
    ("criteria.toml", include_str!("../rules/criteria.toml")),
    ("patterns.toml", include_str!("../rules/patterns.toml")),
    ("pricing.toml", include_str!("../rules/pricing.toml")),
    ("priorities.toml", include_str!("../rules/priorities.toml")),
    ("questions.toml", include_str!("../rules/questions.toml")),
    ("ratings.toml", include_str!("../rules/ratings.toml")),
    ("sources.toml", include_str!("../rules/sources.toml")),
    ("team.toml", include_str!("../rules/team.toml")),
    ("workload.toml", include_str!("../rules/workload.toml")),
];

/// Identifies a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

#[derive(Clone)]
struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

/// The text of every file read, so positions can be turned into `line:col`.
#[derive(Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl fmt::Debug for SourceMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.files.iter().map(|s| &s.name)).finish()
    }
}

impl SourceMap {
    /// Records a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        self.files.push(SourceFile { name: name.into(), text, line_starts });
        FileId(self.files.len() - 1)
    }

    /// The name shown for a file (its path, or `<embedded>/…`).
    pub fn name(&self, file: FileId) -> &str {
        &self.files[file.0].name
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        &self.files[file.0].text
    }

    /// The lines a span covers, for a diagnostic: the 1-based number of the first line
    /// and the byte range from its start to the end of the span's last line — or of the
    /// first line only, when the span covers more than `max_lines` lines.
    pub fn excerpt(&self, file: FileId, span: &std::ops::Range<usize>, max_lines: usize) -> (usize, usize, usize) {
        let source = &self.files[file.0];
        let len = source.text.len();
        let line_of = |offset: usize| source.line_starts.partition_point(|&start| start <= offset.min(len)) - 1;
        let end_of_line = |line: usize| {
            source.line_starts.get(line + 1).map_or(len, |&next| next.saturating_sub(1)).max(source.line_starts[line])
        };
        let first = line_of(span.start);
        let mut last = line_of(span.end.saturating_sub(1).max(span.start));
        if last - first >= max_lines {
            last = first;
        }
        (first + 1, source.line_starts[first], end_of_line(last))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let source = &self.files[file.0];
        let offset = offset.min(source.text.len());
        let line = source.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = source.line_starts[line];
        let column = source.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Which layer a rule file belongs to: an overlay replaces ids of the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The embedded defaults.
    Default,
    /// A user's rules directory.
    User,
}

/// Which rules to use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RulesSelection {
    /// The embedded defaults.
    #[default]
    Default,
    /// The defaults overlaid by a directory: same id replaces, new id adds.
    Overlay(PathBuf),
    /// A directory alone.
    Only(PathBuf),
}

/// One parsed rule file.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// Its text in the source map.
    pub file: FileId,
    /// Default or user.
    pub layer: Layer,
    /// What it says.
    pub raw: RawFile,
}

/// Every rule file read, parsed where possible, with the problems found so far.
#[derive(Debug, Clone, Default)]
pub struct RuleSources {
    /// The text of every file (rule files, and later answers files).
    pub sources: SourceMap,
    /// The files that parsed, in load order.
    pub files: Vec<ParsedFile>,
    /// Syntax and shape problems.
    pub diagnostics: Vec<Diagnostic>,
    hasher: blake3::Hasher,
}

/// An input the user named that cannot be used (a missing directory, a file where a
/// directory is expected). The binary maps it to exit code 2 and prints the message in
/// the user's language; `Display` is the English, for `anyhow` chains and logs.
#[derive(Debug)]
pub struct InvalidInput(pub Message);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for InvalidInput {}

impl RuleSources {
    /// Reads the rules a selection names.
    pub fn load(selection: &RulesSelection) -> anyhow::Result<Self> {
        let mut sources = RuleSources::default();
        match selection {
            RulesSelection::Default => sources.add_defaults(),
            RulesSelection::Overlay(dir) => {
                sources.add_defaults();
                sources.add_dir(dir)?;
            }
            RulesSelection::Only(dir) => sources.add_dir(dir)?,
        }
        Ok(sources)
    }

    /// Adds the embedded default rule files.
    pub fn add_defaults(&mut self) {
        for (name, text) in DEFAULT_RULE_FILES {
            self.add_text(format!("<embedded>/rules/{name}"), text, Layer::Default);
        }
    }

    /// Adds every `*.toml` file directly in `dir`, in file-name order.
    pub fn add_dir(&mut self, dir: &Path) -> anyhow::Result<()> {
        let path = dir.display();
        let metadata = std::fs::metadata(dir).map_err(|e| {
            InvalidInput(msg!(
                "cannot read rules directory `{path}`: {e}",
                "ルールディレクトリ `{path}` を読めない: {e}"
            ))
        })?;
        if !metadata.is_dir() {
            return Err(InvalidInput(msg!(
                "`{path}` is not a directory (`--rules` takes a rules directory)",
                "`{path}` はディレクトリではない（`--rules` にはルールディレクトリを指定する）"
            ))
            .into());
        }
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).with_context(|| format!("failed to list `{}`", dir.display()))? {
            let path = entry.with_context(|| format!("failed to list `{}`", dir.display()))?.path();
            if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        if paths.is_empty() {
            return Err(InvalidInput(msg!(
                "rules directory `{path}` has no `*.toml` files",
                "ルールディレクトリ `{path}` に `*.toml` ファイルがない"
            ))
            .into());
        }
        let mut total: u64 = 0;
        for path in paths {
            let name = path.display().to_string();
            // Sizes are checked before reading: parsing takes ~50× a file's size in memory.
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            total = total.saturating_add(size.min(MAX_FILE_BYTES + 1));
            if size > MAX_FILE_BYTES || total > MAX_DIR_BYTES {
                let (kib, max_kib, dir_max) = (size / 1024, MAX_FILE_BYTES / 1024, MAX_DIR_BYTES / 1024 / 1024);
                let message = if size > MAX_FILE_BYTES {
                    msg!(
                        "rule file of {kib} KiB is larger than the limit of {max_kib} KiB; it was not read",
                        "ルールファイルが {kib} KiB あり、上限の {max_kib} KiB を超えるため読まなかった"
                    )
                } else {
                    msg!(
                        "the rules directory is larger than the limit of {dir_max} MiB; this file and the next were not read",
                        "ルールディレクトリが上限の {dir_max} MiB を超えるため、このファイル以降を読まなかった"
                    )
                };
                let file = self.sources.add(name, "");
                self.diagnostics.push(Diagnostic::error(Code::FileTooLarge, message).in_file(file));
                if size > MAX_FILE_BYTES && total <= MAX_DIR_BYTES {
                    continue;
                }
                break;
            }
            let mut bytes = Vec::new();
            std::fs::File::open(&path)
                .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES), &mut bytes))
                .with_context(|| format!("failed to read rule file `{}`", path.display()))?;
            match String::from_utf8(bytes) {
                Ok(text) => self.add_text(name, &text, Layer::User),
                Err(_) => {
                    let file = self.sources.add(name, "");
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::InvalidUtf8,
                            msg!("rule file is not UTF-8 text", "ルールファイルが UTF-8 のテキストではない"),
                        )
                        .in_file(file),
                    );
                }
            }
        }
        Ok(())
    }

    /// Parses one rule file's text and records it.
    pub fn add_text(&mut self, name: String, text: &str, layer: Layer) {
        self.hasher.update(name.rsplit(['/', '\\']).next().unwrap_or(&name).as_bytes());
        self.hasher.update(&[0]);
        self.hasher.update(text.as_bytes());
        self.hasher.update(&[0]);
        let file = self.sources.add(name, text);
        match toml::from_str::<RawFile>(text) {
            Ok(raw) => self.files.push(ParsedFile { file, layer, raw }),
            Err(err) => {
                let diag = Diagnostic::error(Code::InvalidToml, toml_message(&err));
                self.diagnostics.push(match err.span() {
                    Some(span) => diag.at(file, span),
                    None => diag.in_file(file),
                });
            }
        }
    }

    /// `blake3:<hex>` of every rule file's name and text, in load order.
    pub fn digest(&self) -> String {
        format!("blake3:{}", self.hasher.finalize().to_hex())
    }
}

/// A TOML parse error: the parser's own (English) words, introduced in Japanese.
pub(crate) fn toml_message(err: &toml::de::Error) -> Message {
    let detail = err.message().trim_end();
    msg!("{detail}", "TOML として読めない: {detail}")
}

/// The file name of the JSON Schema that `rules export` writes beside the rule files.
pub const SCHEMA_FILE: &str = "rules.schema.json";

/// The JSON Schema of a rule file (every top-level array and its fields), pretty JSON.
pub fn rules_schema() -> String {
    let schema = schemars::schema_for!(RawFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A rule file as exported: a `#:schema` directive first, so TOML editors (Taplo,
/// VS Code "Even Better TOML") validate it against the schema beside it as it is typed.
pub fn with_schema_directive(text: &str) -> String {
    if text.starts_with("#:schema ") { text.to_owned() } else { format!("#:schema ./{SCHEMA_FILE}\n{text}") }
}

/// Writes the embedded default rule files and their JSON Schema into `dir` (created
/// if missing), all or nothing: every path is checked first (an existing file is
/// refused unless `force`), and a failure part-way leaves no file and no new folder.
pub fn export_defaults(dir: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
    let files: Vec<(PathBuf, String)> = DEFAULT_RULE_FILES
        .iter()
        .map(|(name, text)| (dir.join(name), with_schema_directive(text)))
        .chain([(dir.join(SCHEMA_FILE), rules_schema())])
        .collect();
    export_files(dir, &files, force)
}

/// Writes `files` (paths inside `dir`) into `dir` (created if missing), all or
/// nothing: every path is checked first (an existing file is refused unless `force`),
/// and a failure part-way leaves no file and no new folder. `rules export` and
/// `templates export` both write through it.
pub fn export_files(dir: &Path, files: &[(PathBuf, String)], force: bool) -> anyhow::Result<Vec<PathBuf>> {
    if dir.exists() && !dir.is_dir() {
        let path = crate::escape::terminal_line(&dir.display().to_string()).into_owned();
        return Err(InvalidInput(msg!(
            "`{path}` exists and is not a directory",
            "`{path}` はすでに存在し、ディレクトリではない"
        ))
        .into());
    }
    if !force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(p, _)| p.symlink_metadata().is_ok())
            .map(|(p, _)| crate::escape::terminal_line(&p.display().to_string()).into_owned())
            .collect();
        if !existing.is_empty() {
            let files = Message::list(&existing);
            let message = if existing.len() == 1 {
                msg!(
                    "{files} already exists; pass `--force` to overwrite",
                    "{files} はすでに存在する。上書きするには `--force` を付ける"; files
                )
            } else {
                msg!(
                    "{files} already exist; pass `--force` to overwrite",
                    "{files} はすでに存在する。上書きするには `--force` を付ける"; files
                )
            };
            return Err(InvalidInput(message).into());
        }
    }
    let created = !dir.exists();
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    let result = write_export(files, force);
    if result.is_err() && created {
        let _ = std::fs::remove_dir(dir);
    }
    result?;
    Ok(files.iter().map(|(path, _)| path.clone()).collect())
}

fn write_export(files: &[(PathBuf, String)], force: bool) -> anyhow::Result<()> {
    let mut targets = Vec::new();
    for (path, _) in files {
        targets.push(crate::output::check(path, force).map_err(|p| InvalidInput(p.message()))?);
    }
    let items: Vec<(&crate::output::Target, &[u8])> =
        targets.iter().zip(files).map(|(target, (_, text))| (target, text.as_bytes())).collect();
    crate::output::write_all(&items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut map = SourceMap::default();
        let file = map.add("a.toml", "x = 1\nja = \"日本語\" # z\n");
        assert_eq!(map.line_col(file, 0), (1, 1));
        assert_eq!(map.line_col(file, 6), (2, 1));
        let z = map.text(file).find('z').unwrap_or_default();
        assert_eq!(map.line_col(file, z), (2, 14));
    }

    #[test]
    fn embedded_list_matches_the_rules_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| Path::new(n).extension().is_some_and(|e| e == "toml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = DEFAULT_RULE_FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        assert_eq!(embedded, on_disk, "add new rule files to DEFAULT_RULE_FILES");
    }

    #[test]
    fn digest_changes_with_content() {
        let mut a = RuleSources::default();
        a.add_text("x.toml".into(), "", Layer::User);
        let mut b = RuleSources::default();
        b.add_text("x.toml".into(), "# changed\n", Layer::User);
        assert_ne!(a.digest(), b.digest());
    }
}
