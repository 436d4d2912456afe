//! The temporary files being written, so that a signal handler can remove them
//! before the process exits (nothing hidden is left beside the target).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file still being written. Called from a signal handler
/// thread just before the process exits; safe to call at any time.
pub fn remove_temporary_files() {
    let paths = match PENDING.lock() {
        Ok(mut paths) => std::mem::take(&mut *paths),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// The temporary files registered now.
#[cfg(test)]
pub(super) fn registered() -> Vec<PathBuf> {
    PENDING.lock().map(|p| p.clone()).unwrap_or_default()
}

/// A temporary file registered in [`PENDING`] for as long as this value lives.
pub(super) struct Staged {
    path: PathBuf,
    file: Option<tempfile::NamedTempFile>,
}

impl Staged {
    pub(super) fn register(path: &Path) -> Self {
        if let Ok(mut paths) = PENDING.lock() {
            paths.push(path.to_path_buf());
        }
        Self { path: path.to_path_buf(), file: None }
    }

    pub(super) fn holding(mut self, file: tempfile::NamedTempFile) -> Self {
        self.file = Some(file);
        self
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
        if let Ok(mut paths) = PENDING.lock() {
            paths.retain(|p| *p != self.path);
        }
    }
}
