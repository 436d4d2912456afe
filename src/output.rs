//! Writing results: the one path every command takes to stdout or to files (reports,
//! saved answers, exported rules, man pages).
//!
//! A target is checked before any work is done ([`check`]): `-` and a path that *is*
//! stdout (`/dev/stdout`, or the file stdout is redirected to) mean stdout; anything
//! else must be a regular file or not exist yet, in an existing folder. Files are
//! written through a temporary file in the same folder and a rename, so a reader never
//! sees half a file; a set of files is written all or nothing ([`write_all`]). A new
//! file gets the usual `0666 & !umask` mode; a replaced file keeps its mode (and, where
//! allowed, its owner); a file with other hard links is rewritten in place so every name
//! sees the new text. Temporary files are registered so a signal handler can remove
//! them ([`remove_temporary_files`]).
//!
//! This module decides nothing about formats and never reads the terminal.

mod export;
mod pending;
mod problem;

use std::fs::{self, Metadata};
use std::io::{self, Write as _};
use std::os::fd::AsFd as _;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::error::InvalidInput;

pub use export::{export_defaults, export_files, with_schema_directive};
pub use pending::remove_temporary_files;
pub use problem::OutputProblem;

/// Where one result goes, once checked.
#[derive(Debug, Clone)]
pub enum Target {
    /// Standard output (`-`, `/dev/stdout`, or the very file stdout is redirected to).
    Stdout,
    /// A regular file, new or (with `force`) replaced.
    File {
        /// The path as the user wrote it, for messages.
        shown: PathBuf,
        /// The path written: symbolic links resolved, so a link keeps pointing at the
        /// file and the temporary file is made beside the real one.
        real: PathBuf,
        /// The file being replaced, if any.
        existing: Option<Existing>,
        /// True to refuse a file that appears between the check and the write.
        no_clobber: bool,
    },
}

/// What is kept of a file that is replaced.
#[derive(Debug, Clone, Copy)]
pub struct Existing {
    mode: u32,
    uid: u32,
    gid: u32,
    links: u64,
}

impl Existing {
    fn of(metadata: &Metadata) -> Self {
        Self { mode: metadata.mode() & 0o7777, uid: metadata.uid(), gid: metadata.gid(), links: metadata.nlink() }
    }
}

/// Checks where `path` can be written, without writing anything. `-` is stdout.
pub fn check(path: &Path, force: bool) -> Result<Target, OutputProblem> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let shown = path.to_path_buf();
    match fs::metadata(path) {
        Ok(metadata) => {
            if is_stdout(&metadata) {
                return Ok(Target::Stdout);
            }
            if metadata.is_dir() {
                return Err(OutputProblem::IsDirectory(shown));
            }
            if !metadata.is_file() {
                return Err(OutputProblem::NotRegularFile(shown));
            }
            if !force {
                return Err(OutputProblem::Exists(shown));
            }
            let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            Ok(Target::File { shown, real, existing: Some(Existing::of(&metadata)), no_clobber: false })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Ok(link) = fs::symlink_metadata(path)
                && link.file_type().is_symlink()
            {
                let to = fs::read_link(path).unwrap_or_default();
                return Err(OutputProblem::DanglingLink(shown, to));
            }
            let folder = folder_of(path);
            match fs::metadata(&folder) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Err(OutputProblem::FolderIsAFile(shown, folder)),
                Err(_) => return Err(OutputProblem::MissingFolder(shown, folder)),
            }
            let real = fs::canonicalize(&folder).map_or_else(|_| path.to_path_buf(), |f| f.join(file_name(path)));
            Ok(Target::File { shown, real, existing: None, no_clobber: !force })
        }
        Err(e) if e.raw_os_error() == Some(20) => {
            // ENOTDIR: a component of the folder is a file.
            Err(OutputProblem::FolderIsAFile(shown, folder_of(path)))
        }
        Err(e) => Err(OutputProblem::Unreadable(shown, e.to_string())),
    }
}

/// Checks several targets at once (`--output` and `--save-answers`): each must be
/// writable, and no two files may be the same.
pub fn check_each(paths: &[&Path], force: bool) -> Result<Vec<Target>, OutputProblem> {
    let targets = paths.iter().map(|p| check(p, force)).collect::<Result<Vec<_>, _>>()?;
    for (i, a) in targets.iter().enumerate() {
        for b in &targets[..i] {
            if matches!((a, b), (Target::Stdout, Target::Stdout)) {
                return Err(OutputProblem::SameFile(PathBuf::from("-")));
            }
            if let (Target::File { real: ra, shown, .. }, Target::File { real: rb, .. }) = (a, b)
                && ra == rb
            {
                return Err(OutputProblem::SameFile(shown.clone()));
            }
        }
    }
    Ok(targets)
}

/// Writes every `(target, bytes)` pair, all or nothing: each file is first written in
/// full to a temporary file beside it; then stdout is written; only when all of that
/// succeeded are the temporary files renamed into place. On failure no target changes
/// (a failure of the final renames, which only the file system can cause, may leave the
/// earlier ones done).
pub fn write_all(items: &[(&Target, &[u8])]) -> anyhow::Result<()> {
    let mut staged = Vec::new();
    for (target, bytes) in items {
        if let Target::File { shown, real, existing, no_clobber } = target {
            let in_place = existing.is_some_and(|e| e.links > 1);
            let temp = if in_place { None } else { Some(stage(real, shown, bytes, *existing)?) };
            staged.push((shown, real, temp, *no_clobber, *bytes));
        }
    }
    for (target, bytes) in items {
        if matches!(target, Target::Stdout) {
            write_stdout(bytes)?;
        }
    }
    for (shown, real, temp, no_clobber, bytes) in staged {
        let failed = |e: io::Error| anyhow::Error::new(e).context(format!("failed to write `{}`", shown.display()));
        match temp {
            None => write_in_place(real, bytes).map_err(failed)?,
            Some(temp) if no_clobber => {
                // Fails instead of replacing a file created since the check.
                temp.persist_noclobber(real).map_err(|e| {
                    if e.error.kind() == io::ErrorKind::AlreadyExists {
                        anyhow::Error::new(InvalidInput(OutputProblem::Exists(shown.clone()).message()))
                    } else {
                        failed(e.error)
                    }
                })?;
            }
            Some(temp) => {
                temp.persist(real).map_err(|e| failed(e.error))?;
            }
        }
    }
    Ok(())
}

/// Checks `path` and writes `bytes` to it (atomically), or to stdout for `-`.
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    let target = check(path, force).map_err(|p| InvalidInput(p.message()))?;
    write_all(&[(&target, bytes)])
}

/// A temporary file beside `real` holding `bytes`, with the mode the result should
/// have, registered for removal on a signal.
fn stage(real: &Path, shown: &Path, bytes: &[u8], existing: Option<Existing>) -> anyhow::Result<pending::Staged> {
    let folder = folder_of(real);
    let name = file_name(real);
    let mut staged = pending::Staged::create(|| {
        tempfile::Builder::new()
            .prefix(&format!(".{}.", name.to_string_lossy()))
            .suffix(".tmp")
            // `open(2)` applies the umask to this mode, as for any new file.
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(&folder)
    })
    .with_context(|| format!("failed to create a temporary file in `{}`", folder.display()))?;
    let Some(temp) = staged.file() else { unreachable!("a staged file holds its file until persisted") };
    if let Some(existing) = existing {
        // Best effort: the owner can be kept only by root or the owner itself.
        let _ = std::os::unix::fs::chown(temp.path(), Some(existing.uid), Some(existing.gid));
        let _ = fs::set_permissions(temp.path(), fs::Permissions::from_mode(existing.mode));
    }
    let written = temp.write_all(bytes).and_then(|()| temp.as_file().sync_all());
    written.with_context(|| format!("failed to write `{}`", shown.display()))?;
    Ok(staged)
}

fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).truncate(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes to stdout and flushes. A closed stdout (which the Rust runtime reopens on
/// `/dev/null` read-write) is an error rather than a silent loss of the result.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    if stdout_was_closed() {
        return Err(anyhow::Error::new(io::Error::from_raw_os_error(9))
            .context("failed to write to stdout: it is closed (`>&-`); redirect it to a file or use `--output FILE`"));
    }
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes).and_then(|()| stdout.flush()).context("failed to write to stdout")
}

/// True when the Rust runtime found fd 1 closed at start-up and put `/dev/null`
/// (opened read-write, which no shell redirection does) in its place.
fn stdout_was_closed() -> bool {
    let Some(metadata) = stdout_metadata() else { return true };
    let dev_null = fs::metadata("/dev/null").ok();
    let is_dev_null = dev_null.is_some_and(|n| n.rdev() == metadata.rdev() && n.ino() == metadata.ino());
    if !is_dev_null {
        return false;
    }
    // `flags:` in /proc/self/fdinfo/1 is octal; the access mode is the low two bits.
    fs::read_to_string("/proc/self/fdinfo/1").ok().is_some_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 0o2)
    })
}

fn stdout_metadata() -> Option<Metadata> {
    let fd = io::stdout().as_fd().try_clone_to_owned().ok()?;
    fs::File::from(fd).metadata().ok()
}

/// True when `metadata` is the file stdout writes to (`/dev/stdout`, `/proc/self/fd/1`,
/// the terminal or pipe stdout is, or the file it is redirected to).
fn is_stdout(metadata: &Metadata) -> bool {
    stdout_metadata().is_some_and(|s| s.dev() == metadata.dev() && s.ino() == metadata.ino())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> std::ffi::OsString {
    path.file_name().map_or_else(|| "output".into(), ToOwned::to_owned)
}

#[cfg(test)]
mod tests;
