//! Reading answers: the one place where `--answers FILE`, `--set id=value` and the
//! answers kept by an interrupted questionnaire (`--resume`) become [`Answers`], and
//! where missing answers are filled with defaults (`--no-input`) or reported. Asking
//! the missing questions on a terminal is the binary's job.

use std::path::{Path, PathBuf};

use crate::app::failure::{Failure, answer_problems, invalid, rendered_answer_problems};
use crate::diag::{Code, SourceMap};
use crate::i18n::{Lang, Message};
use crate::model::{Answers, RuleSet};
use crate::msg;
use crate::questionnaire::{self, complete_with_defaults, unanswered};
use crate::state::SavedAnswers;

/// Where answers come from: a file, then `--set` (which wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerInput {
    /// `--answers FILE`.
    pub file: Option<PathBuf>,
    /// `--set id=value`, in order.
    pub set: Vec<String>,
}

impl AnswerInput {
    /// True when neither a file nor a `--set` was given.
    pub fn is_empty(&self) -> bool {
        self.file.is_none() && self.set.is_empty()
    }
}

/// Reads `input` over `answers` (the file, then every `--set`); problems are rendered
/// with their positions, in `lang`, coloured when `color`.
pub fn read_into(
    mut answers: Answers,
    input: &AnswerInput,
    rules: &RuleSet,
    sources: &mut SourceMap,
    color: bool,
    lang: Lang,
) -> Result<Answers, Failure> {
    if let Some(path) = &input.file {
        let text = read_text(path)?;
        let id = sources.add(path.display().to_string(), text.clone());
        answers.extend(Answers::from_toml(&text, id, rules).map_err(|d| answer_problems(&d, sources, color, lang))?);
    }
    if !input.set.is_empty() {
        answers.extend(
            Answers::from_assignments(&input.set, rules).map_err(|d| answer_problems(&d, sources, color, lang))?,
        );
    }
    Ok(answers)
}

/// The answers of `input` alone.
pub fn read(input: &AnswerInput, rules: &RuleSet, color: bool, lang: Lang) -> Result<Answers, Failure> {
    read_into(Answers::new(), input, rules, &mut SourceMap::default(), color, lang)
}

/// How missing answers are to be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// `--no-input`: take the defaults; a missing answer without one is an error.
    Defaults,
    /// A terminal may ask them (`recommend` on a TTY).
    Ask,
    /// Nothing may ask them: a missing answer is an error naming it.
    Refuse,
    /// As [`Missing::Refuse`], for the `--versus` file.
    RefuseVersus,
}

/// Answers read, and what is still to be done with them.
#[derive(Debug, Clone, PartialEq)]
pub enum Gathered {
    /// Complete: the answers and the ids that took their default.
    Ready(Answers, Vec<String>),
    /// The binary must ask the missing questions on the terminal, starting from these.
    Ask(Answers),
}

/// Reads the answers of a `recommend` run: those an interrupted questionnaire kept
/// (`resume`), the file, `--set`; then completes them as `missing` says. `saved` is
/// where kept answers live; `prompt_possible` is false on a `TERM=dumb` terminal
/// (which is named in the error).
pub fn gather(
    rules: &RuleSet,
    input: &AnswerInput,
    resume: Option<Option<&SavedAnswers>>,
    missing: Missing,
    dumb_terminal_on_stdin: bool,
    color: bool,
    lang: Lang,
) -> Result<Gathered, Failure> {
    let mut sources = SourceMap::default();
    let mut answers = Answers::new();
    if let Some(saved) = resume {
        answers = resumed(saved, rules, &mut sources, color, lang)?;
    }
    let answers = read_into(answers, input, rules, &mut sources, color, lang)?;
    if missing == Missing::Defaults {
        let completion = complete_with_defaults(rules, answers);
        if !completion.missing.is_empty() {
            let list = Message::list(&completion.missing);
            let problem = match input.file.as_deref().map(Path::display) {
                Some(path) => msg!(
                    "no answer and no default for {list} in `{path}`; answer them in `--answers FILE` or with `--set id=value`",
                    "`{path}` では {list} に回答も既定値もありません。`--answers FILE` か `--set id=value` で回答してください"; list
                ),
                None => msg!(
                    "no answer and no default for {list}; answer them in `--answers FILE` or with `--set id=value`",
                    "{list} に回答も既定値もありません。`--answers FILE` か `--set id=value` で回答してください"; list
                ),
            };
            return Err(invalid(with_estimate_note(rules, &completion.missing, problem)));
        }
        return Ok(Gathered::Ready(completion.answers, completion.defaulted));
    }
    let unanswered = unanswered(rules, &answers);
    // A resumed questionnaire shows its review even when nothing is missing.
    if missing == Missing::Ask && (!unanswered.is_empty() || resume.is_some()) {
        return Ok(Gathered::Ask(answers));
    }
    if unanswered.is_empty() {
        return Ok(Gathered::Ready(answers, Vec::new()));
    }
    let list = Message::list(&unanswered);
    let not_answered = if unanswered.len() == 1 {
        msg!("is not answered", "が未回答です")
    } else {
        msg!("are not answered", "が未回答です")
    };
    let problem = if missing == Missing::RefuseVersus {
        msg!(
            "in the `--versus` file, {list} {not_answered}",
            "`--versus` のファイルでは {list} {not_answered}"; list, not_answered
        )
    } else if dumb_terminal_on_stdin {
        msg!(
            "`TERM=dumb` cannot show the questionnaire, and {list} {not_answered}",
            "`TERM=dumb` の端末では質問を表示できず、{list} {not_answered}"; list, not_answered
        )
    } else {
        msg!(
            "no terminal to ask the questions on, and {list} {not_answered}",
            "質問を表示する端末がなく、{list} {not_answered}"; list, not_answered
        )
    };
    let problem = with_estimate_note(rules, &unanswered, problem);
    Err(invalid(msg!(
        "{problem}\n\
         hint: answer them in a file (`container-advisor questions --format toml > answers.toml`), \
         then pass `--answers answers.toml`; or `--set id=value`; or `--no-input` to take the defaults",
        "{problem}\n\
         hint: 回答をファイルに書き（`container-advisor questions --format toml > answers.toml`）、\
         `--answers answers.toml` で渡してください。`--set id=value` で個別に答えるか、`--no-input` で既定値を使うこともできます"; problem
    )))
}

/// The answers an interrupted questionnaire kept (`--resume`); none kept, or a file
/// that does not parse, is invalid input that says what to do.
fn resumed(
    saved: Option<&SavedAnswers>,
    rules: &RuleSet,
    sources: &mut SourceMap,
    color: bool,
    lang: Lang,
) -> Result<Answers, Failure> {
    let Some(saved) = saved else {
        return Err(invalid(msg!(
            "`--resume` needs `XDG_STATE_HOME` or `HOME` to find the answers kept from an interrupted questionnaire",
            "`--resume` で中断した質問の回答を探すには `XDG_STATE_HOME` か `HOME` が必要です"
        )));
    };
    let path = saved.path().display();
    let Some(text) = saved.read().map_err(invalid)? else {
        return Err(invalid(msg!(
            "nothing to resume: no questionnaire was interrupted (`{path}` does not exist); run `container-advisor recommend`",
            "再開するものがありません。中断した質問はありません（`{path}` が存在しません）。`container-advisor recommend` を実行してください"
        )));
    };
    let id = sources.add(path.to_string(), text.clone());
    Answers::from_toml(&text, id, rules).map_err(|d| {
        let rendered = rendered_answer_problems(&d, sources, color, lang);
        let hint = msg!(
            "hint: these are the answers kept from an interrupted questionnaire; delete `{path}` to start afresh",
            "hint: これは中断した質問の回答を保存したファイルです。`{path}` を削除すれば最初からやり直せます"
        );
        Failure::Diagnostics(format!("{rendered}{}\n", hint.get(lang)))
    })
}

/// `problem`, then why some of `missing` are required (`estimate_cost = true`).
pub fn with_estimate_note(rules: &RuleSet, missing: &[String], problem: Message) -> Message {
    match questionnaire::estimate_note(rules, missing) {
        Some(note) => msg!("{problem} ({note})", "{problem}（{note}）"; problem, note),
        None => problem,
    }
}

/// Reads a UTF-8 answers file the user named; problems are invalid input (exit 2).
pub fn read_text(file: &Path) -> Result<String, Failure> {
    let path = file.display();
    if file.is_dir() {
        return Err(invalid(msg!(
            "answers file `{path}` is a directory, not a file",
            "回答ファイル `{path}` はディレクトリです。ファイルを指定してください"
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| {
        invalid(msg!("cannot read answers file `{path}`: {e}", "回答ファイル `{path}` を読めません: {e}"))
    })?;
    let code = Code::InvalidUtf8;
    String::from_utf8(bytes).map_err(|_| {
        invalid(msg!(
            "answers file `{path}` is not UTF-8 text [{code}]",
            "回答ファイル `{path}` が UTF-8 のテキストではありません [{code}]"
        ))
    })
}
