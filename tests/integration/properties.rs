//! Properties that hold for every input, checked on generated ones.
//!
//! (a) A change log is self-contained and honest: its JSON, read back, rebuilds both
//!     revisions' text byte for byte, and every diff in it passes `RevisionDiff::check`.
//! (b) Segmentation is lossless: sentence spans are in order, non-empty, trimmed, and only
//!     white space lies between them.

use proptest::prelude::*;
use proptest::sample::{Index, select};

use newsdiff::ChangeLog;
use newsdiff::dev::plain;
use newsdiff::{Article, Revision};

/// Cases per property; `PROPTEST_CASES` raises it for a longer hunt.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Generators

/// Words of news copy, including the ones that trouble a sentence splitter.
const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "rose",
    "to",
    "on",
    "Monday",
    "in",
    "Aleppo",
    "Lavrov",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Gen.",
    "St.",
    "U.S.",
    "U.N.",
    "No.",
    "Jan.",
    "a.m.",
    "p.m.",
    "vs.",
    "e.g.",
    "V.",
    "12",
    "1,200",
    "3.5",
    "$4",
    "2016",
    "\"yes\"",
    "“quoted”",
    "‘single’",
    "''",
    "(AP)",
    "[sic]",
    "...",
    "…",
    "—",
    "--",
    "-",
    "it's",
    "O'Neill",
    "Russian-backed",
    ",",
    ";",
    ":",
    "officials",
    "Kerry",
    "éclair",
    "Zürich",
    "東京",
];

/// First words of sentences: capitals, quotes, numbers, abbreviations.
const OPENERS: &[&str] = &[
    "The",
    "He",
    "In",
    "Rebels",
    "Police",
    "A",
    "Mr.",
    "Dr.",
    "U.S.",
    "\"We",
    "“Officials",
    "'",
    "12",
    "(AP)",
    "BEIRUT",
    "It",
    "But",
    "No.",
    "lowercase",
];

/// Ends of sentences, including none and odd ones.
const ENDS: &[&str] = &[
    ".", ".", ".", "?", "!", ".\"", ".”", "...", "", " .", "?!", ".'", ".)", ":",
];

/// White space between sentences inside a paragraph (line breaks are wrapping).
const WITHIN: &[&str] = &[" ", " ", " ", "  ", "\n", "\r\n", "\t", " \u{a0}"];

/// White space between paragraphs.
const BETWEEN: &[&str] = &[
    "\n\n", "\n\n", "\r\n\r\n", "\n \n", "\n\n\n", "\n\t\n", "\n",
];

/// White space before the first and after the last paragraph.
const AROUND: &[&str] = &["", "", "\n", "  ", "\r\n\r\n", " \n\n"];

fn sentence() -> impl Strategy<Value = String> {
    (
        select(OPENERS),
        prop::collection::vec(select(WORDS), 0..10),
        select(ENDS),
    )
        .prop_map(|(first, rest, end)| {
            let mut s = first.to_string();
            for w in rest {
                if !matches!(w, "," | ";" | ":") {
                    s.push(' ');
                }
                s.push_str(w);
            }
            s.push_str(end);
            s
        })
}

/// How one version uses a sentence of the shared pool.
#[derive(Debug, Clone)]
struct Pick {
    sentence: Index,
    /// 0-3 as is; 4 a word replaced; 5 a word added; 6 split in two; 7 final punctuation
    /// dropped (so it runs into the next sentence); 8 typography changed.
    edit: u8,
    word: &'static str,
    at: Index,
}

fn pick() -> impl Strategy<Value = Pick> {
    (any::<Index>(), 0u8..9, select(WORDS), any::<Index>()).prop_map(
        |(sentence, edit, word, at)| Pick {
            sentence,
            edit,
            word,
            at,
        },
    )
}

fn apply(s: &str, p: &Pick) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let i = p.at.index(words.len());
    match p.edit {
        4 => {
            let mut w = words.clone();
            w[i] = p.word;
            w.join(" ")
        }
        5 => {
            let mut w = words.clone();
            w.insert(i, p.word);
            w.join(" ")
        }
        6 => {
            let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            w.insert(i, "now. The".to_string());
            w.join(" ")
        }
        7 => s
            .trim_end_matches(['.', '?', '!', '"', '”', '\'', ')'])
            .to_string(),
        8 => s.replace('"', "“").replace('\'', "’").replace("--", "—"),
        _ => s.to_string(),
    }
}

/// Layout of one version: which joints are paragraph breaks, and the white space used.
#[derive(Debug, Clone)]
struct Layout {
    joints: Vec<(bool, &'static str, &'static str)>,
    lead: &'static str,
    trail: &'static str,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        prop::collection::vec((any::<bool>(), select(WITHIN), select(BETWEEN)), 1..8),
        select(AROUND),
        select(AROUND),
    )
        .prop_map(|(joints, lead, trail)| Layout {
            joints,
            lead,
            trail,
        })
}

fn render(pool: &[String], picks: &[Pick], layout: &Layout) -> String {
    let mut out = layout.lead.to_string();
    for (k, p) in picks.iter().enumerate() {
        if k > 0 {
            let (brk, within, between) = layout.joints[k % layout.joints.len()];
            out.push_str(if brk { between } else { within });
        }
        out.push_str(&apply(&pool[p.sentence.index(pool.len())], p));
    }
    out.push_str(layout.trail);
    out
}

/// Two versions of one article: both drawn from one pool of sentences, in their own
/// order, with their own edits and layout, so they share sentences the way versions do.
fn versions() -> impl Strategy<Value = (String, String)> {
    (
        prop::collection::vec(sentence(), 1..8),
        prop::collection::vec(pick(), 0..12),
        prop::collection::vec(pick(), 0..12),
        layout(),
        layout(),
    )
        .prop_map(|(pool, a, b, la, lb)| (render(&pool, &a, &la), render(&pool, &b, &lb)))
}

/// White space that may stand for another inside a paragraph: a re-wrapped line.
const RESPACE_WITHIN: &[&str] = &[" ", " ", "  ", "\t", "\n", " \n", "\r\n"];

/// Blank lines that may stand for one another between paragraphs.
const RESPACE_BETWEEN: &[&str] = &["\n\n", "\r\n\r\n", "\n \n", "\n\n\n"];

/// One text written out with its own white space: every space inside and between the
/// sentences of a paragraph is one of `within` (in turn), every paragraph break one of
/// `between`. A last paragraph keeps a blank line in every text, so that lines are never
/// read as paragraphs of their own.
fn respace(paragraphs: &[Vec<String>], within: &[&str], between: &[&str]) -> String {
    let mut seps = within.iter().cycle();
    let mut out = Vec::new();
    for para in paragraphs {
        let joined = para.join(" ");
        let mut text = String::new();
        for (i, piece) in joined.split(' ').enumerate() {
            if i > 0 {
                text.push_str(seps.next().expect("cycle"));
            }
            text.push_str(piece);
        }
        out.push(text);
    }
    out.push("The end.".to_string());
    let mut text = String::new();
    for (i, para) in out.iter().enumerate() {
        if i > 0 {
            text.push_str(between[i % between.len()]);
        }
        text.push_str(para);
    }
    text
}

/// Two texts that differ only in white space: the same paragraphs of the same sentences,
/// re-wrapped and re-spaced.
fn respaced() -> impl Strategy<Value = (String, String)> {
    let seps = || prop::collection::vec(select(RESPACE_WITHIN), 1..12);
    let breaks = || prop::collection::vec(select(RESPACE_BETWEEN), 1..4);
    (
        prop::collection::vec(prop::collection::vec(sentence(), 1..5), 1..5),
        seps(),
        seps(),
        breaks(),
        breaks(),
    )
        .prop_map(|(paras, wa, wb, ba, bb)| (respace(&paras, &wa, &ba), respace(&paras, &wb, &bb)))
}

/// Short strings of the characters that matter to parsing: letters, sentence ends,
/// quotes (of French, German, Chinese and Japanese copy too), every kind of line break and
/// space, a BOM.
fn tricky() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 .!?,;:\"'“”‘’()…—\\-\n\r\t\u{a0}\u{202f}\u{2028}\u{2029}\u{85}\u{feff}\u{301}«»‹›„‚「」『』（）。！？と東]{0,120}"
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), tricky()]
}

// ---------------------------------------------------------------------------------------
// (a) The change log rebuilds both revisions and its diffs check out

/// Diffs two texts through the library, sends the change log through JSON and checks
/// that it rebuilds both texts exactly and that its diff describes them.
fn check_round_trip(a: &str, b: &str) -> Result<(), TestCaseError> {
    let (Ok(old), Ok(new)) = (plain::parse("a.txt", a), plain::parse("b.txt", b)) else {
        // Inputs the parser rejects are the CLI tests' business; here: no panic.
        return Ok(());
    };
    let mut revisions = old.revisions;
    let mut second = new.revisions;
    prop_assert_eq!(revisions.len(), 1);
    prop_assert_eq!(second.len(), 1);
    second[0].version = 1;
    revisions.append(&mut second);
    let article = Article {
        meta: old.meta,
        revisions,
    };
    let log = ChangeLog::consecutive(&article, Vec::new());
    prop_assert_eq!(log.diffs.len(), 1);

    let json = newsdiff::render::json::render(&log);
    let back: ChangeLog = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("change log does not read back: {e}")))?;
    prop_assert_eq!(&back, &log);
    prop_assert_eq!(&newsdiff::render::json::render(&back), &json);

    // The revisions rebuild from the JSON alone, by the positions the diff names.
    let (old_back, new_back) = back.pair(&back.diffs[0]);
    let rebuilt: Vec<Revision> = vec![old_back.clone(), new_back.clone()];
    prop_assert_eq!(rebuilt[0].text(), a);
    prop_assert_eq!(rebuilt[1].text(), b);
    prop_assert_eq!(&rebuilt[0], &article.revisions[0]);
    prop_assert_eq!(&rebuilt[1], &article.revisions[1]);

    let diff = &back.diffs[0];
    prop_assert_eq!((diff.from, diff.to), (0, 1));
    if let Err(e) = diff.check(&rebuilt[0], &rebuilt[1]) {
        return Err(TestCaseError::fail(format!("check failed: {e}\n{json}")));
    }
    // Stats agree with the ops.
    let s = &diff.stats;
    prop_assert_eq!(s.sentences_old, rebuilt[0].sentence_count());
    prop_assert_eq!(s.sentences_new, rebuilt[1].sentence_count());
    prop_assert_eq!(
        s.unchanged + s.edited + s.merged + s.split + s.rewritten + s.added + s.deleted,
        diff.ops.len()
    );
    prop_assert!((0.0..=1.0).contains(&s.changed_share));
    if a == b {
        prop_assert!(!s.has_changes(), "equal texts with changes: {:?}", s);
        prop_assert!(diff.classes.is_empty(), "equal texts with classes");
    }
    // Only changed ops have classes, and typography stands alone.
    for oc in &diff.op_classes {
        let op = &diff.ops[oc.op];
        prop_assert!(op.kind != newsdiff::Kind::Unchanged, "{:?}", oc);
        let typo = oc
            .classes
            .iter()
            .any(|c| c.class == newsdiff::Class::Typography);
        prop_assert!(!typo || oc.classes.len() == 1, "{:?}", oc);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn change_log_rebuilds_generated_versions((a, b) in versions()) {
        check_round_trip(&a, &b)?;
    }

    #[test]
    fn change_log_rebuilds_a_version_against_itself((a, _) in versions()) {
        check_round_trip(&a, &a)?;
    }

    #[test]
    fn change_log_rebuilds_arbitrary_text(a in any_text(), b in any_text()) {
        check_round_trip(&a, &b)?;
    }

    /// White space is never an edit: re-wrapping or re-spacing a text changes nothing.
    #[test]
    fn white_space_alone_is_no_change((a, b) in respaced()) {
        check_round_trip(&a, &b)?;
        let log = ChangeLog::consecutive(
            &Article {
                meta: Default::default(),
                revisions: vec![
                    plain::parse("a.txt", &a).unwrap().revisions.remove(0),
                    plain::parse("b.txt", &b).unwrap().revisions.remove(0),
                ],
            },
            Vec::new(),
        );
        let diff = &log.diffs[0];
        prop_assert!(!diff.stats.has_changes(), "{:?}\n{:?}\n{:?}", a, b, diff.ops);
        prop_assert!(diff.ops.iter().all(|op| op.kind != newsdiff::Kind::Edited));
        prop_assert!(diff.classes.is_empty(), "{:?}", diff.classes);
    }
}

/// A revision from given sentences, some of them empty (as NewsEdits' splitter leaves
/// them), through a JSON article.
fn with_given_sentences(version: u64, given: &[String]) -> Result<Revision, TestCaseError> {
    let doc: newsdiff::RevisionDoc =
        serde_json::from_value(serde_json::json!({"version": version, "sentences": given}))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    doc.to_revision(0, version)
        .map_err(|e| TestCaseError::fail(format!("empty sentences refused: {e}")))
}

/// Given sentences with empty ones among them keep every index and rebuild exactly from
/// the change log's JSON.
fn check_given_round_trip(a: &[String], b: &[String]) -> Result<(), TestCaseError> {
    let old = with_given_sentences(0, a)?;
    let new = with_given_sentences(1, b)?;
    prop_assert_eq!(old.sentence_count(), a.len());
    prop_assert_eq!(new.sentence_count(), b.len());
    for (i, s) in a.iter().enumerate() {
        prop_assert_eq!(old.sentence(i), s.trim());
    }
    let article = Article {
        meta: Default::default(),
        revisions: vec![old, new],
    };
    let log = ChangeLog::consecutive(&article, Vec::new());
    let json = newsdiff::render::json::render(&log);
    let back: ChangeLog = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("change log does not read back: {e}")))?;
    prop_assert_eq!(&back, &log);
    let (old_back, new_back) = back.pair(&back.diffs[0]);
    prop_assert_eq!(old_back, &article.revisions[0]);
    prop_assert_eq!(new_back, &article.revisions[1]);
    if let Err(e) = back.diffs[0].check(old_back, new_back) {
        return Err(TestCaseError::fail(format!("check failed: {e}\n{json}")));
    }
    Ok(())
}

/// A sentence of the pool, or an empty one (sometimes white space only).
fn given_sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => sentence(),
        1 => select(&["", " ", "\n"][..]).prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn change_log_rebuilds_given_sentences_with_empty_ones(
        a in prop::collection::vec(given_sentence(), 1..8),
        b in prop::collection::vec(given_sentence(), 1..8),
    ) {
        check_given_round_trip(&a, &b)?;
    }
}

/// Names for the rewritten-list generator.
const NAMES: &[&str] = &[
    "Haji Mutazz",
    "Abd al-Basit",
    "Radwan Talib",
    "Maria Okafor",
    "Lev Petrov",
    "Ana Duarte",
    "Kwame Mensah",
];

/// Two versions in which a list was rewritten over two sentences, its items and its
/// attribution redistributed: the shape of a `rewritten` op (issue 14), with generated
/// names and surrounding sentences, so the rebuild property covers that kind.
fn rewritten_versions() -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    (select(NAMES), select(NAMES), sentence(), sentence())
        .prop_filter("two people", |(a, b, _, _)| a != b)
        .prop_map(|(a, b, before, after)| {
            let (r, q) = (
                "a deputy to Isis leader Abu Bakr al-Baghdadi",
                "the top military commander",
            );
            let attribution =
                "General Martin Dempsey, the chairman of the Joint Chiefs of Staff, told the Wall Street Journal";
            let old = vec![
                before.clone(),
                format!("{attribution} in an interview that {a}, {r};"),
                format!("{b}, {q};"),
                after.clone(),
            ];
            let new = vec![
                before,
                format!("Airstrikes carried out between 3 December and 9 December killed {a}, {r};"),
                format!("and {b}, {q}, {attribution}."),
                after,
            ];
            (old, new)
        })
}

proptest! {
    #![proptest_config(config())]

    /// The rebuild property for `rewritten` ops: the change log's JSON rebuilds both
    /// revisions and its diff checks out.
    #[test]
    fn change_log_rebuilds_rewritten_groups((a, b) in rewritten_versions()) {
        check_given_round_trip(&a, &b)?;
        let article = Article {
            meta: Default::default(),
            revisions: vec![with_given_sentences(0, &a)?, with_given_sentences(1, &b)?],
        };
        let log = ChangeLog::consecutive(&article, Vec::new());
        let diff = &log.diffs[0];
        prop_assert!(
            diff.ops.iter().any(|op| op.kind == newsdiff::Kind::Rewritten),
            "no rewritten op: {:?}",
            diff.ops
        );
        prop_assert_eq!(diff.stats.rewritten, 1);
    }
}

// ---------------------------------------------------------------------------------------
// (b) Segmentation is lossless

fn check_segmentation(text: &str) -> Result<(), TestCaseError> {
    let spans = newsdiff::dev::segment::sentences(text);
    let mut pos = 0;
    for s in &spans {
        prop_assert!(s.start >= pos, "overlap or out of order: {:?}", spans);
        prop_assert!(s.start < s.end, "empty span in {:?}", spans);
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let gap = &text[pos..s.start];
        prop_assert!(gap.trim().is_empty(), "text {:?} between sentences", gap);
        let sentence = &text[s.range()];
        prop_assert_eq!(sentence.trim(), sentence, "untrimmed sentence");
        pos = s.end;
    }
    prop_assert!(pos <= text.len());
    prop_assert!(
        text[pos..].trim().is_empty(),
        "text {:?} after the last sentence",
        &text[pos..]
    );
    prop_assert_eq!(spans.is_empty(), text.trim().is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn segmentation_is_lossless_on_any_string(text in any_text()) {
        check_segmentation(&text)?;
    }

    #[test]
    fn segmentation_is_lossless_on_news_copy((a, _) in versions()) {
        check_segmentation(&a)?;
    }
}
