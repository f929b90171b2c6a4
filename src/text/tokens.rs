//! Tokens: how newsdiff cuts text into words, white space and punctuation.
//!
//! One tokeniser ([`tokenize`]) serves the word diff, word counts, the aligner's content
//! tokens and the change classes, so a "word" means the same thing at every stage. Tokens
//! are slices of the text, never copies: concatenated in order they spell it exactly.

/// Whether a letter is a word of its own: the scripts written without spaces between
/// words (Chinese and Japanese ideographs, kana, Thai, Lao, Khmer, Myanmar). A run of them
/// is a whole clause, so newsdiff takes each character as a word: then `9日` → `10日` is
/// one number changed, not a clause replaced, and the aligner sees shared characters.
pub fn stands_alone(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9D}' // half-width Katakana
        | '\u{20000}'..='\u{3134F}' // CJK extensions B to G
        | '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
    )
}

/// Splits text into tokens: runs of letters and digits (inner apostrophes and hyphens
/// kept, `It’s`, `Russian-backed`; inner points and commas of numbers kept, `3.5`,
/// `1,200`), runs of white space, and single other characters. A letter of a script
/// written without spaces ([`stands_alone`]) is a token of its own. Lossless: the tokens,
/// in order, spell `s`.
pub fn tokenize(s: &str) -> Vec<&str> {
    token_iter(s).collect()
}

/// The tokens of [`tokenize`] one at a time, without collecting them: counting words
/// needs no list.
pub fn token_iter(s: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = s.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos;
        let c = s[pos..].chars().next()?;
        pos += c.len_utf8();
        if c.is_alphanumeric() && !stands_alone(c) {
            pos = word_end(s, pos, c.is_ascii_digit());
        } else if c.is_whitespace() {
            while let Some(d) = s[pos..].chars().next().filter(|d| d.is_whitespace()) {
                pos += d.len_utf8();
            }
        }
        debug_assert!(pos <= bytes.len());
        Some(&s[start..pos])
    })
}

/// Where the word that continues at byte `pos` of `s` ends. Inner apostrophes and hyphens
/// join words (`It’s`, `Russian-backed`); inner points and commas join digits (`3.5`,
/// `1,200`) when the word began with one (`digits`). ASCII is read byte by byte.
fn word_end(s: &str, mut pos: usize, digits: bool) -> usize {
    let bytes = s.as_bytes();
    let next_is = |at: usize, test: fn(char) -> bool| s[at..].chars().next().is_some_and(test);
    while let Some(&b) = bytes.get(pos) {
        if b.is_ascii_alphanumeric() {
            pos += 1;
            continue;
        }
        let d = if b.is_ascii() {
            b as char
        } else {
            s[pos..].chars().next().expect("a character starts here")
        };
        let len = d.len_utf8();
        let joins = (!b.is_ascii() && d.is_alphanumeric() && !stands_alone(d))
            || match d {
                '\'' | '’' | '-' => next_is(pos + len, char::is_alphanumeric),
                '.' | ',' => digits && next_is(pos + len, |n| n.is_ascii_digit()),
                _ => false,
            };
        if !joins {
            break;
        }
        pos += len;
    }
    pos
}

/// Whether a token is a word: it holds a letter or a digit.
pub fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// Number of words in `s` (tokens of [`tokenize`] that hold a letter or digit).
pub fn word_count(s: &str) -> usize {
    // A token holds a letter or digit exactly when it starts with one: the others are
    // runs of white space or single marks.
    token_iter(s)
        .filter(|t| t.chars().next().is_some_and(char::is_alphanumeric))
        .count()
}

/// A token of [`tokenize`] with its byte offset in the text it was cut from.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// Byte offset of the token's first byte.
    pub at: usize,
    pub text: &'a str,
}

impl Token<'_> {
    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.at + self.text.len()
    }
    /// Whether it holds a letter or a digit.
    pub fn is_word(&self) -> bool {
        is_word(self.text)
    }
    /// Whether it is white space (a run of it: [`tokenize`] keeps runs together).
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
    /// The token lower-cased.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// The tokens of [`tokenize`] with their byte offsets in `s`.
pub fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut at = 0;
    tokenize(s)
        .into_iter()
        .map(|text| {
            let t = Token { at, text };
            at += text.len();
            t
        })
        .collect()
}

/// A word without a possessive `'s` or `’s` ("Aleppo’s" is "Aleppo"): a later mention of
/// a name often drops or adds one.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// The words of `s` as written (case kept), possessive `'s` dropped, as slices of it.
pub fn words(s: &str) -> impl Iterator<Item = &str> + '_ {
    token_iter(s).filter(|t| is_word(t)).map(strip_possessive)
}

/// Whether `word` stands in `text` as a whole word, cutting at anything that is not a
/// letter or digit. Exact match: `text` is expected lower-cased (or normalised) already.
pub fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

/// Byte ranges `(start, end)` of the runs of non-white-space characters of `text`: its
/// words as a scrape's white space separates them, punctuation attached.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first form of [`token_iter`] (a character at a time), kept as the reference
    /// the byte-wise form must agree with.
    fn token_iter_reference(s: &str) -> impl Iterator<Item = &str> + '_ {
        let mut chars = s.char_indices().peekable();
        std::iter::from_fn(move || {
            let (start, c) = chars.next()?;
            let mut end = start + c.len_utf8();
            if c.is_alphanumeric() && !stands_alone(c) {
                while let Some(&(i, d)) = chars.peek() {
                    // The character after `d`, looked at only for a possible joiner.
                    let next = || s[i + d.len_utf8()..].chars().next();
                    // Inner apostrophes and hyphens join words (`It’s`, `Russian-backed`);
                    // inner points and commas join digits (`3.5`, `1,200`).
                    let joins = d.is_alphanumeric() && !stands_alone(d)
                        || match d {
                            '\'' | '’' | '-' => next().is_some_and(char::is_alphanumeric),
                            '.' | ',' => {
                                c.is_ascii_digit() && next().is_some_and(|n| n.is_ascii_digit())
                            }
                            _ => false,
                        };
                    if !joins {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
            } else if c.is_whitespace() {
                while let Some(&(i, d)) = chars.peek() {
                    if !d.is_whitespace() {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
            }
            Some(&s[start..end])
        })
    }

    proptest::proptest! {
        #[test]
        fn byte_wise_tokens_agree_with_the_reference(
            s in "[-a-zA-Z0-9 .,'’日本éİ\u{a0}\n!?\"()]{0,40}"
        ) {
            let got: Vec<&str> = token_iter(&s).collect();
            let want: Vec<&str> = token_iter_reference(&s).collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// The word diff counts a side's words from its tokens instead of asking
        /// `word_count` again, which relies on this.
        #[test]
        fn word_count_counts_the_word_tokens(
            s in "[-a-zA-Z0-9 .,'’日本éİ\u{a0}\n!?\"()—_@#]{0,40}"
        ) {
            let words = tokenize(&s).iter().filter(|t| is_word(t)).count();
            proptest::prop_assert_eq!(word_count(&s), words);
        }
    }

    #[test]
    fn tokens_keep_numbers_and_contractions_whole() {
        assert_eq!(
            tokenize("It’s 3.5 percent, $1,200."),
            [
                "It’s", " ", "3.5", " ", "percent", ",", " ", "$", "1,200", "."
            ]
        );
    }

    #[test]
    fn ideographs_and_kana_are_words_of_their_own() {
        assert_eq!(
            tokenize("東京都は10日、大きく"),
            ["東", "京", "都", "は", "10", "日", "、", "大", "き", "く"]
        );
        assert_eq!(word_count("東京都は10日、大きく"), 9);
        assert_eq!(
            tokenize("ภาษาไทย ok"),
            ["ภ", "า", "ษ", "า", "ไ", "ท", "ย", " ", "ok"]
        );
    }
}
