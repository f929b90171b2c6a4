//! Fingerprints of paragraphs: the hashed words, shingles and exact keys that the
//! evidence compares. Rows are hashed once, when the model is built, so the search
//! compares integers only.

use std::collections::HashMap;
use std::hash::Hasher;

use crate::text::lexicon::STOPWORDS;
use crate::text::normalize::collapse;

/// FNV-1a: these hashes only key maps within one run, so speed beats DoS resistance.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100000001b3);
    }
    h
}

/// Hash of one word, case and punctuation folded; `None` for a word with no letter or
/// digit (a dash, a lone quote mark), which the fingerprints skip. Computed without
/// allocating: every word of every row goes through here.
fn word_hash(w: &str) -> Option<u64> {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut any = false;
    for c in w
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
        any = true;
    }
    any.then_some(h)
}

/// Hashes of a paragraph's words (white-space separated), skipping words with no letter
/// or digit.
fn word_hashes(text: &str) -> Vec<u64> {
    text.split_whitespace().filter_map(word_hash).collect()
}

/// Each word span's hash, `None` where [`word_hash`] skips the word: the split points of
/// a row are between spans, and its halves' shingles are windows of these.
pub(super) fn span_hashes(text: &str, spans: &[(usize, usize)]) -> Vec<Option<u64>> {
    spans.iter().map(|&(a, b)| word_hash(&text[a..b])).collect()
}

/// The content-word hash of each span (stop words and skipped words are `None`).
pub(super) fn span_content(hashes: &[Option<u64>]) -> Vec<Option<u64>> {
    let stop = stop_hashes();
    hashes
        .iter()
        .map(|h| h.filter(|h| !stop.contains(h)))
        .collect()
}

fn stop_hashes() -> &'static [u64] {
    static STOP: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    STOP.get_or_init(|| STOPWORDS.iter().map(|w| hash(w.as_bytes())).collect())
}

/// Words per shingle: runs this long rarely recur within one article by chance.
pub(super) const SHINGLE: usize = 6;

/// Hashes of the runs of `SHINGLE` consecutive words of a paragraph. A sentence said
/// twice in one version, even edited at either end or in the middle, shows up as
/// shingles counted twice.
pub(super) fn shingles(text: &str) -> Vec<u64> {
    shingles_of(&word_hashes(text))
}

/// The shingles of a run of word hashes: window `p` covers words `p..p + SHINGLE`.
pub(super) fn shingles_of(words: &[u64]) -> Vec<u64> {
    words
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |h, x| h.rotate_left(13) ^ x))
        .collect()
}

/// Paragraphs are compared across pages as the site stored them (collapsed), exactly.
pub(super) fn para_key(text: &str) -> u64 {
    hash(collapse(text).as_bytes())
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(super) type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;
