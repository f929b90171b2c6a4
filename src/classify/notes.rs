//! Correction and update notes: the sentences in which a newsroom says it corrected,
//! clarified or updated the piece ("Correction: An earlier version of this story gave
//! her age incorrectly."), and the `correction` class of a diff that adds one.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{Change, Class, ClassEvidence};
use crate::align::{Kind, Op};
use crate::article::Revision;
use crate::text::normalize::normalize;
use crate::text::tokens::has_word;

/// `correction`: a correction or update note was added, as added sentences (with the
/// added sentences after it in its paragraph) or as an edit that turns a sentence into
/// one. Evidence: each note (old text, if edited, and new), the ops that carry it and
/// its new sentences.
pub(super) fn correction(old: &Revision, new: &Revision, ops: &[Op]) -> Option<ClassEvidence> {
    // The op that added each added sentence.
    let added_op: HashMap<usize, usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| op.kind == Kind::Added)
        .filter_map(|(k, op)| op.new.first().map(|&n| (n, k)))
        .collect();
    let mut correction = ClassEvidence::new(Class::Correction, Vec::new());
    let mut in_note: HashSet<usize> = HashSet::new();
    for (k, op) in ops.iter().enumerate() {
        match op.kind {
            Kind::Added => {
                let Some(&n) = op.new.first() else { continue };
                if n >= new.sentence_count()
                    || in_note.contains(&n)
                    || !is_correction(new.sentence(n))
                {
                    continue;
                }
                let note = added_note(new, n, &added_op);
                in_note.extend(&note);
                correction
                    .changes
                    .push(Change::new(None, Some(new.joined(&note))));
                correction.ops.extend(note.iter().map(|n| added_op[n]));
                correction.new.extend(note);
            }
            Kind::Edited | Kind::Merged | Kind::Split | Kind::Rewritten => {
                let (a, b) = (old.joined(&op.old), new.joined(&op.new));
                if is_correction(&b) && !is_correction(&a) {
                    correction.changes.push(Change::new(Some(a), Some(b)));
                    correction.ops.push(k);
                    correction.new.extend(&op.new);
                }
            }
            _ => {}
        }
    }
    if correction.ops.is_empty() {
        return None;
    }
    correction.ops.sort_unstable();
    correction.ops.dedup();
    Some(correction)
}

/// The new sentences of a note that begins at added sentence `n`: it goes on with the
/// added sentences after it in its paragraph, up to another note ("Correction: ... gave
/// her age incorrectly. She is 34, not 43."). `added_op` holds the added sentences.
fn added_note(new: &Revision, n: usize, added_op: &HashMap<usize, usize>) -> Vec<usize> {
    let mut note = vec![n];
    let mut next = n + 1;
    while next < new.sentence_count()
        && new.paragraph_of(next) == new.paragraph_of(n)
        && added_op.contains_key(&next)
        && !is_correction(new.sentence(next))
    {
        note.push(next);
        next += 1;
    }
    note
}

/// Verbs that open a wire service's tag on a new version of a story, in brackets before
/// the dateline: `(Corrects paragraph 1 to show 13 homes, not 30)` is a correction note,
/// `(Updates with minister's comments)`, `(Adds details)`, `(Recasts lead)` are update
/// notes. Lower-case; the tag's first word is matched in any case.
const WIRE_TAG_VERBS: &[&str] = &[
    "corrects",
    "correcting",
    "correction",
    "clarifies",
    "updates",
    "updating",
    "adds",
    "recasts",
    "rewrites",
    "refiles",
    "removes",
    "deletes",
    "changes",
    "fixes",
    "restores",
    "inserts",
    "replaces",
    "amends",
    "withdraws",
    "writethru",
];

/// Whether `text` opens with a wire tag: a bracketed note whose first word is one of
/// [`WIRE_TAG_VERBS`] (`(Corrects ...)`, `[Updates with ...]`). The tag may stand alone or
/// run into the story's first sentence.
fn opens_with_wire_tag(text: &str) -> bool {
    let t = text.trim_start();
    let Some(inner) = t.strip_prefix(['(', '[']) else {
        return false;
    };
    if !inner.contains([')', ']']) {
        return false;
    }
    let first = inner
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    WIRE_TAG_VERBS.contains(&first.as_str())
}

/// Whether a sentence is (or holds) a correction or update note. The text is read
/// normalised (case, quotes and dashes folded, leading punctuation skipped): a note opens
/// with a label ("Correction:", "Update:", "Editor's note:") or a wire tag ("(Corrects
/// paragraph 1 ...)", "(Updates with ...)"), or holds a stock phrase ("an earlier version
/// of this", "we regret the error"), or a verb of correcting together with words for the
/// piece itself ("This story was corrected", "This version corrects"). Ordinary copy
/// ("the ministry corrected its figures") is no note. The rule as users read it is in
/// `docs/changelog.md` (change classes, `correction`).
pub fn is_correction(text: &str) -> bool {
    if opens_with_wire_tag(text) {
        return true;
    }
    // Every label, phrase and verb below holds one of these stems: a sentence without
    // any (nearly all copy) is no note, found in one pass without copying it.
    static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "correct", "clarif", "updat", "amend", "editor", "version", "regret",
            ])
            .expect("fixed patterns build")
    });
    if !CUES.is_match(text) {
        return false;
    }
    let t = normalize(text);
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    const LABELS: &[&str] = &[
        "correction:",
        "corrections:",
        "clarification:",
        "update:",
        "updated:",
        "editor's note:",
        "editors' note:",
        "editors note:",
    ];
    const PHRASES: &[&str] = &[
        "correction:",
        "clarification:",
        "an earlier version of this",
        "a previous version of this",
        "an earlier version of the",
        "a previous version of the",
        "this article has been updated",
        "this story has been updated",
        "this article has been amended",
        "this story has been amended",
        "this article has been corrected",
        "this story has been corrected",
        "this article was amended on",
        "this article was updated on",
        "we regret the error",
    ];
    // "corrected", "updated", "amended" count when the note speaks of the piece itself.
    const VERBS: &[&str] = &[
        "corrected",
        "updated",
        "amended",
        "clarified",
        "corrects",
        "clarifies",
    ];
    const PIECE: &[&str] = &[
        "this article",
        "this story",
        "this report",
        "this post",
        "this version",
        "this item",
        "earlier version",
        "previous version",
    ];
    LABELS.iter().any(|l| t.starts_with(l))
        || PHRASES.iter().any(|p| t.contains(p))
        || (VERBS.iter().any(|v| has_word(t, v)) && PIECE.iter().any(|p| t.contains(p)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Class;
    use crate::classify::test_support::*;

    #[test]
    fn a_correction_note_at_the_end_is_a_correction_and_appended() {
        let old = "A train derailed near Harwick on Tuesday, killing 21 people.\n\n\
                   \"It was like being thrown around,\" said Maria Delgado, 34.";
        let new = "A train derailed near Harwick on Tuesday, killing 21 people.\n\n\
                   \"It was like being thrown around,\" said Maria Delgado, 34.\n\n\
                   Correction: An earlier version of this story gave Maria Delgado's age incorrectly. She is 34, not 43.";
        let d = diff(old, new);
        assert_eq!(
            classes(&d),
            [Class::Correction, Class::Appended, Class::Wording]
        );
        let c = &d[0];
        assert_eq!(
            changes(&d, Class::Correction),
            [(
                None,
                Some(
                    "Correction: An earlier version of this story gave Maria Delgado's age incorrectly. She is 34, not 43."
                )
            )]
        );
        assert_eq!(c.new, [2, 3]);
        assert_eq!(d[1].new, [2, 3]);
    }

    #[test]
    fn update_notes_are_corrections_ordinary_copy_is_not() {
        for note in [
            "This article has been updated to include comments from the ministry.",
            "Update: The ministry later denied the report.",
            "CLARIFICATION: The plant is owned by a subsidiary.",
            "An earlier version of this article misstated the date of the vote.",
            "This story was corrected to show that the vote is on Friday.",
            "(Editor’s note: names have been changed.)",
            "(Corrects paragraph 1 to show 13 homes damaged, not 30)",
            "(CORRECTS spelling of minister's name in paragraph 4)",
            "(Updates with minister's comments, paragraphs 5-7)",
            "[Adds details of the vote]",
            "(Recasts lead, adds analyst quotes)",
            "(Refiles to fix typo in headline) LONDON, May 3 (Reuters) - Shares rose.",
            "This article was amended on 3 May 2024 to correct the spelling of a name.",
            "This version corrects the spelling of the mayor's name.",
            "Editors' note: An earlier version of this story misstated the toll.",
        ] {
            assert!(is_correction(note), "{note}");
        }
        for copy in [
            "The ministry corrected its figures on Monday.",
            "Officials updated the death toll to 21.",
            "He said the earlier report was wrong.",
            "(Adding to the confusion, the vote was delayed.)",
            "The council adds two buses (and a tram) from June.",
            "(Reuters) - The storm damaged about 13 homes.",
        ] {
            assert!(!is_correction(copy), "{copy}");
        }
    }
}
