//! The real questionnaire, driven through a pseudo-terminal (expectrl): arrow keys,
//! space, enter, typed numbers and yes/no in English and Japanese; Esc back one
//! question; the review and a change made there; Ctrl-C, then `--resume`.
//!
//! Robust by construction: Enter is `\r`, Esc is sent alone, the PTY is never resized,
//! colour is off (`NO_COLOR=1`), every key waits for the text of its prompt, and each
//! test keeps its state in a temporary `XDG_STATE_HOME`. The questions, their order
//! and the counters expected are computed from the default rules, so adding or
//! reordering questions does not break these tests.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use container_advisor::model::{AnswerValue, Question, QuestionKind};
use container_advisor::questionnaire::applies;
use container_advisor::{Answers, RuleSet, default_rules};
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect as _};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";
const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| default_rules().unwrap_or_else(|e| panic!("{e}")))
}

/// Answers for every question that applies without an estimate, except `skip`.
fn preset_except(skip: &[&str]) -> Vec<(String, AnswerValue)> {
    let mut answers = Answers::new();
    for question in &rules().questions {
        if skip.contains(&question.id.as_str()) || !applies(question, &answers) {
            continue;
        }
        let value = match question.id.as_str() {
            "estimate_cost" => AnswerValue::Bool(false),
            _ => question.default.clone().unwrap_or_else(|| first_choice(question)),
        };
        answers.set(question.id.clone(), value);
    }
    answers.iter().map(|(id, v)| (id.to_owned(), v.clone())).collect()
}

/// An answer for a question without a default: its first option, false, its minimum.
fn first_choice(question: &Question) -> AnswerValue {
    match question.kind {
        QuestionKind::Single => AnswerValue::Choice(question.options[0].id.to_string()),
        QuestionKind::Multi => AnswerValue::Choices(Vec::new()),
        QuestionKind::Bool => AnswerValue::Bool(false),
        QuestionKind::Number => AnswerValue::Number(question.range.as_ref().map_or(1.0, |r| r.min)),
    }
}

/// A spawned `recommend`, with what it was given and what it has been answered, so
/// the next question and its counter can be predicted.
struct Run {
    session: OsSession,
    ja: bool,
    preset: BTreeSet<String>,
    answers: Answers,
    /// The last counter seen on screen, `(number, total)`.
    counters: Vec<(String, usize, usize)>,
}

impl Run {
    /// `recommend` in a temporary state directory, `--set` for every preset answer,
    /// writing the report to `output` as JSON.
    fn spawn(state: &Path, ja: bool, preset: &[(String, AnswerValue)], extra: &[&str]) -> Self {
        Self::spawn_to(state, ja, preset, extra, None)
    }

    /// As [`Run::spawn`], with stdout redirected to `stdout` (through `sh`) when given.
    fn spawn_to(
        state: &Path,
        ja: bool,
        preset: &[(String, AnswerValue)],
        extra: &[&str],
        stdout: Option<&Path>,
    ) -> Self {
        let mut cmd = match stdout {
            None => Command::new(env!("CARGO_BIN_EXE_container-advisor")),
            Some(file) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", "exec \"$0\" \"$@\" > \"$STDOUT_FILE\"", env!("CARGO_BIN_EXE_container-advisor")]);
                sh.env("STDOUT_FILE", file);
                sh
            }
        };
        cmd.env("NO_COLOR", "1").env("TERM", "xterm").env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
        cmd.env("XDG_STATE_HOME", state).env_remove("COLUMNS").env_remove("SOURCE_DATE_EPOCH");
        if ja {
            cmd.args(["--lang", "ja"]);
        }
        cmd.arg("recommend");
        if !extra.contains(&"--format") {
            cmd.args(["--format", "json"]);
        }
        let mut answers = Answers::new();
        for (id, value) in preset {
            cmd.args(["--set", &format!("{id}={}", value.display())]);
            answers.set(id.clone(), value.clone());
        }
        cmd.args(extra);
        let mut session = OsSession::spawn(cmd).unwrap_or_else(|e| panic!("cannot spawn: {e}"));
        session.set_expect_timeout(Some(Duration::from_secs(15)));
        let preset = answers.iter().map(|(id, _)| id.to_owned()).collect();
        Run { session, ja, preset, answers, counters: Vec::new() }
    }

    fn expect(&mut self, text: &str) -> String {
        let found = self.session.expect(text).unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
        String::from_utf8_lossy(found.before()).into_owned()
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap_or_else(|e| panic!("cannot send keys: {e}"));
    }

    /// The questions this run asks given the answers so far (defaults assumed for the
    /// questions not answered yet), in order.
    fn plan(&self) -> Vec<&'static Question> {
        let assumed = container_advisor::questionnaire::complete_with_defaults(rules(), self.answers.clone()).answers;
        rules().questions.iter().filter(|q| !self.preset.contains(q.id.as_str()) && applies(q, &assumed)).collect()
    }

    /// The next question: the first of the plan without an answer, with its counter.
    fn next(&self) -> Option<(&'static Question, usize, usize)> {
        let plan = self.plan();
        let index = plan.iter().position(|q| !self.answers.contains(&q.id))?;
        Some((plan[index], index + 1, plan.len()))
    }

    fn text(&self, question: &Question) -> String {
        let text = if self.ja { &question.text.ja } else { &question.text.en };
        // The start of the question: short enough to sit on the first screen line.
        let mut start = String::new();
        for c in text.chars() {
            start.push(c);
            if textwrap::core::display_width(&start) >= 16 {
                break;
            }
        }
        start
    }

    /// Waits for the current question with its counter (`? [n/t] text`).
    fn expect_question(&mut self, question: &Question, number: usize, total: usize) {
        let text = self.text(question);
        self.expect(&format!("? [{number}/{total}] {text}"));
        self.counters.push((question.id.to_string(), number, total));
    }

    /// Answers the next question: with `wanted` when given, else with what the prompt
    /// starts from (the current answer, the default, the first option). Checks the
    /// counter before and the answered line (`✔`, not `?`) after.
    fn answer_next(&mut self, wanted: Option<AnswerValue>) -> &'static Question {
        let (question, number, total) = self.next().unwrap_or_else(|| panic!("no question left to answer"));
        self.expect_question(question, number, total);
        let start = self.answers.get(&question.id).or(question.default.as_ref()).cloned();
        let value = match question.kind {
            QuestionKind::Single => {
                let at = |v: &Option<AnswerValue>| match v {
                    Some(AnswerValue::Choice(id)) => question.options.iter().position(|o| &o.id == id).unwrap_or(0),
                    _ => 0,
                };
                let (from, to) = (at(&start), at(&wanted.clone().or(start.clone())));
                assert!(to >= from, "{}: only moving down is supported", question.id);
                self.send(&DOWN.repeat(to - from));
                self.send(ENTER);
                AnswerValue::Choice(question.options[to].id.to_string())
            }
            QuestionKind::Multi => {
                assert!(wanted.is_none(), "{}: only the starting choices are supported", question.id);
                self.send(ENTER);
                start.unwrap_or(AnswerValue::Choices(Vec::new()))
            }
            QuestionKind::Bool => {
                let yes = match wanted.or(start) {
                    Some(AnswerValue::Bool(b)) => b,
                    _ => false,
                };
                let typed = match (self.ja, yes) {
                    (true, true) => "はい",
                    (true, false) => "いいえ",
                    (false, true) => "y",
                    (false, false) => "n",
                };
                self.send(typed);
                self.send(ENTER);
                AnswerValue::Bool(yes)
            }
            QuestionKind::Number => match (wanted, start) {
                (Some(AnswerValue::Number(n)), _) => {
                    self.send(&format!("{n}"));
                    self.send(ENTER);
                    AnswerValue::Number(n)
                }
                (_, Some(start)) => {
                    self.send(ENTER);
                    start
                }
                (_, None) => {
                    let min = question.range.as_ref().map_or(1.0, |r| r.min);
                    self.send(&format!("{min}"));
                    self.send(ENTER);
                    AnswerValue::Number(min)
                }
            },
        };
        self.expect(&format!("✔ [{number}/{total}] {}", self.text(question)));
        self.answers.set(question.id.clone(), value);
        question
    }

    /// Answers every question left, `estimate_cost` with `estimate`, until the review.
    fn answer_all(&mut self, estimate: bool) {
        while let Some((question, _, _)) = self.next() {
            let wanted = (question.id == "estimate_cost").then_some(AnswerValue::Bool(estimate));
            self.answer_next(wanted);
        }
        self.expect_review();
    }

    fn expect_review(&mut self) {
        let title = if self.ja { "? 回答を確認してください" } else { "? Review your answers" };
        self.expect(title);
    }

    /// Confirms the review (its first line) and waits for the end.
    fn confirm(mut self) -> i32 {
        self.send(ENTER);
        let _ = self.session.expect(Eof);
        exit_code(&mut self.session)
    }

    /// Ids of the review's lines after the first (confirm), as the review lists them.
    fn review_ids(&self) -> Vec<String> {
        rules()
            .questions
            .iter()
            .filter(|q| applies(q, &self.answers) && self.answers.contains(&q.id))
            .map(|q| q.id.to_string())
            .collect()
    }
}

fn exit_code(session: &mut OsSession) -> i32 {
    match session.get_process().wait().unwrap_or_else(|e| panic!("wait: {e}")) {
        WaitStatus::Exited(_, code) => code,
        other => panic!("unexpected status {other:?}"),
    }
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap_or_else(|| panic!("not UTF-8: {}", path.display()))
}

fn report_answers(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("no report: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON: {e}"));
    json["answers"].clone()
}

fn state_file(state: &Path) -> PathBuf {
    state.join("container-advisor/answers.toml")
}

/// Every counter of a run: numbered 1, 2, 3… and each total the number of questions
/// that apply given the answers before it.
fn assert_counted_every_step(run: &Run) {
    for (k, (id, number, _)) in run.counters.iter().enumerate() {
        assert_eq!(*number, k + 1, "{id}: {:?}", run.counters);
    }
    let last = run.counters.last().map_or(0, |c| c.2);
    assert_eq!(last, run.counters.len(), "the last counter is n/n: {:?}", run.counters);
}

#[test]
fn a_full_english_run_counts_every_step_and_reaches_a_result() {
    let state = temp();
    let out = state.path().join("report.json");
    let mut run = Run::spawn(state.path(), false, &[], &["--output", path_arg(&out)]);
    run.answer_all(true);
    assert_counted_every_step(&run);
    // The total grew when the estimate was wanted, by the questions it makes apply.
    let at_estimate = run.counters.iter().find(|c| c.0 == "estimate_cost").map_or(0, |c| c.2);
    let workload = rules().questions.iter().filter(|q| q.id == "region" || q.id == "tasks").count();
    let last_total = run.counters.last().map_or(0, |c| c.2);
    assert!(last_total >= at_estimate + workload, "{:?}", run.counters);
    assert_eq!(run.confirm(), 0);
    let answers = report_answers(&out);
    assert_eq!(answers["estimate_cost"], true);
    assert!(answers["tasks"].is_number(), "{answers}");
    assert!(!state_file(state.path()).exists(), "a finished run keeps no state");
}

#[test]
fn a_full_japanese_run_counts_every_step_and_takes_hai_and_iie() {
    let state = temp();
    let out = state.path().join("report.json");
    let mut run = Run::spawn(state.path(), true, &[], &["--output", path_arg(&out)]);
    let mut first_yes_no = None;
    while let Some((question, number, total)) = run.next() {
        if question.kind == QuestionKind::Bool && first_yes_no.is_none() {
            // A wrong answer gets a Japanese message; then はい, typed.
            run.expect_question(question, number, total);
            run.send("x");
            run.send(ENTER);
            run.expect("「はい」か「いいえ」（y か n）を入力してください");
            run.send(BACKSPACE);
            run.send("はい");
            run.send(ENTER);
            run.expect(&format!("✔ [{number}/{total}] {}", run.text(question)));
            run.expect("はい");
            run.answers.set(question.id.clone(), AnswerValue::Bool(true));
            first_yes_no = Some(question);
            continue;
        }
        let wanted = (question.id == "estimate_cost").then_some(AnswerValue::Bool(true));
        run.answer_next(wanted);
    }
    run.expect_review();
    assert_counted_every_step(&run);
    let asked: BTreeSet<String> = run.counters.iter().map(|c| c.0.clone()).collect();
    assert_eq!(run.confirm(), 0);
    let first_yes_no = first_yes_no.unwrap_or_else(|| panic!("no yes/no question"));
    let answers = report_answers(&out);
    assert_eq!(answers[first_yes_no.id.as_str()], true, "はい is yes");
    assert_eq!(answers["estimate_cost"], true, "はい is yes");
    let noes: Vec<&Question> = rules()
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Bool && asked.contains(q.id.as_str()))
        .filter(|q| q.id != first_yes_no.id && q.id != "estimate_cost")
        .collect();
    assert!(!noes.is_empty());
    for question in noes {
        assert_eq!(answers[question.id.as_str()], false, "{}: いいえ is no", question.id);
    }
}

#[test]
fn esc_goes_back_one_question_and_at_the_first_asks_whether_to_quit() {
    let state = temp();
    let out = state.path().join("report.json");
    let preset = preset_except(&["k8s_in_use", "k8s_skill", "services"]);
    let mut run = Run::spawn(state.path(), false, &preset, &["--output", path_arg(&out)]);
    let first = run.answer_next(Some(AnswerValue::Choice("evaluating".into())));
    let (second, number, total) = run.next().unwrap_or_else(|| unreachable!());
    run.expect_question(second, number, total);
    run.send(ESC);
    // Back at the first question, which starts from its answer.
    run.expect(" ← back");
    run.expect(&format!("? [1/{total}] {}", run.text(first)));
    let evaluating = first.option("evaluating").map(|o| o.label.en.clone()).unwrap_or_default();
    run.expect(&format!("> {evaluating}"));
    run.send(ESC);
    run.expect("? Quit the questionnaire?");
    run.send(ESC); // no: stay
    run.expect(&format!("? [1/{total}] {}", run.text(first)));
    run.send(ENTER);
    run.answer_next(Some(AnswerValue::Choice("deep".into())));
    run.answer_all(false);
    assert_eq!(run.confirm(), 0);
    let answers = report_answers(&out);
    assert_eq!((answers["k8s_in_use"].as_str(), answers["k8s_skill"].as_str()), (Some("evaluating"), Some("deep")));

    // At the first question, Esc and yes quits with 130 and writes nothing.
    let mut run = Run::spawn(state.path(), false, &preset, &[]);
    let (first, number, total) = run.next().unwrap_or_else(|| unreachable!());
    run.expect_question(first, number, total);
    run.send(ESC);
    run.expect("? Quit the questionnaire?");
    run.send("y");
    run.send(ENTER);
    let _ = run.session.expect(Eof);
    assert_eq!(exit_code(&mut run.session), 130);
}

#[test]
fn the_review_lists_every_answer_and_a_change_there_asks_what_it_makes_apply() {
    let state = temp();
    let out = state.path().join("report.json");
    let preset = preset_except(&["k8s_in_use", "estimate_cost"]);
    let mut run = Run::spawn(state.path(), false, &preset, &["--output", path_arg(&out)]);
    run.answer_all(false);
    // The answers are listed in order with their labels, after the line that confirms.
    run.expect("These are right: show the recommendation");
    for id in run.review_ids().iter().take(4) {
        let question = rules().question(id).unwrap_or_else(|| unreachable!());
        let value = run.answers.get(id).cloned().unwrap_or_else(|| unreachable!());
        run.expect(&format!(": {}", value.label(question, container_advisor::Lang::En)));
    }
    // Change `estimate_cost` to yes: the workload questions are asked, counted.
    let lines = run.review_ids();
    let at = lines.iter().position(|id| id == "estimate_cost").unwrap_or_else(|| panic!("listed: {lines:?}"));
    run.send(&DOWN.repeat(at + 1));
    run.send(ENTER);
    run.preset.remove("estimate_cost");
    run.answers.remove("estimate_cost");
    run.answer_next(Some(AnswerValue::Bool(true)));
    let (workload, number, total) = run.next().unwrap_or_else(|| unreachable!());
    assert_eq!(number, 3, "after the two asked, the first that the change makes apply");
    assert!(workload.ask_if.is_some() && total > 3, "{}: {total}", workload.id);
    run.answer_all(true);
    assert_eq!(run.confirm(), 0);
    let answers = report_answers(&out);
    assert_eq!(answers["estimate_cost"], true);
    assert!(answers["region"].is_string() && answers["tasks"].is_number(), "{answers}");
}

#[test]
fn ctrl_c_keeps_the_answers_so_far_and_resume_asks_only_what_is_missing() {
    let state = temp();
    let out = state.path().join("report.json");
    let saved = state.path().join("saved.toml");
    let preset = preset_except(&["k8s_in_use", "ops_capacity", "traffic", "priorities"]);
    let args = ["--output", path_arg(&out), "--save-answers", path_arg(&saved)];
    let mut run = Run::spawn(state.path(), false, &preset, &args);
    run.answer_next(Some(AnswerValue::Choice("production".into())));
    let (second, number, total) = run.next().unwrap_or_else(|| unreachable!());
    run.expect_question(second, number, total);
    run.send(CTRL_C);
    let rest = run.expect("recommend --resume");
    assert!(rest.contains("interrupted: nothing was written"), "{rest}");
    let _ = run.session.expect(Eof);
    assert_eq!(exit_code(&mut run.session), 130);
    assert!(!out.exists() && !saved.exists(), "nothing is written after an interrupt");
    let kept = std::fs::read_to_string(state_file(state.path())).unwrap_or_else(|e| panic!("no state: {e}"));
    assert!(kept.contains("k8s_in_use = \"production\""), "{kept}");

    // `--resume`, with no answers on the command line: only the three left are asked.
    let resume_args = [&args[..], &["--resume"]].concat();
    let mut resumed = Run::spawn(state.path(), false, &[], &resume_args);
    resumed.answers.set("k8s_in_use", AnswerValue::Choice("production".into()));
    resumed.preset.insert("k8s_in_use".into());
    for (id, value) in &preset {
        resumed.answers.set(id.clone(), value.clone());
        resumed.preset.insert(id.clone());
    }
    resumed.answer_all(false);
    assert_eq!(
        resumed.counters.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
        ["ops_capacity", "traffic", "priorities"]
    );
    assert_eq!(resumed.counters.first().map(|c| (c.1, c.2)), Some((1, 3)));
    assert_eq!(resumed.confirm(), 0);
    assert_eq!(report_answers(&out)["k8s_in_use"], "production");
    assert!(!state_file(state.path()).exists(), "a finished resume forgets the kept answers");
}

#[test]
fn html_on_a_terminal_says_to_write_it_to_a_file() {
    let state = temp();
    let preset = preset_except(&[]);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_container-advisor"));
    cmd.env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env("XDG_STATE_HOME", state.path());
    cmd.args(["recommend", "--format", "html"]);
    for (id, value) in &preset {
        cmd.args(["--set", &format!("{id}={}", value.display())]);
    }
    let mut session = OsSession::spawn(cmd).unwrap_or_else(|e| panic!("cannot spawn: {e}"));
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session.expect("--output report.html").unwrap_or_else(|e| panic!("no hint: {e}"));
    let _ = session.expect(Eof);
    assert_eq!(exit_code(&mut session), 2);
}

#[test]
fn with_no_color_answered_questions_look_different_from_the_current_one() {
    let state = temp();
    let preset = preset_except(&["k8s_in_use", "services"]);
    let mut run = Run::spawn(state.path(), false, &preset, &[]);
    let (first, number, total) = run.next().unwrap_or_else(|| unreachable!());
    run.expect_question(first, number, total);
    run.send(ENTER);
    run.answers.set(first.id.clone(), first_choice(first));
    let (second, number, total) = run.next().unwrap_or_else(|| unreachable!());
    let screen = run.expect(&format!("? [{number}/{total}] {}", run.text(second)));
    // The answered line starts with ✔ (not ?), the current one with ?; no colour at all.
    assert!(screen.contains(&format!("✔ [1/{total}] {}", run.text(first))), "{screen:?}");
    assert!(!screen.contains("? [1/"), "the answered question is redrawn with ✔: {screen:?}");
    assert!(!screen.contains("\x1b[38;") && !screen.contains("\x1b[39m"), "no colour with NO_COLOR: {screen:?}");
    run.send(CTRL_C);
    let _ = run.session.expect(Eof);
    assert_eq!(exit_code(&mut run.session), 130);
}

#[test]
fn with_stdout_redirected_the_prompts_stay_on_the_terminal_and_the_report_goes_to_stdout() {
    let state = temp();
    let stdout = state.path().join("stdout.json");
    let preset = preset_except(&["services"]);
    let mut run = Run::spawn_to(state.path(), false, &preset, &[], Some(&stdout));
    run.answer_all(false);
    run.send(ENTER);
    let end = run.session.expect(Eof).unwrap_or_else(|e| panic!("no end: {e}"));
    let screen = String::from_utf8_lossy(end.get(0).unwrap_or_default()).into_owned();
    assert!(screen.contains("These are right"), "the rest of the screen: {screen}");
    assert_eq!(exit_code(&mut run.session), 0);
    assert!(!screen.contains("schema_version"), "the report is not drawn on the terminal: {screen}");
    let report = std::fs::read_to_string(&stdout).unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| panic!("stdout is the JSON: {e}"));
    assert_eq!(json["schema_version"], 1);
}

#[test]
fn after_an_interactive_run_the_recommendation_is_the_last_thing_on_the_screen() {
    let state = temp();
    let preset = preset_except(&["priorities"]);
    let mut run = Run::spawn(state.path(), false, &preset, &["--format", "table"]);
    run.answer_all(false);
    run.send(ENTER);
    // Everything after the review: the one-screen result, ending with how to see more.
    let after = run.expect("review.md");
    let tail = run.session.expect(Eof).map(|m| String::from_utf8_lossy(m.before()).into_owned()).unwrap_or_default();
    assert!(tail.trim().is_empty() || !tail.contains('?'), "nothing is asked after the result: {tail:?}");
    let recommendation = after.rfind("Recommendation: ").unwrap_or_else(|| panic!("no recommendation in {after:?}"));
    let review = after.rfind("Review your answers").unwrap_or(0);
    assert!(recommendation > review, "the result comes after the review");
    let result = &after[recommendation..];
    let flat = result.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(" points because it rates higher on ") || flat.contains("is the only pattern"), "{result}");
    assert!(result.lines().count() <= 40, "one screen: {result}");
    assert!(
        !result.contains("Ratings by criterion") && !result.contains("\nAnswers"),
        "the details stay behind --explain"
    );
    assert_eq!(exit_code(&mut run.session), 0);
}
