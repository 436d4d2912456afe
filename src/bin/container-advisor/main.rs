//! The `container-advisor` binary: parse the command line, run one command, map the
//! outcome to an exit code. All logic lives in the library; this file only wires
//! files, the terminal and the library together.
//!
//! Problems in the user's input (diagnostics, invalid input, hints) are printed in the
//! language of `--lang` or the locale. Operational failures that exit 1 (``failed to
//! write `x` ``, with their `anyhow` chain) stay English, as do clap's own parse errors.

#![forbid(unsafe_code)]

mod args;
mod prompt;
mod signals;

use std::fmt::Write as _;
use std::io::{self, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use clap::{CommandFactory as _, Parser as _};

use args::{
    Cli, Command, CompareArgs, CostArgs, FormatArg, OutputArgs, QuestionsFormat, ReachArgs, RecommendArgs, RulesCommand,
};
use container_advisor::diag::{self, Code, Diagnostic};
use container_advisor::engine::robustness::{RobustnessOptions, analyse};
use container_advisor::load::{FileId, InvalidInput};
use container_advisor::output::{self, Target};
use container_advisor::questionnaire::{self, allowed, complete_with_defaults, unanswered};
use container_advisor::reach::ReachOptions;
use container_advisor::report::CostOnlyReport;
use container_advisor::report::adr::date::iso_date;
use container_advisor::report::compare::CompareReport;
use container_advisor::report::table::{cells, finish, new_table};
use container_advisor::report::versus::VersusReport;
use container_advisor::state::SavedAnswers;
use container_advisor::suggest::did_you_mean;
use container_advisor::{
    Answers, Lang, Message, RenderOptions, Report, RuleSet, RulesSelection, SourceMap, evaluate, load_rules, msg,
};

/// The documented exit codes (DESIGN §7), listed in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    Success = 0,
    Failure = 1,
    InvalidInput = 2,
    Interrupted = 130,
}

/// How a command failed.
enum Failure {
    /// Input problems, already rendered with their positions.
    Diagnostics(String),
    /// Ctrl-C at a prompt, or quitting at the first question: where the answers so
    /// far were kept, or why they could not be.
    Interrupted(Option<Result<PathBuf, anyhow::Error>>),
    /// Anything else; [`InvalidInput`] inside means exit 2.
    Error(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Error(e)
    }
}

fn invalid(message: Message) -> Failure {
    Failure::Error(InvalidInput(message).into())
}

fn main() -> ExitCode {
    let lang_of_locale = || Lang::from_locale(|var| std::env::var(var).ok());
    signals::install(lang_of_locale());
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return ExitCode::from(clap_exit(&err) as u8),
    };
    let lang = cli.global.lang.map_or_else(lang_of_locale, Into::into);
    let exit = match run(&cli, lang) {
        Ok(()) => Exit::Success,
        Err(Failure::Diagnostics(text)) => {
            to_stderr(&text);
            Exit::InvalidInput
        }
        Err(Failure::Interrupted(kept)) => {
            to_stderr(&format!(
                "{}\n",
                msg!("interrupted: nothing was written", "中断した。何も書き込んでいない").get(lang)
            ));
            match kept {
                Some(Ok(path)) => {
                    let path = path.display();
                    eprintln!(
                        "{}",
                        msg!(
                            "the answers so far are kept in `{path}`; continue with `container-advisor recommend --resume`",
                            "ここまでの回答は `{path}` に保存した。`container-advisor recommend --resume` で続きから再開できる"
                        )
                        .get(lang)
                    );
                }
                Some(Err(err)) => eprintln!("error: the answers so far could not be kept: {err:#}"),
                None => {}
            }
            Exit::Interrupted
        }
        // The reader went away (`| head`, `| true`): nothing more to say.
        Err(Failure::Error(err)) if is_broken_pipe(&err) => Exit::Success,
        Err(Failure::Error(err)) => match err.downcast_ref::<InvalidInput>() {
            Some(InvalidInput(message)) => {
                to_stderr(&format!("error: {}\n", message.get(lang)));
                Exit::InvalidInput
            }
            None => {
                to_stderr(&format!("error: {err:#}\n"));
                Exit::Failure
            }
        },
    };
    ExitCode::from(exit as u8)
}

/// Prints clap's help, version or error; `--help > /dev/full` is a failure, not a success.
fn clap_exit(err: &clap::Error) -> Exit {
    let printed = err.print().and_then(|()| io::stdout().flush());
    match printed {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Success,
        Err(e) => {
            to_stderr(&format!("error: failed to write to stdout: {e}\n"));
            Exit::Failure
        }
        Ok(()) if err.use_stderr() => Exit::InvalidInput,
        Ok(()) => {
            if let Err(e) = output::write_stdout(b"") {
                to_stderr(&format!("error: {e:#}\n"));
                return Exit::Failure;
            }
            Exit::Success
        }
    }
}

/// Writes to stderr with every control character from user text shown escaped (the
/// colour of diagnostics is kept on a terminal). A stderr that cannot be written is
/// ignored: there is nowhere left to report it, and the exit code still tells.
fn to_stderr(text: &str) {
    let safe = container_advisor::escape::terminal(text, color_for(io::stderr().is_terminal()));
    let _ = io::stderr().lock().write_all(safe.as_bytes());
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn run(cli: &Cli, lang: Lang) -> Result<(), Failure> {
    match &cli.command {
        Command::Recommend(args) => recommend(cli, args, lang),
        Command::Compare(args) => compare(cli, args, lang),
        Command::Cost(args) => cost(cli, args, lang),
        Command::Questions(args) => {
            let rules = rules(cli, lang)?;
            target(&args.output)?;
            let text = match args.format {
                QuestionsFormat::Table => questions_table(&rules, lang),
                QuestionsFormat::Toml => questionnaire::answers_template(&rules, lang),
            };
            emit(&text, &args.output)
        }
        Command::Rules(RulesCommand::Check { dir }) => rules_check(cli, dir.as_deref(), lang),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut command, "container-advisor", &mut out);
            emit(&String::from_utf8_lossy(&out), &STDOUT)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out).context("failed to render the man page")?;
            emit(&String::from_utf8_lossy(&out), &STDOUT)
        }
        Command::Rules(RulesCommand::List { format }) => {
            let rules = rules(cli, lang)?;
            let catalogue = container_advisor::report::catalogue::Catalogue::new(&rules, lang);
            emit(&catalogue.render((*format).into(), &render_options(false)), &STDOUT)
        }
        Command::Rules(RulesCommand::Reach(args)) => rules_reach(cli, args, lang),
        Command::Rules(RulesCommand::Schema) => emit(&container_advisor::load::rules_schema(), &STDOUT),
        Command::Pricing(args::PricingCommand::Import { files, regions, output, force }) => {
            let imported = container_advisor::pricing_import::import(files, regions, output, *force)?;
            for path in imported.written {
                let path = path.display();
                to_stderr(&format!("{}\n", msg!("wrote {path}", "{path} を書き出した").get(lang)));
            }
            Ok(())
        }
        Command::Rules(RulesCommand::Export { dir, force }) => {
            let written = container_advisor::load::export_defaults(dir, *force)?;
            for path in written {
                let path = path.display();
                to_stderr(&format!("{}\n", msg!("wrote {path}", "{path} を書き出した").get(lang)));
            }
            Ok(())
        }
    }
}

/// Colour only on a terminal that is not `TERM=dumb`, and never with `NO_COLOR`.
fn color_for(stream_is_terminal: bool) -> bool {
    stream_is_terminal && !dumb_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `TERM=dumb`: no colour, and no interactive questionnaire (it needs cursor movement
/// and bracketed paste, which such a terminal does not understand).
fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Box drawing only when the locale says UTF-8 (`LANG=C` gets ASCII borders).
fn utf8_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty())).is_some_and(
        |v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        },
    )
}

fn render_options(explain: bool) -> RenderOptions {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .or_else(|| comfy_table::Table::new().width())
        .filter(|w| *w > 0)
        .unwrap_or(100);
    RenderOptions { width, color: color_for(io::stdout().is_terminal()), explain, date: None, ascii: !utf8_locale() }
}

/// Adds the date to the options of a format whose documents carry one (`adr`).
fn dated(mut options: RenderOptions, format: FormatArg) -> Result<RenderOptions, Failure> {
    if format == FormatArg::Adr {
        options.date = Some(document_date()?);
    }
    Ok(options)
}

/// The UTC date a document carries: that of `SOURCE_DATE_EPOCH` (seconds since the
/// epoch, as reproducible builds set it) when it is set and not empty, else today's.
fn document_date() -> Result<String, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if value.trim().is_empty() => {}
        Ok(value) => {
            return value.trim().parse::<i64>().map(iso_date).map_err(|_| {
                invalid(msg!(
                    "`SOURCE_DATE_EPOCH` must be a whole number of seconds since 1970-01-01 UTC, not `{value}`",
                    "`SOURCE_DATE_EPOCH` には 1970-01-01 UTC からの秒数を整数で指定する（指定値: `{value}`）"
                ))
            });
        }
        Err(std::env::VarError::NotPresent) => {}
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(invalid(msg!(
                "`SOURCE_DATE_EPOCH` must be a whole number of seconds since 1970-01-01 UTC",
                "`SOURCE_DATE_EPOCH` には 1970-01-01 UTC からの秒数を整数で指定する"
            )));
        }
    }
    let seconds = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    };
    Ok(iso_date(seconds))
}

/// Loads and validates the rules of `--rules` / `--rules-only`; prints warnings;
/// errors become a failure.
fn rules(cli: &Cli, lang: Lang) -> Result<RuleSet, Failure> {
    let selection = cli.global.rules_selection().map_err(invalid)?;
    let (rules, diagnostics, sources) = load_rules(&selection)?;
    let color = color_for(io::stderr().is_terminal());
    match rules {
        Some(rules) => {
            if !diagnostics.is_empty() {
                to_stderr(&diag::render(&diagnostics, &sources, color, lang));
            }
            Ok(rules)
        }
        None => Err(Failure::Diagnostics(format!(
            "{}{}",
            diag::render(&diagnostics, &sources, color, lang),
            summary(&diagnostics, &msg!("the rules are invalid", "ルールが不正である"), lang)
        ))),
    }
}

/// `error: {what}: 2 error(s), 0 warning(s)`, in `lang`, with a newline.
fn summary(diagnostics: &[Diagnostic], what: &Message, lang: Lang) -> String {
    let (errors, warnings) = diag::count(diagnostics);
    let line = msg!(
        "{what}: {errors} error(s), {warnings} warning(s)",
        "{what}: エラー {errors} 件、警告 {warnings} 件"; what
    );
    format!("error: {}\n", line.get(lang))
}

fn rules_check(cli: &Cli, dir: Option<&Path>, lang: Lang) -> Result<(), Failure> {
    let selection = match dir {
        Some(dir) if cli.global.rules_only => RulesSelection::Only(dir.to_path_buf()),
        Some(dir) => RulesSelection::Overlay(dir.to_path_buf()),
        None => cli.global.rules_selection().map_err(invalid)?,
    };
    let (rules, mut diagnostics, sources) = load_rules(&selection)?;
    // Only `rules check` sweeps for patterns that never win: every other command would
    // pay for it on each run.
    if let Some(rules) = &rules {
        diagnostics.extend(container_advisor::reach::check::never_wins(rules));
    }
    let color = color_for(io::stderr().is_terminal());
    to_stderr(&diag::render(&diagnostics, &sources, color, lang));
    match rules {
        Some(rules) => {
            let rating_count: usize = rules.ratings.iter().map(Vec::len).sum();
            let mut out = String::new();
            let _ = writeln!(
                out,
                "ok: {} patterns, {} criteria, {rating_count} ratings, {} questions, {} rules; {} warning(s)",
                rules.patterns.len(),
                rules.criteria.len(),
                rules.questions.len(),
                rules.rules.len(),
                diag::count(&diagnostics).1,
            );
            if let Some(pricing) = &rules.pricing {
                let _ = writeln!(
                    out,
                    "pricing: {} Region(s), {} instance types, {} Fargate CPU sizes",
                    pricing.regions.len(),
                    pricing.instance_types.len(),
                    pricing.fargate_sizes.len()
                );
            }
            let _ = writeln!(out, "digest: {}", rules.digest);
            emit(&out, &STDOUT)
        }
        None => Err(Failure::Diagnostics(summary(
            &diagnostics,
            &msg!("rules check failed", "ルールの検査に失敗した"),
            lang,
        ))),
    }
}

fn rules_reach(cli: &Cli, args: &ReachArgs, lang: Lang) -> Result<(), Failure> {
    let rules = rules(cli, lang)?;
    target(&args.output)?;
    let fixed = read_answers(args.answers.as_deref(), &args.set, &rules, lang)?;
    let options = ReachOptions { fixed, sample: args.sample, seed: args.seed, ..ReachOptions::default() };
    let reach = container_advisor::reach::sweep(&rules, &options);
    let text =
        container_advisor::report::reach::render(&reach, &rules, lang, args.format.into(), &render_options(false));
    emit(&text, &args.output)
}

fn recommend(cli: &Cli, args: &RecommendArgs, lang: Lang) -> Result<(), Failure> {
    let rules = rules(cli, lang)?;
    // Every output path is checked before the first question, not after the last.
    let report_path = args.output.output.as_deref().unwrap_or(Path::new("-"));
    let paths: Vec<&Path> = [Some(report_path), args.save_answers.as_deref()].into_iter().flatten().collect();
    let targets = output::check_each(&paths, args.output.force).map_err(|p| invalid(p.message()))?;
    refuse_html_on_terminal(args.format.into(), &args.output)?;
    // A bad `SOURCE_DATE_EPOCH` fails before any question is asked, too.
    let options = dated(render_options(args.explain), args.format)?;
    let (answers, defaulted) = collect_answers(&rules, args.answers.as_deref(), args, lang, true)?;
    let report = build_report(&rules, &answers, &defaulted, args.seed, lang);
    let text = match &args.versus {
        None => report.render(args.format.into(), &options),
        Some(path) => {
            let (answers_b, defaulted_b) = collect_answers(&rules, Some(path), args, lang, false)?;
            let report_b = build_report(&rules, &answers_b, &defaulted_b, args.seed, lang);
            let label =
                |p: Option<&Path>| p.map_or_else(|| "(prompts and --set)".to_owned(), |p| p.display().to_string());
            let versus = VersusReport::new(report, report_b, label(args.answers.as_deref()), label(Some(path)));
            versus.render(args.format.into(), &options)
        }
    };
    // The report and the saved answers are written together, or neither is.
    let saved = answers.to_toml(&rules, lang);
    let items: Vec<(&Target, &[u8])> = targets.iter().zip([text.as_bytes(), saved.as_bytes()]).collect();
    Ok(output::write_all(&items)?)
}

/// The answers of `--answers FILE` and `--set id=value` (which wins).
fn read_answers(path: Option<&Path>, set: &[String], rules: &RuleSet, lang: Lang) -> Result<Answers, Failure> {
    let mut answers = Answers::new();
    let mut sources = SourceMap::default();
    if let Some(path) = path {
        let text = read_text(path)?;
        let file: FileId = sources.add(path.display().to_string(), text.clone());
        answers = Answers::from_toml(&text, file, rules).map_err(|d| diagnostics_failure(&d, &sources, lang))?;
    }
    if !set.is_empty() {
        answers.extend(Answers::from_assignments(set, rules).map_err(|d| diagnostics_failure(&d, &sources, lang))?);
    }
    Ok(answers)
}

fn cost(cli: &Cli, args: &CostArgs, lang: Lang) -> Result<(), Failure> {
    let rules = rules(cli, lang)?;
    target(&args.output)?;
    refuse_html_on_terminal(args.format.into(), &args.output)?;
    let answers = read_answers(args.answers.as_deref(), &args.set, &rules, lang)?;
    let (estimate, completion) =
        container_advisor::cost::estimate_answers(&rules, answers).map_err(|e| invalid(e.message()))?;
    let report = CostOnlyReport::new(&rules, &completion.answers, &completion.defaulted, &estimate, lang);
    emit(&report.render(args.format.into(), &render_options(false)), &args.output)
}

fn compare(cli: &Cli, args: &CompareArgs, lang: Lang) -> Result<(), Failure> {
    let rules = rules(cli, lang)?;
    target(&args.output)?;
    refuse_html_on_terminal(args.format.into(), &args.output)?;
    let mut only = Vec::new();
    for id in &args.patterns {
        let Some(index) = rules.find_pattern(id) else {
            let known: Vec<&str> = rules.patterns.iter().map(|p| p.id.as_str()).collect();
            let known_list = Message::list(&known);
            return Err(invalid(match did_you_mean(id, &known) {
                Some(near) => msg!(
                    "`--patterns`: unknown pattern `{id}`; did you mean `{near}`? (known: {known_list})",
                    "`--patterns`: 不明なパターン `{id}`。`{near}` の誤りではないか？（定義済み: {known_list}）"; known_list
                ),
                None => msg!(
                    "`--patterns`: unknown pattern `{id}` (known: {known_list})",
                    "`--patterns`: 不明なパターン `{id}`（定義済み: {known_list}）"; known_list
                ),
            }));
        };
        if only.contains(&index) {
            let id = container_advisor::escape::terminal_line(id);
            return Err(invalid(msg!(
                "`--patterns` names `{id}` twice; name each pattern once",
                "`--patterns` に `{id}` が二回ある。各パターンは一回だけ指定する"
            )));
        }
        only.push(index);
    }
    let only = (!only.is_empty()).then_some(only.as_slice());
    let report = if args.answers.is_none() && args.set.is_empty() {
        CompareReport::base(&rules, only, lang)
    } else {
        let mut sources = SourceMap::default();
        let mut answers = Answers::new();
        if let Some(path) = &args.answers {
            let text = read_text(path)?;
            let id: FileId = sources.add(path.display().to_string(), text.clone());
            answers = Answers::from_toml(&text, id, &rules).map_err(|d| diagnostics_failure(&d, &sources, lang))?;
        }
        answers
            .extend(Answers::from_assignments(&args.set, &rules).map_err(|d| diagnostics_failure(&d, &sources, lang))?);
        let completion = complete_with_defaults(&rules, answers);
        if !completion.missing.is_empty() {
            let missing = Message::list(&completion.missing);
            return Err(invalid(msg!(
                "the weighted view needs an answer for {missing}; add them to `--answers FILE` or pass `--set id=value`",
                "重み付きの比較には {missing} への回答が必要である。`--answers FILE` に書くか `--set id=value` を渡す"; missing
            )));
        }
        let evaluation = evaluate(&rules, &completion.answers);
        CompareReport::weighted(&rules, &completion.answers, &evaluation, only, lang)
    };
    emit(&report.render(args.format.into(), &dated(render_options(false), args.format)?), &args.output)
}

/// Evaluates answers, analyses robustness and builds the report.
fn build_report(rules: &RuleSet, answers: &Answers, defaulted: &[String], seed: u64, lang: Lang) -> Report {
    let evaluation = evaluate(rules, answers);
    let robustness = analyse(&evaluation, &RobustnessOptions { seed, ..RobustnessOptions::default() });
    Report::new(rules, answers, defaulted, &evaluation, Some(&robustness), lang)
}

/// Reads an answers file and the `--set` flags, then fills the rest: defaults with
/// `--no-input`, prompts on a terminal when `may_prompt`, else an error naming what is
/// missing. Returns the answers and the ids that took their default.
fn collect_answers(
    rules: &RuleSet,
    file: Option<&Path>,
    args: &RecommendArgs,
    lang: Lang,
    may_prompt: bool,
) -> Result<(Answers, Vec<String>), Failure> {
    let mut answers = Answers::new();
    let mut sources = SourceMap::default();
    let resume = may_prompt && args.resume;
    let saved = SavedAnswers::locate(|var| std::env::var(var).ok());
    if resume {
        answers = resumed_answers(saved.as_ref(), rules, &mut sources, lang)?;
    }
    if let Some(path) = file {
        let text = read_text(path)?;
        let id: FileId = sources.add(path.display().to_string(), text.clone());
        answers.extend(Answers::from_toml(&text, id, rules).map_err(|d| diagnostics_failure(&d, &sources, lang))?);
    }
    if !args.set.is_empty() {
        answers
            .extend(Answers::from_assignments(&args.set, rules).map_err(|d| diagnostics_failure(&d, &sources, lang))?);
    }
    if args.no_input {
        let completion = complete_with_defaults(rules, answers);
        if !completion.missing.is_empty() {
            let missing = Message::list(&completion.missing);
            let problem = match file.map(Path::display) {
                Some(path) => msg!(
                    "no answer and no default for {missing} in `{path}`; answer them in `--answers FILE` or with `--set id=value`",
                    "`{path}` の {missing} に回答も既定値もない。`--answers FILE` か `--set id=value` で回答する"; missing
                ),
                None => msg!(
                    "no answer and no default for {missing}; answer them in `--answers FILE` or with `--set id=value`",
                    "{missing} に回答も既定値もない。`--answers FILE` か `--set id=value` で回答する"; missing
                ),
            };
            return Err(invalid(with_estimate_note(rules, &completion.missing, problem)));
        }
        return Ok((completion.answers, completion.defaulted));
    }
    let missing = unanswered(rules, &answers);
    let terminal = may_prompt && io::stdin().is_terminal() && io::stderr().is_terminal() && !dumb_terminal();
    // A resumed questionnaire shows its review even when nothing is missing.
    if missing.is_empty() && !(resume && terminal) {
        return Ok((answers, Vec::new()));
    }
    if !terminal {
        let list = Message::list(&missing);
        let not_answered = if missing.len() == 1 {
            msg!("is not answered", "が未回答である")
        } else {
            msg!("are not answered", "が未回答である")
        };
        let problem = if may_prompt && dumb_terminal() && io::stdin().is_terminal() {
            msg!(
                "`TERM=dumb` cannot show the questionnaire, and {list} {not_answered}",
                "`TERM=dumb` の端末では質問を表示できず、{list} {not_answered}"; list, not_answered
            )
        } else if may_prompt {
            msg!(
                "no terminal to ask the questions on, and {list} {not_answered}",
                "質問を表示する端末がなく、{list} {not_answered}"; list, not_answered
            )
        } else {
            msg!(
                "in the `--versus` file, {list} {not_answered}",
                "`--versus` のファイルでは {list} {not_answered}"; list, not_answered
            )
        };
        let problem = with_estimate_note(rules, &missing, problem);
        return Err(invalid(msg!(
            "{problem}\n\
             hint: answer them in a file (`container-advisor questions --format toml > answers.toml`), \
             then pass `--answers answers.toml`; or `--set id=value`; or `--no-input` to take the defaults",
            "{problem}\n\
             hint: 回答をファイルに書き（`container-advisor questions --format toml > answers.toml`）、\
             `--answers answers.toml` で渡す。`--set id=value` で個別に答えるか、`--no-input` で既定値を使ってもよい"; problem
        )));
    }
    if !resume && let Some(saved) = saved.as_ref().filter(|s| s.exists()) {
        let path = saved.path().display();
        eprintln!(
            "{}",
            msg!(
                "note: the answers of an interrupted questionnaire are kept in `{path}`; `container-advisor recommend --resume` continues it",
                "note: 中断した質問の回答が `{path}` に保存されている。`container-advisor recommend --resume` で続きから再開できる"
            )
            .get(lang)
        );
    }
    let outcome = prompt::run(rules, answers, lang, color_for(true))
        .map_err(|e| Failure::Error(anyhow::Error::new(e).context("the questionnaire failed")))?;
    match outcome {
        prompt::Outcome::Done(answers) => {
            if resume && let Some(saved) = &saved {
                // The questionnaire it kept is finished; a failure to forget it is not one.
                let _ = saved.remove();
            }
            Ok((answers, Vec::new()))
        }
        prompt::Outcome::Interrupted(answers) => {
            let kept = (!answers.is_empty()).then(|| match &saved {
                Some(saved) => saved.write(&answers, rules, lang).map(|()| saved.path().to_path_buf()),
                None => Err(anyhow::anyhow!("neither `XDG_STATE_HOME` nor `HOME` is set")),
            });
            Err(Failure::Interrupted(kept))
        }
    }
}

/// The answers an interrupted questionnaire kept (`--resume`); none kept, or a file
/// that does not parse, is invalid input that says what to do.
fn resumed_answers(
    saved: Option<&SavedAnswers>,
    rules: &RuleSet,
    sources: &mut SourceMap,
    lang: Lang,
) -> Result<Answers, Failure> {
    let Some(saved) = saved else {
        return Err(invalid(msg!(
            "`--resume` needs `XDG_STATE_HOME` or `HOME` to find the answers kept from an interrupted questionnaire",
            "`--resume` で中断した質問の回答を探すには `XDG_STATE_HOME` か `HOME` が必要である"
        )));
    };
    let path = saved.path().display();
    let Some(text) = saved.read().map_err(invalid)? else {
        return Err(invalid(msg!(
            "nothing to resume: no questionnaire was interrupted (`{path}` does not exist); run `container-advisor recommend`",
            "再開するものがない。中断した質問はない（`{path}` が存在しない）。`container-advisor recommend` を実行する"
        )));
    };
    let id: FileId = sources.add(path.to_string(), text.clone());
    Answers::from_toml(&text, id, rules).map_err(|d| {
        let rendered = rendered_answer_problems(&d, sources, lang);
        let hint = msg!(
            "hint: these are the answers kept from an interrupted questionnaire; delete `{path}` to start afresh",
            "hint: これは中断した質問の回答を保存したファイルである。`{path}` を削除すれば最初からやり直せる"
        );
        Failure::Diagnostics(format!("{rendered}{}\n", hint.get(lang)))
    })
}

/// `problem`, then why some of `missing` are required (`estimate_cost = true`).
fn with_estimate_note(rules: &RuleSet, missing: &[String], problem: Message) -> Message {
    match questionnaire::estimate_note(rules, missing) {
        Some(note) => msg!("{problem} ({note})", "{problem}（{note}）"; problem, note),
        None => problem,
    }
}

fn diagnostics_failure(diagnostics: &[Diagnostic], sources: &SourceMap, lang: Lang) -> Failure {
    Failure::Diagnostics(rendered_answer_problems(diagnostics, sources, lang))
}

/// Answer problems with their positions, then the summary line.
fn rendered_answer_problems(diagnostics: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let color = color_for(io::stderr().is_terminal());
    format!(
        "{}{}",
        diag::render(diagnostics, sources, color, lang),
        summary(diagnostics, &msg!("invalid answers", "回答が不正である"), lang)
    )
}

/// Reads a UTF-8 answers file the user named; problems are invalid input (exit 2).
fn read_text(file: &Path) -> Result<String, Failure> {
    let path = file.display();
    if file.is_dir() {
        return Err(invalid(msg!(
            "answers file `{path}` is a directory, not a file",
            "回答ファイル `{path}` はディレクトリであり、ファイルではない"
        )));
    }
    let bytes = std::fs::read(file).map_err(|e| {
        invalid(msg!("cannot read answers file `{path}`: {e}", "回答ファイル `{path}` を読めない: {e}"))
    })?;
    let code = Code::InvalidUtf8;
    String::from_utf8(bytes).map_err(|_| {
        invalid(msg!(
            "answers file `{path}` is not UTF-8 text [{code}]",
            "回答ファイル `{path}` が UTF-8 のテキストではない [{code}]"
        ))
    })
}

/// A whole HTML document is no use on a terminal: when it would go there, say how to
/// write it to a file instead (before any question is asked).
fn refuse_html_on_terminal(format: container_advisor::Format, output: &OutputArgs) -> Result<(), Failure> {
    if format == container_advisor::Format::Html && output.output.is_none() && io::stdout().is_terminal() {
        return Err(invalid(msg!(
            "`--format html` writes a whole HTML document, which a terminal cannot show; write it to a file with `--output report.html` (or redirect it: `> report.html`)",
            "`--format html` は HTML 文書を丸ごと出力するため端末には表示できない。`--output report.html` でファイルに書き出す（またはリダイレクトする: `> report.html`）"
        )));
    }
    Ok(())
}

/// The output of commands that have no `--output`.
const STDOUT: OutputArgs = OutputArgs { output: None, force: false };

/// Checks where `--output` goes (stdout without it), before any work is done.
fn target(output: &OutputArgs) -> Result<Target, Failure> {
    match &output.output {
        Some(path) => output::check(path, output.force).map_err(|p| invalid(p.message())),
        None => Ok(Target::Stdout),
    }
}

/// Writes a result to `--output` (atomically) or stdout.
fn emit(text: &str, output: &OutputArgs) -> Result<(), Failure> {
    let target = target(output)?;
    Ok(output::write_all(&[(&target, text.as_bytes())])?)
}

fn questions_table(rules: &RuleSet, lang: Lang) -> String {
    let options = render_options(false);
    let mut table = new_table(&options);
    table.set_header(vec![
        lang.pick("Id", "ID"),
        lang.pick("Question", "質問"),
        lang.pick("Answers", "回答の形式"),
        lang.pick("Default", "既定値"),
    ]);
    for q in &rules.questions {
        let default = match (&q.default, q.optional) {
            _ if q.optional && questionnaire::needed_for_estimate(q) => {
                lang.pick("(required when estimate_cost = true)", "（estimate_cost = true のとき必須）").to_owned()
            }
            (Some(d), _) => d.to_toml(),
            (None, true) => lang.pick("(optional)", "（省略可）").to_owned(),
            (None, false) => lang.pick("(required)", "（必須）").to_owned(),
        };
        table.add_row(cells([q.id.as_str(), q.text.get(lang), &allowed(q, lang), &default]));
    }
    finish(&format!("{table}\n"), &options)
}
