//! Change classes: what kind of edit each op is (a number updated, a quote cut, an
//! attribution changed, ...) and what kinds of change a whole revision diff holds (the
//! headline, the lede, a correction note, material appended), each with its evidence.
//!
//! Everything here is a pure function of the ops and the texts. The change log calls it
//! once per diff (`changelog::diff`) and stores the result; renderers only read it. The
//! classes as users read them are documented in `docs/changelog.md` (change classes).
//!
//! # One op ([`Classifier::op`], `op.rs`)
//!
//! Unchanged ops, moved or not, have no class. An `added` or `deleted` sentence
//! (`Classifier::lone`) can be `quotation` (it holds quoted text), `names` (it brings in
//! a name the other revision never mentions, or takes one out) and `wording` (words
//! outside those). An `edited`, `merged` or `split` op (`op::edit`) goes through these
//! steps, on its two sides' text and the hunks of its word diff (`hunks.rs`):
//!
//! 1. **Typography**: if the sides differ only in punctuation, quote or dash style, case
//!    or white space, the op is `typography` and nothing else.
//! 2. **Changed words**: the words the word diff changed, less those that only changed
//!    case or punctuation in place. Each step below covers the words it explains.
//! 3. **Numbers** (`numbers.rs`): changed numbers paired when they plausibly are one
//!    quantity updated; their qualifiers ("at least") go with them.
//! 4. **Quotations** (`quotes.rs`) and **attributions** (`attribution.rs`): passages left
//!    on either side once equal ones are struck off, where the word diff touched them.
//! 5. **Names** (`names.rs`): names whose last word the other side does not have at all.
//! 6. **Glue**: short function words in a hunk that holds an explained word ("and").
//! 7. **Wording**: the hunks that still hold a changed word nothing explains (or every
//!    hunk, if no class explained anything).
//!
//! # The whole diff ([`Classifier::diff`], `diff.rs`)
//!
//! 1. **Headline**: the titles differ.
//! 2. **Lede**: an op that changed something touches the first paragraph of either side.
//! 3. **Correction** (`notes.rs`): a correction or update note was added
//!    ([`is_correction`]).
//! 4. **Appended**: sentences added after the last one the old revision also had.
//! 5. **Gathered**: every class of the ops, once, with the evidence of all its ops; the
//!    `names` evidence keeps only names the other revision lacks altogether.
//!
//! The tokens, typography keys and word lists these steps rest on are in [`crate::text`].

mod attribution;
mod diff;
mod found;
mod hunks;
mod names;
mod notes;
mod numbers;
mod op;
mod quotes;
#[cfg(test)]
mod test_support;
mod words;

use serde::{Deserialize, Serialize};
use words::RevisionWords;

use crate::align::{Kind, Op};
use crate::article::Side;
pub use notes::is_correction;
use op::{SideText, edit};

/// A class of change. The order here is the order classes are listed in: the most
/// telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// The title changed (revision level only).
    Headline,
    /// A change touches a sentence of the first paragraph of either revision (revision
    /// level only).
    Lede,
    /// A correction or update note was added (revision level only).
    Correction,
    /// Sentences were added after the last sentence the old revision also had (revision
    /// level only).
    Appended,
    /// A number changed.
    Number,
    /// Quoted text changed, was added or was removed.
    Quotation,
    /// Who said it, or how, changed ("said Smith" → "said Jones").
    Attribution,
    /// A capitalised name was added, removed or replaced.
    Names,
    /// Words changed that no class above explains.
    Wording,
    /// Only punctuation, quote or dash style, case or white space changed.
    Typography,
}

impl Class {
    /// The class as it is written in the change log.
    pub fn name(self) -> &'static str {
        match self {
            Class::Headline => "headline",
            Class::Lede => "lede",
            Class::Correction => "correction",
            Class::Appended => "appended",
            Class::Number => "number",
            Class::Quotation => "quotation",
            Class::Attribution => "attribution",
            Class::Names => "names",
            Class::Wording => "wording",
            Class::Typography => "typography",
        }
    }
}

/// One piece of text evidence: what stood there and what stands there now. A side is
/// absent when the thing was added (no `old`) or removed (no `new`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Change {
    /// The text in the old revision, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The text in the new revision, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

impl Change {
    fn new(old: Option<String>, new: Option<String>) -> Self {
        Change { old, new }
    }
}

/// A class found, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassEvidence {
    /// The class.
    pub class: Class,
    /// Text evidence, in reading order: the numbers, quotes, attributions, names or
    /// changed passages, old → new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// Revision level: the indices (into the diff's `ops`) of the ops that show the class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ops: Vec<usize>,
    /// Revision level, for `lede`: the old sentences concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub old: Vec<usize>,
    /// Revision level, for `lede`, `correction` and `appended`: the new sentences
    /// concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new: Vec<usize>,
}

impl ClassEvidence {
    fn new(class: Class, changes: Vec<Change>) -> Self {
        ClassEvidence {
            class,
            changes,
            ops: Vec::new(),
            old: Vec::new(),
            new: Vec::new(),
        }
    }
}

/// The classes of one op, by its index in the diff's `ops`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpClasses {
    /// Index into the diff's `ops`.
    pub op: usize,
    /// Its classes, sorted by class, each once.
    pub classes: Vec<ClassEvidence>,
}

/// The classes of one op. `old` and `new` are the sentences of the two revisions.
/// (To classify many ops of one diff, [`Classifier`] shares the work between them.)
#[cfg(any(test, feature = "dev"))]
pub fn classify_op(op: &Op, old: &[&str], new: &[&str]) -> Vec<ClassEvidence> {
    Classifier::new(old, new).op(op)
}

/// Classifies the ops of one diff; it remembers what it learns of the whole revisions
/// (which words each one holds) between ops.
pub struct Classifier<'a> {
    old: &'a [&'a str],
    new: &'a [&'a str],
    old_words: RevisionWords<'a>,
    new_words: RevisionWords<'a>,
}

impl<'a> Classifier<'a> {
    /// A classifier for the ops of one diff: `old` and `new` are the sentences of the
    /// two revisions, as the ops index them.
    pub fn new(old: &'a [&'a str], new: &'a [&'a str]) -> Self {
        Classifier {
            old,
            new,
            old_words: RevisionWords::new(old),
            new_words: RevisionWords::new(new),
        }
    }

    /// The classes of every op that has any, in op order.
    pub fn ops(&self, ops: &[Op]) -> Vec<OpClasses> {
        ops.iter()
            .enumerate()
            .map(|(op, o)| OpClasses {
                op,
                classes: self.op(o),
            })
            .filter(|c| !c.classes.is_empty())
            .collect()
    }

    /// The classes of one op, sorted by class (see the steps in the module docs). An
    /// index out of range of the sentences counts as no sentence.
    pub fn op(&self, op: &Op) -> Vec<ClassEvidence> {
        let mut out = match op.kind {
            Kind::Unchanged => Vec::new(),
            Kind::Added => match op.new.first().and_then(|&n| self.new.get(n)) {
                Some(s) => self.lone(Side::New, s),
                None => Vec::new(),
            },
            Kind::Deleted => match op.old.first().and_then(|&o| self.old.get(o)) {
                Some(s) => self.lone(Side::Old, s),
                None => Vec::new(),
            },
            Kind::Edited | Kind::Merged | Kind::Split | Kind::Rewritten => {
                let a = SideText::join(&op.old, self.old);
                let b = SideText::join(&op.new, self.new);
                edit(&a, &b, &op.words)
            }
        };
        out.sort_by_key(|c| c.class);
        out
    }

    /// Every word of one whole revision (possessive `'s` dropped).
    fn words_of(&self, side: Side) -> &RevisionWords<'a> {
        match side {
            Side::Old => &self.old_words,
            Side::New => &self.new_words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align;
    use crate::classify::test_support::*;

    #[test]
    fn names_match_the_serialised_form() {
        for c in [
            Class::Headline,
            Class::Lede,
            Class::Correction,
            Class::Appended,
            Class::Number,
            Class::Quotation,
            Class::Attribution,
            Class::Names,
            Class::Wording,
            Class::Typography,
        ] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.name());
        }
    }

    #[test]
    fn odd_text_does_not_panic() {
        for (a, b) in [
            ("“", "”"),
            ("''", "'' ''"),
            ("‘’’‘", "’"),
            ("Said.", "Said X."),
            ("according to", "according to."),
            ("Mr. . Mr", "Mr. Mr. said"),
            ("1,2,3 million million", "1:2:3 hundred"),
            ("É à Ö", "é À ö!"),
        ] {
            let (sa, sb) = ([a], [b]);
            for op in align::align(&sa, &sb) {
                let _ = classify_op(&op, &sa, &sb);
            }
            let _ = diff(a, b);
        }
    }
}
