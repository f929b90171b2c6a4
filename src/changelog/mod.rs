//! The change log: everything newsdiff found out about an article's revisions, in one
//! value that every renderer reads and that serialises as the versioned JSON contract
//! (`docs/changelog.md`, `docs/changelog.schema.json`).
//!
//! It holds the [`Revision`]s themselves, and each diff names its two revisions by their
//! position in [`ChangeLog::revisions`]: version numbers are labels, and real archives
//! repeat them. In JSON every revision is written in full (paragraph texts, sentences and
//! separators, [`RevisionDoc`]), so a consumer rebuilds each text exactly without the
//! original input.

mod consistency;
mod document;
mod stats;

use crate::Warning;
use crate::align::words::{self, WordChange};
use crate::align::{self, Op};
use crate::article::{Article, ArticleMeta, Revision, Side};
use crate::classify::{Class, ClassEvidence, Classifier, OpClasses};

#[doc(no_inline)]
pub use crate::article::doc::RevisionDoc;
pub use consistency::Inconsistency;
pub use stats::Stats;

/// The schema identifier written into every change log. Bumped on incompatible change.
pub const SCHEMA: &str = "newsdiff/changelog/1";

/// What changed between pairs of an article's revisions: the one value every view reads.
/// Serialises as the JSON contract (`docs/changelog.md`) and reads back from it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeLog {
    /// What is known of the article apart from its revisions.
    pub article: ArticleMeta,
    /// The revisions the diffs refer to, oldest first: those of the article that some
    /// diff uses, or all of them when no pair was asked for.
    pub revisions: Vec<Revision>,
    /// One diff per compared pair, in the order they were asked for.
    pub diffs: Vec<RevisionDiff>,
    /// What the parser could not settle, and problems of the article itself (a version
    /// number given twice, say).
    pub warnings: Vec<Warning>,
}

/// The changes from one revision to another.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisionDiff {
    /// Position of the old revision in [`ChangeLog::revisions`].
    pub old_revision: usize,
    /// Position of the new revision in [`ChangeLog::revisions`].
    pub new_revision: usize,
    /// The old revision's version number (a label: it need not be unique).
    pub from: u64,
    /// The new revision's version number.
    pub to: u64,
    /// Present when the title changed.
    pub title: Option<TitleChange>,
    /// The classes of change of the whole diff, with their evidence (`classify`); empty
    /// when nothing changed.
    pub classes: Vec<ClassEvidence>,
    /// The alignment: every sentence of both revisions in exactly one op, in reading
    /// order of the new revision.
    pub ops: Vec<Op>,
    /// The classes of each op that has any, by index into `ops`, in op order.
    pub op_classes: Vec<OpClasses>,
    /// The counts of this diff.
    pub stats: Stats,
}

impl RevisionDiff {
    /// Whether the diff changed typography and nothing else (quote or dash style, case,
    /// punctuation, white space; in the title or the body): no sentence added, deleted
    /// or moved, and `typography` its only class. `--ignore typography` counts such a
    /// diff as no change.
    pub fn is_typography_only(&self) -> bool {
        let s = &self.stats;
        s.added + s.deleted + s.moved == 0
            && !self.classes.is_empty()
            && self.classes.iter().all(|c| c.class == Class::Typography)
    }

    /// The position in the change log's `revisions` of the revision on `side`.
    pub fn revision_index(&self, side: Side) -> usize {
        match side {
            Side::Old => self.old_revision,
            Side::New => self.new_revision,
        }
    }
}

/// A changed title, with its word changes when both titles exist.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TitleChange {
    /// The old title, if the old revision had one.
    pub old: Option<String>,
    /// The new title, if the new revision has one.
    pub new: Option<String>,
    /// Word changes from the old title to the new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordChange>,
}

/// Diffs two revisions. The diff's revision positions are 0 and 1, as in a change log of
/// just these two; [`ChangeLog::build`] sets them for its own list.
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
    let stats = stats::stats(&ops, &a, &b, (old.word_count(), new.word_count()));
    let classifier = Classifier::new(&a, &b);
    let op_classes = classifier.ops(&ops);
    let classes = classifier.diff(old, new, &ops, &op_classes);
    RevisionDiff {
        old_revision: 0,
        new_revision: 1,
        from: old.version,
        to: new.version,
        title,
        classes,
        ops,
        op_classes,
        stats,
    }
}

impl ChangeLog {
    /// The change log of `article` for the given pairs of revision indices (positions in
    /// `article.revisions`). A version number given to two revisions is reported in
    /// `warnings`; the diffs are right either way, since they name revisions by position.
    ///
    /// # Panics
    /// When a pair names a revision past the end of `article.revisions`.
    pub fn build(article: &Article, pairs: &[(usize, usize)], mut warnings: Vec<Warning>) -> Self {
        let mut used: Vec<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        used.sort_unstable();
        used.dedup();
        if used.is_empty() {
            used = (0..article.revisions.len()).collect();
        }
        let position = |i: usize| used.binary_search(&i).expect("every paired index is used");
        let diffs = pairs
            .iter()
            .map(|&(a, b)| RevisionDiff {
                old_revision: position(a),
                new_revision: position(b),
                ..diff(&article.revisions[a], &article.revisions[b])
            })
            .collect();
        warnings.extend(repeated_versions(&article.revisions));
        ChangeLog {
            article: article.meta.clone(),
            revisions: used.iter().map(|&i| article.revisions[i].clone()).collect(),
            diffs,
            warnings,
        }
    }

    /// [`ChangeLog::consecutive`] of an article that is not needed afterwards: its
    /// revisions move into the log instead of being copied.
    pub fn consecutive_of(article: Article, warnings: Vec<Warning>) -> Self {
        let n = article.revisions.len();
        let diffs = (1..n)
            .map(|i| RevisionDiff {
                old_revision: i - 1,
                new_revision: i,
                ..diff(&article.revisions[i - 1], &article.revisions[i])
            })
            .collect();
        let mut warnings = warnings;
        warnings.extend(repeated_versions(&article.revisions));
        ChangeLog {
            article: article.meta,
            revisions: article.revisions,
            diffs,
            warnings,
        }
    }

    /// Every consecutive pair of revisions, oldest first.
    pub fn consecutive(article: &Article, warnings: Vec<Warning>) -> Self {
        Self::consecutive_of(article.clone(), warnings)
    }

    /// The two revisions a diff of this log compares, old then new.
    ///
    /// # Panics
    /// When `diff` names a position past the end of [`ChangeLog::revisions`] (a change
    /// log read from JSON is checked for that when it is read).
    pub fn pair(&self, diff: &RevisionDiff) -> (&Revision, &Revision) {
        (
            &self.revisions[diff.old_revision],
            &self.revisions[diff.new_revision],
        )
    }
}

/// A warning for each version number that more than one revision carries: archives do
/// this (a re-scrape stored under the same number), and a reader must not take one
/// revision's text for the other's.
fn repeated_versions(revisions: &[Revision]) -> Vec<Warning> {
    let mut seen: std::collections::HashMap<u64, &Revision> = Default::default();
    let mut out = Vec::new();
    for r in revisions {
        let Some(first) = seen.insert(r.version, r) else {
            continue;
        };
        let at = |r: &Revision| r.label.clone().unwrap_or_else(|| "an unnamed input".into());
        out.push(Warning {
            kind: "repeated-version".into(),
            at: Some(at(r)),
            message: format!(
                "version {} is given to two revisions (also {}); they are told apart by \
                 their order",
                r.version,
                at(first)
            ),
            chosen: None,
            runner_up: None,
            doubt: false,
        });
    }
    out
}
