//! Text as newsdiff reads it, before any alignment: byte spans, sentence segmentation of
//! news copy, normalisation, tokens and the word lists they rest on. Nothing here knows of
//! revisions or diffs; every later stage may use it.
//!
//! This is the bottom layer: it imports nothing from the rest of the crate.
//!
//! * [`segment`]: sentences of a paragraph;
//! * [`tokens`]: words, white space and punctuation, with their offsets;
//! * [`normalize`]: keys that ignore white space, typography or case;
//! * [`lexicon`]: the word lists more than one stage relies on;
//! * [`memo`]: per-thread memory of pure functions of text, for archives.

pub mod duration;
pub mod lexicon;
pub mod memo;
pub mod normalize;
pub mod segment;
pub mod tokens;

use std::ops::Range;

/// A half-open byte range into a revision's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end` (`start <= end`).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// The span as a range, to index the text with.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    /// Its length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }
    /// Whether it holds no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// Paragraph spans of a plain body: blocks separated by blank lines, or single lines when
/// the body has no blank line. Spans exclude the line break and surrounding white space.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let lines = line_spans(text);
    let blank = |s: &Span| text[s.range()].trim().is_empty();
    let has_blank_between = {
        let first = lines.iter().position(|l| !blank(l));
        let last = lines.iter().rposition(|l| !blank(l));
        match (first, last) {
            (Some(a), Some(b)) => lines[a..=b].iter().any(blank),
            _ => false,
        }
    };
    let mut out: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    for l in &lines {
        if blank(l) {
            out.extend(current.take());
            continue;
        }
        let t = &text[l.range()];
        let lead = t.len() - t.trim_start().len();
        let trail = t.len() - t.trim_end().len();
        let s = Span::new(l.start + lead, l.end - trail);
        current = match current {
            Some(c) if has_blank_between => Some(Span::new(c.start, s.end)),
            Some(c) => {
                out.push(c);
                Some(s)
            }
            None => Some(s),
        };
    }
    out.extend(current);
    out
}

/// Line spans without their terminators (`\n` or `\r\n`).
pub fn line_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push(Span::new(start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}
