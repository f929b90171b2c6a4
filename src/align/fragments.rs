//! Step 4c: pieces of one sentence that a splitter cut in two join each other's link.
//!
//! A splitter that takes the point of an abbreviated title for a full stop cuts "One ad
//! aimed at Rep. Gary Palmer, R-Ala., urges people ..." into "One ad aimed at Rep.",
//! "Gary Palmer, R-Ala." and ", urges people ...". Readers link such pieces as the one
//! sentence they are (the gold sets' notes); the likeness of a piece of a few words says
//! nothing, so a free piece follows the link of the piece it belongs with.

use std::ops::Range;

use super::regroup::MAX_SIDE;
use super::similarity::Features;
use super::{Linking, Side};
use crate::text::lexicon::{NAME_JOINERS, TITLES};

/// Whether `next` goes on the sentence `prev` began: it opens with a lower-case word or
/// with punctuation that cannot open a sentence, or `prev` ends with an abbreviated title
/// (`Rep.`, `Gov.`) that a name must follow.
fn continues(prev: &str, next: &str) -> bool {
    let next = next.trim_start();
    let opens_inside = match next.chars().next() {
        Some(',' | ';' | ':' | ')') => true,
        // A lower-case word, not a name written so (`iPhone`, `eBay`) nor one opening
        // with a particle (`de Blasio said`, `von der Leyen told`).
        Some(c) if c.is_lowercase() => next
            .split_whitespace()
            .next()
            .is_some_and(|w| !w.chars().any(char::is_uppercase) && !NAME_JOINERS.contains(&w)),
        _ => false,
    };
    let after_title = prev
        .trim_end()
        .strip_suffix('.')
        .and_then(|p| p.split_whitespace().last())
        // `St` ends streets as often as it opens saints' names ("on Main St.").
        .is_some_and(|w| w != "St" && TITLES.contains(&w));
    opens_inside || after_title
}

/// Joins each free piece to the link of a piece of the same sentence, on both sides.
pub(super) fn link_pieces(lk: &mut Linking, f: &Features, old: &[&str], new: &[&str]) {
    for (side, texts) in [(Side::Old, old), (Side::New, new)] {
        // Runs of pieces: sentences each of which continues the one before.
        let mut start = 0;
        for i in 1..=texts.len() {
            if i < texts.len() && continues(texts[i - 1], texts[i]) {
                continue;
            }
            join_run(lk, f, side, texts, start..i);
            start = i;
        }
    }
}

/// Joins the free sentences of `run` (`texts` the sentences of its side) to the link of
/// its linked ones, when they all sit in one link, that link is no equal-text anchor (a
/// sentence the splitter cut the same way in both revisions has no piece to gain: a free
/// neighbour is a new sentence), and the group stays within [`MAX_SIDE`].
fn join_run(lk: &mut Linking, f: &Features, side: Side, texts: &[&str], run: Range<usize>) {
    if run.len() < 2 {
        return;
    }
    let owners = side.owners(lk);
    let mut held = owners[run.clone()].iter().flatten().copied();
    let Some(li) = held.next() else { return };
    if held.any(|l| l != li) || lk.links[li].score >= 1.0 {
        return;
    }
    let free: Vec<usize> = run
        .filter(|&s| owners[s].is_none() && !texts[s].trim().is_empty())
        .collect();
    let group = match side {
        Side::Old => lk.links[li].old.len(),
        Side::New => lk.links[li].new.len(),
    };
    if free.is_empty() || group + free.len() > MAX_SIDE {
        return;
    }
    for s in free {
        lk.join(li, side, s);
    }
    // A group's likeness is that of its two sides taken together, as for merges.
    lk.rescore(li, f);
}

#[cfg(test)]
mod tests {
    use super::continues;
    use crate::align::{Kind, align};

    #[test]
    fn pieces_of_one_sentence_are_told_from_sentences() {
        assert!(continues("One ad aimed at Rep.", "Gary Palmer, R-Ala."));
        assert!(continues("Gary Palmer, R-Ala.", ", urges people to act."));
        assert!(continues("The minister said", "and left."));
        assert!(!continues("He left.", "She stayed."));
        assert!(!continues("Sales rose.", "iPhone sales fell."));
        assert!(!continues("He won.", "de Blasio said so."));
        assert!(!continues(
            "Fire broke out on Main St.",
            "Two people were hurt."
        ));
        // A title's word ending a sentence with no point after it is no title.
        assert!(!continues("He met the Rep", "Then he left."));
    }

    /// An early form glued a new sentence that opens in lower case onto an unchanged
    /// neighbour, and showed an unchanged sentence as split at likeness 1.
    #[test]
    fn a_new_sentence_beside_an_unchanged_one_stays_added() {
        let old = ["The council met on Monday."];
        let new = [
            "The council met on Monday.",
            "and nobody came to the meeting.",
        ];
        let ops = align(&old, &new);
        assert!(
            ops.iter()
                .any(|o| o.kind == Kind::Unchanged && o.new == [0])
                && ops.iter().any(|o| o.kind == Kind::Added && o.new == [1]),
            "{ops:?}"
        );
    }

    /// A corpus pair (AP): the new version's splitter cut one sentence in three at a
    /// title and a comma; the old sentence links to all three.
    #[test]
    fn a_sentence_cut_at_a_title_links_as_one() {
        let old = [
            "A pro-Trump group is airing ads in a dozen districts.",
            "The ads urge people to thank lawmakers ''for standing with President Trump to repeal Obamacare now.''",
        ];
        let new = [
            "A pro-Trump group is airing ads in a dozen districts.",
            "One ad aimed at Rep.",
            "Gary Palmer, R-Ala.",
            ", urges people to thank him ''for standing with President Trump to repeal Obamacare now.''",
        ];
        let ops = align(&old, &new);
        assert!(
            ops.iter()
                .any(|o| o.kind == Kind::Split && o.old == [1] && o.new == [1, 2, 3]),
            "{ops:?}"
        );
    }
}
