//! The interactive questionnaire (inquire): the only place that reads the keyboard.
//!
//! It draws the steps of a library [`Flow`] (which question, the counter, the review)
//! and reports the keys back: an answer, Esc (back one question; at the first, whether
//! to quit), Ctrl-C (stop, keeping the answers). Every string it shows is in the
//! language of `--lang`, inquire's own included, and help lines are wrapped to the
//! terminal with the key hints kept under them.

use inquire::ui::{Color, ErrorMessageRenderConfig, RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{Confirm, CustomType, InquireError, MultiSelect, Select};

use container_advisor::model::answers::format_number;
use container_advisor::model::{AnswerValue, Question, QuestionKind};
use container_advisor::questionnaire::{Ask, Flow, Step};
use container_advisor::{Answers, Lang, RuleSet};

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
struct Screen {
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
    fn help(&self, help: Option<&str>, hints: &str) -> String {
        let width = self.width.saturating_sub(2).max(20);
        let mut lines: Vec<String> = Vec::new();
        if let Some(help) = help {
            lines.extend(textwrap::wrap(help, width).into_iter().map(String::from));
        }
        lines.extend(textwrap::wrap(hints, width).into_iter().map(String::from));
        lines.join("\n")
    }

    /// A question wrapped at spaces where it can be, after inquire's `? ` prefix.
    fn wrap_prompt(&self, text: &str) -> String {
        let options = textwrap::Options::new(self.width.saturating_sub(1).max(20)).initial_indent("  ");
        let wrapped = textwrap::fill(text, options);
        wrapped.strip_prefix("  ").unwrap_or(&wrapped).to_owned()
    }

    /// Rows for a list, leaving room for the question and `help_lines`.
    fn page(&self, help_lines: usize, options: usize) -> usize {
        self.height.saturating_sub(help_lines + 3).clamp(3, options.max(3))
    }
}

/// What Esc does at this question.
fn esc_hint(ask: &Ask<'_>, lang: Lang) -> &'static str {
    if ask.number <= 1 {
        lang.pick("esc to quit", "Esc で終了")
    } else {
        lang.pick("esc to go back", "Esc で前の質問に戻る")
    }
}

/// Two hints as one: `a, b` / `a、b`.
fn join(lang: Lang, first: &str, second: &str) -> String {
    format!("{first}{}{second}", lang.pick(", ", "、"))
}

/// One question as inquire draws it: the text with its counter, the help with the
/// key hints, and where the answer starts (the current answer, else the default).
struct Drawn<'a> {
    question: &'a Question,
    text: String,
    help: Option<&'a str>,
    esc: &'static str,
    labels: Vec<String>,
    start: Option<&'a AnswerValue>,
}

fn ask_one(ask: &Ask<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let question = ask.question;
    let drawn = Drawn {
        question,
        text: screen.wrap_prompt(&format!("[{}/{}] {}", ask.number, ask.total, question.text.get(lang))),
        help: question.help.as_ref().map(|h| h.get(lang)),
        esc: esc_hint(ask, lang),
        labels: question.options.iter().map(|o| o.label.get(lang).to_owned()).collect(),
        start: ask.current.or(question.default.as_ref()),
    };
    match question.kind {
        QuestionKind::Single => ask_single(&drawn, lang, screen),
        QuestionKind::Multi => ask_multi(&drawn, lang, screen),
        QuestionKind::Bool => ask_bool(&drawn, lang, screen),
        QuestionKind::Number => ask_number(&drawn, lang, screen),
    }
}

fn ask_single(d: &Drawn<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let hints = join(
        lang,
        lang.pick("↑↓ to move, enter to select, type to filter", "↑↓ で移動、Enter で選択、文字を入力して絞り込み"),
        d.esc,
    );
    let help = screen.help(d.help, &hints);
    let cursor = match d.start {
        Some(AnswerValue::Choice(id)) => d.question.options.iter().position(|o| &o.id == id).unwrap_or(0),
        _ => 0,
    };
    let chosen = Select::new(&d.text, d.labels.clone())
        .with_starting_cursor(cursor)
        .with_page_size(screen.page(help.lines().count(), d.labels.len()))
        .with_help_message(&help)
        .raw_prompt()?;
    Ok(AnswerValue::Choice(d.question.options[chosen.index].id.clone()))
}

fn ask_multi(d: &Drawn<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let max = d.question.max_choices.unwrap_or(d.question.options.len());
    let hints = join(
        lang,
        lang.pick(
            "↑↓ to move, space to select one, → to all, ← to none, type to filter, enter to confirm",
            "↑↓ で移動、スペースで選択、→ ですべて選択、← ですべて解除、文字を入力して絞り込み、Enter で確定",
        ),
        d.esc,
    );
    let help = screen.help(d.help, &hints);
    let defaults: Vec<usize> = match d.start {
        Some(AnswerValue::Choices(ids)) => {
            d.question.options.iter().enumerate().filter(|(_, o)| ids.contains(&o.id)).map(|(i, _)| i).collect()
        }
        _ => Vec::new(),
    };
    let too_many = match lang {
        Lang::En => format!("choose at most {max}"),
        Lang::Ja => format!("選べるのは {max} 個までです"),
    };
    let none = lang.pick("(none)", "（なし）");
    let separator = lang.pick(", ", "、");
    let formatter = move |chosen: &[inquire::list_option::ListOption<&String>]| {
        if chosen.is_empty() {
            none.to_owned()
        } else {
            chosen.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(separator)
        }
    };
    let chosen = MultiSelect::new(&d.text, d.labels.clone())
        .with_default(&defaults)
        .with_page_size(screen.page(help.lines().count(), d.labels.len()))
        .with_formatter(&formatter)
        .with_validator(move |chosen: &[inquire::list_option::ListOption<&String>]| {
            Ok(if chosen.len() > max { Validation::Invalid(too_many.clone().into()) } else { Validation::Valid })
        })
        .with_help_message(&help)
        .raw_prompt()?;
    Ok(AnswerValue::Choices(chosen.into_iter().map(|c| d.question.options[c.index].id.clone()).collect()))
}

fn ask_bool(d: &Drawn<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let hints = join(
        lang,
        lang.pick("y for yes, n for no, enter to confirm", "「はい」か「いいえ」（y か n）を入力して Enter"),
        d.esc,
    );
    let help = screen.help(d.help, &hints);
    let mut prompt = yes_no(&d.text, lang).with_help_message(&help);
    if let Some(AnswerValue::Bool(b)) = d.start {
        prompt = prompt.with_default(*b);
    }
    Ok(AnswerValue::Bool(prompt.prompt()?))
}

fn ask_number(d: &Drawn<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let (min, max, integer) =
        d.question.range.as_ref().map_or((f64::MIN, f64::MAX, false), |r| (r.min, r.max, r.integer));
    let unit = d.question.range.as_ref().and_then(|r| r.unit.as_ref()).map(|u| u.get(lang).to_owned());
    let (low, high) = (format_number(min), format_number(max));
    let range = match (lang, unit) {
        (Lang::En, Some(unit)) => format!("enter a number from {low} to {high} ({unit})"),
        (Lang::En, None) => format!("enter a number from {low} to {high}"),
        (Lang::Ja, Some(unit)) => format!("{low} から {high} の数値（{unit}）を入力してください"),
        (Lang::Ja, None) => format!("{low} から {high} の数値を入力してください"),
    };
    let whole = lang.pick("enter a whole number", "整数を入力してください").to_owned();
    let hints = join(lang, &range, d.esc);
    let help = screen.help(d.help, &hints);
    let out_of_range = range.clone();
    let mut prompt = CustomType::<f64>::new(&d.text)
        .with_parser(&parse_number)
        .with_error_message(lang.pick("type a number, e.g. 12", "数値を入力してください（例: 12）"))
        .with_formatter(&|n| format_number(n))
        .with_default_value_formatter(&|n| format_number(n))
        .with_validator(move |n: &f64| {
            Ok(if !(min..=max).contains(n) {
                Validation::Invalid(out_of_range.clone().into())
            } else if integer && n.fract() != 0.0 {
                Validation::Invalid(whole.clone().into())
            } else {
                Validation::Valid
            })
        })
        .with_help_message(&help);
    if let Some(AnswerValue::Number(n)) = d.start {
        prompt = prompt.with_default(*n);
    }
    Ok(AnswerValue::Number(prompt.prompt()?))
}

/// A number as typed, full-width digits (１２) included.
fn parse_number(input: &str) -> Result<f64, ()> {
    let ascii: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' | '．' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    ascii.parse::<f64>().map_err(|_| ()).and_then(|n| if n.is_finite() { Ok(n) } else { Err(()) })
}

/// A yes/no prompt that accepts y/n, yes/no and はい/いいえ in either language, and
/// echoes the answer in the user's language.
fn yes_no(text: &str, lang: Lang) -> Confirm<'_> {
    let prompt = Confirm::new(text).with_parser(&parse_bool);
    match lang {
        Lang::En => prompt.with_error_message("type y for yes or n for no").with_formatter(&yes_no_en),
        Lang::Ja => prompt
            .with_error_message("「はい」か「いいえ」（y か n）を入力してください")
            .with_formatter(&yes_no_ja)
            .with_default_value_formatter(&default_ja),
    }
}

fn parse_bool(input: &str) -> Result<bool, ()> {
    match input.trim().to_lowercase().as_str() {
        "y" | "yes" | "はい" | "ｙ" => Ok(true),
        "n" | "no" | "いいえ" | "ｎ" => Ok(false),
        _ => Err(()),
    }
}

fn yes_no_en(yes: bool) -> String {
    if yes { "Yes" } else { "No" }.to_owned()
}

fn yes_no_ja(yes: bool) -> String {
    if yes { "はい" } else { "いいえ" }.to_owned()
}

fn default_ja(yes: bool) -> String {
    if yes { "はい/いいえ、既定: はい" } else { "はい/いいえ、既定: いいえ" }.to_owned()
}

/// The review: every answer with its label; Enter on one changes it, Enter on the
/// first line confirms them all. Returns the id to change, or `None` to confirm.
fn review(flow: &Flow<'_>, lang: Lang, screen: &Screen) -> Result<Option<String>, InquireError> {
    let items = flow.review();
    let confirm = lang.pick("✔ These are right: show the recommendation", "✔ この回答で結果を表示する").to_owned();
    let mut lines = vec![confirm];
    for item in &items {
        let answer = item.value.label(item.question, lang);
        lines.push(fit(item.question.text.get(lang), &answer, screen.width.saturating_sub(4)));
    }
    let help = screen.help(
        None,
        lang.pick(
            "↑↓ to move, enter to change the answer (or confirm), type to filter, esc to go back",
            "↑↓ で移動、Enter で回答を変更（または確定）、文字を入力して絞り込み、Esc で前の質問に戻る",
        ),
    );
    let title = lang.pick(
        "Review your answers: change any of them, or confirm",
        "回答を確認してください。変更するか、このまま確定してください",
    );
    let page = screen.page(help.lines().count(), lines.len());
    let chosen = Select::new(title, lines).with_page_size(page).with_help_message(&help).raw_prompt()?;
    Ok(chosen.index.checked_sub(1).map(|i| items[i].question.id.clone()))
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
    use super::{fit, parse_bool, parse_number};

    #[test]
    fn yes_and_no_are_accepted_in_both_languages() {
        for yes in ["y", "Yes", " はい "] {
            assert_eq!(parse_bool(yes), Ok(true), "{yes}");
        }
        for no in ["n", "NO", "いいえ"] {
            assert_eq!(parse_bool(no), Ok(false), "{no}");
        }
        assert_eq!(parse_bool("maybe"), Err(()));
    }

    #[test]
    fn numbers_may_be_typed_with_full_width_digits() {
        assert_eq!(parse_number(" １２ "), Ok(12.0));
        assert_eq!(parse_number("0.5"), Ok(0.5));
        assert_eq!(parse_number("inf"), Err(()));
        assert_eq!(parse_number("twelve"), Err(()));
    }

    #[test]
    fn review_lines_fit_the_width() {
        assert_eq!(fit("How many?", "3", 40), "How many?: 3");
        let line = fit("チームの Kubernetes の知見はどの程度か？", "基本", 24);
        assert!(textwrap::core::display_width(&line) <= 24, "{line}");
        assert!(line.contains('…') && line.ends_with(": 基本"), "{line}");
    }
}
