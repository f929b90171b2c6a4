//! Reading the body of News Sniffer pages back into two versions.
//!
//! The page model fixes the shape of every gap between two unchanged (`XX`) rows: first
//! `k` changed rows (old paragraph, a space, new paragraph), then the surplus of ONE side
//! as one-sided rows. So a gap of `g` rows has only `2g + 1` readings of its structure;
//! what remains open is where each changed row splits. Each whole reading of a page gets
//! a score (`model.rs` says how it is taken apart):
//!
//! * local evidence, row by row: how a changed row's old half ends (sentence-final
//!   punctuation, a credit line, a URL, an agency tag, or mid-sentence) and how its new
//!   half starts; how alike its halves are; how long the paragraphs run; white-space cues
//!   when the scrape kept them; a one-sided row's likeness to the gap's changed rows, and
//!   the prior of a one-sided run's side by where it is on the page;
//! * global evidence: an article does not say the same sentence twice, so every 6-word
//!   run said twice within a version costs; and when a file holds consecutive pages, the
//!   new side of one page must equal the old side of the next.
//!
//! The search is exact (`exact.rs`): branch and bound over every decision finds each
//! page's `K` best readings under this score. Chained pages then pick among their
//! readings together (dynamic programming along the chain, exact over those lists).
//! A reading is valid only if it renders back to the page's rows: the search builds
//! that in where it can, and every reading is rendered and compared before it is used.
//! Readings that fail are dropped; a page none of whose readings renders back is an
//! error. The runner-up whole reading says how sure the choice is (`doubts.rs`).
//!
//! The work is split by job:
//!
//! * `model`: the page model — rows, gaps, their readings — and the score;
//! * `evidence`: the weights and the local and chain evidence;
//! * `fingerprint`: the word hashes, shingles and paragraph keys the score compares;
//! * `exact`: the branch and bound over one page's decisions;
//! * `chain`: the choice among pages' readings, their check, and the alternatives;
//! * `doubts`: the chosen reading against the next ones, as warnings;
//! * `titles`: the title rows, read apart from the body.

mod chain;
mod doubts;
mod evidence;
mod exact;
mod fingerprint;
mod model;
mod titles;

use super::Page;
use crate::{InputProblem, Warning};
pub use chain::{PageReadings, Reading};
pub use evidence::Weights;
pub use titles::resolve_titles;

/// The chosen reading is a doubt when the next whole reading scores within this margin.
pub const DOUBT_MARGIN: f32 = 1.5;

/// Readings within this margin of the chosen one are reported (as warnings that are not
/// doubts unless within [`DOUBT_MARGIN`]).
pub const REPORT_MARGIN: f32 = 8.0;

/// Resolves every page's body, jointly, into its chosen reading and up to `alternatives`
/// next-best readings, with the evidence weights `w` (`Weights::default()`, or others
/// when fitting them); reports unplaced rows and doubts. An error when a page has no
/// reading that renders back to its rows.
pub fn resolve_with(
    pages: &[Page],
    w: &Weights,
    alternatives: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<PageReadings>, InputProblem> {
    chain::resolve(pages, w, alternatives, warnings)
}

/// The score the parser gives the reading `old`/`new` of a one-page scrape's body (the
/// truth, when measuring: the parser's reading must never score below it); `None` when
/// that reading does not render to the page's rows.
#[cfg(feature = "dev")]
pub fn score_of(page: &Page, old: &[String], new: &[String], w: &Weights) -> Option<f32> {
    chain::score_of(page, old, new, w)
}

// The paragraph edges are evidence for the body and the titles alike, and the corpus
// tools read them too; so they are defined here rather than re-exported.

/// Ends like a paragraph: sentence-final punctuation, possibly inside closing quotes or
/// brackets (a space before a closing quote allowed, as scrapes have it).
pub fn ends_paragraph(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»', ' ']);
    t.ends_with(['.', '!', '?', '…']) || (t.len() < s.len() && t.ends_with([',', ':']))
}

/// Starts like a paragraph: a capital, a digit, an opening quote or bracket, a URL.
pub fn starts_paragraph(s: &str) -> bool {
    s.starts_with("http")
        || s.starts_with("www.")
        || s.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“‘\"'(«[—-•*".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_edges() {
        assert!(ends_paragraph("He left."));
        assert!(ends_paragraph("“We have failed.”"));
        assert!(ends_paragraph("“We have failed. ”"));
        assert!(ends_paragraph("he said, “No,”"));
        assert!(!ends_paragraph("Follow live updates"));
        assert!(starts_paragraph("“Today, we"));
        assert!(starts_paragraph("2016 was"));
        assert!(starts_paragraph("http://reut.rs/1"));
        assert!(!starts_paragraph("and then"));
    }
}
