//! Article versions as people keep them (issue 12): NewsEdits' empty sentences, JSON Lines
//! from data frames, NewsDiffs files, one article out of an archive, the page lines and
//! entities of raw tracker databases, and URL changes. The field cases are copied under
//! `tests/data/field-cases/`; each test adds cases of its own of the same kind.

use crate::util::{json_change_log, newsdiff, stderr_of, stdout_of, tempdir, write};

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
    let log = json_change_log(&[&file]);
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
    let log = json_change_log(&[&a, &b]);
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
    let log = json_change_log(&[&a, &b]);
    for r in log["revisions"].as_array().unwrap() {
        assert!(r.get("title").is_none(), "{r}");
        assert_eq!(r["paragraphs"][0]["text"], "June 5, 2018", "{r}");
    }
    // --from newsdiffs reads such a file by the layout anyway: the second line is the
    // headline.
    let log = json_change_log(&[&b, &b, "--from", "newsdiffs"]);
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

// ---------------------------------------------------------------------------------------
// Raw tracker databases: page lines, escaped markup, entities in titles

/// A NewsEdits-layout database (`entryversion` with `version` and `source`) from rows of
/// (entry, version, title, url, created, summary).
fn newsedits_db(path: &std::path::Path, rows: &[(i64, i64, &str, &str, &str, &str)]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE entryversion (id INTEGER PRIMARY KEY, entry_id INTEGER, version INTEGER,
             title TEXT, url TEXT, summary TEXT, created TEXT, source TEXT, num_versions INTEGER);",
    )
    .unwrap();
    for (entry, version, title, url, created, summary) in rows {
        conn.execute(
            "INSERT INTO entryversion (entry_id, version, title, url, summary, created, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'bbc')",
            rusqlite::params![entry, version, title, url, summary, created],
        )
        .unwrap();
    }
}

/// Runs newsdiff and returns (exit code, stdout + stderr).
fn run_all(args: &[&str]) -> (Option<i32>, String) {
    let out = newsdiff().args(args).output().unwrap();
    (out.status.code(), stdout_of(&out) + &stderr_of(&out))
}

/// What no output may show of the tracker's page lines and escaped markup.
fn assert_no_page_lines(output: &str, what: &str) {
    for bad in [
        "Version 1 of",
        "Version 2 of",
        "Version 3 of",
        "Currently monitoring",
        "&lt;b&gt;",
        "<b>unless",
        "&amp;lt;",
    ] {
        assert!(!output.contains(bad), "{what} shows {bad:?}:\n{output}");
    }
}

/// Diffs, logs, checks and reports a database's article; checks the right result: no
/// change 0→1, only `old → new` in 1→2, and no page line anywhere.
fn assert_page_lines_gone(db: &str, id: &str, old: &str, new: &str) {
    let (code, text) = run_all(&["diff", db, "--article", id, "--color", "never"]);
    assert_eq!(code, Some(0), "{text}");
    assert_no_page_lines(&text, "diff");
    let pairs: Vec<&str> = text.split("━━ version").skip(1).collect();
    assert_eq!(pairs.len(), 2, "{text}");
    assert!(pairs[0].contains("no changes in the text"), "{}", pairs[0]);
    assert!(
        pairs[1].contains(&format!("[-{old}-]{{+{new}+}}")),
        "{}",
        pairs[1]
    );
    assert!(pairs[1].contains("~1 edited  ("), "{}", pairs[1]);
    assert!(
        pairs[1].contains(&format!("number changed ({old} → {new})")),
        "{}",
        pairs[1]
    );
    for format in ["json", "markdown", "html"] {
        let (code, text) = run_all(&["diff", db, "--article", id, "--format", format]);
        assert_eq!(code, Some(0), "{text}");
        assert_no_page_lines(&text, format);
    }
    let (_, text) = run_all(&["log", db, "--article", id, "--color", "never"]);
    assert_no_page_lines(&text, "log");
    let (_, text) = run_all(&["check", db, "--enable", "number-change"]);
    assert_no_page_lines(&text, "check");
    let finding = text.lines().find(|l| l.contains("number-change:")).unwrap();
    assert!(finding.contains(&format!(": {old} → {new} (")), "{finding}");
    let (_, text) = run_all(&["check", db, "--format", "json"]);
    assert_no_page_lines(&text, "check --format json");
    let site = tempdir();
    let site_s = site.path().to_str().unwrap();
    let (code, text) = run_all(&["report", db, "-o", site_s]);
    assert_eq!(code, Some(0), "{text}");
    for entry in walk(site.path()) {
        let page = std::fs::read_to_string(&entry).unwrap_or_default();
        assert_no_page_lines(&page, &entry.display().to_string());
    }
}

/// Every file under a directory.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The field case: the article's own link, `Version N of M`, `Currently monitoring N
/// news articles` and `&lt;b&gt;` markup are normalised away, and reported.
#[test]
fn newsedits_page_lines_and_escaped_markup_are_normalised_away() {
    let db = field_case("newsedits-raw-page-lines/newsedits-bbc.db");
    assert_page_lines_gone(&db, "101", "12", "15");
    let (_, text) = run_all(&["diff", &db, "--article", "101", "--format", "json"]);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let warning = log["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "boilerplate")
        .expect("a boilerplate warning");
    assert_eq!(warning["doubt"], false);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .starts_with("9 page lines removed"),
        "{warning}"
    );
}

/// Own cases of the kind: other counters and counts, the own link over https with a
/// trailing slash, escaped italics and a link, a plain-text summary (lines, no tags), and
/// the same words inside a sentence, which stay.
#[test]
fn other_tracker_page_lines_are_normalised_away() {
    let dir = tempdir();
    let db = dir.path().join("ne.db");
    let url = "http://www.bbc.co.uk/news/world-1234";
    let page = |n: i64, count: &str| {
        format!(
            "<p><a href=\"{url}\">https://bbc.co.uk/news/world-1234/</a></p><p>Version {n} of 14</p>\
             <p>The storm left {count} homes without power, &lt;i&gt;the utility said&lt;/i&gt;.</p>\
             <p>The final version of 3 plans was approved.</p>\
             <p>&lt;a href=&quot;x&quot;&gt;Read more&lt;/a&gt; about the storm.</p>\
             <p>Currently monitoring 98,001 news articles.</p>"
        )
    };
    let plain = |n: i64, count: &str| {
        format!(
            "{url}\nVersion {n} of 14\nThe storm left {count} homes without power, the utility said.\n\
             The final version of 3 plans was approved.\nRead more about the storm.\n\
             Currently monitoring 98,001 news articles"
        )
    };
    let t = "2020-01-01 10:00:00";
    newsedits_db(
        &db,
        &[
            (1, 0, "Storm", url, t, &page(7, "3,000")),
            (1, 1, "Storm", url, t, &page(8, "3,000")),
            (1, 2, "Storm", url, t, &page(9, "4,500")),
            (2, 0, "Storm", url, t, &plain(1, "3,000")),
            (2, 1, "Storm", url, t, &plain(2, "3,000")),
            (2, 2, "Storm", url, t, &plain(3, "4,500")),
        ],
    );
    let db = db.to_str().unwrap();
    for id in ["1", "2"] {
        let (_, text) = run_all(&["diff", db, "--article", id, "--color", "never", "--full"]);
        for kept in [
            "The final version of 3 plans was approved.",
            "Read more about the storm.",
        ] {
            assert!(text.contains(kept), "{kept} lost:\n{text}");
        }
        assert!(!text.contains("<a") && !text.contains("<i>"), "{text}");
        assert!(
            !text.contains("Version 7 of") && !text.contains("98,001"),
            "{text}"
        );
    }
    let site = tempdir();
    let (code, text) = run_all(&["report", db, "-o", site.path().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
    let (_, text) = run_all(&["check", db, "--enable", "number-change"]);
    let findings: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("number-change:"))
        .collect();
    assert_eq!(findings.len(), 2, "{text}");
    for f in findings {
        assert!(f.contains(": 3,000 → 4,500 ("), "{f}");
    }
}

/// The field case: entities in one version, literal characters in the next, then plain
/// ASCII quotes: 0→1 no change in title or body; 1→2 typography only; the site shows
/// `Café owner’s appeal`, never `&eacute;`.
#[test]
fn entities_in_titles_and_bodies_are_characters() {
    let db = field_case("entities-in-titles/ent.db");
    let (code, text) = run_all(&["diff", &db, "--article", "3", "--format", "json"]);
    assert_eq!(code, Some(0), "{text}");
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let revisions = log["revisions"].as_array().unwrap();
    assert_eq!(revisions[0]["title"], "Café owner’s appeal");
    assert_eq!(revisions[0]["title"], revisions[1]["title"]);
    assert_eq!(revisions[0]["paragraphs"], revisions[1]["paragraphs"]);
    let d0 = &log["diffs"][0];
    assert!(d0.get("title").is_none_or(|t| t.is_null()), "{d0}");
    assert_eq!(
        d0["stats"]["unchanged"],
        d0["ops"].as_array().unwrap().len()
    );
    let d1 = &log["diffs"][1];
    let classes: Vec<&str> = d1["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .filter(|c| *c != "headline")
        .collect();
    assert_eq!(classes, ["typography"], "{d1}");
    let site = tempdir();
    let (code, text) = run_all(&["report", &db, "-o", site.path().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
    let mut seen = false;
    for page in walk(site.path()) {
        let html = std::fs::read_to_string(&page).unwrap_or_default();
        assert!(!html.contains("eacute"), "{}", page.display());
        assert!(!html.contains("rsquo"), "{}", page.display());
        seen |= html.contains("Café owner’s appeal");
    }
    assert!(seen, "no page shows the title");
}

/// Own cases of the kind: numeric and hex references, an escaped tag in a title, and a
/// title with a bare `&` (which stays).
#[test]
fn other_entities_in_titles() {
    let dir = tempdir();
    let db = dir.path().join("ne.db");
    let url = "https://example.test/a";
    let t = "2020-01-01 10:00:00";
    newsedits_db(
        &db,
        &[
            (
                1,
                0,
                "M&#252;ller &#x2013; AT&T &lt;b&gt;deal&lt;/b&gt;",
                url,
                t,
                "<p>Müller &#8211; AT&amp;T deal.</p>",
            ),
            (
                1,
                1,
                "Müller – AT&T deal",
                url,
                t,
                "<p>Müller – AT&T deal.</p>",
            ),
        ],
    );
    let db = db.to_str().unwrap();
    let (_, text) = run_all(&["diff", db, "--article", "1", "--format", "json"]);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["revisions"][0]["title"], "Müller – AT&T deal");
    assert_eq!(log["revisions"][1]["title"], "Müller – AT&T deal");
    assert_eq!(log["diffs"][0]["stats"]["edited"], 0);
}

// ---------------------------------------------------------------------------------------
// A URL change between versions

/// A version at a new address is reported in `check` (a `parse-clean` doubt) and in the
/// change log's warnings, and the article is still read as one.
#[test]
fn a_url_change_between_versions_is_reported() {
    let dir = tempdir();
    let feed = write(
        dir.path(),
        "feed.jsonl",
        concat!(
            r#"{"article":"a","version":0,"url":"https://news.test/2020/storm","text":"A storm hit the coast."}"#,
            "\n",
            r#"{"article":"a","version":1,"url":"https://news.test/2020/storm-live?utm_source=x","text":"A storm hit the coast on Friday."}"#,
            "\n",
            r#"{"article":"b","version":0,"url":"http://news.test/b","text":"One."}"#,
            "\n",
            r#"{"article":"b","version":1,"url":"https://www.news.test/b/?utm_source=feed#top","text":"One. Two."}"#,
            "\n",
        ),
    );
    let (code, text) = run_all(&["check", &feed]);
    assert_eq!(code, Some(1), "{text}");
    let findings: Vec<&str> = text.lines().filter(|l| l.contains("url-changed")).collect();
    assert_eq!(findings.len(), 1, "{text}");
    assert!(findings[0].contains("article a"), "{text}");
    assert!(findings[0].contains("storm-live"), "{text}");
    assert!(!text.contains("duplicate"), "{text}");
    let out = newsdiff()
        .args(["diff", &feed, "--article", "a", "--format", "json"])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let kinds: Vec<&str> = log["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["url-changed"]);
    assert_eq!(log["diffs"].as_array().unwrap().len(), 1);
}
