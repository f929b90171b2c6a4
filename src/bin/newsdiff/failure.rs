//! What can end a command with exit code 2, as one line for standard error.

use std::io;

/// A failure of the command line, apart from the library's own errors: a request the
/// command line cannot meet, a file that cannot be written, a bad configuration.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Reading, parsing or diffing failed in the library.
    #[error(transparent)]
    Library(#[from] newsdiff::Error),
    /// The command line asks for something that cannot be done (a version that does not
    /// exist, `-` given twice).
    #[error("{0}")]
    Usage(String),
    /// A rule or configuration given on the command line or in `newsdiff.toml` is wrong.
    #[error("{0}")]
    Config(String),
    /// The output file (`-o FILE`) could not be written.
    #[error("{path}: cannot write: {source}")]
    Write { path: String, source: io::Error },
    /// Standard output could not be written (a closed pipe is not reported).
    #[error("writing output: {0}")]
    Stdout(io::Error),
}

impl Failure {
    /// Whether this is standard output closed by its reader (`newsdiff … | head`): the
    /// reader has what it wanted, so it is no failure to report.
    pub fn is_closed_pipe(&self) -> bool {
        match self {
            Failure::Stdout(e) => e.kind() == io::ErrorKind::BrokenPipe,
            _ => false,
        }
    }
}
