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

// ---------------------------------------------------------------------------------------
// NewsDiffs files

/// The field case: the headline change is a title change, the date and byline metadata,
/// the subhead its own paragraph, and the body shows only its real edits.
#[test]
fn newsdiffs_files_read_headline_date_byline_and_body() {
    let (v1, v2) = (
        field_case("newsdiffs-file/v1.txt"),
        field_case("newsdiffs-file/v2.txt"),
    );
    let out = newsdiff()
        .args([&v1, &v2, "--color", "never"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(
        text.contains("title: Greece and Neighbor [-Near-]{+Reach+} Deal on Name"),
        "{text}"
    );
    assert!(text.contains("+1 added  ~1 edited  ("), "{text}");
    for header in ["June 5, 2018", "JANE ROE"] {
        assert!(!text.contains(header), "{header} in the body: {text}");
    }
    let out = newsdiff()
        .args([&v1, &v2, "--format", "json"])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(log["article"]["byline"], "By JANE ROE");
    let old = &log["revisions"][0];
    assert_eq!(old["created"], "2018-06-05T00:00:00Z");
    assert_eq!(old["title"], "Greece and Neighbor Near Deal on Name");
    let paragraphs: Vec<&str> = old["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(paragraphs.len(), 5);
    assert_eq!(paragraphs[2], "What happens next");
    let stats = &log["diffs"][0]["stats"];
    assert_eq!(
        (stats["added"].as_u64(), stats["edited"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(stats["deleted"].as_u64(), Some(0));
}

/// Own cases of the kind: no byline, paragraphs separated by blank lines, a changed
/// byline (reported, not lost), and a date newsdiff cannot read (a warning keeps it).
#[test]
fn newsdiffs_files_without_a_byline_or_with_a_changed_one() {
    let dir = tempdir();
    let a = write(
        dir.path(),
        "a.txt",
        "2014-03-02 17:05:11\nCouncil Delays Vote\n\n\nThe council delayed its vote on the budget.\n\nA vote is expected in May.\n",
    );
    let b = write(
        dir.path(),
        "b.txt",
        "2014-03-02 19:40:00\nCouncil Delays Budget Vote\nBy ANN LEE\n\nThe council delayed its vote on the budget.\n\nA vote is expected in June.\n",
    );
    let out = newsdiff()
        .args([&a, &b, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let log: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(log["revisions"][1]["created"], "2014-03-02T19:40:00Z");
    assert_eq!(log["revisions"][1]["title"], "Council Delays Budget Vote");
    assert_eq!(
        log["revisions"][0]["paragraphs"].as_array().unwrap().len(),
        2
    );
    let warnings = log["warnings"].to_string();
    assert!(warnings.contains("byline changed from nothing to"), "{log}");
    assert!(warnings.contains("ANN LEE"), "{warnings}");
}

/// Ordinary text files that start with a date are still text: the rule wants a date, a
/// headline, a byline or blank line, then a blank line.
#[test]
fn text_files_that_start_with_a_date_are_not_newsdiffs_files() {
    let dir = tempdir();
    let a = write(
        dir.path(),
        "a.txt",
        "June 5, 2018\n\nThe council met on Tuesday.\n\nIt voted.\n",
    );
    let b = write(
        dir.path(),
        "b.txt",
        "June 5, 2018\nThe council met on Tuesday.\nIt voted on the budget.\n",
    );
    let out = newsdiff()
        .args([&a, &b, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let log: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    for r in log["revisions"].as_array().unwrap() {
        assert!(r.get("title").is_none(), "{r}");
        assert_eq!(r["paragraphs"][0]["text"], "June 5, 2018", "{r}");
    }
    // --from newsdiffs reads such a file by the layout anyway: the second line is the
    // headline.
    let out = newsdiff()
        .args([&b, &b, "--from", "newsdiffs", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let log: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(log["revisions"][0]["title"], "The council met on Tuesday.");
}

// ---------------------------------------------------------------------------------------
// One article out of an archive

/// The field case: `diff` and `log` take one article of a diffengine database or a JSON
/// Lines archive with `--article`; `check --list` lists the ids.
#[test]
fn one_article_of_a_database_or_json_lines_archive() {
    let db = field_case("one-article-of-an-archive/diffengine.db");
    let feed = field_case("one-article-of-an-archive/feed.jsonl");
    for (archive, id, versions) in [(&db, "7", 3), (&feed, "a1", 2)] {
        let out = newsdiff()
            .args(["check", archive, "--list"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let listed = stdout_of(&out);
        assert!(
            listed.starts_with(&format!("{id}\t{versions}\t")),
            "{listed}"
        );
        let out = newsdiff()
            .args(["diff", archive, "--article", id, "--color", "never"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let diffs = stdout_of(&out).matches("━━ version").count();
        assert_eq!(diffs, versions - 1, "{}", stdout_of(&out));
        let out = newsdiff()
            .args(["log", archive, "--article", id, "--color", "never"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let lines = stdout_of(&out)
            .lines()
            .filter(|l| l.starts_with('v'))
            .count();
        assert_eq!(lines, versions, "{}", stdout_of(&out));
    }
}

/// Without `--article` the error says how to choose one and how to list the ids; an
/// unknown id is one clear line, exit 2; `--article` on an article is a usage error.
#[test]
fn an_archive_without_article_or_with_an_unknown_one_is_one_clear_error() {
    let db = field_case("one-article-of-an-archive/diffengine.db");
    let feed = field_case("one-article-of-an-archive/feed.jsonl");
    for archive in [&db, &feed, &"samples".to_string()] {
        for command in ["diff", "log", "split"] {
            let out = newsdiff().args([command, archive]).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{command} {archive}");
            let err = stderr_of(&out);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains("--article ID"), "{err}");
            assert!(
                err.contains(&format!("newsdiff check {archive} --list")),
                "{err}"
            );
        }
        let out = newsdiff()
            .args(["diff", archive, "--article", "no-such\u{1b}[31m"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no article"), "{err}");
        assert!(!err.contains('\u{1b}'), "{err}");
    }
    let out = newsdiff()
        .args(["diff", "samples/toll-update/v1.txt", "--article", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("is not an archive"));
}

/// Own cases of the kind: a directory (an article subdirectory, a JSON article, and a
/// JSON Lines archive inside it), numeric ids, and `split --article`.
#[test]
fn one_article_of_a_directory() {
    let dir = tempdir();
    let root = dir.path();
    std::fs::create_dir(root.join("bridge")).unwrap();
    write(
        &root.join("bridge"),
        "1.txt",
        "The bridge will close for 2 weeks.",
    );
    write(
        &root.join("bridge"),
        "2.txt",
        "The bridge will close for 3 weeks.",
    );
    write(
        root,
        "feed.jsonl",
        "{\"article\": 42, \"version\": \"0\", \"title\": \"Storm\", \"text\": \"A storm hit.\"}\n\
         {\"article\": 42, \"version\": \"1\", \"title\": \"Storm\", \"text\": \"A storm hit the coast.\"}\n",
    );
    let root_s = root.to_str().unwrap();
    let out = newsdiff()
        .args(["check", root_s, "--list"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "bridge\t2\t\nfeed.jsonl#42\t2\tStorm\n");
    let out = newsdiff()
        .args([root_s, "--article", "bridge", "--color", "never"])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("[-2-]{+3+}"),
        "{}",
        stderr_of(&out)
    );
    let out = newsdiff()
        .args(["split", root_s, "--article", "feed.jsonl#42"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(doc["revisions"].as_array().unwrap().len(), 2);
    let out = newsdiff()
        .args(["check", &format!("{root_s}/feed.jsonl"), "--list"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out), "42\t2\tStorm\n");
}
