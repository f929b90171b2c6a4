//! Helpers for the classifier's unit tests.

use super::*;
use crate::align;
use crate::article::Revision;

pub(super) fn classes(list: &[ClassEvidence]) -> Vec<Class> {
    list.iter().map(|c| c.class).collect()
}

pub(super) fn changes(list: &[ClassEvidence], class: Class) -> Vec<(Option<&str>, Option<&str>)> {
    list.iter()
        .find(|c| c.class == class)
        .unwrap_or_else(|| panic!("no {class:?} in {list:?}"))
        .changes
        .iter()
        .map(|c| (c.old.as_deref(), c.new.as_deref()))
        .collect()
}

/// Classes of the one op that pairs a one-sentence old text with a one-sentence new.
pub(super) fn pair(old: &str, new: &str) -> Vec<ClassEvidence> {
    let (a, b) = ([old], [new]);
    let ops = align::align(&a, &b);
    assert_eq!(ops.len(), 1, "{ops:?}");
    classify_op(&ops[0], &a, &b)
}

pub(super) fn revision(version: u64, text: &str) -> Revision {
    Revision::from_text(version, text.to_string()).unwrap()
}

/// The revision-level classes of two texts.
pub(super) fn diff(old: &str, new: &str) -> Vec<ClassEvidence> {
    let (o, n) = (revision(0, old), revision(1, new));
    let a: Vec<&str> = o.sentences().collect();
    let b: Vec<&str> = n.sentences().collect();
    let ops = align::align(&a, &b);
    let classifier = Classifier::new(&a, &b);
    let per_op = classifier.ops(&ops);
    classifier.diff(&o, &n, &ops, &per_op)
}
