//! Article versions as people keep them (issue 12): NewsEdits' empty sentences, JSON Lines
//! from data frames, NewsDiffs files, one article out of an archive, the page lines and
//! entities of raw tracker databases, and URL changes. The field cases are copied under
//! `tests/data/field-cases/`; each test adds cases of its own of the same kind.

use crate::util::{newsdiff, stderr_of, stdout_of, tempdir, write};

/// Path of a file under `tests/data/field-cases/`.
fn field_case(rel: &str) -> String {
    let path = format!("tests/data/field-cases/{rel}");
    assert!(crate::util::root().join(&path).is_file(), "missing {path}");
    path
}

// ---------------------------------------------------------------------------------------
// Empty sentences in given sentences

/// A real NewsEdits pair (AP 767, versions 1 and 2) whose version 2 has an empty sentence
/// 11: it is read, keeps its index, and rebuilds from the change log.
#[test]
fn a_newsedits_pair_with_an_empty_sentence_is_diffed() {
    let file = field_case("newsedits-empty-sentence/ap-767.json");
    let out = newsdiff()
        .args([&file, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let log: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let sentences = log["revisions"][1]["paragraphs"][0]["sentences"]
        .as_array()
        .unwrap();
    assert_eq!(sentences.len(), 12);
    assert_eq!(sentences[11], "");
}

/// Empty sentences first, last, in the middle, white space only, and a revision of
/// nothing else: never an error, every index kept.
#[test]
fn empty_sentences_anywhere_keep_their_indices() {
    let dir = tempdir();
    let cases = [
        serde_json::json!(["", "The bridge closed.", "It reopens Monday."]),
        serde_json::json!(["The bridge closed.", "  ", "It reopens Monday."]),
        serde_json::json!(["The bridge closed.", "It reopens Monday.", ""]),
        serde_json::json!(["", "\n"]),
    ];
    for (i, given) in cases.iter().enumerate() {
        let doc = serde_json::json!({"revisions": [
            {"sentences": ["The bridge closed.", "It reopens Tuesday."]},
            {"sentences": given},
        ]});
        let file = write(dir.path(), &format!("{i}.json"), doc.to_string());
        for format in ["terminal", "json", "html", "markdown"] {
            let out = newsdiff()
                .args([&file, "--format", format, "--color", "never"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{i} {format}: {}", stderr_of(&out));
        }
        let out = newsdiff().args(["split", &file]).output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
        let n = doc["revisions"][1]["paragraphs"][0]["sentences"]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(n, given.as_array().unwrap().len(), "{i}: {doc}");
        // What split wrote reads back as the same article.
        let again = write(dir.path(), &format!("{i}-split.json"), stdout_of(&out));
        let out2 = newsdiff().args(["split", &again]).output().unwrap();
        assert_eq!(stdout_of(&out2), stdout_of(&out), "{i}");
    }
}
