//! The answers of an interrupted questionnaire, kept so that `recommend --resume` asks
//! only what is still missing.
//!
//! They live in `$XDG_STATE_HOME/container-advisor/answers.toml`, else
//! `~/.local/state/container-advisor/answers.toml` (the XDG base directory
//! specification), as an ordinary answers file that `--answers` also reads. This
//! module owns where that file is and how it is written (all or nothing, readable by
//! the user alone); it does not parse answers, prompt or print.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::i18n::Message;
use crate::model::{Answers, Lang, RuleSet};
use crate::msg;

/// The folder under the state directory.
const APP_DIR: &str = "container-advisor";
/// The file in it.
const FILE_NAME: &str = "answers.toml";

/// Where the answers of an interrupted questionnaire are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedAnswers {
    path: PathBuf,
}

impl SavedAnswers {
    /// The file under `$XDG_STATE_HOME` (when set to an absolute path), else under
    /// `$HOME/.local/state`; `None` when neither is known. `env` reads a variable.
    pub fn locate(env: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let absolute = |var: &str| env(var).map(PathBuf::from).filter(|p| p.is_absolute());
        let base = absolute("XDG_STATE_HOME").or_else(|| absolute("HOME").map(|home| home.join(".local/state")))?;
        Some(Self { path: base.join(APP_DIR).join(FILE_NAME) })
    }

    /// A state file at an explicit path (tests).
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when an interrupted questionnaire left answers.
    pub fn exists(&self) -> bool {
        self.path.is_file()
    }

    /// The kept answers file as text; `Ok(None)` when there is none. A file that cannot
    /// be read or is not UTF-8 is a message that says how to start afresh.
    pub fn read(&self) -> Result<Option<String>, Message> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                let path = self.path.display();
                return Err(msg!(
                    "cannot read the answers kept from an interrupted questionnaire in `{path}`: {e}",
                    "中断した質問の回答を保存した `{path}` を読めない: {e}"
                ));
            }
        };
        String::from_utf8(bytes).map(Some).map_err(|_| {
            let path = self.path.display();
            msg!(
                "the answers kept from an interrupted questionnaire in `{path}` are not UTF-8 text; delete the file to start afresh",
                "中断した質問の回答を保存した `{path}` が UTF-8 のテキストではありません。削除すれば最初からやり直せます"
            )
        })
    }

    /// Keeps `answers` as an answers file, replacing any earlier one atomically: a
    /// temporary file in the same folder, then a rename, so an interrupted write never
    /// leaves half a file. The folder is created readable by the user alone.
    pub fn write(&self, answers: &Answers, rules: &RuleSet, lang: Lang) -> anyhow::Result<()> {
        let dir = self.path.parent().unwrap_or_else(|| Path::new("."));
        create_private_dir(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
        let text = format!(
            "# {}\n{}",
            lang.pick(
                "Kept from an interrupted questionnaire; `container-advisor recommend --resume` continues it.",
                "中断した質問の回答です。`container-advisor recommend --resume` で続きから再開できます。"
            ),
            answers.to_toml(rules, lang)
        );
        let mut temp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
        temp.write_all(text.as_bytes()).with_context(|| format!("failed to write `{}`", self.path.display()))?;
        temp.as_file().sync_all().with_context(|| format!("failed to write `{}`", self.path.display()))?;
        temp.persist(&self.path).with_context(|| format!("failed to write `{}`", self.path.display()))?;
        Ok(())
    }

    /// Forgets the kept answers (the resumed questionnaire finished).
    pub fn remove(&self) -> anyhow::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("failed to remove `{}`", self.path.display()))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnswerValue;

    #[test]
    fn locates_under_xdg_state_home_else_home_and_ignores_relative_paths() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |var: &str| pairs.iter().find(|(k, _)| *k == var).map(|(_, v)| (*v).to_owned())
        };
        let at = |pairs| SavedAnswers::locate(env(pairs)).map(|s| s.path);
        assert_eq!(
            at(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")]),
            Some(PathBuf::from("/s/container-advisor/answers.toml"))
        );
        assert_eq!(
            at(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.local/state/container-advisor/answers.toml"))
        );
        assert_eq!(at(&[("HOME", "/h")]), Some(PathBuf::from("/h/.local/state/container-advisor/answers.toml")));
        assert_eq!(at(&[]), None);
    }

    #[test]
    fn writes_replaces_reads_and_removes() {
        let rules = crate::default_rules().unwrap_or_else(|e| panic!("{e}"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let saved = SavedAnswers::at(dir.path().join("deep/container-advisor/answers.toml"));
        assert_eq!(saved.read(), Ok(None));
        let mut answers = Answers::new();
        answers.set("gpu", AnswerValue::Bool(true));
        saved.write(&answers, &rules, Lang::En).unwrap_or_else(|e| panic!("{e:#}"));
        answers.set("services", AnswerValue::Choice("few".into()));
        saved.write(&answers, &rules, Lang::Ja).unwrap_or_else(|e| panic!("{e:#}"));
        let text = saved.read().unwrap_or_else(|e| panic!("{e}")).unwrap_or_default();
        let mut sources = crate::diag::SourceMap::default();
        let file = sources.add("state", text.clone());
        assert_eq!(Answers::from_toml(&text, file, &rules).ok(), Some(answers));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let dir = saved.path().parent().unwrap_or_else(|| unreachable!());
            let mode = std::fs::metadata(dir).map(|m| m.permissions().mode()).unwrap_or_default();
            assert_eq!(mode & 0o077, 0, "the state folder is the user's alone");
        }
        saved.remove().unwrap_or_else(|e| panic!("{e:#}"));
        assert!(!saved.exists());
        saved.remove().unwrap_or_else(|e| panic!("removing twice is fine: {e:#}"));
    }

    #[test]
    fn a_state_file_that_is_not_text_is_a_message_not_a_panic() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("answers.toml");
        std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap_or_else(|e| panic!("{e}"));
        let err = SavedAnswers::at(&path).read().err().unwrap_or_else(|| panic!("an error"));
        assert!(err.en.contains("delete the file to start afresh"), "{err}");
    }
}
