//! The interactive questionnaire (inquire): the only place that reads the keyboard.
//! It asks the unanswered, applicable questions in rule order and returns `Answers`.

use inquire::ui::RenderConfig;
use inquire::validator::Validation;
use inquire::{Confirm, CustomType, InquireError, MultiSelect, Select};

use container_advisor::model::answers::format_number;
use container_advisor::model::{AnswerValue, Question, QuestionKind};
use container_advisor::questionnaire::applies;
use container_advisor::{Answers, Lang, RuleSet};

/// Why the questionnaire stopped early.
#[derive(Debug)]
pub(crate) enum PromptError {
    /// Ctrl-C or Esc.
    Interrupted,
    /// The terminal failed.
    Failed(InquireError),
}

/// Asks every question that is unanswered and applies, in order, and adds the answers.
pub(crate) fn ask_missing(rules: &RuleSet, answers: &mut Answers, lang: Lang, color: bool) -> Result<(), PromptError> {
    if !color {
        inquire::set_global_render_config(RenderConfig::empty());
    }
    let total = rules.questions.iter().filter(|q| !answers.contains(&q.id)).count();
    let mut asked = 0;
    for question in &rules.questions {
        if answers.contains(&question.id) || !applies(question, answers) {
            continue;
        }
        asked += 1;
        let value = ask(question, lang, asked, total).map_err(|e| match e {
            InquireError::OperationInterrupted | InquireError::OperationCanceled => PromptError::Interrupted,
            other => PromptError::Failed(other),
        })?;
        answers.set(question.id.clone(), value);
    }
    Ok(())
}

fn ask(question: &Question, lang: Lang, index: usize, total: usize) -> Result<AnswerValue, InquireError> {
    // Rule text reaches the terminal with control and invisible characters escaped.
    let safe = |text: &str| container_advisor::escape::terminal_line(text).into_owned();
    let text = format!("[{index}/{total}] {}", safe(question.text.get(lang)));
    let help = question.help.as_ref().map(|h| container_advisor::escape::terminal(h.get(lang), false).into_owned());
    let labels: Vec<String> = question.options.iter().map(|o| safe(o.label.get(lang))).collect();
    match question.kind {
        QuestionKind::Single => {
            let start = match &question.default {
                Some(AnswerValue::Choice(id)) => question.options.iter().position(|o| &o.id == id).unwrap_or(0),
                _ => 0,
            };
            let mut prompt = Select::new(&text, labels.clone()).with_starting_cursor(start).with_page_size(8);
            if let Some(help) = &help {
                prompt = prompt.with_help_message(help);
            }
            let chosen = prompt.raw_prompt()?;
            Ok(AnswerValue::Choice(question.options[chosen.index].id.clone()))
        }
        QuestionKind::Multi => {
            let defaults: Vec<usize> = match &question.default {
                Some(AnswerValue::Choices(ids)) => {
                    question.options.iter().enumerate().filter(|(_, o)| ids.contains(&o.id)).map(|(i, _)| i).collect()
                }
                _ => Vec::new(),
            };
            let max = question.max_choices.unwrap_or(question.options.len());
            let too_many = format!("{} {max}", lang.pick("choose at most", "選べるのは最大"));
            let mut prompt = MultiSelect::new(&text, labels.clone())
                .with_default(&defaults)
                .with_page_size(10)
                .with_validator(move |chosen: &[inquire::list_option::ListOption<&String>]| {
                    Ok(if chosen.len() > max {
                        Validation::Invalid(too_many.clone().into())
                    } else {
                        Validation::Valid
                    })
                });
            let hint = lang.pick("space to select, enter to confirm", "スペースで選択、Enter で確定");
            let help_text = match &help {
                Some(h) => format!("{h} ({hint})"),
                None => hint.to_owned(),
            };
            prompt = prompt.with_help_message(&help_text);
            let chosen = prompt.raw_prompt()?;
            Ok(AnswerValue::Choices(chosen.into_iter().map(|c| question.options[c.index].id.clone()).collect()))
        }
        QuestionKind::Bool => {
            let mut prompt = Confirm::new(&text);
            if let Some(AnswerValue::Bool(b)) = &question.default {
                prompt = prompt.with_default(*b);
            }
            if let Some(help) = &help {
                prompt = prompt.with_help_message(help);
            }
            Ok(AnswerValue::Bool(prompt.prompt()?))
        }
        QuestionKind::Number => {
            let range = question.range.clone();
            let (min, max, integer) = range.as_ref().map_or((f64::MIN, f64::MAX, false), |r| (r.min, r.max, r.integer));
            let unit = range.as_ref().and_then(|r| r.unit.as_ref()).map(|u| safe(u.get(lang)));
            let message = format!(
                "{} {}–{}{}",
                lang.pick("enter a number", "数値を入力:"),
                format_number(min),
                format_number(max),
                unit.map(|u| format!(" ({u})")).unwrap_or_default()
            );
            let out_of_range = message.clone();
            let whole = lang.pick("enter a whole number", "整数を入力すること").to_owned();
            let mut prompt = CustomType::<f64>::new(&text)
                .with_error_message(lang.pick("not a number", "数値ではない"))
                .with_formatter(&|n| format_number(n))
                .with_validator(move |n: &f64| {
                    Ok(if !(min..=max).contains(n) {
                        Validation::Invalid(out_of_range.clone().into())
                    } else if integer && n.fract() != 0.0 {
                        Validation::Invalid(whole.clone().into())
                    } else {
                        Validation::Valid
                    })
                });
            if let Some(AnswerValue::Number(n)) = &question.default {
                prompt = prompt.with_default(*n);
            }
            let help_text = match &help {
                Some(h) => format!("{h} ({message})"),
                None => message.clone(),
            };
            prompt = prompt.with_help_message(&help_text);
            Ok(AnswerValue::Number(prompt.prompt()?))
        }
    }
}
