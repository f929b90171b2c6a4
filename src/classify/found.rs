//! Things found in a text (numbers, quotes, attribution phrases, names), and how the
//! ones found on the old side are matched with those on the new: struck off when equal
//! ([`cancel`]), paired by a key ([`pair_by`]) or in order ([`pair_up`]).

use std::collections::VecDeque;

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::Change;
use crate::article::Side;

/// Something found in a text: its byte range, its text as written, and the key that
/// says whether two of them are the same.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) range: Range<usize>,
    pub(super) text: String,
    pub(super) key: String,
}

/// Strikes off the things of equal key found on both sides (first with first), keeping
/// the rest in order.
pub(super) fn cancel<T, K: std::hash::Hash + Eq>(
    old: Vec<T>,
    new: Vec<T>,
    key: impl Fn(&T) -> K,
) -> (Vec<T>, Vec<T>) {
    let mut by_key: FxHashMap<K, VecDeque<usize>> = FxHashMap::default();
    for (j, n) in new.iter().enumerate() {
        by_key.entry(key(n)).or_default().push_back(j);
    }
    let mut taken = vec![false; new.len()];
    let mut rest_old = Vec::new();
    for o in old {
        match by_key.get_mut(&key(&o)).and_then(VecDeque::pop_front) {
            Some(j) => taken[j] = true,
            None => rest_old.push(o),
        }
    }
    let rest_new = new
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !t)
        .map(|(n, _)| n)
        .collect();
    (rest_old, rest_new)
}

/// Pairs old and new things of equal key (`key` says which, say the hunk they lie in, or
/// `None` to keep a thing out of pairing), in order within each key. Returns the pairs
/// and what is left of each side, in order.
#[allow(clippy::type_complexity)]
pub(super) fn pair_by<T, K: std::hash::Hash + Eq>(
    old: Vec<T>,
    new: Vec<T>,
    key: impl Fn(Side, &T) -> Option<K>,
) -> (Vec<(T, T)>, Vec<T>, Vec<T>) {
    let mut by_key: FxHashMap<K, VecDeque<usize>> = FxHashMap::default();
    for (j, n) in new.iter().enumerate() {
        if let Some(k) = key(Side::New, n) {
            by_key.entry(k).or_default().push_back(j);
        }
    }
    let partner: Vec<Option<usize>> = old
        .iter()
        .map(|o| key(Side::Old, o).and_then(|k| by_key.get_mut(&k).and_then(VecDeque::pop_front)))
        .collect();
    let mut new: Vec<Option<T>> = new.into_iter().map(Some).collect();
    let mut pairs = Vec::new();
    let mut rest_old = Vec::new();
    for (o, p) in old.into_iter().zip(partner) {
        match p {
            Some(j) => pairs.push((o, new[j].take().expect("each new thing pairs once"))),
            None => rest_old.push(o),
        }
    }
    (pairs, rest_old, new.into_iter().flatten().collect())
}

/// Pairs old and new things in order; the longer side's extras stand alone.
pub(super) fn pair_up(old: Vec<Found>, new: Vec<Found>) -> Vec<Change> {
    let n = old.len().max(new.len());
    let mut old = old.into_iter();
    let mut new = new.into_iter();
    (0..n)
        .map(|_| Change::new(old.next().map(|f| f.text), new.next().map(|f| f.text)))
        .collect()
}
