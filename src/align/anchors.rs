//! Step 1: anchors, sentences whose normalised text is equal.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::Linking;
use crate::text::normalize::normalize;

/// Links the sentences whose normalised text is equal: first those in a common order,
/// then equal ones out of that order (moves).
pub(super) fn link_equal(lk: &mut Linking, old: &[&str], new: &[&str]) {
    let old_keys: Vec<String> = old.iter().map(|s| normalize(s)).collect();
    let new_keys: Vec<String> = new.iter().map(|s| normalize(s)).collect();
    in_order(lk, &old_keys, &new_keys);
    out_of_order(lk, &old_keys, &new_keys);
}

/// The equal runs of a Patience diff of the normalised sequences: the sentences that
/// stayed, in a common order.
fn in_order(lk: &mut Linking, old_keys: &[String], new_keys: &[String]) {
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
fn out_of_order(lk: &mut Linking, old_keys: &[String], new_keys: &[String]) {
    // Pushed in reverse so that popping yields the earliest new sentence first.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, k) in new_keys.iter().enumerate().rev() {
        if lk.new_link[n].is_none() && !k.is_empty() {
            by_key.entry(k.as_str()).or_default().push(n);
        }
    }
    for (o, k) in old_keys.iter().enumerate() {
        if lk.old_link[o].is_some() {
            continue;
        }
        if let Some(n) = by_key.get_mut(k.as_str()).and_then(Vec::pop) {
            lk.pair(o, n, 1.0);
        }
    }
}
