//! The aligner against the hand-checked gold set (tests/data/gold): newsdiff must meet
//! the quality bar and beat the NewsEdits research aligner on the same pairs.

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
    newsedits: Vec<eval::Link>,
}

fn read<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let path = root().join("tests/data/gold").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
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
