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

/// Hashes of a paragraph's words, case and punctuation folded, computed without
/// allocating: every row of every page goes through here.
fn word_hashes(text: &str) -> Vec<u64> {
    text.split_whitespace()
        .filter_map(|w| {
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
        })
        .collect()
}

/// Words per shingle: runs this long rarely recur within one article by chance.
const SHINGLE: usize = 6;

/// Hashes of the runs of `SHINGLE` consecutive words of a paragraph. A sentence said
/// twice in one version, even edited at either end or in the middle, shows up as
/// shingles counted twice.
pub(super) fn shingles(text: &str) -> Vec<u64> {
    word_hashes(text)
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |h, x| h.rotate_left(13) ^ x))
        .collect()
}

/// Content words of a paragraph (stop words dropped), hashed, sorted and unique.
pub(super) fn content_words(text: &str) -> Vec<u64> {
    static STOP: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let stop = STOP.get_or_init(|| STOPWORDS.iter().map(|w| hash(w.as_bytes())).collect());
    let mut v: Vec<u64> = word_hashes(text)
        .into_iter()
        .filter(|h| !stop.contains(h))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Dice coefficient of two sorted unique lists.
pub(super) fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f32 / (a.len() + b.len()) as f32
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
