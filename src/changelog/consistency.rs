//! Whether a diff says what it claims about two revisions: the check a consumer can run on
//! a change log it read (and the property tests run on every diff they make).

use super::RevisionDiff;
use crate::align::words::{WordChange, WordOp};
use crate::align::{self, Kind, Op};
use crate::article::{Revision, Side};

/// How a diff fails to describe its two revisions. Sentence and op numbers count from 0,
/// as in the JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Inconsistency {
    /// An op names a sentence the revision does not have.
    #[error("op {op}: {side:?} sentence {sentence} is out of range")]
    OutOfRange {
        /// The op's index.
        op: usize,
        /// Which revision.
        side: Side,
        /// The sentence index it names.
        sentence: usize,
    },
    /// An op's kind does not fit the number of sentences on its sides (an `added` op
    /// with an old sentence, a `merged` op with one old sentence).
    #[error("op {op}: {kind:?} with {old} old and {new} new sentences")]
    Shape {
        /// The op's index.
        op: usize,
        /// Its kind.
        kind: Kind,
        /// Its number of old sentences.
        old: usize,
        /// Its number of new sentences.
        new: usize,
    },
    /// An `unchanged` op whose texts differ beyond white space.
    #[error("op {op}: unchanged but the texts differ")]
    NotUnchanged {
        /// The op's index.
        op: usize,
    },
    /// The word changes of an op do not spell its old and new text.
    #[error("op {op}: the word changes do not spell both sides")]
    Spelling {
        /// The op's index.
        op: usize,
    },
    /// A sentence is in no op, or in several.
    #[error("{side:?} sentence {sentence} is in {count} ops")]
    Coverage {
        /// Which revision.
        side: Side,
        /// The sentence's index.
        sentence: usize,
        /// In how many ops it is (1 is right).
        count: u32,
    },
    /// `op_classes` or `classes` name an op that is not there, or are out of order.
    #[error("classes: op {op} is out of range or out of order")]
    Classes {
        /// The op index named.
        op: usize,
    },
}

impl RevisionDiff {
    /// Checks the diff against the two revisions it claims to describe: every sentence
    /// of each side is in exactly one op, kinds agree with the sides, and the word
    /// changes spell both sides exactly. Consumers can run it on a change log they read.
    ///
    /// # Errors
    /// The first [`Inconsistency`] found.
    pub fn check(&self, old: &Revision, new: &Revision) -> Result<(), Inconsistency> {
        let mut seen_old = vec![0u32; old.sentence_count()];
        let mut seen_new = vec![0u32; new.sentence_count()];
        for (k, op) in self.ops.iter().enumerate() {
            count(&mut seen_old, &op.old, k, Side::Old)?;
            count(&mut seen_new, &op.new, k, Side::New)?;
            check_shape(k, op)?;
            check_text(k, op, old, new)?;
        }
        covered_once(&seen_old, Side::Old)?;
        covered_once(&seen_new, Side::New)?;
        self.check_classes()
    }

    /// Class lists name ops that exist, `op_classes` in increasing op order.
    fn check_classes(&self) -> Result<(), Inconsistency> {
        let mut last = None;
        for oc in &self.op_classes {
            if oc.op >= self.ops.len() || last.is_some_and(|l| oc.op <= l) {
                return Err(Inconsistency::Classes { op: oc.op });
            }
            last = Some(oc.op);
        }
        match self
            .classes
            .iter()
            .flat_map(|c| &c.ops)
            .find(|&&k| k >= self.ops.len())
        {
            Some(&op) => Err(Inconsistency::Classes { op }),
            None => Ok(()),
        }
    }
}

/// Counts the sentences `idx` of one side of op `op` in `seen`.
fn count(seen: &mut [u32], idx: &[usize], op: usize, side: Side) -> Result<(), Inconsistency> {
    for &sentence in idx {
        *seen
            .get_mut(sentence)
            .ok_or(Inconsistency::OutOfRange { op, side, sentence })? += 1;
    }
    Ok(())
}

/// Each kind has its shape: added has one new sentence and no old, merged several old
/// and one new, and so on.
fn check_shape(k: usize, op: &Op) -> Result<(), Inconsistency> {
    let (o, n) = (op.old.len(), op.new.len());
    let fits = match op.kind {
        Kind::Added => o == 0 && n == 1,
        Kind::Deleted => n == 0 && o == 1,
        Kind::Unchanged | Kind::Edited => o == 1 && n == 1,
        Kind::Merged => o >= 2 && n == 1,
        Kind::Split => o == 1 && n >= 2,
        Kind::Rewritten => o >= 2 && n >= 2,
    };
    match fits {
        true => Ok(()),
        false => Err(Inconsistency::Shape {
            op: k,
            kind: op.kind,
            old: o,
            new: n,
        }),
    }
}

/// An unchanged op has the same text on both sides; the word changes of any other
/// op that has them spell both sides exactly.
fn check_text(k: usize, op: &Op, old: &Revision, new: &Revision) -> Result<(), Inconsistency> {
    let (a, b) = (old.joined(&op.old), new.joined(&op.new));
    match op.kind {
        Kind::Unchanged if !align::same_text(&a, &b) => Err(Inconsistency::NotUnchanged { op: k }),
        Kind::Edited | Kind::Merged | Kind::Split | Kind::Rewritten => {
            let spell = |side| WordChange::spell(&op.words, side);
            if spell(WordOp::Delete) != a || spell(WordOp::Insert) != b {
                return Err(Inconsistency::Spelling { op: k });
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Every sentence of a side is in exactly one op.
fn covered_once(seen: &[u32], side: Side) -> Result<(), Inconsistency> {
    match seen.iter().position(|&c| c != 1) {
        Some(sentence) => Err(Inconsistency::Coverage {
            side,
            sentence,
            count: seen[sentence],
        }),
        None => Ok(()),
    }
}
