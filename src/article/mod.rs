//! Articles, revisions, paragraphs and sentences, and the [`Side`] of a pair.
//!
//! A revision owns its exact text; paragraphs and sentences are byte spans into it. The
//! fields are private and every constructor checks the invariants, so a `Revision` that
//! exists can always rebuild its text from its paragraphs and separators, and every
//! sentence lies inside its paragraph with only white space between neighbours.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use crate::text::Span;
use crate::text::memo::{Memo, remember};
use crate::text::tokens::word_count;
use crate::text::{paragraph_spans, segment};

pub mod boilerplate;
pub mod doc;

/// The longest paragraph newsdiff accepts. Real paragraphs are a few kilobytes; a
/// megabyte-long "paragraph" is a broken scrape or binary junk, and diffing it word by word
/// would cost time for nothing.
pub const MAX_PARAGRAPH_BYTES: usize = 1 << 20;

/// One side of a pair of revisions: the older or the newer. Every stage that speaks of
/// "the old one" and "the new one" (alignment ops, word changes, class evidence, the views)
/// uses this one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The older revision of the pair.
    Old,
    /// The newer revision of the pair.
    New,
}

impl Side {
    /// Both sides, old first.
    pub const BOTH: [Side; 2] = [Side::Old, Side::New];

    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Old => Side::New,
            Side::New => Side::Old,
        }
    }
}

/// The version after `v`, for a revision that gives none: versions count up from the one
/// before. Fails, naming `v`, when no version can follow it (`u64::MAX`), so a crafted
/// input cannot wrap around to version 0 and turn the history backwards.
pub fn next_version(v: u64) -> Result<u64, crate::InputProblem> {
    v.checked_add(1).ok_or_else(|| {
        crate::InputProblem::Format(format!(
            "version {v} is the largest there can be; the revision after it needs a version \
             of its own, and none is left"
        ))
    })
}

/// What is known of an article apart from its revisions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The archive's identifier of the article, when it has one.
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The article's headline, when the input names one.
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The address the article was published at.
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The publication or tracker source (`nytimes`, `bbc`, a host name).
    pub source: Option<String>,
    /// Anything else the input said about the article, kept as it came.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// An article: its metadata and its revisions, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// What is known of the article apart from its revisions.
    pub meta: ArticleMeta,
    /// The revisions, oldest first.
    pub revisions: Vec<Revision>,
}

/// One paragraph of a revision: its span and the range of its sentences in the
/// revision-wide sentence list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    span: Span,
    sentences: Range<usize>,
}

impl Paragraph {
    /// Where the paragraph lies in its revision's text.
    pub fn span(&self) -> Span {
        self.span
    }
    /// Indices of this paragraph's sentences, counted across the whole revision.
    pub fn sentence_indices(&self) -> Range<usize> {
        self.sentences.clone()
    }
}

/// A paragraph handed to [`Revision::from_paragraphs`]: either text to be segmented, or
/// text with its sentences already cut (used as they are, never re-split).
#[derive(Debug, Clone, PartialEq)]
pub enum ParagraphInput {
    /// Text to be cut into sentences by the segmenter.
    Text(String),
    /// Text whose sentences are given, in order (kept as they are).
    Sentences {
        /// The paragraph's text.
        text: String,
        /// Its sentences, each found in `text` in order.
        sentences: Vec<String>,
    },
}

/// One version of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// The version number: a label from the input (0, 1, 2… for text files). Archives may repeat one; the change log tells revisions apart by position.
    pub version: u64,
    /// When the version was published or captured, when known.
    pub created: Option<DateTime<FixedOffset>>,
    /// The headline of this version, when known.
    pub title: Option<String>,
    /// Where the revision came from (a file name), for messages and display.
    pub label: Option<String>,
    /// Paragraphs set aside as boilerplate ([`boilerplate::Boilerplate`]), with where
    /// they stood and why; empty unless something was set aside.
    pub ignored: Vec<boilerplate::Ignored>,
    text: String,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Span>,
}

/// Separators between paragraphs when none are given: no leading or trailing text, one
/// blank line between paragraphs.
pub const DEFAULT_PARAGRAPH_SEPARATOR: &str = "\n\n";

impl Revision {
    /// A revision from a plain text body: paragraphs are separated by blank lines, or are
    /// one per line when the text has no blank line. The text is kept byte for byte.
    pub fn from_text(version: u64, text: String) -> Result<Self, crate::InputProblem> {
        let spans = paragraph_spans(&text);
        let mut paragraphs = Vec::with_capacity(spans.len());
        let mut sentences = Vec::new();
        for (index, span) in spans.into_iter().enumerate() {
            check_paragraph_len(index, span.len())?;
            let first = sentences.len();
            let para = &text[span.range()];
            sentences.extend(
                segment::sentences(para)
                    .into_iter()
                    .map(|s| Span::new(span.start + s.start, span.start + s.end)),
            );
            paragraphs.push(Paragraph {
                span,
                sentences: first..sentences.len(),
            });
        }
        Ok(Revision {
            version,
            created: None,
            title: None,
            label: None,
            ignored: Vec::new(),
            text,
            paragraphs,
            sentences,
        })
    }

    /// A revision from paragraphs and the separators around them (`separators` has one
    /// more entry than `paragraphs`: before the first, between each, after the last; `None`
    /// means the defaults). Given sentences must appear in order inside their paragraph
    /// with only white space between them.
    pub fn from_paragraphs(
        version: u64,
        paragraphs: Vec<ParagraphInput>,
        separators: Option<Vec<String>>,
    ) -> Result<Self, crate::InputProblem> {
        let separators = match separators {
            Some(seps) => {
                if seps.len() != paragraphs.len() + 1 {
                    return Err(crate::InputProblem::Format(format!(
                        "`separators` has {} entries; {} paragraphs need {}",
                        seps.len(),
                        paragraphs.len(),
                        paragraphs.len() + 1
                    )));
                }
                if let Some(bad) = seps.iter().find(|s| !s.chars().all(char::is_whitespace)) {
                    return Err(crate::InputProblem::Format(format!(
                        "separator {bad:?} is not white space"
                    )));
                }
                seps
            }
            None => default_separators(paragraphs.len()),
        };
        let mut text = String::new();
        let mut paras = Vec::with_capacity(paragraphs.len());
        let mut sentences = Vec::new();
        for (index, p) in paragraphs.into_iter().enumerate() {
            text.push_str(&separators[index]);
            let start = text.len();
            let first = sentences.len();
            match p {
                ParagraphInput::Text(t) => {
                    check_paragraph_len(index, t.len())?;
                    check_paragraph_text(index, &t)?;
                    sentences.extend(
                        segment::sentences(&t)
                            .into_iter()
                            .map(|s| Span::new(start + s.start, start + s.end)),
                    );
                    text.push_str(&t);
                }
                ParagraphInput::Sentences {
                    text: t,
                    sentences: given,
                } => {
                    check_paragraph_len(index, t.len())?;
                    // A paragraph of nothing but empty given sentences is empty text that
                    // still holds its sentence indices.
                    if !(t.is_empty() && !given.is_empty() && given.iter().all(String::is_empty)) {
                        check_paragraph_text(index, &t)?;
                    }
                    let spans = locate_sentences(&t, &given).map_err(|msg| {
                        crate::InputProblem::Format(format!("paragraph {index}: {msg}"))
                    })?;
                    sentences.extend(
                        spans
                            .into_iter()
                            .map(|s| Span::new(start + s.start, start + s.end)),
                    );
                    text.push_str(&t);
                }
            }
            paras.push(Paragraph {
                span: Span::new(start, text.len()),
                sentences: first..sentences.len(),
            });
        }
        text.push_str(separators.last().map(String::as_str).unwrap_or(""));
        Ok(Revision {
            version,
            created: None,
            title: None,
            label: None,
            ignored: Vec::new(),
            text,
            paragraphs: paras,
            sentences,
        })
    }

    /// Words in the revision: [`word_count`](crate::text::tokens::word_count) of each
    /// sentence, summed. Worked out when asked (only a diff's stats ask), each sentence's
    /// count remembered per thread, since an archive's versions repeat most sentences.
    pub fn word_count(&self) -> usize {
        count_words(&self.text, &self.sentences)
    }

    /// The exact text of the revision.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }
    /// The text of paragraph `p` of this revision.
    pub fn paragraph_text(&self, p: &Paragraph) -> &str {
        &self.text[p.span.range()]
    }
    /// The texts of all paragraphs, in order.
    pub fn paragraph_texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.paragraphs.iter().map(|p| self.paragraph_text(p))
    }
    /// All sentence spans, in reading order across paragraphs.
    pub fn sentence_spans(&self) -> &[Span] {
        &self.sentences
    }
    /// How many sentences the revision has, over all paragraphs.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }
    /// Sentence `i` (counted across paragraphs, from 0).
    ///
    /// # Panics
    /// When `i` is not below [`Revision::sentence_count`].
    pub fn sentence(&self, i: usize) -> &str {
        &self.text[self.sentences[i].range()]
    }
    /// The sentences in reading order.
    pub fn sentences(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.sentences.iter().map(|s| &self.text[s.range()])
    }
    /// The sentences at `idx` joined with single spaces: one side of an op, as its word
    /// changes and its class evidence read it. Indices past the end are left out.
    pub fn joined(&self, idx: &[usize]) -> String {
        idx.iter()
            .filter(|&&i| i < self.sentence_count())
            .map(|&i| self.sentence(i))
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// The paragraph that holds sentence `i`.
    pub fn paragraph_of(&self, i: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.sentences.end <= i)
            .min(self.paragraphs.len().saturating_sub(1))
    }
    /// The text around the paragraphs: before the first, between each pair, after the last.
    pub fn separators(&self) -> Vec<&str> {
        let mut out = Vec::with_capacity(self.paragraphs.len() + 1);
        let mut pos = 0;
        for p in &self.paragraphs {
            out.push(&self.text[pos..p.span.start]);
            pos = p.span.end;
        }
        out.push(&self.text[pos..]);
        out
    }
    /// Whether the separators are the defaults, so they need not be written out.
    pub fn has_default_separators(&self) -> bool {
        self.separators() == default_separators(self.paragraphs.len())
    }
    /// The paragraphs in the form `from_paragraphs` takes, sentences included: feeding
    /// them back rebuilds this revision exactly.
    pub fn to_paragraph_inputs(&self) -> Vec<ParagraphInput> {
        self.paragraphs
            .iter()
            .map(|p| ParagraphInput::Sentences {
                text: self.paragraph_text(p).to_string(),
                sentences: p
                    .sentence_indices()
                    .map(|i| self.sentence(i).to_string())
                    .collect(),
            })
            .collect()
    }
}

/// Words of the sentences of `text`, counted sentence by sentence as the stats of a diff
/// count them (two given sentences may touch without space between).
fn count_words(text: &str, sentences: &[Span]) -> usize {
    thread_local! {
        static SEEN: RefCell<Memo<usize>> = RefCell::default();
    }
    // Remembered per sentence: an archive's versions repeat most of them.
    sentences
        .iter()
        .map(|s| remember(&SEEN, &text[s.range()], word_count))
        .sum()
}

fn default_separators(paragraphs: usize) -> Vec<String> {
    (0..=paragraphs)
        .map(|i| {
            if i == 0 || i == paragraphs {
                String::new()
            } else {
                DEFAULT_PARAGRAPH_SEPARATOR.to_string()
            }
        })
        .collect()
}

fn check_paragraph_len(index: usize, len: usize) -> Result<(), crate::InputProblem> {
    if len > MAX_PARAGRAPH_BYTES {
        return Err(crate::InputProblem::ParagraphTooLong {
            number: index + 1,
            len,
            limit: MAX_PARAGRAPH_BYTES,
        });
    }
    Ok(())
}

/// A paragraph handed in as a string must be a paragraph: not empty, no blank line inside,
/// no white space at its ends (that belongs to the separators).
fn check_paragraph_text(index: usize, t: &str) -> Result<(), crate::InputProblem> {
    let problem = if t.trim().is_empty() {
        Some("is empty")
    } else if t.trim() != t {
        Some("starts or ends with white space")
    } else if t.lines().any(|l| l.trim().is_empty()) {
        Some("holds a blank line; give each paragraph separately")
    } else {
        None
    };
    match problem {
        Some(p) => Err(crate::InputProblem::Format(format!(
            "paragraph {index} {p}"
        ))),
        None => Ok(()),
    }
}

/// Finds the given sentences, in order, in `text`; the text between them must be white
/// space and they must cover every non-space character. An empty sentence is kept as an
/// empty span where the next sentence would start (after the white space), so its index
/// survives and the same input always gives the same spans.
fn locate_sentences(text: &str, given: &[String]) -> Result<Vec<Span>, String> {
    let mut spans = Vec::with_capacity(given.len());
    let mut pos = 0;
    for (i, s) in given.iter().enumerate() {
        let rest = &text[pos..];
        let skip = rest.len() - rest.trim_start().len();
        let at = pos + skip;
        if !text[at..].starts_with(s.as_str()) {
            return Err(format!(
                "sentence {i} ({:?}) does not follow the previous one in the paragraph text",
                truncate(s, 40)
            ));
        }
        spans.push(Span::new(at, at + s.len()));
        pos = at + s.len();
    }
    if !text[pos..].trim().is_empty() {
        return Err(format!(
            "text {:?} is not in any sentence",
            truncate(text[pos..].trim(), 40)
        ));
    }
    Ok(spans)
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(r: &Revision) -> String {
        let seps = r.separators();
        let mut s = seps[0].to_string();
        for (p, sep) in r.paragraphs().iter().zip(&seps[1..]) {
            s.push_str(r.paragraph_text(p));
            s.push_str(sep);
        }
        s
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
        let r = Revision::from_text(0, "One line\nwrapped.\n\nSecond. Third.\n".into()).unwrap();
        assert_eq!(r.paragraphs().len(), 2);
        assert_eq!(r.paragraph_text(&r.paragraphs()[0]), "One line\nwrapped.");
        assert_eq!(
            r.sentences().collect::<Vec<_>>(),
            ["One line\nwrapped.", "Second.", "Third."]
        );
        assert_eq!(rebuild(&r), r.text());
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let r = Revision::from_text(0, "A one.\r\nB two.\r\n".into()).unwrap();
        assert_eq!(r.paragraphs().len(), 2);
        assert_eq!(r.separators(), ["", "\r\n", "\r\n"]);
        assert_eq!(rebuild(&r), r.text());
    }

    #[test]
    fn given_sentences_are_kept_and_checked() {
        let p = ParagraphInput::Sentences {
            text: "Mr. A. B said. ''".into(),
            sentences: vec!["Mr. A.".into(), "B said.".into(), "''".into()],
        };
        let r = Revision::from_paragraphs(3, vec![p], None).unwrap();
        assert_eq!(r.sentence_count(), 3);
        assert_eq!(r.sentence(2), "''");
        let bad = ParagraphInput::Sentences {
            text: "One. Two.".into(),
            sentences: vec!["Two.".into()],
        };
        assert!(Revision::from_paragraphs(0, vec![bad], None).is_err());
    }

    #[test]
    fn paragraph_of_finds_the_owner() {
        let r = Revision::from_text(0, "One. Two.\n\nThree.\n\nFour. Five. Six.".into()).unwrap();
        let owners: Vec<_> = (0..r.sentence_count()).map(|i| r.paragraph_of(i)).collect();
        assert_eq!(owners, [0, 0, 1, 2, 2, 2]);
    }
}
