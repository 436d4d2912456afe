//! How a command of the application layer fails, for the binary to print and map to
//! an exit code.

use crate::diag::{self, Diagnostic, SourceMap};
use crate::error::InvalidInput;
use crate::i18n::{Lang, Message};
use crate::msg;

/// A command that did not produce its result.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the input, already rendered with their positions (exit 2).
    Diagnostics(String),
    /// Anything else; an [`InvalidInput`] inside means exit 2, the rest exit 1.
    Error(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Error(e)
    }
}

impl From<InvalidInput> for Failure {
    fn from(e: InvalidInput) -> Self {
        Failure::Error(e.into())
    }
}

/// Invalid input (exit 2) that says `message`.
pub fn invalid(message: Message) -> Failure {
    Failure::Error(InvalidInput(message).into())
}

/// `error: {what}: 2 errors, 1 warning`, in `lang`, with a newline.
pub fn summary(diagnostics: &[Diagnostic], what: &Message, lang: Lang) -> String {
    let (errors, warnings) = diag::count(diagnostics);
    let errors = counted(errors, "error", "errors");
    let warnings = counted(warnings, "warning", "warnings");
    let line = msg!(
        "{what}: {errors}, {warnings}",
        "{what}: エラー {errors} 件、警告 {warnings} 件"; what, errors, warnings
    );
    format!("error: {}\n", line.get(lang))
}

/// `1 error` / `2 errors` in English, the bare number in Japanese (the counter word
/// is in the sentence).
pub fn counted(n: usize, one: &str, many: &str) -> Message {
    Message { en: format!("{n} {}", if n == 1 { one } else { many }), ja: n.to_string() }
}

/// Answer problems with their positions, then the summary line.
pub fn answer_problems(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool, lang: Lang) -> Failure {
    Failure::Diagnostics(rendered_answer_problems(diagnostics, sources, color, lang))
}

/// The text of [`answer_problems`].
pub fn rendered_answer_problems(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool, lang: Lang) -> String {
    format!(
        "{}{}",
        diag::render(diagnostics, sources, color, lang),
        summary(diagnostics, &msg!("invalid answers", "回答が不正です"), lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(counted(1, "error", "errors").en, "1 error");
        assert_eq!(counted(0, "error", "errors").en, "0 errors");
        assert_eq!(counted(3, "warning", "warnings").get(Lang::Ja), "3");
    }
}
