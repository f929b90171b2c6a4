//! Quotations: quoted passages, in any of the quote styles news copy and its archives
//! use, and the `quotation` class of an op that adds, cuts or changes one.
//!
//! The passage between the marks is the evidence, and two passages are the same when
//! their typography keys are: a quote whose marks turned curly did not change. An edited
//! op changes a quote when a passage left after striking off equal ones is touched by the
//! word diff (the step is `op::passages`); an added or deleted sentence shows every quote
//! it holds (`Classifier::lone`).

use std::ops::Range;

use super::found::Found;
use crate::text::normalize::typography_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteStyle {
    /// “…”
    Curly,
    /// "…"
    Straight,
    /// ''…'' (NewsEdits) and ``…''
    Doubled,
    /// ‘…’
    Single,
    /// «…»
    Guillemet,
}

/// A quote mark found: its style, its width in characters, and whether it may open or
/// close a quote.
struct Mark {
    style: QuoteStyle,
    width: usize,
    opens: bool,
    closes: bool,
}

/// Quoted passages: the range between the marks, and the text there trimmed of white
/// space and a trailing comma. A quote left open runs to the end of the text; a closing
/// mark before any other mark (a quote that began in an earlier sentence) closes a quote
/// from the start. Other unmatched marks are ignored, so quotes never overlap.
pub(super) fn quotes(s: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut open: Option<(QuoteStyle, usize)> = None;
    let mut seen = false;
    let mut k = 0;
    while k < chars.len() {
        let Some(m) = mark_at(&chars, k) else {
            k += 1;
            continue;
        };
        let pos = chars[k].0;
        let after = chars.get(k + m.width).map_or(s.len(), |&(p, _)| p);
        match open {
            Some((st, start)) if st == m.style && m.closes => {
                spans.push(start..pos);
                open = None;
            }
            Some(_) => {}
            None if m.opens => open = Some((m.style, after)),
            // The first mark closes: a quote that began before this text. A lone ’ is far
            // more often an apostrophe (the Smiths’) than the end of a quote: leave it.
            None if m.style != QuoteStyle::Single && !seen => spans.push(0..pos),
            None => {}
        }
        seen = true;
        k += m.width;
    }
    if let Some((_, start)) = open {
        spans.push(start..s.len());
    }
    spans
        .into_iter()
        .filter_map(|range| {
            let text = s[range.clone()].trim().trim_end_matches(',').trim_end();
            let key = typography_key(text);
            (!key.is_empty()).then(|| Found {
                text: text.to_string(),
                range,
                key,
            })
        })
        .collect()
}

/// The quote mark at character `k` of `chars` (a text's `char_indices`), if it is one.
/// Marks that look the same both ways (`"`, `''`) open after white space, an opening
/// bracket or a dash, or at the start, and close otherwise.
fn mark_at(chars: &[(usize, char)], k: usize) -> Option<Mark> {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let (prev, next) = (k.checked_sub(1).and_then(at), at(k + 1));
    let opening = prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p));
    let (style, width, opens, closes) = match chars[k].1 {
        '“' => (QuoteStyle::Curly, 1, true, false),
        '”' => (QuoteStyle::Curly, 1, false, true),
        '«' => (QuoteStyle::Guillemet, 1, true, false),
        '»' => (QuoteStyle::Guillemet, 1, false, true),
        '"' => (QuoteStyle::Straight, 1, opening, !opening),
        '\'' if next == Some('\'') => (QuoteStyle::Doubled, 2, opening, !opening),
        '`' if next == Some('`') => (QuoteStyle::Doubled, 2, true, false),
        '‘' if prev.is_none_or(|p| !p.is_alphanumeric()) => (QuoteStyle::Single, 1, true, false),
        // An apostrophe inside a word (It’s) is no quote mark.
        '’' if next.is_none_or(|n| !n.is_alphanumeric()) => (QuoteStyle::Single, 1, false, true),
        _ => return None,
    };
    Some(Mark {
        style,
        width,
        opens,
        closes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Class;
    use crate::classify::test_support::*;

    #[test]
    fn a_trimmed_quote_is_a_quotation_change() {
        let c = pair(
            "“We will not leave Aleppo until the last fighter is gone, and we will fight to the end,” the commander said.",
            "“We will not leave Aleppo until the last fighter is gone,” the commander said.",
        );
        assert_eq!(classes(&c), [Class::Quotation]);
        assert_eq!(
            changes(&c, Class::Quotation),
            [(
                Some(
                    "We will not leave Aleppo until the last fighter is gone, and we will fight to the end"
                ),
                Some("We will not leave Aleppo until the last fighter is gone")
            )]
        );
    }

    #[test]
    fn newsedits_doubled_apostrophes_are_quotes() {
        let c = pair(
            "''The situation is catastrophic,'' a U.N. spokesman said on Friday.",
            "''The situation is catastrophic and getting worse,'' a U.N. spokesman said on Friday.",
        );
        assert_eq!(classes(&c), [Class::Quotation]);
        assert_eq!(
            changes(&c, Class::Quotation),
            [(
                Some("The situation is catastrophic"),
                Some("The situation is catastrophic and getting worse")
            )]
        );
    }

    #[test]
    fn stray_quote_marks_never_make_overlapping_quotes() {
        let q: Vec<String> = quotes("one\" two\" three” four\"")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(q, ["one"]);
    }

    #[test]
    fn finds_quotes() {
        let q: Vec<String> = quotes("He said \"no\" and ‘never’. It’s “over")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(q, ["no", "never", "over"]);
        let q: Vec<String> = quotes("People were screaming.” Then silence.")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(q, ["People were screaming."]);
    }
}
