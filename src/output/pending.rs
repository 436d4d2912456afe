//! The temporary files being written, so that a signal handler can remove them
//! before the process exits (nothing hidden is left beside the target).
//!
//! A file is created and registered under one lock, and the handler takes the lock,
//! marks the registry closed and removes what it holds: no file can be created after
//! the handler ran, nor between a file's creation and its registration.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
struct Registry {
    paths: Vec<PathBuf>,
    closed: bool,
}

static PENDING: Mutex<Registry> = Mutex::new(Registry { paths: Vec::new(), closed: false });

fn registry() -> MutexGuard<'static, Registry> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary file still being written, and refuses to create more.
/// Called from the signal handler thread just before the process exits.
pub fn remove_temporary_files() {
    let mut registry = registry();
    registry.closed = true;
    for path in registry.paths.drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// The temporary files registered now.
#[cfg(test)]
pub(super) fn registered() -> Vec<PathBuf> {
    registry().paths.clone()
}

/// A temporary file registered in [`PENDING`] for as long as this value lives.
pub(super) struct Staged {
    path: PathBuf,
    file: Option<tempfile::NamedTempFile>,
}

impl Staged {
    /// Creates a temporary file with `create` and registers it, under one lock.
    pub(super) fn create(create: impl FnOnce() -> io::Result<tempfile::NamedTempFile>) -> io::Result<Self> {
        let mut registry = registry();
        if registry.closed {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
        }
        let file = create()?;
        registry.paths.push(file.path().to_path_buf());
        Ok(Self { path: file.path().to_path_buf(), file: Some(file) })
    }

    /// The file, to write to.
    pub(super) fn file(&mut self) -> Option<&mut tempfile::NamedTempFile> {
        self.file.as_mut()
    }

    /// Renames the file over `to`.
    pub(super) fn persist(mut self, to: &Path) -> Result<(), tempfile::PersistError> {
        match self.file.take() {
            Some(file) => file.persist(to).map(drop),
            None => Ok(()),
        }
    }

    /// Renames the file to `to` unless `to` exists.
    pub(super) fn persist_noclobber(mut self, to: &Path) -> Result<(), tempfile::PersistError> {
        match self.file.take() {
            Some(file) => file.persist_noclobber(to).map(drop),
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // A file not persisted is removed by `NamedTempFile`'s own drop.
        drop(self.file.take());
        registry().paths.retain(|p| *p != self.path);
    }
}
