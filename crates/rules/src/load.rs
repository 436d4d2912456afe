//! Where rules come from: the defaults embedded at build time and rule directories.
//!
//! This module reads files and parses them into `Raw*` values, recording every file's
//! text in a [`SourceMap`] so diagnostics can point at `file:line:col`. It resolves no
//! reference and applies no overlay: `validate` does both.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diag::{Code, Diagnostic};
use crate::diag::{FileId, SourceMap, toml_message};
use crate::error::InvalidInput;
use crate::model::raw::RawFile;
use crate::msg;

/// The largest rule file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The largest rules directory read (all its `*.toml` files together), in bytes.
pub const MAX_DIR_BYTES: u64 = 8 * 1024 * 1024;

/// The default rule files, embedded in the binary, in load order.
pub const DEFAULT_RULE_FILES: &[(&str, &str)] = &[
    ("advice.toml", include_str!("../../../rules/advice.toml")),
    ("constraints.toml", include_str!("../../../rules/constraints.toml")),
    ("criteria.toml", include_str!("../../../rules/criteria.toml")),
    ("patterns.toml", include_str!("../../../rules/patterns.toml")),
    ("pricing.toml", include_str!("../../../rules/pricing.toml")),
    ("priorities.toml", include_str!("../../../rules/priorities.toml")),
    ("questions.toml", include_str!("../../../rules/questions.toml")),
    ("ratings.toml", include_str!("../../../rules/ratings.toml")),
    ("sources.toml", include_str!("../../../rules/sources.toml")),
    ("team.toml", include_str!("../../../rules/team.toml")),
    ("workload.toml", include_str!("../../../rules/workload.toml")),
];

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
                "`{path}` はディレクトリではありません（`--rules` にはルールディレクトリを指定してください）"
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
                "ルールディレクトリ `{path}` に `*.toml` ファイルがありません"
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
                        "ルールファイルが {kib} KiB あり、上限の {max_kib} KiB を超えるため読みませんでした"
                    )
                } else {
                    msg!(
                        "the rules directory is larger than the limit of {dir_max} MiB; this file and the next were not read",
                        "ルールディレクトリが上限の {dir_max} MiB を超えるため、このファイル以降を読みませんでした"
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
                            msg!("rule file is not UTF-8 text", "ルールファイルが UTF-8 のテキストではありません"),
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

/// The file name of the JSON Schema that `rules export` writes beside the rule files.
pub const SCHEMA_FILE: &str = "rules.schema.json";

/// The JSON Schema of a rule file (every top-level array and its fields), pretty JSON.
pub fn rules_schema() -> String {
    let schema = schemars::schema_for!(RawFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
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
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
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
