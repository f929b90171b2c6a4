//! Errors of the library. The binary turns each into one line on stderr and exit code 2.

use std::fmt;

/// Everything that can go wrong while reading, parsing or diffing articles.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be used; `name` is the path (or `-` for standard input).
    #[error("{name}: {problem}")]
    Input { name: String, problem: InputProblem },
    /// The request itself cannot be met (a version that does not exist, say).
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed.
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    pub fn input(name: impl Into<String>, problem: InputProblem) -> Self {
        Error::Input {
            name: name.into(),
            problem,
        }
    }
}

/// Why an input was rejected. Each variant reads as the tail of `FILE: ...`.
#[derive(Debug, thiserror::Error)]
pub enum InputProblem {
    #[error("no such file")]
    NotFound,
    #[error("is a directory, not a file")]
    IsDirectory,
    #[error("cannot read: {0}")]
    Io(std::io::Error),
    #[error("is empty")]
    Empty,
    #[error("looks like binary data (NUL byte at offset {offset}), not article text")]
    Binary { offset: usize },
    #[error(
        "is not valid UTF-8 (first bad byte at offset {offset}); convert it first, e.g. \
         `iconv -f WINDOWS-1252 -t UTF-8`"
    )]
    NotUtf8 { offset: usize },
    #[error("is larger than {limit} bytes; newsdiff reads article files up to that size")]
    TooLarge { limit: u64 },
    #[error(
        "paragraph {number} is {len} bytes long; newsdiff takes paragraphs up to {limit} \
         bytes (a blank line ends a paragraph)"
    )]
    ParagraphTooLong {
        /// 1-based, as people count paragraphs.
        number: usize,
        len: usize,
        limit: usize,
    },
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("{0}")]
    Format(String),
}

/// A non-fatal finding that the user must hear about: an inferred decision with a real
/// alternative, or text that could not be placed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// A short machine-readable class, e.g. `split-point` or `unplaced-text`.
    pub kind: String,
    /// Where it applies (input name, page, row), human-readable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    pub message: String,
    /// The reading that was chosen, when there was a choice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<String>,
    /// The best reading that was not chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<String>,
    /// Whether this finding is a doubt (`--strict` turns doubts into failures).
    #[serde(default)]
    pub doubt: bool,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.at {
            write!(f, "{at}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
