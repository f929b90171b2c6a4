//! The process exit codes, named in one place so every command agrees on them.

/// Exit status of a `newsdiff` run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The run succeeded (and, with `--exit-code`, found no differences).
    Success = 0,
    /// Differences were found (only with `--exit-code`), or rules were violated.
    Differences = 1,
    /// Trouble: bad input, bad usage, or an I/O failure.
    Trouble = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}
