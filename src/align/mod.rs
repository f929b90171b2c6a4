//! Sentence alignment of two revisions, in steps (the file of each in brackets):
//!
//! 1. Anchors (`anchors.rs`): sentences whose normalised text is equal. Those in a common
//!    order (a Patience diff of the normalised sequences) anchor the alignment; equal
//!    sentences out of that order are moves.
//! 2. Candidates (`candidates.rs`) for the rest come from an inverted index of informative
//!    tokens, so long articles are never compared all against all.
//! 3. Assignment (`assign.rs`): a global greedy assignment takes the best-scoring pairs
//!    first, with a small bonus for staying in document order; a second pass pairs
//!    leftovers that sit in the same gap between linked neighbours at a lower bar, because
//!    an in-order neighbour is strong evidence, and the ledes get a lower bar still. Both
//!    lean on the story being the same one, so they apply only when some sentence with
//!    content was linked at the full bar.
//! 4. Merges and splits (`merges.rs`): an unmatched sentence may pair with two adjacent
//!    unmatched sentences together; a matched sentence absorbs unmatched neighbours on the
//!    other side when they are mostly contained in it and the combination scores better;
//!    an unmatched sentence almost wholly contained in a linked one, anywhere, joins it.
//!    Then (`regroup.rs`) a free sentence carrying a large part of a nearby linked one
//!    joins its link even when that makes a many-to-many (rewritten) group, and
//!    (`fragments.rs`) a free piece of a sentence a splitter cut in two (at `Rep.`, before
//!    `, urges`) joins the link of the piece it belongs with.
//! 5. Moves (`ops.rs`): the largest set of links already in order (longest increasing
//!    subsequence) stays; the links crossing it are the minimal set of moves.
//! 6. Ops (`ops.rs`): each link becomes an op with its kind and word changes
//!    (`words.rs`), each sentence left over an added or deleted op, in reading order of
//!    the new revision.
//!
//! Steps 1 to 4 share a `Linking`: the links so far and which link holds each sentence.
//! Likeness is measured in `similarity.rs`.

mod anchors;
mod assign;
mod candidates;
#[cfg(feature = "dev")]
pub mod eval;
mod fragments;
mod merges;
mod ops;
mod regroup;
pub mod similarity;
pub mod words;

use serde::{Deserialize, Serialize};

use similarity::Features;
use words::WordChange;

/// The bars the aligner's decisions must clear. The defaults were chosen on the first
/// hand-checked gold set (`tests/data/gold`, `examples/align_eval.rs -- tune gold`) and
/// checked on the second (`tests/data/gold2`), held out; `docs/alignment.md` has the figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Likeness a pair needs to be linked anywhere in the article.
    pub link: f32,
    /// Likeness a pair needs when it sits in the same gap between linked neighbours, in
    /// order: a sentence replaced in place is most likely an edit of the one it replaced.
    pub gap: f32,
    /// How much of an absorbed neighbour must be contained in the sentence it joins.
    pub absorb: f32,
    /// How much of a free sentence must be found in a linked one, anywhere, to be merged
    /// into it or split from it.
    pub fold: f32,
    /// Likeness the two ledes (first sentences) need when neither is linked: the lede is
    /// the sentence a developing story rewrites most (`1.0` turns this off).
    pub lede: f32,
    /// How much of the smaller of two nearby sentences must be found in the other for it
    /// to join the other's link as a partial link (`regroup.rs`), which may make a
    /// rewritten group; above `1.0` turns this off.
    pub part: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            link: 0.30,
            gap: 0.20,
            absorb: 0.30,
            fold: 0.6,
            lede: 0.05,
            part: 0.5,
        }
    }
}

/// What happened to a group of sentences between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The sentence is the same, up to white space.
    Unchanged,
    /// One sentence became another version of itself.
    Edited,
    /// Several old sentences became one.
    Merged,
    /// One old sentence became several.
    Split,
    /// Several old sentences became several new ones, their content redistributed (two
    /// sentences rewritten into two others, a list over five sentences folded into two).
    /// Added within version 1 of the change log (issue 14): merged and split cannot say it.
    Rewritten,
    /// A new sentence with no old counterpart.
    Added,
    /// An old sentence with no new counterpart.
    Deleted,
}

impl Kind {
    /// The kind as the change log writes it (`edited`, `rewritten`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Unchanged => "unchanged",
            Kind::Edited => "edited",
            Kind::Merged => "merged",
            Kind::Split => "split",
            Kind::Rewritten => "rewritten",
            Kind::Added => "added",
            Kind::Deleted => "deleted",
        }
    }
}

/// One step of an alignment: old sentence indices, new sentence indices, and how they
/// relate. Built only by [`align`], which keeps `kind` consistent with the sides: added
/// has no old, deleted no new, merged several old, split several new, rewritten several
/// of each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// What happened to the sentences.
    pub kind: Kind,
    /// Indices of the old revision's sentences in this op, in order (from 0).
    pub old: Vec<usize>,
    /// Indices of the new revision's sentences in this op, in order (from 0).
    pub new: Vec<usize>,
    /// Whether the op left the reading order (it is not among the longest run of links in order).
    pub moved: bool,
    /// Likeness of the two sides, 0..1 (1 for unchanged, 0 for added or deleted).
    /// `unchanged` means the same text up to white space.
    pub similarity: f32,
    /// Word changes from the old side to the new (empty unless edited, merged, split or
    /// rewritten); the sides of several sentences are joined with single spaces first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordChange>,
}

/// Aligns the sentences of two revisions. Ops come in reading order of the new revision,
/// with deleted sentences placed after the sentence that preceded them in the old one.
pub fn align(old: &[&str], new: &[&str]) -> Vec<Op> {
    align_with(old, new, &Params::default())
}

/// [`align`] with other bars (for evaluating them).
pub fn align_with(old: &[&str], new: &[&str], p: &Params) -> Vec<Op> {
    let links = link(old, new, p);
    ops::build_ops(old, new, links)
}

/// A link between groups of sentences, before kinds, moves and words are worked out.
#[derive(Debug, Clone)]
struct Link {
    old: Vec<usize>,
    new: Vec<usize>,
    score: f32,
}

/// The links made so far, and which link holds each sentence: the state the steps of
/// [`link`] share.
struct Linking {
    links: Vec<Link>,
    old_link: Vec<Option<usize>>,
    new_link: Vec<Option<usize>>,
}

impl Linking {
    fn new(old_len: usize, new_len: usize) -> Linking {
        Linking {
            links: Vec::new(),
            old_link: vec![None; old_len],
            new_link: vec![None; new_len],
        }
    }

    fn add(&mut self, l: Link) {
        for &o in &l.old {
            self.old_link[o] = Some(self.links.len());
        }
        for &n in &l.new {
            self.new_link[n] = Some(self.links.len());
        }
        self.links.push(l);
    }

    /// Links one old sentence to one new.
    fn pair(&mut self, o: usize, n: usize, score: f32) {
        self.add(Link {
            old: vec![o],
            new: vec![n],
            score,
        });
    }

    /// Adds free sentence `s` on `side` to link `li`, keeping the side in order. The
    /// link keeps its score: [`Linking::rescore`] when the group's likeness should count.
    fn join(&mut self, li: usize, side: Side, s: usize) {
        let l = &mut self.links[li];
        let (group, owners) = match side {
            Side::Old => (&mut l.old, &mut self.old_link),
            Side::New => (&mut l.new, &mut self.new_link),
        };
        group.push(s);
        group.sort_unstable();
        owners[s] = Some(li);
    }

    /// Scores link `li` as a group: the likeness of its two sides' tokens taken together.
    fn rescore(&mut self, li: usize, f: &Features) {
        let l = &self.links[li];
        let a: Vec<&[u32]> = l.old.iter().map(|&i| f.old[i].as_slice()).collect();
        let b: Vec<&[u32]> = l.new.iter().map(|&i| f.new[i].as_slice()).collect();
        self.links[li].score = f.dice(&similarity::union(&a), &similarity::union(&b));
    }
}

/// A side of the alignment, for the steps that work on either the same way.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Old,
    New,
}

impl Side {
    /// The token lists of this side's sentences and of the other side's.
    fn tokens(self, f: &Features) -> (&[Vec<u32>], &[Vec<u32>]) {
        match self {
            Side::Old => (&f.old, &f.new),
            Side::New => (&f.new, &f.old),
        }
    }

    /// Which link holds each sentence of this side.
    fn owners(self, lk: &Linking) -> &[Option<usize>] {
        match self {
            Side::Old => &lk.old_link,
            Side::New => &lk.new_link,
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Old => Side::New,
            Side::New => Side::Old,
        }
    }
}

fn link(old: &[&str], new: &[&str], p: &Params) -> Vec<Link> {
    let mut lk = Linking::new(old.len(), new.len());

    anchors::link_equal(&mut lk, old, new);

    // 2. Candidates from the inverted index, over the sentences still free.
    let f = Features::new(old.iter().copied(), new.iter().copied());
    let candidates::Candidates {
        pairs: candidates,
        per_old,
    } = candidates::find(&f, &lk);

    // 3. Greedy global assignment, then the gap pass and the ledes at lower bars.
    assign::greedy(&mut lk, candidates, p.link);
    if assign::same_story(&lk, &f) {
        assign::gap_pass(&mut lk, &f, &per_old, p.gap);
        assign::ledes(&mut lk, &f, p.lede);
    }

    // 4. Merges and splits.
    merges::link_groups(&mut lk, &f, &per_old, p);
    regroup::link_partials(&mut lk, &f, p);
    fragments::link_pieces(&mut lk, &f, old, new);
    lk.links
}

/// Whether two sentences are the same text up to white space: re-wrapping a line is not
/// an edit anyone wants to read about.
pub fn same_text(a: &str, b: &str) -> bool {
    // Equal bytes first: most linked sentences of an archive are, and one comparison of
    // the bytes is far cheaper than walking both texts word by word.
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_match_the_serialised_form() {
        for k in [
            Kind::Unchanged,
            Kind::Edited,
            Kind::Merged,
            Kind::Split,
            Kind::Rewritten,
            Kind::Added,
            Kind::Deleted,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }

    fn kinds(ops: &[Op]) -> Vec<(Kind, Vec<usize>, Vec<usize>, bool)> {
        ops.iter()
            .map(|o| (o.kind, o.old.clone(), o.new.clone(), o.moved))
            .collect()
    }

    #[test]
    fn identical_revisions_are_all_unchanged() {
        let s = ["One thing happened.", "Then another.", "The end."];
        let ops = align(&s, &s);
        assert!(ops.iter().all(|o| o.kind == Kind::Unchanged && !o.moved));
        assert_eq!(ops.len(), 3);
    }

    #[test]
    fn edit_add_delete_and_move() {
        let old = [
            "Rebels fired on the city on Monday.",
            "The death toll rose to 23, officials said.",
            "Talks will resume in Geneva.",
            "A nurse was killed in the shelling.",
        ];
        let new = [
            "A nurse was killed in the shelling.",
            "Rebels fired on the city on Monday.",
            "The death toll rose to at least 50, officials said.",
            "Kerry will travel to Moscow next week.",
        ];
        let ops = align(&old, &new);
        let k = kinds(&ops);
        assert!(k.contains(&(Kind::Unchanged, vec![3], vec![0], true)));
        assert!(k.contains(&(Kind::Edited, vec![1], vec![2], false)));
        assert!(k.contains(&(Kind::Deleted, vec![2], vec![], false)));
        assert!(k.contains(&(Kind::Added, vec![], vec![3], false)));
    }

    #[test]
    fn split_sentence_links_to_both_halves() {
        let old = [
            "Lavrov said talks would start in Geneva on Tuesday, and that rebels who stay will be treated as terrorists.",
        ];
        let new = [
            "Lavrov said talks would start in Geneva on Tuesday.",
            "Rebels who stay will be treated as terrorists, he said.",
        ];
        let ops = align(&old, &new);
        assert_eq!(kinds(&ops), [(Kind::Split, vec![0], vec![0, 1], false)]);
    }

    #[test]
    fn merged_sentences_link_to_one() {
        let old = [
            "The ministry confirmed the crash of the fighter jet.",
            "The pilot ejected safely over the Mediterranean.",
        ];
        let new = [
            "The ministry confirmed the crash of the fighter jet, and said the pilot ejected safely over the Mediterranean.",
        ];
        let ops = align(&old, &new);
        assert_eq!(kinds(&ops), [(Kind::Merged, vec![0, 1], vec![0], false)]);
    }

    #[test]
    fn lede_of_a_developing_story_is_linked_at_a_low_bar() {
        let old = [
            "A campaigner has become the first recipient of a new medal.",
            "The medal was struck for veterans of the Arctic convoys.",
        ];
        let new = [
            "Forty veterans have become the first recipients of the Arctic Star.",
            "The medal was struck for veterans of the Arctic convoys.",
        ];
        let k = kinds(&align(&old, &new));
        assert!(
            k.contains(&(Kind::Edited, vec![0], vec![0], false)),
            "{k:?}"
        );
    }

    /// A one-sentence flash has nothing else that could carry over, so its lede still
    /// links at the lede bar.
    #[test]
    fn a_one_sentence_revision_keeps_the_lede_bar() {
        let k = kinds(&align(
            &["A fire broke out in a warehouse in Harwick."],
            &["Three people died when fire swept through Harwick docks."],
        ));
        assert_eq!(k, [(Kind::Edited, vec![0], vec![0], false)]);
    }

    /// Regression (ap 6016 in the gold set): a story replaced outright shares a word or two
    /// between its ledes, and the lede bar linked them. With nothing else carried over
    /// there is no same story for the lower bars to lean on.
    #[test]
    fn replaced_story_links_nothing_at_the_lower_bars() {
        let old = [
            "The nationalist party says it was not told that benefactors planned posters.",
            "Posters supporting the party appeared across the state before the election.",
        ];
        let new = [
            "A party leader says it will not distribute a poster showing a piglet in a field.",
            "The candidate called the poster unusable and said voters loved the pig.",
        ];
        let k = kinds(&align(&old, &new));
        assert!(
            k.iter()
                .all(|(kind, ..)| matches!(kind, Kind::Added | Kind::Deleted)),
            "{k:?}"
        );
    }
}
