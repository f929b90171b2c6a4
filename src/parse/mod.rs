//! Input: reading files safely, detecting their format, and turning them into articles.

pub mod json;
pub mod newssniffer;
pub mod plain;
pub mod versions;

use std::io::Read;
use std::path::Path;

use crate::article::{Article, Revision};
use crate::{Error, InputProblem, Warning};

/// The largest input newsdiff reads. A scrape of a hundred pages is a few megabytes; the
/// limit only keeps a wrong file from eating memory.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// The input formats newsdiff understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One version per file; paragraphs separated by blank lines, or one per line.
    Text,
    /// A JSON article (`{"article": {...}, "revisions": [...]}`).
    Json,
    /// The text scrape of News Sniffer diff pages (one or more pages of one article).
    Newssniffer,
    /// newsdiff's multi-version text format (`# newsdiff versions 1`).
    Versions,
}

/// An input's name (a path, or `-` for standard input) and its decoded text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    /// Reads a path, or standard input for `-`, into checked UTF-8 text.
    pub fn read(name: &str) -> Result<Source, Error> {
        let bytes = if name == "-" {
            read_limited(std::io::stdin().lock())
        } else {
            let path = Path::new(name);
            match std::fs::metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(Error::input(name, InputProblem::NotFound));
                }
                Err(e) => return Err(Error::input(name, InputProblem::Io(e))),
                Ok(m) if m.is_dir() => return Err(Error::input(name, InputProblem::IsDirectory)),
                Ok(_) => {}
            }
            std::fs::File::open(path)
                .map_err(InputProblem::Io)
                .and_then(read_limited)
        }
        .map_err(|p| Error::input(name, p))?;
        let text = decode(bytes).map_err(|p| Error::input(name, p))?;
        Ok(Source {
            name: name.to_string(),
            text,
        })
    }

    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }
}

fn read_limited(r: impl Read) -> Result<Vec<u8>, InputProblem> {
    let mut bytes = Vec::new();
    r.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(InputProblem::Io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputProblem::TooLarge {
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Checks and decodes input bytes: UTF-8 with an optional BOM, not binary, not empty.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, InputProblem> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(InputProblem::Binary { offset });
    }
    let text = String::from_utf8(bytes).map_err(|e| InputProblem::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(InputProblem::Empty);
    }
    Ok(text)
}

/// Picks the format of an input from its content.
pub fn detect(text: &str) -> Format {
    if json::sniff(text) {
        Format::Json
    } else if newssniffer::sniff(text) {
        Format::Newssniffer
    } else if versions::sniff(text) {
        Format::Versions
    } else {
        Format::Text
    }
}

/// An article read from one input, with whatever the parser could not settle.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub article: Article,
    pub warnings: Vec<Warning>,
}

impl Parsed {
    /// Fails when the parser doubted any decision (`--strict`): for CI, a reading that had
    /// a close runner-up is an error, not a guess.
    pub fn strict(self, names: &[String]) -> Result<Parsed, Error> {
        let doubts: Vec<&Warning> = self.warnings.iter().filter(|w| w.doubt).collect();
        match doubts.first() {
            None => Ok(self),
            Some(first) => Err(Error::input(
                names.join(", "),
                InputProblem::Format(format!(
                    "{} doubtful decision{} (--strict); the first: {first}",
                    doubts.len(),
                    if doubts.len() == 1 { "" } else { "s" }
                )),
            )),
        }
    }
}

/// Parses one input, in the given format or the detected one.
pub fn parse(source: &Source, format: Option<Format>) -> Result<Parsed, Error> {
    let format = format.unwrap_or_else(|| detect(&source.text));
    let (article, warnings) = match format {
        Format::Text => (plain::parse(&source.name, &source.text)?, Vec::new()),
        Format::Json => json::parse(&source.name, &source.text)?,
        Format::Newssniffer => newssniffer::parse(&source.name, &source.text)?,
        Format::Versions => (versions::parse(&source.name, &source.text)?, Vec::new()),
    };
    Ok(Parsed { article, warnings })
}

/// Reads and parses several inputs into one article, oldest first. A single input keeps
/// its own versions. With several, a plain-text version is numbered one past the version
/// before it; versions must increase.
pub fn load(names: &[String], format: Option<Format>) -> Result<Parsed, Error> {
    load_with(names, format, Blank::Error)
}

/// What [`load_with`] makes of an input with no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// It is an error, as for a file given to diff.
    Error,
    /// It is an empty version, numbered like a text file: for an archive's version files,
    /// where the `empty-revision` rule reports it and the other versions are still read.
    EmptyVersion,
}

/// [`load`], choosing what an input with no text is.
pub fn load_with(names: &[String], format: Option<Format>, blank: Blank) -> Result<Parsed, Error> {
    let mut combined: Option<Parsed> = None;
    for name in names {
        // `explicit`: the input states its versions (anything but plain text).
        let (mut parsed, explicit) = match Source::read(name) {
            Ok(source) => (
                parse(&source, format)?,
                format.unwrap_or_else(|| detect(&source.text)) != Format::Text,
            ),
            Err(Error::Input {
                problem: InputProblem::Empty,
                ..
            }) if blank == Blank::EmptyVersion => {
                let mut empty =
                    Revision::from_text(0, String::new()).map_err(|p| Error::input(name, p))?;
                empty.label = Some(name.clone());
                let parsed = Parsed {
                    article: Article {
                        meta: Default::default(),
                        revisions: vec![empty],
                    },
                    warnings: Vec::new(),
                };
                (parsed, false)
            }
            Err(e) => return Err(e),
        };
        let Some(acc) = combined.as_mut() else {
            combined = Some(parsed);
            continue;
        };
        for mut r in parsed.article.revisions.drain(..) {
            let last = acc.article.revisions.last().map(|r| r.version);
            if !explicit {
                r.version = last.map_or(0, |v| v + 1);
            } else if last.is_some_and(|v| r.version <= v) {
                return Err(Error::input(
                    name,
                    InputProblem::Format(format!(
                        "version {} does not come after version {} of the inputs before it",
                        r.version,
                        last.unwrap_or_default()
                    )),
                ));
            }
            acc.article.revisions.push(r);
        }
        if acc.article.meta == Default::default() {
            acc.article.meta = parsed.article.meta;
        }
        acc.warnings.append(&mut parsed.warnings);
    }
    combined.ok_or_else(|| Error::Usage("no input given".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_what_is_not_text() {
        assert!(matches!(decode(b"".to_vec()), Err(InputProblem::Empty)));
        assert!(matches!(
            decode(b" \n\n".to_vec()),
            Err(InputProblem::Empty)
        ));
        assert!(matches!(
            decode(b"ab\0c".to_vec()),
            Err(InputProblem::Binary { offset: 2 })
        ));
        assert!(matches!(
            decode(b"ok \xff".to_vec()),
            Err(InputProblem::NotUtf8 { offset: 3 })
        ));
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
    }
}
