//! One question drawn with inquire: a list, a multiple choice, yes/no or a number,
//! with its counter, its help and key hints, and every word in the user's language
//! (yes/no accepts y/n, yes/no and はい/いいえ; numbers accept full-width digits).

use inquire::validator::Validation;
use inquire::{Confirm, CustomType, InquireError, MultiSelect, Select};

use container_advisor::Lang;
use container_advisor::model::answers::format_number;
use container_advisor::model::{AnswerValue, Question, QuestionKind};
use container_advisor::questionnaire::Ask;

use super::{Screen, esc_hint, join};

/// One question as inquire draws it: the text with its counter, the help with the
/// key hints, and where the answer starts (the current answer, else the default).
struct Drawn<'a> {
    question: &'a Question,
    text: String,
    help: Option<String>,
    esc: &'static str,
    labels: Vec<String>,
    start: Option<&'a AnswerValue>,
}

pub(super) fn ask_one(ask: &Ask<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let question = ask.question;
    // Rule text reaches the terminal with control and invisible characters escaped.
    let safe = |text: &str| container_advisor::escape::terminal_line(text).into_owned();
    let drawn = Drawn {
        question,
        text: screen.wrap_prompt(&format!("[{}/{}] {}", ask.number, ask.total, safe(question.text.get(lang)))),
        help: question.help.as_ref().map(|h| container_advisor::escape::terminal(h.get(lang), false).into_owned()),
        esc: esc_hint(ask, lang),
        labels: question.options.iter().map(|o| safe(o.label.get(lang))).collect(),
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
    let help = screen.help(d.help.as_deref(), &hints);
    let cursor = match d.start {
        Some(AnswerValue::Choice(id)) => d.question.options.iter().position(|o| &o.id == id).unwrap_or(0),
        _ => 0,
    };
    let chosen = Select::new(&d.text, d.labels.clone())
        .with_starting_cursor(cursor)
        .with_page_size(screen.page(help.lines().count(), d.labels.len()))
        .with_help_message(&help)
        .raw_prompt()?;
    Ok(AnswerValue::Choice(d.question.options[chosen.index].id.to_string()))
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
    let help = screen.help(d.help.as_deref(), &hints);
    let defaults: Vec<usize> = match d.start {
        Some(AnswerValue::Choices(ids)) => d
            .question
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| ids.iter().any(|id| *id == o.id))
            .map(|(i, _)| i)
            .collect(),
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
    Ok(AnswerValue::Choices(chosen.into_iter().map(|c| d.question.options[c.index].id.to_string()).collect()))
}

fn ask_bool(d: &Drawn<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let hints = join(
        lang,
        lang.pick("y for yes, n for no, enter to confirm", "「はい」か「いいえ」（y か n）を入力して Enter"),
        d.esc,
    );
    let help = screen.help(d.help.as_deref(), &hints);
    let mut prompt = yes_no(&d.text, lang).with_help_message(&help);
    if let Some(AnswerValue::Bool(b)) = d.start {
        prompt = prompt.with_default(*b);
    }
    Ok(AnswerValue::Bool(prompt.prompt()?))
}

fn ask_number(d: &Drawn<'_>, lang: Lang, screen: &Screen) -> Result<AnswerValue, InquireError> {
    let (min, max, integer) =
        d.question.range.as_ref().map_or((f64::MIN, f64::MAX, false), |r| (r.min, r.max, r.integer));
    let unit = d
        .question
        .range
        .as_ref()
        .and_then(|r| r.unit.as_ref())
        .map(|u| container_advisor::escape::terminal_line(u.get(lang)).into_owned());
    let (low, high) = (format_number(min), format_number(max));
    let range = match (lang, unit) {
        (Lang::En, Some(unit)) => format!("enter a number from {low} to {high} ({unit})"),
        (Lang::En, None) => format!("enter a number from {low} to {high}"),
        (Lang::Ja, Some(unit)) => format!("{low} から {high} の数値（{unit}）を入力してください"),
        (Lang::Ja, None) => format!("{low} から {high} の数値を入力してください"),
    };
    let whole = lang.pick("enter a whole number", "整数を入力してください").to_owned();
    let hints = join(lang, &range, d.esc);
    let help = screen.help(d.help.as_deref(), &hints);
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
pub(super) fn yes_no(text: &str, lang: Lang) -> Confirm<'_> {
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

#[cfg(test)]
mod tests {
    use super::{parse_bool, parse_number};

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
}
