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

use std::io::{self, IsTerminal as _, Write as _};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use clap::{CommandFactory as _, FromArgMatches as _, ValueEnum};

use args::{
    Cli, Command, CompareArgs, CostArgs, CostFormat, FormatArg, ManArgs, OutputArgs, QuestionsFormat, ReachArgs,
    ReachFormat, RecommendArgs, RulesCommand, TemplatesCommand,
};
use container_advisor::app::answers::{self, AnswerInput, Gathered, Missing};
use container_advisor::app::format::{Choice, FileKind};
use container_advisor::app::{self, Context, Environment};
use container_advisor::error::InvalidInput;
use container_advisor::output::{self, Target};
use container_advisor::report::Templates;
use container_advisor::suggest::did_you_mean;
use container_advisor::{Message, RenderOptions, RuleSet, msg};
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

impl From<app::Failure> for Failure {
    fn from(e: app::Failure) -> Self {
        match e {
            app::Failure::Diagnostics(text) => Failure::Diagnostics(text),
            app::Failure::Error(e) => Failure::Error(e),
        }
    }
}

fn invalid(message: Message) -> Failure {
    Failure::Error(InvalidInput(message).into())
}

/// Reads the environment, once: every variable the commands depend on, the terminal
/// facts and the clock. Nothing else in the program reads them.
fn environment() -> Environment {
    let mut env = Environment::from_vars(|var| std::env::var_os(var).map(|v| v.to_string_lossy().into_owned()));
    env.stdin_terminal = io::stdin().is_terminal();
    env.stdout_terminal = io::stdout().is_terminal();
    env.stderr_terminal = io::stderr().is_terminal();
    env.terminal_width = comfy_table::Table::new().width();
    env.now = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    };
    env
}

fn main() -> ExitCode {
    let env = environment();
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(err) => return ExitCode::from(clap_exit(&err, &env) as u8),
    };
    if signals::needed(&cli.command, &env) {
        signals::install(env.locale_lang);
    }
    let lang = cli.global.lang.map_or(env.locale_lang, Into::into);
    let cx = Context { env, lang };
    let exit = match run(&cli, &cx) {
        Ok(()) => Exit::Success,
        Err(Failure::Diagnostics(text)) => {
            to_stderr(&text, &cx.env);
            Exit::InvalidInput
        }
        Err(Failure::Interrupted(kept)) => {
            to_stderr(
                &format!(
                    "{}\n",
                    msg!("interrupted: nothing was written", "中断しました。何も書き込んでいません").get(lang)
                ),
                &cx.env,
            );
            match kept {
                Some(Ok(path)) => {
                    let path = path.display();
                    eprintln!(
                        "{}",
                        msg!(
                            "the answers so far are kept in `{path}`; continue with `container-advisor recommend --resume`",
                            "ここまでの回答は `{path}` に保存しました。`container-advisor recommend --resume` で続きから再開できます"
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
                to_stderr(&format!("error: {}\n", message.get(lang)), &cx.env);
                Exit::InvalidInput
            }
            None => {
                to_stderr(&format!("error: {err:#}\n"), &cx.env);
                Exit::Failure
            }
        },
    };
    ExitCode::from(exit as u8)
}

/// `Cli::try_parse()`, except that on help, version or a parse error clap's command
/// tree is not dropped: the process ends next, and freeing it was 4 % of `--help`.
/// After a parse it is dropped, so that the run reuses its memory (rather than touch
/// ~25 new pages).
fn parse_args() -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    match command.try_get_matches_from_mut(std::env::args_os()) {
        Ok(mut matches) => {
            drop(command);
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut Cli::command()))
        }
        Err(err) => {
            std::mem::forget(command);
            Err(err)
        }
    }
}

/// Prints clap's help, version or error; `--help > /dev/full` is a failure, not a success.
fn clap_exit(err: &clap::Error, env: &Environment) -> Exit {
    let printed = err.print().and_then(|()| io::stdout().flush());
    match printed {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Success,
        Err(e) => {
            to_stderr(&format!("error: failed to write to stdout: {e}\n"), env);
            Exit::Failure
        }
        Ok(()) if err.use_stderr() => Exit::InvalidInput,
        Ok(()) => {
            if let Err(e) = output::write_stdout(b"") {
                to_stderr(&format!("error: {e:#}\n"), env);
                return Exit::Failure;
            }
            Exit::Success
        }
    }
}

/// Writes to stderr with every control character from user text shown escaped (the
/// colour of diagnostics is kept on a terminal). A stderr that cannot be written is
/// ignored: there is nowhere left to report it, and the exit code still tells.
fn to_stderr(text: &str, env: &Environment) {
    let safe = container_advisor::escape::terminal(text, env.stderr_color());
    let _ = io::stderr().lock().write_all(safe.as_bytes());
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn run(cli: &Cli, cx: &Context) -> Result<(), Failure> {
    match &cli.command {
        Command::Recommend(args) => recommend(cli, args, cx),
        Command::Compare(args) => compare(cli, args, cx),
        Command::Cost(args) => cost(cli, args, cx),
        Command::Questions(args) => {
            let rules = rules(cli, cx)?;
            let format = resolve_format(args.format, QuestionsFormat::Table, &args.output)?;
            target(&args.output)?;
            let view = app::Questions::new(&rules, cx.lang);
            emit(&view.render(format.into(), &cx.env.render_options(false)), &args.output)
        }
        Command::Rules(RulesCommand::Check { dir }) => rules_check(cli, dir.as_deref(), cx),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut command, "container-advisor", &mut out);
            emit(&String::from_utf8_lossy(&out), &STDOUT)
        }
        Command::Man(args) => man(args, cx),
        Command::Rules(RulesCommand::List { format }) => {
            let rules = rules(cli, cx)?;
            let catalogue = app::rules_list(&rules, cx);
            emit(&catalogue.render((*format).into(), &cx.env.render_options(false)), &STDOUT)
        }
        Command::Rules(RulesCommand::Reach(args)) => rules_reach(cli, args, cx),
        Command::Rules(RulesCommand::Schema) => emit(&container_advisor::load::rules_schema(), &STDOUT),
        Command::Pricing(args::PricingCommand::Import { files, regions, output, force }) => {
            let imported = container_advisor::pricing_import::import(files, regions, output, *force)?;
            to_stderr(&app::written_lines(&imported.written, cx.lang), &cx.env);
            Ok(())
        }
        Command::Rules(RulesCommand::Export { dir, force }) => {
            let written = output::export_defaults(dir, *force)?;
            to_stderr(&app::written_lines(&written, cx.lang), &cx.env);
            Ok(())
        }
        Command::Templates(TemplatesCommand::Export { dir, force }) => {
            let written = Templates::export(dir, *force)?;
            to_stderr(&app::written_lines(&written, cx.lang), &cx.env);
            Ok(())
        }
    }
}

/// The kind of file each value of a `--format` enum writes.
trait FormatKind: ValueEnum + Copy + PartialEq {
    fn kind(self) -> FileKind;
}

impl FormatKind for FormatArg {
    fn kind(self) -> FileKind {
        match self {
            FormatArg::Table => FileKind::Text,
            FormatArg::Markdown | FormatArg::Adr => FileKind::Markdown,
            FormatArg::Json => FileKind::Json,
            FormatArg::Csv => FileKind::Csv,
            FormatArg::Html => FileKind::Html,
        }
    }
}

impl FormatKind for CostFormat {
    fn kind(self) -> FileKind {
        match self {
            CostFormat::Table => FileKind::Text,
            CostFormat::Markdown => FileKind::Markdown,
            CostFormat::Json => FileKind::Json,
            CostFormat::Csv => FileKind::Csv,
            CostFormat::Html => FileKind::Html,
        }
    }
}

impl FormatKind for ReachFormat {
    fn kind(self) -> FileKind {
        match self {
            ReachFormat::Table => FileKind::Text,
            ReachFormat::Markdown => FileKind::Markdown,
            ReachFormat::Json => FileKind::Json,
        }
    }
}

impl FormatKind for QuestionsFormat {
    fn kind(self) -> FileKind {
        match self {
            QuestionsFormat::Table => FileKind::Text,
            QuestionsFormat::Toml => FileKind::Toml,
        }
    }
}

/// `--format`, else the format the extension of `--output` names, else `default`;
/// a contradiction is invalid input (exit 2).
fn resolve_format<F: FormatKind>(given: Option<F>, default: F, output: &OutputArgs) -> Result<F, Failure> {
    let choices: Vec<Choice<F>> = F::value_variants()
        .iter()
        .filter_map(|v| {
            v.to_possible_value().map(|p| Choice { value: *v, name: p.get_name().to_owned(), kind: v.kind() })
        })
        .collect();
    app::format::resolve(given, output.output.as_deref(), default, &choices).map_err(invalid)
}

/// Loads and validates the rules of `--rules` / `--rules-only`; prints warnings;
/// errors become a failure.
///
/// The rules live until the process ends, which frees them at once rather than one
/// allocation at a time (1.7 M instructions, 4 % of a whole `recommend`, when the
/// default rules' texts were copies; less now that they are borrowed).
fn rules(cli: &Cli, cx: &Context) -> Result<ManuallyDrop<RuleSet>, Failure> {
    let selection = cli.global.rules_selection().map_err(invalid)?;
    let loaded = app::load_rules(&selection, cx)?;
    if !loaded.warnings.is_empty() {
        to_stderr(&loaded.warnings, &cx.env);
    }
    Ok(ManuallyDrop::new(loaded.rules))
}

fn rules_check(cli: &Cli, dir: Option<&Path>, cx: &Context) -> Result<(), Failure> {
    let selection = match dir {
        Some(dir) if cli.global.rules_only => container_advisor::RulesSelection::Only(dir.to_path_buf()),
        Some(dir) => container_advisor::RulesSelection::Overlay(dir.to_path_buf()),
        None => cli.global.rules_selection().map_err(invalid)?,
    };
    let check = app::rules_check(&selection, cx)?;
    to_stderr(&check.diagnostics, &cx.env);
    match (check.summary, check.failure) {
        (Some(summary), _) => emit(&summary, &STDOUT),
        (None, failure) => Err(Failure::Diagnostics(failure.unwrap_or_default())),
    }
}

fn rules_reach(cli: &Cli, args: &ReachArgs, cx: &Context) -> Result<(), Failure> {
    let rules = rules(cli, cx)?;
    let format = resolve_format(args.format, ReachFormat::Table, &args.output)?;
    target(&args.output)?;
    let request = app::ReachRequest {
        pinned: AnswerInput { file: args.answers.clone(), set: args.set.clone() },
        sample: args.sample,
        seed: args.seed,
    };
    let view = app::reach(&rules, &request, cx)?;
    emit(&view.render(format.into(), &cx.env.render_options(false)), &args.output)
}

fn recommend(cli: &Cli, args: &RecommendArgs, cx: &Context) -> Result<(), Failure> {
    let rules = rules(cli, cx)?;
    let format = resolve_format(args.format, FormatArg::Table, &args.output)?;
    // Every output path is checked before the first question, not after the last.
    let report_path = args.output.output.as_deref().unwrap_or(Path::new("-"));
    let paths: Vec<&Path> = [Some(report_path), args.save_answers.as_deref()].into_iter().flatten().collect();
    let targets = output::check_each(&paths, args.output.force).map_err(|p| invalid(p.message()))?;
    refuse_html_on_terminal(format.into(), &args.output, &cx.env)?;
    // A bad `SOURCE_DATE_EPOCH` fails before any question is asked, too.
    let options = document_options(cli, dated(cx.env.render_options(args.explain), format, &cx.env)?)?;
    let (answers, defaulted) = collect_answers(&rules, args, cx)?;
    let options_app =
        app::RecommendOptions { seed: args.seed, versus: args.versus.clone(), answers_file: args.answers.clone() };
    // Like the rules, the report lives until the process ends.
    let result =
        ManuallyDrop::new(app::recommend(&rules, &answers, &defaulted, &args.set, args.no_input, &options_app, cx)?);
    let text = result.try_render(format.into(), &options).map_err(|e| Failure::Error(e.into()))?;
    // The report and the saved answers are written together, or neither is.
    let saved = if args.save_answers.is_some() { answers.to_toml(&rules, cx.lang) } else { String::new() };
    let items: Vec<(&Target, &[u8])> = targets.iter().zip([text.as_bytes(), saved.as_bytes()]).collect();
    Ok(output::write_all(&items)?)
}

/// The answers of `recommend`: read by the library; the missing ones asked here, on
/// the terminal, when there is one.
fn collect_answers(
    rules: &RuleSet,
    args: &RecommendArgs,
    cx: &Context,
) -> Result<(container_advisor::Answers, Vec<String>), Failure> {
    let env = &cx.env;
    let lang = cx.lang;
    let input = AnswerInput { file: args.answers.clone(), set: args.set.clone() };
    let terminal = env.can_prompt();
    let resume = args.resume;
    let missing = if args.no_input {
        Missing::Defaults
    } else if terminal {
        Missing::Ask
    } else {
        Missing::Refuse
    };
    let dumb = env.dumb_terminal && env.stdin_terminal;
    let saved = env.saved_answers.as_ref();
    let answers = match answers::gather(rules, &input, resume.then_some(saved), missing, dumb, cx.color(), lang)? {
        Gathered::Ready(answers, defaulted) => return Ok((answers, defaulted)),
        Gathered::Ask(answers) => answers,
    };
    if !resume && let Some(saved) = saved.filter(|s| s.exists()) {
        let path = saved.path().display();
        eprintln!(
            "{}",
            msg!(
                "note: the answers of an interrupted questionnaire are kept in `{path}`; `container-advisor recommend --resume` continues it",
                "note: 中断した質問の回答が `{path}` に保存されています。`container-advisor recommend --resume` で続きから再開できます"
            )
            .get(lang)
        );
    }
    let outcome = prompt::run(rules, answers, lang, env.color_for(true))
        .map_err(|e| Failure::Error(anyhow::Error::new(e).context("the questionnaire failed")))?;
    match outcome {
        prompt::Outcome::Done(answers) => {
            if resume && let Some(saved) = saved {
                // The questionnaire it kept is finished; a failure to forget it is not one.
                let _ = saved.remove();
            }
            Ok((answers, Vec::new()))
        }
        prompt::Outcome::Interrupted(answers) => {
            let kept = (!answers.is_empty()).then(|| match saved {
                Some(saved) => saved.write(&answers, rules, lang).map(|()| saved.path().to_path_buf()),
                None => Err(anyhow::anyhow!("neither `XDG_STATE_HOME` nor `HOME` is set")),
            });
            Err(Failure::Interrupted(kept))
        }
    }
}

fn cost(cli: &Cli, args: &CostArgs, cx: &Context) -> Result<(), Failure> {
    let rules = rules(cli, cx)?;
    let format = resolve_format(args.format, CostFormat::Table, &args.output)?;
    target(&args.output)?;
    refuse_html_on_terminal(format.into(), &args.output, &cx.env)?;
    let input = AnswerInput { file: args.answers.clone(), set: args.set.clone() };
    let report = app::cost(&rules, &input, cx)?;
    let options = document_options(cli, cx.env.render_options(false))?;
    emit(&report.try_render(format.into(), &options).map_err(|e| Failure::Error(e.into()))?, &args.output)
}

fn compare(cli: &Cli, args: &CompareArgs, cx: &Context) -> Result<(), Failure> {
    let rules = rules(cli, cx)?;
    let format = resolve_format(args.format, FormatArg::Table, &args.output)?;
    target(&args.output)?;
    refuse_html_on_terminal(format.into(), &args.output, &cx.env)?;
    let options = app::CompareOptions {
        answers: AnswerInput { file: args.answers.clone(), set: args.set.clone() },
        patterns: args.patterns.clone(),
    };
    let report = app::compare(&rules, &options, cx)?;
    let options = document_options(cli, dated(cx.env.render_options(false), format, &cx.env)?)?;
    emit(&report.try_render(format.into(), &options).map_err(|e| Failure::Error(e.into()))?, &args.output)
}

/// The options of a command that writes documents: the team's templates too
/// (`--templates DIR`, or a `templates/` folder inside `--rules DIR`).
fn document_options(cli: &Cli, options: RenderOptions) -> Result<RenderOptions, Failure> {
    let templates = Templates::load(cli.global.templates.as_deref(), cli.global.rules.as_deref())
        .map_err(|e| Failure::Error(e.into()))?;
    Ok(RenderOptions { templates, ..options })
}

/// Adds the date to the options of a format whose documents carry one (`adr`).
fn dated(mut options: RenderOptions, format: FormatArg, env: &Environment) -> Result<RenderOptions, Failure> {
    if format == FormatArg::Adr {
        options.date = Some(env.document_date().map_err(invalid)?);
    }
    Ok(options)
}

/// Every man page: the top one and one per subcommand (nested ones included), by the
/// words that name it (`[]`, `["recommend"]`, `["rules", "check"]`).
fn man_pages() -> Vec<(Vec<String>, clap::Command)> {
    fn without_help(cmd: clap::Command) -> clap::Command {
        cmd.disable_help_subcommand(true).mut_subcommands(without_help)
    }
    fn walk(path: &[String], cmd: &clap::Command, out: &mut Vec<(Vec<String>, clap::Command)>) {
        out.push((path.to_vec(), cmd.clone()));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut path = path.to_vec();
            path.push(sub.get_name().to_owned());
            walk(&path, sub, out);
        }
    }
    let mut cmd = without_help(Cli::command());
    cmd.build();
    let mut pages = Vec::new();
    walk(&[], &cmd, &mut pages);
    pages
}

fn render_man(cmd: clap::Command) -> Result<(String, String), Failure> {
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render(&mut out).context("failed to render the man page")?;
    Ok((man.get_filename(), String::from_utf8_lossy(&out).into_owned()))
}

fn man(args: &ManArgs, cx: &Context) -> Result<(), Failure> {
    let pages = man_pages();
    let Some(dir) = &args.dir else {
        let Some((_, cmd)) = pages.iter().find(|(path, _)| *path == args.command) else {
            let wanted = args.command.join(" ");
            let known: Vec<String> = pages.iter().filter(|(p, _)| !p.is_empty()).map(|(p, _)| p.join(" ")).collect();
            let list = Message::list(&known);
            let known_ref: Vec<&str> = known.iter().map(String::as_str).collect();
            let near = did_you_mean(&wanted, &known_ref);
            let wanted = container_advisor::escape::terminal_line(&wanted);
            return Err(invalid(match near {
                Some(near) => msg!(
                    "no man page for `{wanted}`; did you mean `{near}`? (pages: {list})",
                    "`{wanted}` の man ページはありません。`{near}` の誤りではありませんか？（ページ: {list}）"; list
                ),
                None => msg!(
                    "no man page for `{wanted}` (pages: {list})",
                    "`{wanted}` の man ページはありません（ページ: {list}）"; list
                ),
            }));
        };
        return emit(&render_man(cmd.clone())?.1, &STDOUT);
    };
    if dir.exists() && !dir.is_dir() {
        let path = container_advisor::escape::terminal_line(&dir.display().to_string()).into_owned();
        return Err(invalid(msg!(
            "`--dir {path}` exists and is not a directory",
            "`--dir {path}` はすでに存在し、ディレクトリではありません"
        )));
    }
    let mut files = Vec::new();
    for (_, cmd) in pages {
        let (name, text) = render_man(cmd)?;
        files.push((dir.join(name), text));
    }
    let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    // Every page is checked before the folder is made: an existing one is refused
    // without `--force`, and nothing is written.
    let created = !dir.exists();
    if !created {
        output::check_each(&paths, args.force).map_err(|p| invalid(p.message()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    let written = output::check_each(&paths, args.force).map_err(|p| invalid(p.message())).and_then(|targets| {
        let items: Vec<(&Target, &[u8])> =
            targets.iter().zip(&files).map(|(t, (_, text))| (t, text.as_bytes())).collect();
        Ok(output::write_all(&items)?)
    });
    if written.is_err() && created {
        let _ = std::fs::remove_dir(dir);
    }
    written?;
    let written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    to_stderr(&app::written_lines(&written, cx.lang), &cx.env);
    Ok(())
}

/// A whole HTML document is no use on a terminal: when it would go there, say how to
/// write it to a file instead (before any question is asked).
fn refuse_html_on_terminal(
    format: container_advisor::Format,
    output: &OutputArgs,
    env: &Environment,
) -> Result<(), Failure> {
    if format == container_advisor::Format::Html && output.output.is_none() && env.stdout_terminal {
        return Err(invalid(msg!(
            "`--format html` writes a whole HTML document, which a terminal cannot show; write it to a file with `--output report.html` (or redirect it: `> report.html`)",
            "`--format html` は HTML 文書を丸ごと出力するため、端末には表示できません。`--output report.html` でファイルに書き出してください（またはリダイレクトしてください: `> report.html`）"
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
