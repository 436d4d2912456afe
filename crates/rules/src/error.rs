//! Errors a caller must branch on. Problems in input are [`Diagnostic`](crate::Diagnostic)s;
//! operational failures are `anyhow` errors with context; [`InvalidInput`] is the one
//! error the binary maps to exit code 2 rather than 1.

use std::fmt;

use crate::i18n::Message;

/// An input the user named that cannot be used (a missing directory, a file where a
/// directory is expected). The binary maps it to exit code 2 and prints the message in
/// the user's language; `Display` is the English, for `anyhow` chains and logs.
#[derive(Debug)]
pub struct InvalidInput(pub Message);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for InvalidInput {}
