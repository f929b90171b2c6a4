//! The aligner against the hand-checked gold sets: on the first (tests/data/gold) newsdiff
//! must meet the quality bar and beat the NewsEdits research aligner on the same pairs; on
//! the second (tests/data/gold2, held out from tuning) it must not fall below what it
//! scored when that set arrived, nor below the figures the aligner has now.

use std::collections::BTreeSet;

use newsdiff::dev::eval;
use serde::Deserialize;

use crate::util::root;

#[derive(Deserialize)]
struct GoldFile {
    pairs: Vec<GoldPair>,
}

#[derive(Deserialize)]
struct GoldPair {
    key: String,
    links: Vec<eval::Link>,
}

#[derive(Deserialize)]
struct Pair {
    key: String,
    old: Vec<String>,
    new: Vec<String>,
    #[serde(default)]
    newsedits: Vec<eval::Link>,
}

fn read<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    read_in("gold", name)
}

fn read_in<T: for<'de> Deserialize<'de>>(set: &str, name: &str) -> T {
    let path = root().join("tests/data").join(set).join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// newsdiff's score on the held-out second gold set. Floors, not targets: 0.874 overall
/// and 0.845 non-identical when it arrived; 0.885 and 0.858 since issue 14; 0.890 and
/// 0.865 with merges' second sources and splitter pieces (`docs/alignment.md`).
#[test]
fn aligner_holds_its_score_on_the_held_out_gold_set() {
    let gold: GoldFile = read_in("gold2", "alignment.json");
    let pairs: Vec<Pair> = read_in("gold2", "pairs.json");
    assert_eq!(gold.pairs.len(), 30);
    let mut ours = eval::Score::default();
    for (g, p) in gold.pairs.iter().zip(&pairs) {
        assert_eq!(g.key, p.key, "alignment.json is in pairs.json order");
        let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
        let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
        let reference: BTreeSet<eval::Link> = g.links.iter().copied().collect();
        let ops = newsdiff::align(&old, &new);
        ours.add(eval::score(&eval::links(&ops), &reference, &old, &new));
    }
    let (all, changed) = (ours.overall.f1(), ours.non_identical.f1());
    assert!(all >= 0.88, "overall F1 {all:.3}");
    assert!(changed >= 0.85, "non-identical F1 {changed:.3}");
}

/// Scores of newsdiff and of the NewsEdits arcs on the gold set.
fn scores() -> (eval::Score, eval::Score) {
    let gold: GoldFile = read("alignment.json");
    let pairs: Vec<Pair> = read("pairs.json");
    assert_eq!(gold.pairs.len(), 30);
    let (mut ours, mut theirs) = (eval::Score::default(), eval::Score::default());
    for g in &gold.pairs {
        let p = pairs
            .iter()
            .find(|p| p.key == g.key)
            .expect("pair for gold key");
        let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
        let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
        let reference: BTreeSet<eval::Link> = g.links.iter().copied().collect();
        let ops = newsdiff::align(&old, &new);
        ours.add(eval::score(&eval::links(&ops), &reference, &old, &new));
        let arcs: BTreeSet<eval::Link> = p.newsedits.iter().copied().collect();
        theirs.add(eval::score(&arcs, &reference, &old, &new));
    }
    (ours, theirs)
}

#[test]
fn aligner_meets_the_bar_on_the_gold_set_and_beats_newsedits() {
    let (ours, theirs) = scores();
    let (all, changed) = (ours.overall.f1(), ours.non_identical.f1());
    // The bars: 0.85 for non-identical links, 0.92 overall.
    assert!(changed >= 0.85, "non-identical F1 {changed:.3}");
    assert!(all >= 0.92, "overall F1 {all:.3}");
    assert!(
        theirs.overall.f1() < all,
        "NewsEdits {:.3}",
        theirs.overall.f1()
    );
    assert!(
        theirs.non_identical.f1() < changed,
        "NewsEdits {:.3}",
        theirs.non_identical.f1()
    );
}

#[test]
fn every_gold_pair_aligns_to_a_consistent_change_log() {
    let pairs: Vec<Pair> = read("pairs.json");
    for p in &pairs {
        let text = |s: &[String]| {
            s.iter()
                .filter(|x| !x.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        };
        let (old, new) = (text(&p.old), text(&p.new));
        let to_rev = |v: u64, s: &[String]| {
            newsdiff::Revision::from_paragraphs(
                v,
                vec![newsdiff::ParagraphInput::Sentences {
                    text: s.join(" "),
                    sentences: s.to_vec(),
                }],
                None,
            )
            .unwrap()
        };
        let (a, b) = (to_rev(0, &old), to_rev(1, &new));
        let d = newsdiff::diff(&a, &b);
        d.check(&a, &b).unwrap_or_else(|e| panic!("{}: {e}", p.key));
    }
}
