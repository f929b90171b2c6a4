//! Which words a whole revision holds, asked about a few names per diff.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use rustc_hash::FxHashSet;

use crate::text::memo::{Memo, remember};
use crate::text::tokens::words;

/// The distinct words of one sentence (possessive `'s` dropped), sorted, in one arena.
struct SentenceWords {
    arena: String,
    /// Where each word ends in `arena`; word `i` starts where word `i - 1` ends.
    ends: Vec<u32>,
}

impl SentenceWords {
    fn of(sentence: &str) -> SentenceWords {
        let mut list: Vec<&str> = words(sentence).collect();
        list.sort_unstable();
        list.dedup();
        let mut arena = String::with_capacity(list.iter().map(|w| w.len()).sum());
        let mut ends = Vec::with_capacity(list.len());
        for w in list {
            arena.push_str(w);
            ends.push(arena.len() as u32);
        }
        SentenceWords { arena, ends }
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.arena[start..self.ends[i] as usize]
    }

    fn contains(&self, w: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.word(mid).cmp(w) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// [`SentenceWords::of`], remembered per thread: consecutive versions share most
/// sentences, and each revision is asked about as the new side and then as the old.
fn sentence_words(s: &str) -> Rc<SentenceWords> {
    thread_local! {
        static SEEN: RefCell<Memo<Rc<SentenceWords>>> = RefCell::default();
    }
    remember(&SEEN, s, |s| Rc::new(SentenceWords::of(s)))
}

/// Every word of one revision, case as written, possessive `'s` dropped: the answer to
/// "does the other revision write this name at all?".
///
/// Answered sentence by sentence rather than from one set of the revision's every word:
/// a diff asks about a handful of names, a sentence that does not hold the name as bytes
/// cannot hold it as a word, and the word lists of sentences seen before (most of them,
/// in an archive) cost nothing to build again.
///
/// Scanning every sentence per question is linear in the revision, so a big revision, or
/// one asked many times, gets one set of all its words instead (the same answers).
pub(super) struct RevisionWords<'a> {
    sentences: &'a [&'a str],
    asked: Cell<usize>,
    all: OnceCell<FxHashSet<&'a str>>,
}

/// Sentences, and questions, past which [`RevisionWords`] builds one set of every word.
const SCAN_LIMIT: usize = 64;

impl<'a> RevisionWords<'a> {
    pub(super) fn new(sentences: &'a [&'a str]) -> Self {
        RevisionWords {
            sentences,
            asked: Cell::new(0),
            all: OnceCell::new(),
        }
    }

    /// Whether any sentence of the revision holds `w` as a word (exact, case as written).
    pub(super) fn contains(&self, w: &str) -> bool {
        self.asked.set(self.asked.get() + 1);
        if self.sentences.len() > SCAN_LIMIT || self.asked.get() > SCAN_LIMIT {
            let sentences = self.sentences;
            return self
                .all
                .get_or_init(|| sentences.iter().flat_map(|s| words(s)).collect())
                .contains(w);
        }
        let finder = memchr::memmem::Finder::new(w);
        self.sentences
            .iter()
            .any(|s| finder.find(s.as_bytes()).is_some() && sentence_words(s).contains(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashSet;

    #[test]
    fn answers_as_a_set_of_every_word_would() {
        let sents = [
            "Chief Tom Ellery's office said on Monday.",
            "The flood reached Dyfed-Powys, 3,000 homes and the A470.",
            "",
            "“Later,” said Ellery.",
        ];
        let rw = RevisionWords::new(&sents);
        let all: FxHashSet<&str> = sents.iter().flat_map(|s| words(s)).collect();
        for w in &all {
            assert!(rw.contains(w), "{w}");
        }
        for w in ["ellery", "Ellery's", "Later,", "", "Monday.", "office said"] {
            assert_eq!(rw.contains(w), all.contains(w), "{w}");
        }
    }
}
