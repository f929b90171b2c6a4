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
    let t = s.trim();
    // Most sentences of copy are collapsed already: one copy, no list of words.
    if is_collapsed(t) {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether a trimmed text has no white space but single ASCII spaces.
fn is_collapsed(t: &str) -> bool {
    let mut space = false;
    for (i, &b) in t.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            // Past ASCII, judge by characters (a no-break space is white space).
            let rest = &t[i..];
            return rest.chars().all(|c| !c.is_whitespace() || c == ' ') && !rest.contains("  ");
        }
        let white = b.is_ascii_whitespace() || b == 0x0b;
        if white && (b != b' ' || space) {
            return false;
        }
        space = b == b' ';
    }
    true
}

/// A sentence with white space collapsed, quotes and dashes unified and case folded: two
/// sentences with equal keys differ at most in typography. `''` and ` `` ` (NewsEdits'
/// quote marks) count as `"`, `--` as a dash.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // One pass, pairs first: `''` and ` `` ` are `"`, `--` a dash.
        let c = match (c, chars.peek()) {
            ('\'', Some('\'')) | ('`', Some('`')) => {
                chars.next();
                '"'
            }
            ('-', Some('-')) => {
                chars.next();
                '-'
            }
            ('“' | '”' | '„' | '«' | '»' | '″', _) => '"',
            ('‘' | '’' | '‚' | '′' | '`', _) => '\'',
            ('—' | '–' | '‒' | '―' | '‐' | '−', _) => '-',
            ('\u{a0}', _) => ' ',
            (c, _) => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
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

/// Text from input data as it may reach a terminal or a page: on one line (runs of white
/// space become one space; wrapping is the output's job), with control characters (ESC
/// among them) and noncharacters shown as visible escapes (`\u{1b}`), so article text, an
/// archive's ids or a parser's message cannot move a terminal's cursor, retitle its
/// window or break a page. Every view, report and message uses this one function.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_control() || noncharacter(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Unicode noncharacters, which no document may hold as text.
pub fn noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE
}

/// JSON text with the C1 control characters (U+0080 to U+009F) written as `\u00XX`
/// escapes. JSON requires escaping only U+0000 to U+001F, so `serde_json` writes C1
/// controls raw, and some terminals obey U+009B as CSI: JSON shown on a terminal must not
/// carry them. Outside strings JSON is ASCII, so every such character is inside a
/// string, where the escape means the same character.
pub fn escape_c1_controls(json: String) -> String {
    if !json.chars().any(is_c1) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match is_c1(c) {
            true => out.push_str(&format!("\\u{:04x}", c as u32)),
            false => out.push(c),
        }
    }
    out
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first, plainer form of [`normalize`] (three replacements, then a pass), kept
    /// as the reference the one-pass form must agree with.
    fn normalize_reference(s: &str) -> String {
        let mut out = String::new();
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

    proptest::proptest! {
        #[test]
        fn collapse_agrees_with_splitting_and_joining(
            s in "[ab \u{a0}\u{85}\u{2003}\u{b}\u{c}\n\r\té]{0,24}"
        ) {
            let reference = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse(&s), reference);
        }

        #[test]
        fn one_pass_normalize_agrees_with_the_reference_on_any_text(
            s in "[-'`a-zA-Z “”‘’—–\u{a0}\n\tİΣ]{0,40}"
        ) {
            proptest::prop_assert_eq!(normalize(&s), normalize_reference(&s));
        }
    }

    #[test]
    fn one_pass_normalize_agrees_with_the_reference() {
        for s in [
            "''Hello,'' he said -- and ``left''.",
            "'''",
            "---",
            "-- --",
            "``'`",
            "İstanbul ΣΑΣ  \u{a0} x",
            "a\n\tb",
            "",
            "“Quote” — ‘single’ ‚low‘ „de“ «fr» ″′",
            "''''",
            "`''`",
        ] {
            assert_eq!(normalize(s), normalize_reference(s), "{s:?}");
        }
    }

    #[test]
    fn normalize_folds_typography() {
        assert_eq!(
            normalize("“No,”  he said -- twice."),
            normalize("''no,'' He said — twice.")
        );
    }

    #[test]
    fn c1_controls_are_escaped_in_json() {
        let raw = serde_json::to_string("a\u{9b}b\u{1b}").unwrap();
        let safe = escape_c1_controls(raw);
        assert_eq!(safe, "\"a\\u009bb\\u001b\"");
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "a\u{9b}b\u{1b}"
        );
    }
}
