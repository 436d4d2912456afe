//! The interactive questionnaire (inquire): the only place that reads the keyboard.
//!
//! It draws the steps of a library [`Flow`] (which question, the counter, the review)
//! and reports the keys back: an answer, Esc (back one question; at the first, whether
//! to quit), Ctrl-C (stop, keeping the answers). Every string it shows is in the
//! language of `--lang`, inquire's own included, and help lines are wrapped to the
//! terminal with the key hints kept under them.

mod question;

use inquire::ui::{Color, ErrorMessageRenderConfig, RenderConfig, Styled};
use inquire::{InquireError, Select};

use container_advisor::questionnaire::{Ask, Esc, Flow, Step};
use container_advisor::{Answers, Lang, RuleSet};

use question::{ask_one, yes_no};

/// How the questionnaire ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Every question answered and the review confirmed.
    Done(Answers),
    /// Ctrl-C, or quitting at the first question: the answers so far.
    Interrupted(Answers),
}

/// What the user did at one prompt.
enum Key<T> {
    Answer(T),
    /// Esc.
    Back,
    /// Ctrl-C.
    Interrupt,
}

fn key<T>(result: Result<T, InquireError>) -> Result<Key<T>, InquireError> {
    match result {
        Ok(value) => Ok(Key::Answer(value)),
        Err(InquireError::OperationCanceled) => Ok(Key::Back),
        Err(InquireError::OperationInterrupted) => Ok(Key::Interrupt),
        Err(other) => Err(other),
    }
}

/// Asks what `answers` leaves open, then shows the review until the user confirms.
pub(crate) fn run(rules: &RuleSet, answers: Answers, lang: Lang, color: bool) -> Result<Outcome, InquireError> {
    inquire::set_global_render_config(render_config(lang, color));
    let mut flow = Flow::new(rules, answers);
    loop {
        let screen = Screen::now();
        match flow.step() {
            Step::Ask(ask) => match key(ask_one(&ask, lang, &screen))? {
                Key::Answer(value) => flow.answer(value),
                Key::Back => {
                    if !flow.back() && quit(lang, &screen)? {
                        return Ok(Outcome::Interrupted(flow.into_answers()));
                    }
                }
                Key::Interrupt => return Ok(Outcome::Interrupted(flow.into_answers())),
            },
            Step::Review => match key(review(&flow, lang, &screen))? {
                Key::Answer(None) => flow.confirm(),
                Key::Answer(Some(id)) => flow.change(&id),
                Key::Back => {
                    if !flow.back() && quit(lang, &screen)? {
                        return Ok(Outcome::Interrupted(flow.into_answers()));
                    }
                }
                Key::Interrupt => return Ok(Outcome::Interrupted(flow.into_answers())),
            },
            Step::Done => return Ok(Outcome::Done(flow.into_answers())),
        }
    }
}

/// inquire's look: answered questions start with `✔`, the current one with `?`, so
/// they differ without colour too; Esc shows `← back`; inquire's own words translated.
fn render_config(lang: Lang, color: bool) -> RenderConfig<'static> {
    let base = if color { RenderConfig::default_colored() } else { RenderConfig::empty() };
    let answered = Styled::new("✔");
    let back = Styled::new(lang.pick("← back", "← 戻る"));
    let mut error = if color { ErrorMessageRenderConfig::default_colored() } else { ErrorMessageRenderConfig::empty() };
    error.default_message = lang.pick("Invalid input.", "入力が正しくありません。");
    base.with_answered_prompt_prefix(if color { answered.with_fg(Color::LightGreen) } else { answered })
        .with_canceled_prompt_indicator(if color { back.with_fg(Color::DarkGrey) } else { back })
        .with_error_message(error)
}

/// The terminal's size, read before each prompt (it may have been resized).
pub(super) struct Screen {
    width: usize,
    height: usize,
}

impl Screen {
    fn now() -> Self {
        let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
        // A terminal that reports 0 × 0 (some PTYs) is treated as 80 × 24.
        let width = if width == 0 { 80 } else { usize::from(width) };
        let height = if height == 0 { 24 } else { usize::from(height) };
        Self { width, height }
    }

    /// Help and key hints, each wrapped to the width inside inquire's `[` `]`.
    pub(super) fn help(&self, help: Option<&str>, hints: &str) -> String {
        let width = self.width.saturating_sub(2).max(20);
        let mut lines: Vec<String> = Vec::new();
        if let Some(help) = help {
            lines.extend(textwrap::wrap(help, width).into_iter().map(String::from));
        }
        lines.extend(textwrap::wrap(hints, width).into_iter().map(String::from));
        lines.join("\n")
    }

    /// A question wrapped at spaces where it can be, after inquire's `? ` prefix.
    pub(super) fn wrap_prompt(&self, text: &str) -> String {
        let options = textwrap::Options::new(self.width.saturating_sub(1).max(20)).initial_indent("  ");
        let wrapped = textwrap::fill(text, options);
        wrapped.strip_prefix("  ").unwrap_or(&wrapped).to_owned()
    }

    /// Rows for a list, leaving room for the question and `help_lines`.
    pub(super) fn page(&self, help_lines: usize, options: usize) -> usize {
        self.height.saturating_sub(help_lines + 3).clamp(3, options.max(3))
    }
}

/// What Esc does at this question.
pub(super) fn esc_hint(ask: &Ask<'_>, lang: Lang) -> &'static str {
    match ask.esc {
        Esc::Back => lang.pick("esc to go back", "Esc で前の質問に戻ります"),
        Esc::Review => lang.pick("esc to return to the review", "Esc で確認画面に戻ります"),
        Esc::Quit => lang.pick("esc to quit", "Esc で終了"),
    }
}

/// Two hints as one: `a, b` / `a、b`.
pub(super) fn join(lang: Lang, first: &str, second: &str) -> String {
    format!("{first}{}{second}", lang.pick(", ", "、"))
}

/// The review: every answer with its label; Enter on one changes it, Enter on the
/// first line confirms them all. Returns the id to change, or `None` to confirm.
fn review(flow: &Flow<'_>, lang: Lang, screen: &Screen) -> Result<Option<String>, InquireError> {
    let items = flow.review();
    let confirm = lang.pick("✔ These are right: show the recommendation", "✔ この回答で結果を表示する").to_owned();
    let mut lines = vec![confirm];
    for item in &items {
        let answer = item.value.label(item.question, lang);
        lines.push(fit(
            &container_advisor::escape::terminal_line(item.question.text.get(lang)),
            &answer,
            screen.width.saturating_sub(4),
        ));
    }
    let help = screen.help(
        None,
        lang.pick(
            "↑↓ to move, enter to change the answer (or confirm), type to filter, esc to go back",
            "↑↓ で移動、Enter で回答を変更（または確定）、文字を入力して絞り込み、Esc で前の質問に戻ります",
        ),
    );
    let title = lang.pick(
        "Review your answers: change any of them, or confirm",
        "回答を確認してください。変更するか、このまま確定してください",
    );
    let page = screen.page(help.lines().count(), lines.len());
    let chosen = Select::new(title, lines).with_page_size(page).with_help_message(&help).raw_prompt()?;
    Ok(chosen.index.checked_sub(1).map(|i| items[i].question.id.to_string()))
}

/// `question: answer` in `width` columns, the question shortened with `…` first.
fn fit(question: &str, answer: &str, width: usize) -> String {
    use textwrap::core::display_width;
    let room = width.saturating_sub(display_width(answer) + 2);
    let question = if display_width(question) <= room {
        question.to_owned()
    } else {
        let mut short = String::new();
        for c in question.chars() {
            if display_width(&short) + display_width(c.encode_utf8(&mut [0; 4])) + 1 > room {
                break;
            }
            short.push(c);
        }
        short.push('…');
        short
    };
    format!("{question}: {answer}")
}

/// At the first question, Esc asks whether to quit (the answers so far are kept).
fn quit(lang: Lang, screen: &Screen) -> Result<bool, InquireError> {
    let text = lang.pick("Quit the questionnaire?", "質問を終了しますか？");
    let help = screen.help(
        None,
        lang.pick(
            "the answers so far are kept for `container-advisor recommend --resume`; esc to stay",
            "ここまでの回答は保存され、`container-advisor recommend --resume` で再開できます。Esc で続行",
        ),
    );
    match key(yes_no(text, lang).with_default(false).with_help_message(&help).prompt())? {
        Key::Answer(yes) => Ok(yes),
        Key::Back => Ok(false),
        Key::Interrupt => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn review_lines_fit_the_width() {
        assert_eq!(fit("How many?", "3", 40), "How many?: 3");
        let line = fit("チームの Kubernetes の知見はどの程度か？", "基本", 24);
        assert!(textwrap::core::display_width(&line) <= 24, "{line}");
        assert!(line.contains('…') && line.ends_with(": 基本"), "{line}");
    }
}
