//! Reading the body of News Sniffer pages back into two versions.
//!
//! The page model fixes the shape of every gap between two unchanged (`XX`) rows: first
//! `k` changed rows (old paragraph, a space, new paragraph), then the surplus of ONE side
//! as one-sided rows. So a gap of `g` rows has only `2g + 1` readings of its structure;
//! what remains open is where each changed row splits. Each reading gets a score:
//!
//! * local evidence, row by row: a changed row's old half ends like a paragraph (sentence-
//!   final punctuation) and its new half starts like one (capital, digit, opening quote);
//!   its halves tend to be alike (weighted word overlap, computed for every split point in
//!   one pass); white-space cues when the scrape kept them (the new cell's words are two
//!   spaces apart);
//! * global evidence, over the whole page: an article does not say the same sentence twice,
//!   so a reading that puts one sentence twice into a version is penalised; and when a file
//!   holds consecutive pages, the new side of one page must equal the old side of the next.
//!
//! The best whole reading is found by coordinate ascent over all gaps and split points of
//! all pages at once (starting from the best local choices), then every decision is
//! compared with its runner-up: close calls are reported as doubts.
//!
//! The work is split by job:
//!
//! * `model`: the page model — rows, gaps, their candidate readings — and the running
//!   tallies that let one decision change without rescoring the page;
//! * `evidence`: the weights and the local and chain scores;
//! * `fingerprint`: the word hashes, shingles and paragraph keys the scores compare;
//! * `search`: the coordinate ascent over all pages' decisions;
//! * `doubts`: the comparison of each decision with its runner-up, as warnings;
//! * `titles`: the title rows, read apart from the body.

mod doubts;
mod evidence;
mod fingerprint;
mod model;
mod search;
mod titles;

use super::Page;
use crate::Warning;
use crate::text::normalize::collapse;
use doubts::report_doubts;
pub use evidence::Weights;
use model::{PageModel, Place, Side, build_model};
use search::optimise;
pub use titles::resolve_titles;

/// Decisions whose runner-up scores within this margin are doubts.
pub const DOUBT_MARGIN: f32 = 1.5;

/// Decisions whose runner-up scores within this margin are reported at all.
pub const REPORT_MARGIN: f32 = 6.0;

/// The two versions a page's body holds, as paragraph lists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    pub old: Vec<String>,
    pub new: Vec<String>,
}

/// Resolves every page's body, jointly, into readings with the evidence weights `w`
/// (`Weights::default()`, or others when fitting them); reports unplaced rows and doubts.
pub fn resolve_with(pages: &[Page], w: &Weights, warnings: &mut Vec<Warning>) -> Vec<Reading> {
    let mut models: Vec<PageModel> = pages.iter().map(|p| build_model(p, w, warnings)).collect();
    let chained: Vec<bool> = (0..models.len())
        .map(|i| i + 1 < models.len() && models[i].new_version == models[i + 1].old_version)
        .collect();
    optimise(&mut models, &chained);
    report_doubts(&mut models, &chained, warnings);
    models.iter().map(reading).collect()
}

// The paragraph edges are evidence for the body and the titles alike, and the corpus
// tools read them too; so they are defined here rather than re-exported.

/// Ends like a paragraph: sentence-final punctuation, possibly inside closing quotes or
/// brackets.
pub fn ends_paragraph(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…']) || (t.len() < s.len() && t.ends_with([',', ':']))
}

/// Starts like a paragraph: a capital, a digit, an opening quote or bracket.
pub fn starts_paragraph(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“‘\"'(«[—-•*".contains(c))
}

/// The paragraphs of both versions, white space collapsed as stored articles are.
fn reading(m: &PageModel) -> Reading {
    let mut r = Reading::default();
    for (i, row) in m.rows.iter().enumerate() {
        match m.place(i) {
            Place::Both => {
                let half = &row.text[..row.text.len() / 2];
                r.old.push(collapse(half));
                r.new.push(collapse(half));
            }
            Place::Changed(c) => {
                let s = &row.splits[c];
                r.old.push(collapse(&row.text[..s.old_end]));
                r.new.push(collapse(&row.text[s.new_start..]));
            }
            Place::One(Side::Old) => r.old.push(collapse(&row.text)),
            Place::One(Side::New) => r.new.push(collapse(&row.text)),
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_edges() {
        assert!(ends_paragraph("He left."));
        assert!(ends_paragraph("“We have failed.”"));
        assert!(ends_paragraph("he said, “No,”"));
        assert!(!ends_paragraph("Follow live updates"));
        assert!(starts_paragraph("“Today, we"));
        assert!(starts_paragraph("2016 was"));
        assert!(!starts_paragraph("and then"));
    }
}
