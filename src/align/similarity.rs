//! How alike two sentences are.
//!
//! News edits update facts in place ("23 dead" → "at least 50 dead") and reword clauses
//! around the same names and nouns, so likeness is measured on informative tokens: content
//! words and numbers, each weighted by how rare it is across the two revisions (a name that
//! appears once says far more than "said"). Word order only breaks ties.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::lexicon::STOPWORDS;
use crate::text::memo::{CAPACITY, MAX_KEY_BYTES};
use crate::text::tokens::{is_word, token_iter};

/// The sentence without a leading dateline (`AUSTIN, Texas (AP) --`, `BEIRUT, Lebanon —`):
/// it says where a story was filed, not what the sentence says, and two ledes from one
/// city would otherwise look alike.
pub fn strip_dateline(s: &str) -> &str {
    let mut cut = s.len().min(80);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &s[..cut];
    let dash = [" -- ", " — ", " – ", " - "]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, d.len())))
        .min();
    let Some((at, len)) = dash else { return s };
    let place = &s[..at];
    let first = place.split([',', ' ', '(']).next().unwrap_or("");
    let all_caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '\'');
    if all_caps { &s[at + len..] } else { s }
}

/// The informative tokens of a sentence, lowercased, numbers without thousands commas,
/// sorted and each once (the aligner reads them as a [`content_key`]).
#[cfg(test)]
pub fn content_tokens(s: &str) -> Vec<String> {
    content_key(s)
        .split_terminator(SEP)
        .map(String::from)
        .collect()
}

/// Ends each token in a [`content_key`]; no token holds it (tokens are letters, digits
/// and inner joiners).
const SEP: char = '\0';

/// [`content_tokens`] as one string, each token ended by [`SEP`]: one allocation for the
/// sentence rather than one per token, and one to keep in the memo.
fn content_key(s: &str) -> Rc<str> {
    let mut lower = String::new();
    let mut arena = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for t in token_iter(strip_dateline(s)).filter(|t| is_word(t)) {
        // `Dyfed-Powys` and `Dyfed Powys` are the same words.
        for part in t.split('-').filter(|p| !p.is_empty()) {
            lower.clear();
            if part.is_ascii() {
                lower.extend(part.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                // `str::to_lowercase`, not per character: a final Σ is ς.
                lower.push_str(&part.to_lowercase());
            }
            let trimmed = trim_suffix(trim_suffix(&lower, "’s"), "'s");
            let digits = trimmed.chars().next().is_some_and(|c| c.is_ascii_digit());
            let start = arena.len();
            arena.extend(
                trimmed
                    .chars()
                    .filter(|&c| c != '’' && c != '\'' && !(digits && c == ',')),
            );
            if !digits {
                // The stem is a prefix of the word.
                let stemmed = stem(&arena[start..]).len();
                arena.truncate(start + stemmed);
            }
            if arena.len() == start || is_stopword(&arena[start..]) {
                arena.truncate(start);
            } else {
                spans.push((start, arena.len()));
            }
        }
    }
    let token = |&(a, b): &(usize, usize)| &arena[a..b];
    spans.sort_by(|x, y| token(x).cmp(token(y)));
    spans.dedup_by(|x, y| token(x) == token(y));
    let mut out = String::with_capacity(arena.len() + spans.len());
    for span in &spans {
        out.push_str(token(span));
        out.push(SEP);
    }
    out.into()
}

/// `s.trim_end_matches(suffix)` without building a substring searcher for each call
/// (that was a tenth of the cost of [`content_key`]).
fn trim_suffix<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

/// The content tokens of sentences as numbers: one per distinct token this thread has
/// met, and per sentence its tokens' numbers in [`content_key`] order. Numbers are hashed
/// and compared far faster than the strings, and an archive's sentences repeat, so each
/// is split into tokens about once.
#[derive(Default)]
struct TokenIds {
    tokens: FxHashMap<Box<str>, u32>,
    /// Bytes of the keys of `tokens`: a token may be long (a blob of data in a scrape).
    token_bytes: usize,
    sentences: FxHashMap<Box<str>, Rc<[u32]>>,
}

/// Bytes of tokens [`TokenIds`] keeps before it starts afresh.
const TOKEN_BYTES: usize = 4 << 20;

/// Distinct tokens [`TokenIds`] numbers before it starts afresh. It also starts afresh
/// after [`TOKEN_BYTES`] of tokens and after [`CAPACITY`] sentences, as a
/// [`Memo`](crate::text::memo::Memo) does. Both maps empty together: the numbers
/// remembered for a sentence mean nothing once the tokens are numbered anew.
const TOKEN_CAPACITY: usize = 1 << 16;

thread_local! {
    static TOKEN_IDS: RefCell<TokenIds> = RefCell::default();
}

impl TokenIds {
    /// Starts afresh when full. Called before an alignment, never during one: a token
    /// must keep its number across the sentences of both revisions.
    fn make_room() {
        TOKEN_IDS.with_borrow_mut(|t| {
            if t.tokens.len() >= TOKEN_CAPACITY
                || t.token_bytes >= TOKEN_BYTES
                || t.sentences.len() >= CAPACITY
            {
                t.tokens.clear();
                t.token_bytes = 0;
                t.sentences.clear();
            }
        });
    }

    /// The thread's numbers for the content tokens of `s`.
    fn of(s: &str) -> Rc<[u32]> {
        TOKEN_IDS.with_borrow_mut(|t| {
            if let Some(v) = t.sentences.get(s) {
                return v.clone();
            }
            let v: Rc<[u32]> = content_key(s)
                .split_terminator(SEP)
                .map(|tok| match t.tokens.get(tok) {
                    Some(&id) => id,
                    None => {
                        let id = t.tokens.len() as u32;
                        t.token_bytes += tok.len();
                        t.tokens.insert(tok.into(), id);
                        id
                    }
                })
                .collect();
            if s.len() <= MAX_KEY_BYTES {
                t.sentences.insert(s.into(), v.clone());
            }
            v
        })
    }
}

/// Whether a lower-cased token is a function word ([`STOPWORDS`]), by a set built once.
fn is_stopword(t: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(t)
}

/// A light suffix stripper: edits reword with other forms of the same word (`killing` →
/// `killed`, `rebel` → `rebels`), and a full stemmer would buy little over this.
pub fn stem(w: &str) -> &str {
    if w.chars().count() <= 4 {
        return w;
    }
    for suffix in ["ings", "ing", "ied", "ies", "ed", "es", "ly", "s"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
            && !(suffix == "s" && base.ends_with('s'))
        {
            return base;
        }
    }
    w
}

/// Token ids and their weights for all sentences of the two revisions being aligned.
pub struct Features {
    /// Per sentence, sorted unique token ids.
    pub old: Vec<Vec<u32>>,
    pub new: Vec<Vec<u32>>,
    /// Per token id, its weight (inverse sentence frequency).
    pub weight: Vec<f32>,
    /// Per token id, in how many sentences (of both revisions) it occurs.
    pub df: Vec<u32>,
}

impl Features {
    pub fn new<'a>(old: impl Iterator<Item = &'a str>, new: impl Iterator<Item = &'a str>) -> Self {
        TokenIds::make_room();
        let mut ids: FxHashMap<u32, u32> = FxHashMap::default();
        let mut df: Vec<u32> = Vec::new();
        // A sentence both revisions have (most of them, in an archive) is read once.
        let mut seen: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        let mut intern = |s: &'a str| -> Vec<u32> {
            if let Some(v) = seen.get(s) {
                for &id in v {
                    df[id as usize] += 1;
                }
                return v.clone();
            }
            // Ids of this alignment, given in the order tokens are first met, as the
            // thread's ids (one per distinct token) are met.
            let mut v: Vec<u32> = TokenIds::of(s)
                .iter()
                .map(|&global| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(global).or_insert(next);
                    if id == next {
                        df.push(0);
                    }
                    df[id as usize] += 1;
                    id
                })
                .collect();
            v.sort_unstable();
            seen.insert(s, v.clone());
            v
        };
        let old: Vec<Vec<u32>> = old.map(&mut intern).collect();
        let new: Vec<Vec<u32>> = new.map(&mut intern).collect();
        let n = (old.len() + new.len()).max(1) as f32;
        let weight = df
            .iter()
            .map(|&d| (1.0 + n / d as f32).ln())
            .collect::<Vec<f32>>();
        Features {
            old,
            new,
            weight,
            df,
        }
    }

    pub fn total(&self, toks: &[u32]) -> f32 {
        toks.iter().map(|&t| self.weight[t as usize]).sum()
    }

    /// Weight of the tokens the two sorted lists share.
    pub fn shared(&self, a: &[u32], b: &[u32]) -> f32 {
        let (mut i, mut j, mut w) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    w += self.weight[a[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        w
    }

    /// Weighted Dice coefficient of two token lists: 1 when they hold the same tokens.
    pub fn dice(&self, a: &[u32], b: &[u32]) -> f32 {
        let total = self.total(a) + self.total(b);
        if total == 0.0 {
            return 0.0;
        }
        2.0 * self.shared(a, b) / total
    }

    /// Share of `part`'s weight that also occurs in `whole`.
    pub fn containment(&self, part: &[u32], whole: &[u32]) -> f32 {
        let total = self.total(part);
        if total == 0.0 {
            return 0.0;
        }
        self.shared(part, whole) / total
    }
}

/// Sorted union of token lists.
pub fn union(lists: &[&[u32]]) -> Vec<u32> {
    let mut v: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The thread's token numbers, filled to three short of the brim, must not be
    /// renumbered halfway through an alignment whose first sentence fills them (an early
    /// form did, and an archive's diffs changed).
    #[test]
    fn a_full_token_table_keeps_the_numbers_of_one_alignment() {
        let words: Vec<String> = (0..TOKEN_CAPACITY - 3)
            .map(|i| format!("tok{i}x"))
            .collect();
        for chunk in words.chunks(4096) {
            TokenIds::of(&chunk.join(" "));
        }
        let old = ["Flood waters reached Carmarthen on Monday."];
        let new = ["Flood waters reached Carmarthen on Tuesday."];
        let f = Features::new(old.iter().copied(), new.iter().copied());
        let fresh = Features::new(old.iter().copied(), new.iter().copied());
        assert_eq!(f.old, fresh.old);
        assert_eq!(f.new, fresh.new);
        assert!(f.dice(&f.old[0], &f.new[0]) > 0.5);
    }

    #[test]
    fn datelines_say_nothing_about_likeness() {
        assert_eq!(
            strip_dateline("AUSTIN, Texas (AP) -- A judge ruled."),
            "A judge ruled."
        );
        assert_eq!(
            strip_dateline("BEIRUT, Lebanon — With the enclave"),
            "With the enclave"
        );
        assert_eq!(
            strip_dateline("U.S. officials -- not all -- agreed"),
            "U.S. officials -- not all -- agreed"
        );
        assert_eq!(
            strip_dateline("He said - twice - no."),
            "He said - twice - no."
        );
        // Regression: the look-ahead window must not cut a character in two.
        let long = format!("{}é -- x", "a".repeat(79));
        assert_eq!(strip_dateline(&long), long);
    }

    #[test]
    fn content_tokens_drop_function_words_and_keep_numbers() {
        assert_eq!(
            content_tokens("The toll rose to 1,200 in Aleppo’s east, killing rebels."),
            ["1200", "aleppo", "east", "kill", "rebel", "rose", "toll"]
        );
    }

    #[test]
    fn updated_fact_stays_similar_unrelated_does_not() {
        let old = ["The death toll in Aleppo rose to 23, activists said."];
        let new = [
            "The death toll in Aleppo rose to at least 50, activists said.",
            "Kerry met Lavrov in Rome on Saturday.",
        ];
        let f = Features::new(old.into_iter(), new.into_iter());
        assert!(f.dice(&f.old[0], &f.new[0]) > 0.6);
        assert!(f.dice(&f.old[0], &f.new[1]) < 0.1);
    }
}
