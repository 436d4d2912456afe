//! Why an output path cannot be written: one kind per problem, one message each, all
//! invalid input (exit 2) whichever command meets them.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::Message;
use crate::msg;

/// A problem with an output path, found before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputProblem {
    /// The path is a directory.
    IsDirectory(PathBuf),
    /// The path is a device, a FIFO or a socket (and not stdout).
    NotRegularFile(PathBuf),
    /// The file exists and `--force` was not given.
    Exists(PathBuf),
    /// The folder the file would go into does not exist.
    MissingFolder(PathBuf, PathBuf),
    /// A component of the folder is a file, not a folder.
    FolderIsAFile(PathBuf, PathBuf),
    /// The path is a symbolic link to nothing.
    DanglingLink(PathBuf, PathBuf),
    /// Two outputs of one command name the same file.
    SameFile(PathBuf),
    /// The path cannot be examined (permissions, a loop of links…).
    Unreadable(PathBuf, String),
}

impl OutputProblem {
    /// The message, in both languages, with the path escaped for a terminal.
    pub fn message(&self) -> Message {
        let shown = |p: &PathBuf| crate::escape::terminal_line(&p.display().to_string()).into_owned();
        match self {
            Self::IsDirectory(p) => {
                let path = shown(p);
                msg!(
                    "`{path}` is a directory; name a file, e.g. `{path}/report.md`",
                    "`{path}` はディレクトリです。ファイル名を指定してください（例: `{path}/report.md`）"
                )
            }
            Self::NotRegularFile(p) => {
                let path = shown(p);
                msg!(
                    "`{path}` is not a regular file (a device, FIFO or socket); name a file, or use `-` for stdout and redirect it",
                    "`{path}` は通常のファイルではありません（デバイス、FIFO、ソケット）。ファイルを指定するか、`-` で標準出力に書いてリダイレクトしてください"
                )
            }
            Self::Exists(p) => {
                let path = shown(p);
                msg!(
                    "`{path}` already exists; pass `--force` to overwrite it",
                    "`{path}` はすでに存在します。上書きするには `--force` を付けてください"
                )
            }
            Self::MissingFolder(p, folder) => {
                let (path, folder) = (shown(p), shown(folder));
                msg!(
                    "cannot write `{path}`: folder `{folder}` does not exist",
                    "`{path}` を書けません: フォルダ `{folder}` が存在しません"
                )
            }
            Self::FolderIsAFile(p, folder) => {
                let (path, folder) = (shown(p), shown(folder));
                msg!(
                    "cannot write `{path}`: `{folder}` is a file, not a folder",
                    "`{path}` を書けません: `{folder}` はファイルであり、フォルダではありません"
                )
            }
            Self::DanglingLink(p, to) => {
                let (path, to) = (shown(p), shown(to));
                msg!(
                    "`{path}` is a symbolic link to `{to}`, which does not exist",
                    "`{path}` は存在しない `{to}` へのシンボリックリンクです"
                )
            }
            Self::SameFile(p) => {
                let path = shown(p);
                msg!(
                    "`--output` and `--save-answers` both name `{path}`; give them different files",
                    "`--output` と `--save-answers` が同じ `{path}` を指しています。別のファイルを指定してください"
                )
            }
            Self::Unreadable(p, e) => {
                let path = shown(p);
                msg!("cannot write `{path}`: {e}", "`{path}` を書けません: {e}")
            }
        }
    }
}

impl fmt::Display for OutputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.message(), f)
    }
}

impl std::error::Error for OutputProblem {}
