//! Step 1: anchors, sentences whose normalised text is equal.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::Linking;
use crate::text::memo::{Memo, remember};
use crate::text::normalize::normalize;

/// Links the sentences whose normalised text is equal: first those in a common order,
/// then equal ones out of that order (moves).
pub(super) fn link_equal(lk: &mut Linking, old: &[&str], new: &[&str]) {
    let old_keys: Vec<Rc<str>> = old.iter().map(|s| key(s)).collect();
    let new_keys: Vec<Rc<str>> = new.iter().map(|s| key(s)).collect();
    in_order(lk, &old_keys, &new_keys);
    out_of_order(lk, &old_keys, &new_keys);
}

/// A sentence's normalised text, remembered per thread ([`Memo`]): an archive's versions
/// repeat most sentences.
fn key(s: &str) -> Rc<str> {
    thread_local! {
        static SEEN: RefCell<Memo<Rc<str>>> = RefCell::default();
    }
    remember(&SEEN, s, |s| normalize(s).into())
}

/// The equal runs of a Patience diff of the normalised sequences: the sentences that
/// stayed, in a common order.
fn in_order(lk: &mut Linking, old_keys: &[Rc<str>], new_keys: &[Rc<str>]) {
    for op in capture_diff_slices(Algorithm::Patience, old_keys, new_keys) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                lk.pair(old_index + k, new_index + k, 1.0);
            }
        }
    }
}

/// Equal sentences the diff left apart: each free old sentence takes the first free new
/// sentence with the same text. Empty sentences say nothing and are left out.
fn out_of_order(lk: &mut Linking, old_keys: &[Rc<str>], new_keys: &[Rc<str>]) {
    // Pushed in reverse so that popping yields the earliest new sentence first.
    let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (n, k) in new_keys.iter().enumerate().rev() {
        if lk.new_link[n].is_none() && !k.is_empty() {
            by_key.entry(&**k).or_default().push(n);
        }
    }
    for (o, k) in old_keys.iter().enumerate() {
        if lk.old_link[o].is_some() {
            continue;
        }
        if let Some(n) = by_key.get_mut(&**k).and_then(Vec::pop) {
            lk.pair(o, n, 1.0);
        }
    }
}
