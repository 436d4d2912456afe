//! SIGINT, SIGTERM and SIGHUP: remove the temporary file of a write in progress,
//! restore a terminal that a prompt left in raw mode with bracketed paste on, say so,
//! and exit with 128 + the signal (130, 143, 129).

use std::io::{self, IsTerminal as _, Write as _};

use container_advisor::{Lang, msg};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

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
