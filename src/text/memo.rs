//! A small per-thread memo of pure functions of text, for the work an archive repeats.
//!
//! An archive's versions of one article share most of their paragraphs and sentences,
//! and a check or export reads them one after another on the same worker thread: the
//! sentences of a paragraph, and the content tokens of a sentence, come out the same each
//! time. A [`Memo`] keeps the answers for the last few thousand texts seen, so each is
//! worked out about once per article rather than once per version and pair. It is only
//! ever used for pure functions, so the answers are exactly those the function gives.
//! Memory stays bounded: at most [`CAPACITY`] texts of at most [`MAX_KEY_BYTES`] each.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// Texts remembered per memo and thread before the memo starts afresh: a few articles'
/// worth (a NewsEdits article has about 25 sentences in about 4 versions), so memory
/// stays flat however long the run.
pub const CAPACITY: usize = 4096;

/// The remembered answers of one function.
pub struct Memo<V> {
    map: FxHashMap<Box<str>, V>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            map: FxHashMap::default(),
        }
    }
}

/// Longest text remembered, in bytes: the memo is for sentences and paragraphs of copy,
/// and a longer text (a 1 MiB paragraph) would make the bound on entries no bound on
/// memory.
pub const MAX_KEY_BYTES: usize = 4096;

/// The answer `f` gives for `key`, from this thread's `memo` when it has been asked before.
pub fn remember<V: Clone + 'static>(
    memo: &'static LocalKey<RefCell<Memo<V>>>,
    key: &str,
    f: impl FnOnce(&str) -> V,
) -> V {
    if key.len() > MAX_KEY_BYTES {
        return f(key);
    }
    if let Some(v) = memo.with_borrow(|m| m.map.get(key).cloned()) {
        return v;
    }
    let v = f(key);
    memo.with_borrow_mut(|m| {
        if m.map.len() >= CAPACITY {
            m.map.clear();
        }
        m.map.insert(key.into(), v.clone());
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: RefCell<Memo<usize>> = RefCell::default();
    }

    #[test]
    fn answers_are_the_functions_and_memory_is_bounded() {
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                remember(&LENGTHS, "abc", |s| {
                    calls += 1;
                    s.len()
                }),
                3
            );
        }
        assert_eq!(calls, 1);
        for i in 0..CAPACITY * 2 {
            let key = i.to_string();
            assert_eq!(remember(&LENGTHS, &key, str::len), key.len());
        }
        assert!(LENGTHS.with_borrow(|m| m.map.len()) <= CAPACITY);
        let long = "x".repeat(MAX_KEY_BYTES + 1);
        assert_eq!(remember(&LENGTHS, &long, str::len), long.len());
        assert!(LENGTHS.with_borrow(|m| !m.map.contains_key(long.as_str())));
    }
}
