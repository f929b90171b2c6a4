//! The counts of one diff: sentences by kind, words added and removed, and the share of
//! words changed, as the stat line and `check`'s thresholds read them.

use serde::{Deserialize, Serialize};

use crate::align::Kind;
use crate::align::Op;
use crate::align::words::WordOp;
use crate::text::tokens::word_count;

/// Counts for one diff.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Ops whose sentence stayed the same (up to white space), moved or not.
    pub unchanged: usize,
    /// Ops that edited one sentence into one.
    pub edited: usize,
    /// Ops that merged several old sentences into one.
    pub merged: usize,
    /// Ops that split one old sentence into several.
    pub split: usize,
    /// Ops that rewrote several old sentences into several new ones. Added within
    /// version 1 (issue 14), so it is written only when above 0 and read as 0 when absent.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rewritten: usize,
    /// Sentences added.
    pub added: usize,
    /// Sentences deleted.
    pub deleted: usize,
    /// Ops that moved out of reading order (of any kind).
    pub moved: usize,
    /// Sentences of the old revision.
    pub sentences_old: usize,
    /// Sentences of the new revision.
    pub sentences_new: usize,
    /// Words of the old revision.
    pub words_old: usize,
    /// Words of the new revision.
    pub words_new: usize,
    /// Words inserted, in edited ops and added sentences.
    pub words_added: usize,
    /// Words removed, in edited ops and deleted sentences.
    pub words_removed: usize,
    /// Words added plus words removed, over the words of both revisions: 0 when nothing
    /// changed, 1 when the texts share nothing.
    pub changed_share: f64,
}

impl Stats {
    /// Whether anything at all changed in the body.
    pub fn has_changes(&self) -> bool {
        self.edited
            + self.merged
            + self.split
            + self.rewritten
            + self.added
            + self.deleted
            + self.moved
            > 0
    }

    /// Ops that changed sentences into others: edited, merged, split and rewritten.
    pub fn linked_changes(&self) -> usize {
        self.edited + self.merged + self.split + self.rewritten
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The counts of `ops` between the sentences `old` and `new`, revisions of `words` words
/// (old, new).
pub(super) fn stats(ops: &[Op], old: &[&str], new: &[&str], words: (usize, usize)) -> Stats {
    let mut s = Stats {
        sentences_old: old.len(),
        sentences_new: new.len(),
        words_old: words.0,
        words_new: words.1,
        ..Stats::default()
    };
    for op in ops {
        *match op.kind {
            Kind::Unchanged => &mut s.unchanged,
            Kind::Edited => &mut s.edited,
            Kind::Merged => &mut s.merged,
            Kind::Split => &mut s.split,
            Kind::Rewritten => &mut s.rewritten,
            Kind::Added => &mut s.added,
            Kind::Deleted => &mut s.deleted,
        } += 1;
        s.moved += usize::from(op.moved);
        match op.kind {
            Kind::Added => s.words_added += word_count(new[op.new[0]]),
            Kind::Deleted => s.words_removed += word_count(old[op.old[0]]),
            _ => {
                for w in &op.words {
                    match w.op {
                        WordOp::Insert => s.words_added += word_count(&w.text),
                        WordOp::Delete => s.words_removed += word_count(&w.text),
                        WordOp::Equal => {}
                    }
                }
            }
        }
    }
    let total = (s.words_old + s.words_new).max(1) as f64;
    s.changed_share = ((s.words_added + s.words_removed) as f64 / total * 1000.0).round() / 1000.0;
    s
}
