//! Input: reading files safely, detecting their format, and turning them into articles.

pub(crate) mod git;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod newsdiffs;
// The project's corpus tools and benchmarks drive these directly (the `dev` feature).
#[cfg(feature = "dev")]
pub mod newssniffer;
#[cfg(not(feature = "dev"))]
mod newssniffer;
#[cfg(feature = "dev")]
pub mod plain;
#[cfg(not(feature = "dev"))]
mod plain;
pub(crate) mod versions;
pub(crate) mod warc;

pub use versions::write as write_versions;

use std::io::Read;
use std::path::Path;

use crate::article::{Article, Revision, next_version};
use crate::{EncodingHint, Error, InputProblem, Warning};

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
    /// A NewsDiffs file: a date line, a headline, a byline, then one paragraph per line.
    Newsdiffs,
    /// A saved web page (`.html`, a Wayback Machine snapshot), reduced to its article.
    Html,
    /// A WARC file (`.warc`, `.warc.gz`): each HTML capture of one URL is a revision.
    Warc,
}

/// Choices about how inputs are read, beyond their format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// A CSS selector for the article element of a web page, when the user knows it;
    /// without one, the article is found by readability.
    pub selector: Option<String>,
    /// The URL whose captures a WARC file's revisions are, when it holds several.
    pub url: Option<String>,
}

impl Format {
    /// Whether the input numbers its own versions; a file that does not (plain text, a
    /// NewsDiffs file) is numbered one past the input before it.
    fn numbers_versions(self) -> bool {
        !matches!(self, Format::Text | Format::Newsdiffs | Format::Html)
    }
}

/// An input's name (a path, or `-` for standard input) and its decoded text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The input's name: its path, or `-` for standard input.
    pub name: String,
    /// Its decoded text.
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

    /// An input from text in memory, named `name` in messages.
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

/// Checks and decodes input bytes: UTF-8 with an optional byte order mark, or UTF-16
/// with one (decoded by `encoding_rs`); not binary, not empty. Bytes that are neither are
/// refused with a hint that fits what they look like ([`EncodingHint`]).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, InputProblem> {
    if let Some(text) = decode_utf16(&bytes)? {
        return non_empty(text);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if looks_like_utf16(&bytes) {
            return Err(InputProblem::NotUtf8 {
                offset,
                hint: EncodingHint::Utf16NoBom,
            });
        }
        return Err(InputProblem::Binary { offset });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let err = e.utf8_error();
        InputProblem::NotUtf8 {
            offset: err.valid_up_to(),
            hint: utf8_hint(e.as_bytes(), err),
        }
    })?;
    non_empty(text)
}

fn non_empty(text: String) -> Result<String, InputProblem> {
    if text.trim().is_empty() {
        return Err(InputProblem::Empty);
    }
    Ok(text)
}

/// A UTF-16 file announced by its byte order mark, decoded; `None` when there is no such
/// mark. Word processors and Windows tools ("Unicode" in Notepad) write these.
fn decode_utf16(bytes: &[u8]) -> Result<Option<String>, InputProblem> {
    let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) else {
        return Ok(None);
    };
    if encoding == encoding_rs::UTF_8 {
        return Ok(None);
    }
    let order = if encoding == encoding_rs::UTF_16LE {
        "little-endian"
    } else {
        "big-endian"
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if had_errors {
        return Err(InputProblem::BadUtf16 { order });
    }
    if let Some(offset) = text.find('\0') {
        return Err(InputProblem::Binary { offset });
    }
    Ok(Some(text.into_owned()))
}

/// Whether NUL-bearing bytes look like UTF-16 text without a byte order mark: in the
/// first kilobyte, nearly every byte on one parity is NUL and the other is printable
/// ASCII, as for English text in UTF-16.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return false;
    }
    let pairs = head.chunks_exact(2);
    let n = pairs.len();
    let le = pairs.clone().filter(|p| p[1] == 0 && p[0] != 0).count();
    let be = pairs.filter(|p| p[0] == 0 && p[1] != 0).count();
    le.max(be) * 10 >= n * 9
}

/// What the bytes around the first bad one suggest: a character cut off at the very end,
/// or lone high bytes among ASCII (a one-byte encoding).
fn utf8_hint(bytes: &[u8], err: std::str::Utf8Error) -> EncodingHint {
    if err.error_len().is_none() {
        return EncodingHint::CutShort;
    }
    // In a one-byte encoding, high bytes stand alone between ASCII; count how many of
    // the high bytes do.
    let high: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] >= 0x80).collect();
    let lone = high
        .iter()
        .filter(|&&i| {
            let before = i == 0 || bytes[i - 1] < 0x80;
            let after = i + 1 == bytes.len() || bytes[i + 1] < 0x80;
            before && after
        })
        .count();
    if !high.is_empty() && lone * 2 >= high.len() {
        EncodingHint::SingleByte
    } else {
        EncodingHint::Unknown
    }
}

/// Picks the format of an input from its content.
pub fn detect(text: &str) -> Format {
    if json::sniff(text) {
        Format::Json
    } else if warc::sniff("", text.as_bytes()) {
        Format::Warc
    } else if html::sniff(text) {
        Format::Html
    } else if newssniffer::sniff(text) {
        Format::Newssniffer
    } else if versions::sniff(text) {
        Format::Versions
    } else if newsdiffs::sniff(text) {
        Format::Newsdiffs
    } else {
        Format::Text
    }
}

/// An article read from one input, with whatever the parser could not settle.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The article, its revisions oldest first.
    pub article: Article,
    /// Decisions the parser made with an alternative, doubts, and text it could not place.
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
    parse_with(source, format, &ReadOptions::default())
}

/// [`parse`], with choices about how the input is read.
pub fn parse_with(
    source: &Source,
    format: Option<Format>,
    options: &ReadOptions,
) -> Result<Parsed, Error> {
    let format = format.unwrap_or_else(|| detect(&source.text));
    let (article, warnings) = match format {
        Format::Text => (plain::parse(&source.name, &source.text)?, Vec::new()),
        Format::Json => json::parse(&source.name, &source.text)?,
        Format::Newssniffer => newssniffer::parse(&source.name, &source.text)?,
        Format::Versions => (versions::parse(&source.name, &source.text)?, Vec::new()),
        Format::Newsdiffs => newsdiffs::parse(&source.name, &source.text)?,
        Format::Html => (
            html::parse(&source.name, &source.text, options.selector.as_deref())?,
            Vec::new(),
        ),
        Format::Warc => (
            warc::parse(
                &source.name,
                source.text.as_bytes(),
                options.url.as_deref(),
                options.selector.as_deref(),
            )?,
            Vec::new(),
        ),
    };
    Ok(Parsed { article, warnings })
}

/// Another whole reading of a News Sniffer scrape, and its score (see
/// [`newssniffer_alternatives`]).
pub use newssniffer::Alternative;

/// The `n` next-best whole readings of a News Sniffer scrape after the one [`parse`]
/// chooses, best first (`newsdiff split --alternatives N`). Each renders back to the
/// scrape; its score is in the evidence's log-odds-like units, comparable only with the
/// other readings of the same scrape (the chosen one scores highest). Fewer than `n`
/// when the page allows fewer readings. `docs/newssniffer.md` says how they are found.
pub fn newssniffer_alternatives(source: &Source, n: usize) -> Result<Vec<Alternative>, Error> {
    let split = newssniffer::split_with(
        &source.name,
        &source.text,
        &newssniffer::body::Weights::default(),
        n,
    )?;
    Ok(split.alternatives)
}

/// Reads and parses several inputs into one article, oldest first. A single input keeps
/// its own versions. With several, a plain-text version is numbered one past the version
/// before it; versions must increase.
pub fn load(names: &[String], format: Option<Format>) -> Result<Parsed, Error> {
    load_with(names, format, Blank::Error)
}

/// [`load`], with choices about how the inputs are read.
pub fn load_options(
    names: &[String],
    format: Option<Format>,
    options: &ReadOptions,
) -> Result<Parsed, Error> {
    load_all(names, format, Blank::Error, options)
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
    load_all(names, format, blank, &ReadOptions::default())
}

fn load_all(
    names: &[String],
    format: Option<Format>,
    blank: Blank,
    options: &ReadOptions,
) -> Result<Parsed, Error> {
    let mut combined: Option<Parsed> = None;
    for name in names {
        // `explicit`: the input states its versions (anything but plain text).
        let (mut parsed, explicit) = read_one(name, format, blank, options)?;
        let Some(acc) = combined.as_mut() else {
            combined = Some(parsed);
            continue;
        };
        for mut r in parsed.article.revisions.drain(..) {
            let last = acc.article.revisions.last().map(|r| r.version);
            if !explicit {
                r.version = match last {
                    Some(v) => next_version(v).map_err(|p| Error::input(name, p))?,
                    None => 0,
                };
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
        acc.warnings.extend(changed_metadata(
            name,
            &acc.article.meta,
            &parsed.article.meta,
        ));
        if acc.article.meta == Default::default() {
            acc.article.meta = parsed.article.meta;
        }
        acc.warnings.append(&mut parsed.warnings);
    }
    combined.ok_or(Error::NoInput)
}

/// Reads every committed version of the file `name` from the git repository whose working
/// tree holds it, oldest first: each version is parsed in `format` or the format detected
/// for its content, with the commit time as `created` and `PATH@COMMIT` (the short commit
/// id) as its label. No `git` binary is needed.
pub fn load_git(
    name: &str,
    format: Option<Format>,
    options: &ReadOptions,
) -> Result<Parsed, Error> {
    let mut combined: Option<Parsed> = None;
    for (i, v) in git::history(name)?.into_iter().enumerate() {
        let label = format!("{name}@{}", v.commit.get(..10).unwrap_or(&v.commit));
        let mut parsed = match decode(v.content) {
            Ok(text) => parse_with(&Source::from_text(label.clone(), text), format, options)?,
            Err(InputProblem::Empty) => Parsed {
                article: Article {
                    meta: Default::default(),
                    revisions: vec![
                        Revision::from_text(0, String::new())
                            .map_err(|p| Error::input(&label, p))?,
                    ],
                },
                warnings: Vec::new(),
            },
            Err(p) => return Err(Error::input(label, p)),
        };
        // A version is the file at one commit: one revision, its last if it holds several.
        let Some(mut rev) = parsed.article.revisions.pop() else {
            continue;
        };
        rev.version = i as u64;
        rev.created = v.time.or(rev.created);
        rev.label = Some(label);
        match combined.as_mut() {
            Some(acc) => {
                acc.article.revisions.push(rev);
                acc.warnings.append(&mut parsed.warnings);
            }
            None => {
                parsed.article.revisions = vec![rev];
                combined = Some(parsed);
            }
        }
    }
    combined.ok_or(Error::NoInput)
}

/// Reads and parses one input of [`load_all`], and whether it numbers its own versions.
fn read_one(
    name: &str,
    format: Option<Format>,
    blank: Blank,
    options: &ReadOptions,
) -> Result<(Parsed, bool), Error> {
    if let Some(article) = read_warc(name, format, options)? {
        let warnings = Vec::new();
        return Ok((Parsed { article, warnings }, true));
    }
    match Source::read(name) {
        Ok(source) => Ok((
            parse_with(&source, format, options)?,
            format
                .unwrap_or_else(|| detect(&source.text))
                .numbers_versions(),
        )),
        Err(Error::Input {
            problem: InputProblem::Empty,
            ..
        }) if blank == Blank::EmptyVersion => {
            let mut empty =
                Revision::from_text(0, String::new()).map_err(|p| Error::input(name, p))?;
            empty.label = Some(name.to_string());
            let article = Article {
                meta: Default::default(),
                revisions: vec![empty],
            };
            let warnings = Vec::new();
            Ok((Parsed { article, warnings }, false))
        }
        Err(e) => Err(e),
    }
}

/// A WARC file read as bytes (it may hold binary records and be compressed, so it is not
/// decoded as text first); `None` when the input is not one, or is standard input.
fn read_warc(
    name: &str,
    format: Option<Format>,
    options: &ReadOptions,
) -> Result<Option<Article>, Error> {
    if name == "-" || format.is_some_and(|f| f != Format::Warc) {
        return Ok(None);
    }
    let Ok(file) = std::fs::File::open(name) else {
        return Ok(None);
    };
    if std::fs::metadata(name).is_ok_and(|m| m.is_dir()) {
        return Ok(None);
    }
    let mut head = Vec::new();
    let _ = (&file).take(8).read_to_end(&mut head);
    if format.is_none() && !warc::sniff(name, &head) {
        return Ok(None);
    }
    let mut bytes = head;
    bytes.extend(read_limited(file).map_err(|p| Error::input(name, p))?);
    let url = options.url.as_deref();
    let article = warc::parse(name, &bytes, url, options.selector.as_deref())?;
    Ok(Some(article))
}

/// A warning for each piece of article metadata (a byline, say) that a later input gives
/// differently: the article keeps the first input's, and the change is not lost.
fn changed_metadata(
    name: &str,
    first: &crate::article::ArticleMeta,
    later: &crate::article::ArticleMeta,
) -> Vec<Warning> {
    later
        .extra
        .iter()
        .filter(|(key, value)| first.extra.get(*key) != Some(*value))
        .map(|(key, value)| {
            let was = first
                .extra
                .get(key)
                .map_or("nothing".to_string(), |v| v.to_string());
            Warning {
                kind: "metadata".into(),
                at: Some(name.to_string()),
                message: format!("{key} changed from {was} to {value}"),
                chosen: None,
                runner_up: None,
                doubt: false,
            }
        })
        .collect()
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
            Err(InputProblem::NotUtf8 { offset: 3, .. })
        ));
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let units = text.encode_utf16();
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in units {
            out.extend(if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Café owner’s appeal.\n\nSecond paragraph.";
        assert_eq!(decode(utf16(text, false)).unwrap(), text);
        assert_eq!(decode(utf16(text, true)).unwrap(), text);
        // An unpaired surrogate is named as bad UTF-16, not as binary data.
        let mut bad = vec![0xFF, 0xFE];
        bad.extend([0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]);
        assert!(matches!(decode(bad), Err(InputProblem::BadUtf16 { .. })));
    }

    #[test]
    fn the_hint_for_bytes_that_are_not_utf8_fits_them() {
        let hint = |b: &[u8]| match decode(b.to_vec()) {
            Err(InputProblem::NotUtf8 { hint, .. }) => hint,
            other => panic!("{other:?}"),
        };
        // A UTF-8 file cut inside "é" (C3 A9).
        assert_eq!(hint(b"Caf\xC3"), EncodingHint::CutShort);
        // Windows-1252 "Café" and "’".
        assert_eq!(hint(b"Caf\xE9 owner\x92s appeal"), EncodingHint::SingleByte);
        // UTF-16 without its byte order mark.
        let mut no_bom = utf16("Bridge to close for repairs", false);
        no_bom.drain(..2);
        assert_eq!(hint(&no_bom), EncodingHint::Utf16NoBom);
        assert_eq!(
            hint(b"\xF0\x28\x8C\xBC\xF0\x28\x8C\x28"),
            EncodingHint::Unknown
        );
    }
}
