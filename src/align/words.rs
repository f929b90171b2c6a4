//! Word-level changes inside an edited sentence.
//!
//! `similar`'s Patience diff over word, space and punctuation tokens (`text::tokens`)
//! gives a minimal script, but a minimal script is not what an editor writes: it keeps
//! stray shared words (`the`, a comma) between two changes, which reads as confetti. The
//! clean-up here folds such short shared runs into the surrounding change and falls back
//! to replacing the whole sentence when little survives.
//!
//! White space is never an edit: tokens are compared with every run of white space as one
//! separator, so a re-wrapped line is the same text. Where the two sides' white space
//! differs inside an equal run, the run carries the old side's text in `old`, so the runs
//! still spell both sides byte for byte.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::text::tokens::{is_word, stands_alone, tokenize, word_count};

/// How long one word diff may search before settling for a coarser answer.
const DIFF_DEADLINE: Duration = Duration::from_millis(50);

/// Sentences longer than this many tokens are shown as replaced whole: nobody reads a
/// word diff of a ten-thousand-word "sentence", and it would cost time for nothing.
const MAX_TOKENS: usize = 4000;

/// What happened to a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WordOp {
    /// Text on both sides.
    Equal,
    /// Text only in the old side.
    Delete,
    /// Text only in the new side.
    Insert,
}

/// One run of a word diff. The `equal` and `delete` runs, in order, spell the old text
/// exactly (an `equal` run by its `old` text when it has one); the `equal` and `insert`
/// runs spell the new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChange {
    /// Which side the text is on.
    pub op: WordOp,
    /// The text, white space included, so the runs spell each side exactly. For an
    /// `equal` run, the new side's text.
    pub text: String,
    /// For an `equal` run whose white space differs between the sides (a re-wrapped
    /// line): the old side's text. The words are the same, so this is no change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
}

impl WordChange {
    /// The run's text on one side (`Delete` for the old side, `Insert` for the new), or
    /// `None` when the run is not on that side.
    pub fn on(&self, side: WordOp) -> Option<&str> {
        match (self.op, side) {
            (WordOp::Equal, WordOp::Delete) => Some(self.old.as_deref().unwrap_or(&self.text)),
            (WordOp::Equal, _) => Some(&self.text),
            (op, side) if op == side => Some(&self.text),
            _ => None,
        }
    }

    /// The text `changes` spell on one side (`Delete` for the old, `Insert` for the new).
    pub fn spell(changes: &[WordChange], side: WordOp) -> String {
        changes.iter().filter_map(|c| c.on(side)).collect()
    }
}

/// A run while the diff is built: its op, its text (the new side's for an equal run) and,
/// for an equal run, the old side's text.
type Run = (WordOp, String, String);

/// The key a token is compared by: every run of white space is one separator.
fn key(token: &str) -> &str {
    if token.starts_with(char::is_whitespace) {
        " "
    } else {
        token
    }
}

/// The word diff of `old` → `new`, cleaned for reading.
pub fn diff(old: &str, new: &str) -> Vec<WordChange> {
    let a = tokenize(old);
    let b = tokenize(new);
    if a.len() > MAX_TOKENS || b.len() > MAX_TOKENS {
        return replace_whole(old, new);
    }
    let runs = fold_confetti(raw_runs(&a, &b));
    let kept: usize = runs
        .iter()
        .filter(|(op, ..)| *op == WordOp::Equal)
        .map(|(_, t, _)| word_count(t))
        .sum();
    // `word_count` of each side, from the tokens already cut: it counts the same tokens.
    let words = |toks: &[&str]| toks.iter().filter(|t| is_word(t)).count();
    let total = words(&a).max(words(&b));
    if total >= 4 && kept * 5 < total {
        // Less than a fifth survives: it reads better as a rewrite.
        return replace_whole(old, new);
    }
    runs.into_iter()
        .map(|(op, text, old)| WordChange {
            old: (op == WordOp::Equal && old != text).then_some(old),
            op,
            text,
        })
        .collect()
}

/// The runs of the Patience diff of the tokens `a` → `b`, compared by [`key`], before
/// clean-up: consecutive runs of one op are joined.
fn raw_runs(a: &[&str], b: &[&str]) -> Vec<Run> {
    let (ka, kb): (Vec<&str>, Vec<&str>) = (
        a.iter().map(|t| key(t)).collect(),
        b.iter().map(|t| key(t)).collect(),
    );
    let ops = capture_diff_slices_deadline(
        Algorithm::Patience,
        &ka,
        &kb,
        Some(Instant::now() + DIFF_DEADLINE),
    );
    let mut runs: Vec<Run> = Vec::new();
    let mut push = |op: WordOp, new: &[&str], old: &[&str]| {
        if new.is_empty() && old.is_empty() {
            return;
        }
        let (text, old) = (new.concat(), old.concat());
        match runs.last_mut() {
            Some((last, t, o)) if *last == op => {
                t.push_str(&text);
                o.push_str(&old);
            }
            _ => runs.push((op, text, old)),
        }
    };
    for op in ops {
        let (o, n) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => push(WordOp::Equal, &b[n], &a[o]),
            DiffOp::Delete { .. } => push(WordOp::Delete, &a[o], &[]),
            DiffOp::Insert { .. } => push(WordOp::Insert, &b[n], &[]),
            DiffOp::Replace { .. } => {
                push(WordOp::Delete, &a[o], &[]);
                push(WordOp::Insert, &b[n], &[]);
            }
        }
    }
    runs
}

fn replace_whole(old: &str, new: &str) -> Vec<WordChange> {
    let mut v = Vec::new();
    if !old.is_empty() {
        v.push(WordChange {
            op: WordOp::Delete,
            text: old.to_string(),
            old: None,
        });
    }
    if !new.is_empty() {
        v.push(WordChange {
            op: WordOp::Insert,
            text: new.to_string(),
            old: None,
        });
    }
    v
}

/// Folds a short equal run that sits between two changes into them (it is then both
/// deleted and inserted, each side with its own white space), and orders each change as
/// delete-then-insert.
fn fold_confetti(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut del = String::new();
    let mut ins = String::new();
    let mut in_change = false;
    let flush = |out: &mut Vec<Run>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push((WordOp::Delete, std::mem::take(del), String::new()));
        }
        if !ins.is_empty() {
            out.push((WordOp::Insert, std::mem::take(ins), String::new()));
        }
    };
    for (i, (op, text, old)) in runs.iter().enumerate() {
        match op {
            WordOp::Delete => {
                del.push_str(text);
                in_change = true;
            }
            WordOp::Insert => {
                ins.push_str(text);
                in_change = true;
            }
            WordOp::Equal => {
                let change_follows = runs.get(i + 1).is_some_and(|(o, ..)| *o != WordOp::Equal);
                if in_change && change_follows && is_glue(text) {
                    del.push_str(old);
                    ins.push_str(text);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    in_change = false;
                    out.push((WordOp::Equal, text.clone(), old.clone()));
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// A shared run too slight to stand between two changes: white space, punctuation, or a
/// single short function word. Characters of scripts written without spaces are words
/// of their own (`予算を` is three), so a shared noun between two changes stays shown.
fn is_glue(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() || stands_alone(c))
        .filter(|w| !w.is_empty())
        .chain(text.matches(stands_alone))
        .collect();
    match words.as_slice() {
        [] => true,
        [w] => w.chars().count() <= 3,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(changes: &[WordChange], side: WordOp) -> String {
        WordChange::spell(changes, side)
    }

    #[test]
    fn rewrapped_white_space_is_no_change() {
        let (old, new) = (
            "bus routes across the\ncity.",
            "bus services across\nthe  city.",
        );
        let d = diff(old, new);
        assert_eq!(spell(&d, WordOp::Delete), old);
        assert_eq!(spell(&d, WordOp::Insert), new);
        let changed: Vec<&str> = d
            .iter()
            .filter(|c| c.op != WordOp::Equal)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(changed, ["routes", "services"]);
    }

    #[test]
    fn number_update_is_one_change() {
        let d = diff(
            "The death toll rose to 23 on Monday.",
            "The death toll rose to 50 on Monday.",
        );
        let changed: Vec<_> = d.iter().filter(|c| c.op != WordOp::Equal).collect();
        assert_eq!(changed.len(), 2);
        assert_eq!(changed[0].text, "23");
        assert_eq!(changed[1].text, "50");
    }

    #[test]
    fn short_shared_words_between_changes_are_folded() {
        let d = diff("red fox of the hills", "blue cat of the hills");
        assert_eq!(spell(&d, WordOp::Delete), "red fox of the hills");
        assert_eq!(spell(&d, WordOp::Insert), "blue cat of the hills");
        assert_eq!(d.iter().filter(|c| c.op == WordOp::Delete).count(), 1);
    }

    #[test]
    fn rewrite_is_replaced_whole() {
        let d = diff(
            "Officials said the talks had collapsed on Monday evening.",
            "A ceasefire was agreed late at night by both sides.",
        );
        assert_eq!(d.len(), 2);
    }
}
