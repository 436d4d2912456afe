//! Writing output files safely: all or nothing, and never over an existing file unless
//! asked to.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use crate::i18n::Message;
use crate::load::InvalidInput;
use crate::msg;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so a reader never sees a half-written file. Without `force`, an existing `path` is
/// refused and left untouched.
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    if path.is_dir() {
        let path = path.display();
        return Err(InvalidInput(msg!(
            "`{path}` is a directory, not a file",
            "`{path}` はディレクトリであり、ファイルではない"
        ))
        .into());
    }
    if !force && path.exists() {
        return Err(InvalidInput(already_exists(path)).into());
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        let dir = dir.display();
        return Err(InvalidInput(msg!("folder `{dir}` does not exist", "フォルダ `{dir}` が存在しない")).into());
    }
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
    temp.write_all(bytes).with_context(|| format!("failed to write `{}`", path.display()))?;
    temp.as_file().sync_all().with_context(|| format!("failed to write `{}`", path.display()))?;
    if force {
        temp.persist(path).with_context(|| format!("failed to write `{}`", path.display()))?;
    } else {
        // `persist_noclobber` fails instead of replacing a file created meanwhile.
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::Error::new(InvalidInput(already_exists(path)))
            } else {
                anyhow::Error::new(e.error).context(format!("failed to write `{}`", path.display()))
            }
        })?;
    }
    Ok(())
}

/// The refusal to overwrite `path` without `--force`, in both languages.
pub fn already_exists(path: &Path) -> Message {
    let path = path.display();
    msg!(
        "`{path}` already exists; pass `--force` to overwrite it",
        "`{path}` はすでに存在する。上書きするには `--force` を付ける"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force_and_leaves_the_file() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("out.json");
        write_atomically(&path, b"first", false)?;
        let err = write_atomically(&path, b"second", false).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&path)?, b"first");
        write_atomically(&path, b"third", true)?;
        assert_eq!(std::fs::read(&path)?, b"third");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1, "no temporary file is left behind");
        Ok(())
    }
}
