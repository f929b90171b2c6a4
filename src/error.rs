//! Errors of the library. The binary turns each into one line on stderr and exit code 2.

use std::fmt;

/// Everything that can go wrong while reading, parsing or diffing articles.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be used; `name` is the path (or `-` for standard input).
    #[error("{name}: {problem}")]
    Input {
        /// The input's path, or `-` for standard input.
        name: String,
        /// Why it could not be used.
        problem: InputProblem,
    },
    /// No input was given to read.
    #[error("no input given")]
    NoInput,
}

impl Error {
    /// An [`Error::Input`] for the input `name`.
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
    /// The path does not exist.
    NotFound,
    #[error("is a directory, not a file")]
    /// The path is a directory.
    IsDirectory,
    #[error("cannot read: {0}")]
    /// The file could not be read.
    Io(std::io::Error),
    #[error("is empty")]
    /// The file is empty or holds only white space.
    Empty,
    /// The file holds a NUL byte: binary data, not text.
    #[error("looks like binary data (NUL byte at offset {offset}), not article text")]
    Binary {
        /// Where the first NUL byte is.
        offset: usize,
    },
    #[error("is not valid UTF-8 (first bad byte at offset {offset}); {hint}")]
    /// The bytes are not UTF-8 (nor UTF-16 with a byte order mark).
    NotUtf8 {
        /// Bytes from the start (after a byte order mark) to the first that is not UTF-8.
        offset: usize,
        /// What the bytes look like, and how to convert them.
        hint: EncodingHint,
    },
    /// A UTF-16 file (with a byte order mark) that does not decode: an unpaired surrogate.
    #[error(
        "is UTF-16 ({order}) but not valid UTF-16; convert it first, e.g. \
         `iconv -f UTF-16 -t UTF-8`"
    )]
    BadUtf16 {
        /// `little-endian` or `big-endian`, from the byte order mark.
        order: &'static str,
    },
    /// The file is larger than newsdiff reads.
    #[error("is larger than {limit} bytes; newsdiff reads article files up to that size")]
    TooLarge {
        /// The largest input newsdiff reads, in bytes.
        limit: u64,
    },
    #[error(
        "paragraph {number} is {len} bytes long; newsdiff takes paragraphs up to {limit} \
         bytes (a blank line ends a paragraph)"
    )]
    /// A paragraph longer than newsdiff takes (1 MiB: a broken scrape, not prose).
    ParagraphTooLong {
        /// 1-based, as people count paragraphs.
        number: usize,
        /// Its length in bytes.
        len: usize,
        /// The most newsdiff takes.
        limit: usize,
    },
    #[error("invalid JSON: {0}")]
    /// The JSON is malformed (serde_json's message).
    Json(String),
    #[error("{0}")]
    /// The input is well-formed but not what its format requires (the message says what).
    Format(String),
}

/// What bytes that are not UTF-8 look like, so the error can say how to convert them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EncodingHint {
    /// The text is UTF-8 up to its last bytes, which begin a character and stop: the file
    /// was cut short (a truncated download or a split file).
    #[error("the file ends inside a UTF-8 character, so it looks cut short; check its end")]
    CutShort,
    /// UTF-16 without a byte order mark: NUL bytes in every other place of ASCII text.
    #[error(
        "it looks like UTF-16 without a byte order mark; convert it first, e.g. `iconv -f UTF-16LE -t UTF-8`"
    )]
    Utf16NoBom,
    /// Single high bytes among ASCII: a one-byte Western encoding such as Windows-1252
    /// or ISO 8859-1.
    #[error(
        "it looks like a one-byte encoding such as Windows-1252; convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"
    )]
    SingleByte,
    /// Nothing recognisable.
    #[error(
        "convert it to UTF-8 first (`file -i FILE` names its encoding; then `iconv -f THAT -t UTF-8`)"
    )]
    Unknown,
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
    /// What happened, for people.
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

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
