//! Word-level changes inside an edited sentence.
//!
//! `similar`'s Patience diff over word, space and punctuation tokens (`text::tokens`)
//! gives a minimal script, but a minimal script is not what an editor writes: it keeps
//! stray shared words (`the`, a comma) between two changes, which reads as confetti. The
//! clean-up here folds such short shared runs into the surrounding change and falls back
//! to replacing the whole sentence when little survives.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::text::tokens::{tokenize, word_count};

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
/// exactly; the `equal` and `insert` runs spell the new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChange {
    /// Which side the text is on.
    pub op: WordOp,
    /// The text, white space included, so the runs spell each side exactly.
    pub text: String,
}

/// The word diff of `old` → `new`, cleaned for reading.
pub fn diff(old: &str, new: &str) -> Vec<WordChange> {
    let a = tokenize(old);
    let b = tokenize(new);
    if a.len() > MAX_TOKENS || b.len() > MAX_TOKENS {
        return replace_whole(old, new);
    }
    let ops = capture_diff_slices_deadline(
        Algorithm::Patience,
        &a,
        &b,
        Some(Instant::now() + DIFF_DEADLINE),
    );
    let mut runs: Vec<(WordOp, String)> = Vec::new();
    let mut push = |op: WordOp, toks: &[&str]| {
        if toks.is_empty() {
            return;
        }
        let text: String = toks.concat();
        match runs.last_mut() {
            Some((last, t)) if *last == op => t.push_str(&text),
            _ => runs.push((op, text)),
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push(WordOp::Equal, &a[old_index..old_index + len])
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(WordOp::Delete, &a[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(WordOp::Insert, &b[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(WordOp::Delete, &a[old_index..old_index + old_len]);
                push(WordOp::Insert, &b[new_index..new_index + new_len]);
            }
        }
    }
    let runs = fold_confetti(runs);
    let kept: usize = runs
        .iter()
        .filter(|(op, _)| *op == WordOp::Equal)
        .map(|(_, t)| word_count(t))
        .sum();
    let total = word_count(old).max(word_count(new));
    if total >= 4 && kept * 5 < total {
        // Less than a fifth survives: it reads better as a rewrite.
        return replace_whole(old, new);
    }
    runs.into_iter()
        .map(|(op, text)| WordChange { op, text })
        .collect()
}

fn replace_whole(old: &str, new: &str) -> Vec<WordChange> {
    let mut v = Vec::new();
    if !old.is_empty() {
        v.push(WordChange {
            op: WordOp::Delete,
            text: old.to_string(),
        });
    }
    if !new.is_empty() {
        v.push(WordChange {
            op: WordOp::Insert,
            text: new.to_string(),
        });
    }
    v
}

/// Folds a short equal run that sits between two changes into them (it is then both
/// deleted and inserted), and orders each change as delete-then-insert.
fn fold_confetti(runs: Vec<(WordOp, String)>) -> Vec<(WordOp, String)> {
    let mut out: Vec<(WordOp, String)> = Vec::new();
    let mut del = String::new();
    let mut ins = String::new();
    let mut in_change = false;
    let flush = |out: &mut Vec<(WordOp, String)>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push((WordOp::Delete, std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push((WordOp::Insert, std::mem::take(ins)));
        }
    };
    for (i, (op, text)) in runs.iter().enumerate() {
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
                let change_follows = runs.get(i + 1).is_some_and(|(o, _)| *o != WordOp::Equal);
                if in_change && change_follows && is_glue(text) {
                    del.push_str(text);
                    ins.push_str(text);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    in_change = false;
                    out.push((WordOp::Equal, text.clone()));
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// A shared run too slight to stand between two changes: white space, punctuation, or a
/// single short function word.
fn is_glue(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
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
        changes
            .iter()
            .filter(|c| c.op == WordOp::Equal || c.op == side)
            .map(|c| c.text.as_str())
            .collect()
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
