//! SIGINT, SIGTERM and SIGHUP: remove the temporary file of a write in progress,
//! restore a terminal that a prompt left in raw mode with bracketed paste on, say so,
//! and exit with 128 + the signal (130, 143, 129).
//!
//! Only a run that may write a file or prompt has anything to clean up, so only such a
//! run starts the thread that waits for the signals ([`needed`]). Any other run keeps
//! the default dispositions: the signal ends it at once, and its status is the signal
//! itself (a shell reports 130, 143 or 129 alike).

use std::io::{self, IsTerminal as _, Write as _};

use container_advisor::app::Environment;
use container_advisor::{Lang, msg};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::args::{Command, PricingCommand, RulesCommand, TemplatesCommand};

/// True when the command may leave something behind that a signal must clean up: the
/// temporary file of an atomic write (`--output FILE`, `--save-answers`, the exports,
/// `man --dir`, `pricing import`) or a terminal in raw mode (a questionnaire may be
/// asked). Everything else writes to stdout only.
pub(crate) fn needed(command: &Command, env: &Environment) -> bool {
    match command {
        Command::Recommend(args) => {
            args.output.output.is_some() || args.save_answers.is_some() || (!args.no_input && env.can_prompt())
        }
        Command::Compare(args) => args.output.output.is_some(),
        Command::Cost(args) => args.output.output.is_some(),
        Command::Questions(args) => args.output.output.is_some(),
        Command::Rules(RulesCommand::Reach(args)) => args.output.output.is_some(),
        Command::Man(args) => args.dir.is_some(),
        Command::Rules(RulesCommand::Export { .. })
        | Command::Templates(TemplatesCommand::Export { .. })
        | Command::Pricing(PricingCommand::Import { .. }) => true,
        Command::Rules(RulesCommand::Check { .. } | RulesCommand::List { .. } | RulesCommand::Schema)
        | Command::Completions { .. } => false,
    }
}

/// Starts the thread that waits for the signals. Without it (if the signals cannot be
/// registered) the defaults apply and the process simply dies.
pub(crate) fn install(lang: Lang) {
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            container_advisor::output::remove_temporary_files();
            restore_terminal();
            let message = msg!("interrupted", "中断しました");
            let _ = writeln!(io::stderr(), "\n{}", message.get(lang));
            std::process::exit(128 + signal);
        }
    });
}

/// Leaves raw mode (crossterm restores the settings it saved) and turns bracketed
/// paste off and the cursor on again, as inquire would on a normal exit.
fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    if io::stderr().is_terminal() {
        let _ = io::stderr().write_all(b"\x1b[?2004l\x1b[?25h");
    }
}
