//! The change log: everything newsdiff found out about an article's revisions, in one
//! value that every renderer reads and that serialises as the versioned JSON contract
//! (`docs/changelog.md`, `docs/changelog.schema.json`).
//!
//! It carries every revision in full (paragraph texts, sentences and separators), so a
//! consumer can rebuild each revision's text exactly without the original input.

use serde::{Deserialize, Serialize};

use crate::align::words::{self, WordChange, WordOp};
use crate::align::{self, Kind, Op};
use crate::article::{Article, ArticleMeta, Revision};
use crate::classify::{ClassEvidence, Classifier, OpClasses};
use crate::parse::json::RevisionDoc;
use crate::text::tokens::word_count;
use crate::{Error, Warning};

/// The schema identifier written into every change log. Bumped on incompatible change.
pub const SCHEMA: &str = "newsdiff/changelog/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeLog {
    pub schema: String,
    pub article: ArticleMeta,
    /// The revisions the diffs refer to, oldest first.
    pub revisions: Vec<RevisionDoc>,
    pub diffs: Vec<RevisionDiff>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// The changes from one revision to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionDiff {
    pub from: u64,
    pub to: u64,
    /// Present when the title changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<TitleChange>,
    /// The classes of change of the whole diff, with their evidence (`classify`). Always
    /// written, empty when nothing changed; absent only in change logs from before classes.
    #[serde(default)]
    pub classes: Vec<ClassEvidence>,
    pub ops: Vec<Op>,
    /// The classes of each op that has any, by index into `ops`, in op order.
    #[serde(default)]
    pub op_classes: Vec<OpClasses>,
    pub stats: Stats,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleChange {
    pub old: Option<String>,
    pub new: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordChange>,
}

/// Counts for one diff.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub unchanged: usize,
    pub edited: usize,
    pub merged: usize,
    pub split: usize,
    pub added: usize,
    pub deleted: usize,
    pub moved: usize,
    pub sentences_old: usize,
    pub sentences_new: usize,
    pub words_old: usize,
    pub words_new: usize,
    pub words_added: usize,
    pub words_removed: usize,
    /// Words added plus words removed, over the words of both revisions: 0 when nothing
    /// changed, 1 when the texts share nothing.
    pub changed_share: f64,
}

impl Stats {
    /// Whether anything at all changed in the body.
    pub fn has_changes(&self) -> bool {
        self.edited + self.merged + self.split + self.added + self.deleted + self.moved > 0
    }
}

/// Diffs two revisions.
pub fn diff(old: &Revision, new: &Revision) -> RevisionDiff {
    let a: Vec<&str> = old.sentences().collect();
    let b: Vec<&str> = new.sentences().collect();
    let ops = align::align(&a, &b);
    let title = (old.title != new.title).then(|| TitleChange {
        words: match (&old.title, &new.title) {
            (Some(o), Some(n)) => words::diff(o, n),
            _ => Vec::new(),
        },
        old: old.title.clone(),
        new: new.title.clone(),
    });
    let stats = stats(&ops, &a, &b);
    let classifier = Classifier::new(&a, &b);
    let op_classes = classifier.ops(&ops);
    let classes = classifier.diff(old, new, &ops, &op_classes);
    RevisionDiff {
        from: old.version,
        to: new.version,
        title,
        classes,
        ops,
        op_classes,
        stats,
    }
}

fn stats(ops: &[Op], old: &[&str], new: &[&str]) -> Stats {
    let mut s = Stats {
        sentences_old: old.len(),
        sentences_new: new.len(),
        words_old: old.iter().map(|t| word_count(t)).sum(),
        words_new: new.iter().map(|t| word_count(t)).sum(),
        ..Stats::default()
    };
    for op in ops {
        *match op.kind {
            Kind::Unchanged => &mut s.unchanged,
            Kind::Edited => &mut s.edited,
            Kind::Merged => &mut s.merged,
            Kind::Split => &mut s.split,
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

impl ChangeLog {
    /// The change log of `article` for the given pairs of revision indices.
    pub fn build(article: &Article, pairs: &[(usize, usize)], warnings: Vec<Warning>) -> Self {
        let mut used: Vec<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        used.sort_unstable();
        used.dedup();
        if used.is_empty() {
            used = (0..article.revisions.len()).collect();
        }
        ChangeLog {
            schema: SCHEMA.to_string(),
            article: article.meta.clone(),
            revisions: used
                .iter()
                .map(|&i| RevisionDoc::from_revision(&article.revisions[i]))
                .collect(),
            diffs: pairs
                .iter()
                .map(|&(a, b)| diff(&article.revisions[a], &article.revisions[b]))
                .collect(),
            warnings,
        }
    }

    /// Every consecutive pair of revisions, oldest first.
    pub fn consecutive(article: &Article, warnings: Vec<Warning>) -> Self {
        let n = article.revisions.len();
        let pairs: Vec<(usize, usize)> = (1..n).map(|i| (i - 1, i)).collect();
        Self::build(article, &pairs, warnings)
    }

    /// Rebuilds the revision with the given version from the change log alone.
    pub fn revision(&self, version: u64) -> Result<Revision, Error> {
        let (i, doc) = self
            .revisions
            .iter()
            .enumerate()
            .find(|(_, r)| r.version == Some(version))
            .ok_or_else(|| Error::Usage(format!("the change log has no version {version}")))?;
        doc.to_revision(i, version)
            .map_err(|p| Error::input("change log", p))
    }
}

impl RevisionDiff {
    /// Checks the diff against the two revisions it claims to describe: every sentence
    /// of each side is in exactly one op, kinds agree with the sides, and the word
    /// changes spell both sides exactly. Consumers can run it on a change log they read.
    pub fn check(&self, old: &Revision, new: &Revision) -> Result<(), String> {
        let mut seen_old = vec![0u32; old.sentence_count()];
        let mut seen_new = vec![0u32; new.sentence_count()];
        for (k, op) in self.ops.iter().enumerate() {
            for &o in &op.old {
                *seen_old
                    .get_mut(o)
                    .ok_or(format!("op {k}: old index {o} out of range"))? += 1;
            }
            for &n in &op.new {
                *seen_new
                    .get_mut(n)
                    .ok_or(format!("op {k}: new index {n} out of range"))? += 1;
            }
            let shape_ok = match op.kind {
                Kind::Added => op.old.is_empty() && op.new.len() == 1,
                Kind::Deleted => op.new.is_empty() && op.old.len() == 1,
                Kind::Unchanged | Kind::Edited => op.old.len() == 1 && op.new.len() == 1,
                Kind::Merged => op.old.len() >= 2 && op.new.len() == 1,
                Kind::Split => op.old.len() == 1 && op.new.len() >= 2,
            };
            if !shape_ok {
                return Err(format!(
                    "op {k}: {:?} with sides {:?} → {:?}",
                    op.kind, op.old, op.new
                ));
            }
            let (a, b) = (old.joined(&op.old), new.joined(&op.new));
            match op.kind {
                Kind::Unchanged if !align::same_text(&a, &b) => {
                    return Err(format!("op {k}: unchanged but texts differ"));
                }
                Kind::Edited | Kind::Merged | Kind::Split => {
                    let spell = |side: WordOp| -> String {
                        op.words
                            .iter()
                            .filter(|w| w.op == WordOp::Equal || w.op == side)
                            .map(|w| w.text.as_str())
                            .collect()
                    };
                    if spell(WordOp::Delete) != a || spell(WordOp::Insert) != b {
                        return Err(format!("op {k}: word changes do not spell both sides"));
                    }
                }
                _ => {}
            }
        }
        if let Some(o) = seen_old.iter().position(|&c| c != 1) {
            return Err(format!("old sentence {o} is in {} ops", seen_old[o]));
        }
        if let Some(n) = seen_new.iter().position(|&c| c != 1) {
            return Err(format!("new sentence {n} is in {} ops", seen_new[n]));
        }
        let mut last = None;
        for oc in &self.op_classes {
            if oc.op >= self.ops.len() || last.is_some_and(|l| oc.op <= l) {
                return Err(format!("op_classes: op {} out of range or order", oc.op));
            }
            last = Some(oc.op);
        }
        for c in &self.classes {
            if let Some(k) = c.ops.iter().find(|&&k| k >= self.ops.len()) {
                return Err(format!("classes: {:?} names op {k}, out of range", c.class));
            }
        }
        Ok(())
    }
}
