//! Normalisation: text reduced to what an edit of substance would change, so that two
//! revisions of a sentence that differ only in typography compare equal.
//!
//! Three strengths, weakest first: [`collapse`] (white space only, as stored articles keep
//! it), [`normalize`] (also quotes, dashes and case: the aligner's key for "the same
//! sentence"), [`typography_key`] (also every punctuation mark and space: the classifier's
//! key for "nothing but typography changed").

/// Runs of white space (no-break spaces included) as one space, the ends trimmed: how News
/// Sniffer stores a paragraph.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sentence with white space collapsed, quotes and dashes unified and case folded: two
/// sentences with equal keys differ at most in typography. `''` and ` `` ` (NewsEdits'
/// quote marks) count as `"`, `--` as a dash.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let s = s.replace("''", "\"").replace("``", "\"").replace("--", "—");
    for c in s.chars() {
        let c = match c {
            '“' | '”' | '„' | '«' | '»' | '″' => '"',
            '‘' | '’' | '‚' | '′' | '`' => '\'',
            '—' | '–' | '‒' | '―' | '‐' | '−' => '-',
            '\u{a0}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// A text reduced to what typography cannot change: quotes and dashes unified, case
/// folded (as [`normalize`]), and every character that is not a letter or digit dropped
/// (punctuation and white space alike). "re-open" and "reopen" have one key.
pub fn typography_key(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_typography() {
        assert_eq!(
            normalize("“No,”  he said -- twice."),
            normalize("''no,'' He said — twice.")
        );
    }
}
