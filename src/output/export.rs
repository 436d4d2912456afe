//! `rules export` and `templates export`: files written into a folder all or nothing.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::error::InvalidInput;
use crate::i18n::Message;
use crate::load::{DEFAULT_RULE_FILES, SCHEMA_FILE, rules_schema};
use crate::msg;

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
            "`{path}` はすでに存在し、ディレクトリではありません"
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
                    "{files} はすでに存在します。上書きするには `--force` を付けてください"; files
                )
            } else {
                msg!(
                    "{files} already exist; pass `--force` to overwrite",
                    "{files} はすでに存在します。上書きするには `--force` を付けてください"; files
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
