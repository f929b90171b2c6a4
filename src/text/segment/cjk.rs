//! Chinese and Japanese copy: its sentences end with `。`, `！` or `？` and no space, which
//! UAX #29 handles, with two faults for news copy that the rules here mend. It keeps an
//! opening quote or bracket with the sentence end before it (`公表した。「安全性…`), and it
//! breaks after a Japanese quotation that the quote particle `と` embeds in the sentence
//! that goes on after it (`「もう帰る。」と彼は言った。`).

use super::lists::{CJK_CLOSERS, CJK_OPENERS, CJK_QUOTE_REACH, CJK_STOPS};
use super::{head, tail};

/// Byte offsets in a UAX #29 piece where a quotation or bracket opens right after a
/// Chinese or Japanese sentence end, and its closing marks: `公表した。「安全性…`,
/// `延期された。（雨のため。）`. UAX #29 counts opening marks among the closing ones a
/// sentence end carries (its class Close covers both), so with no space between them it
/// keeps the opening mark with the sentence before.
pub(super) fn opening_mark_cuts(piece: &str) -> impl Iterator<Item = usize> + '_ {
    piece
        .match_indices(CJK_STOPS)
        .filter_map(move |(at, stop)| {
            let rest = piece[at + stop.len()..].trim_start_matches(CJK_CLOSERS);
            rest.starts_with(CJK_OPENERS)
                .then(|| piece.len() - rest.len())
        })
}

/// A Japanese quotation in `「」` or `『』` followed by the quote particle `と` (or `って`)
/// is part of the sentence that goes on after the particle: `「もう帰る。」と彼は言った。`,
/// also when it holds sentences of its own (`「対策を急ぐ。補正予算も組む。」と述べた。`).
/// So there is no boundary right after the quotation, nor inside it. `before` is the
/// sentence so far; the quotation closes at its end or ahead, in `after`.
pub(super) fn in_particle_quotation(before: &str, after: &str) -> bool {
    if before.trim_end().ends_with(['」', '』']) && particle_opens(after) {
        return true;
    }
    // The quotations still open at the candidate boundary, counted over a bounded tail of
    // the sentence so far: one of them that a particle follows where it closes holds it.
    let mut depth = tail(before, CJK_QUOTE_REACH)
        .chars()
        .fold(0usize, |depth, c| match c {
            '「' | '『' => depth + 1,
            '」' | '』' => depth.saturating_sub(1),
            _ => depth,
        });
    let mut enclosing = depth;
    for (at, c) in head(after, CJK_QUOTE_REACH).char_indices() {
        if enclosing == 0 {
            break;
        }
        match c {
            '「' | '『' => depth += 1,
            '」' | '』' => {
                depth -= 1;
                if depth < enclosing {
                    enclosing = depth;
                    if particle_opens(&after[at + c.len_utf8()..]) {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// `text` opens with a Japanese quote particle: `と` (`と言った`, `との`, `という`) or the
/// spoken `って`. A sentence never opens with one.
fn particle_opens(text: &str) -> bool {
    text.starts_with('と') || text.starts_with("って")
}
