//! `newsdiff check` on small archives built in temporary directories: a directory of
//! articles, JSON Lines, a diffengine-layout SQLite database made with the real library,
//! rules from flags and from `newsdiff.toml`, the three report formats, exit codes, and
//! bad archives that are reported without stopping the run.

use std::path::Path;
use std::process::Output;

use crate::util::{newsdiff, sample_text, stderr_of, stdout_of, tempdir, write};

/// `newsdiff check --no-progress ARGS`, run to the end.
fn check(args: &[&str]) -> Output {
    let mut all = vec!["check", "--no-progress"];
    all.extend(args);
    newsdiff().args(all).output().expect("newsdiff runs")
}

/// A JSON Lines version line.
fn line(article: &str, version: u64, created: &str, title: &str, text: &str) -> String {
    serde_json::json!({
        "article": article, "version": version, "created": created, "title": title,
        "url": format!("https://www.example.com/{article}"), "text": text,
    })
    .to_string()
}

/// The diffengine schema, as peewee creates it.
const DIFFENGINE_SCHEMA: &str = r#"
CREATE TABLE "entry" ("id" INTEGER NOT NULL PRIMARY KEY, "url" VARCHAR(255) NOT NULL,
    "created" DATETIME NOT NULL, "checked" DATETIME NOT NULL);
CREATE TABLE "entryversion" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(255) NOT NULL,
    "url" VARCHAR(255) NOT NULL, "summary" VARCHAR(255) NOT NULL, "created" DATETIME NOT NULL,
    "archive_url" VARCHAR(255), "entry_id" INTEGER NOT NULL, "tweet_status_id_str" VARCHAR(255),
    FOREIGN KEY ("entry_id") REFERENCES "entry" ("id"));
CREATE INDEX "entryversion_entry_id" ON "entryversion" ("entry_id");
"#;

/// A diffengine database: entry 1 has a number changed without a note, entry 2 a number
/// changed with a correction note, entry 3 an empty summary.
fn diffengine_db(path: &Path) {
    let conn = rusqlite::Connection::open(path).expect("can create a database");
    conn.execute_batch(DIFFENGINE_SCHEMA).unwrap();
    let entries = [
        (1, "https://www.bbc.co.uk/news/fire"),
        (2, "https://www.nytimes.com/storm.html"),
        (3, "https://www.nytimes.com/empty.html"),
    ];
    for (id, url) in entries {
        conn.execute(
            "INSERT INTO entry VALUES (?1, ?2, '2020-01-01 09:00:00', '2020-01-01 09:00:00')",
            rusqlite::params![id, url],
        )
        .unwrap();
    }
    let versions: [(i64, &str, &str, &str); 5] = [
        (
            1,
            "Fire kills 12",
            "2020-01-01 09:00:00.000001",
            "<p>At least 12 people died in a fire in Leeds, police&nbsp;said.</p>\
             <p>&ldquo;It was terrible,&rdquo; a neighbour said.</p>",
        ),
        (
            1,
            "Fire kills 12",
            "2020-01-01 10:00:00.5",
            "<p>At least 19 people died in a fire in Leeds, police said.</p>\
             <p>&ldquo;It was terrible,&rdquo; a neighbour said.</p>",
        ),
        (
            2,
            "Storm",
            "2020-01-01 09:00:00",
            "<div><p>The storm damaged 40 homes, officials said.</p></div>",
        ),
        (
            2,
            "Storm",
            "2020-01-01 11:00:00",
            "<div><p>The storm damaged 43 homes, officials said.</p>\
             <p>Correction: An earlier version of this story gave the number of homes incorrectly.</p></div>",
        ),
        (3, "Empty", "2020-01-01 11:00:00", ""),
    ];
    for (entry, title, created, summary) in versions {
        let url = entries[(entry - 1) as usize].1;
        conn.execute(
            "INSERT INTO entryversion (title, url, summary, created, entry_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![title, url, summary, created, entry],
        )
        .unwrap();
    }
}

#[test]
fn diffengine_sqlite_is_checked() {
    let dir = tempdir();
    let db = dir.path().join("diffengine.db");
    diffengine_db(&db);
    let db = db.to_str().unwrap();

    // Integrity rules only: the empty summary is the one thing that cannot be read.
    let out = check(&[db]);
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{db}: entryversion row 5 (entry 3): error: the version has no text"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("checked 2 articles, 4 versions"),
        "{stdout}"
    );

    // With the number policy: entry 1 fails, entry 2 has its correction note.
    let out = check(&["--enable", "number-change", "--format", "json", db]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["schema"], "newsdiff/check/1");
    let findings = report["findings"].as_array().unwrap();
    let violations: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["type"] == "violation")
        .collect();
    assert_eq!(violations.len(), 1, "{findings:#?}");
    let v = violations[0];
    assert_eq!(v["rule"], "number-change");
    assert_eq!(v["article"], format!("{db}: entry 1"));
    assert_eq!(v["source"], "bbc.co.uk");
    assert_eq!(v["at"], format!("{db}: entryversion row 2 (entry 1)"));
    assert!(v["message"].as_str().unwrap().contains("12 → 19"), "{v:#?}");
    assert_eq!(report["summary"]["pairs_diffed"], 2);
    assert_eq!(report["exit"], 2);
}

#[test]
fn directory_archive_with_subdirectories_json_and_jsonl() {
    let dir = tempdir();
    let root = dir.path();
    std::fs::create_dir(root.join("toll")).unwrap();
    write(
        &root.join("toll"),
        "1.txt",
        "At least 12 people were killed, police said.\n\nThe cause is not known.\n",
    );
    write(
        &root.join("toll"),
        "2.txt",
        "At least 19 people were killed, police said.\n\nThe cause is not known.\n",
    );
    write(
        root,
        "article.json",
        r#"{"article": {"source": "Reuters"}, "revisions": [
            {"version": 0, "created": "2020-01-01T10:00:00Z", "text": "One thing happened."},
            {"version": 1, "created": "2020-01-01T09:00:00Z", "text": "One thing happened today."}]}"#,
    );
    let jsonl = [
        line("a", 0, "2020-01-01T10:00:00Z", "T", "First text."),
        line("b", 0, "2020-01-01T10:00:00Z", "T", "Other text."),
        line("a", 1, "2020-01-01T11:00:00Z", "T", "First text, changed."),
        line("a", 2, "2020-01-01T12:00:00Z", "T", "First text."),
    ]
    .join("\n");
    write(root, "feed.jsonl", jsonl);
    let root_s = root.to_str().unwrap();

    let out = check(&[root_s]);
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let findings: Vec<&str> = stdout.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        findings,
        [
            format!(
                "{root_s}/article.json: version 1: time-order: version 1 (2020-01-01T09:00:00+00:00) \
                 is older than version 0 before it (2020-01-01T10:00:00+00:00)"
            ),
            format!(
                "{root_s}/feed.jsonl: article a: version 2: flip-flop: version 2 is identical to \
                 version 0, undoing version 1 ({root_s}/feed.jsonl:4)"
            ),
        ],
        "{stdout}"
    );
    assert!(
        stdout.contains("checked 4 articles, 8 versions"),
        "{stdout}"
    );
    assert!(stdout.contains("  time-order"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("FAIL: 2 violations"),
        "{stdout}"
    );

    // The number rule for one source only: the toll article has no source, so it passes.
    let out = check(&[
        "--enable",
        "number-change@example.com",
        "--disable",
        "time-order,flip-flop",
        root_s,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    let out = check(&[
        "--enable",
        "number-change",
        "--disable",
        "time-order,flip-flop",
        root_s,
    ]);
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{root_s}/toll: version 1: number-change: numbers changed without a correction or update note: 12 → 19 ({root_s}/toll/2.txt)"
        )),
        "{stdout}"
    );
}

/// Regression: one empty version file made its whole article unreadable (exit 2) where a
/// blank version in JSON Lines is an `empty-revision` violation (exit 1).
#[test]
fn an_empty_version_file_is_an_empty_revision_and_a_readme_is_no_article() {
    let dir = tempdir();
    let root = dir.path();
    let story = root.join("story");
    std::fs::create_dir(&story).unwrap();
    write(&story, "1.txt", "At least 12 people were killed.\n");
    write(&story, "2.txt", " \n");
    write(&story, "3.txt", "At least 19 people were killed.\n");
    write(root, "README.md", "# Our archive\n\nNotes for the team.\n");
    let root_s = root.to_str().unwrap();
    let out = check(&[root_s]);
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", stderr_of(&out));
    let findings: Vec<&str> = stdout.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        findings,
        [format!(
            "{root_s}/story: version 1: empty-revision: version 1 is empty ({root_s}/story/2.txt)"
        )],
        "{stdout}"
    );
    assert!(stdout.contains("checked 1 article, 3 versions"), "{stdout}");
}

/// A newsroom quietly taking a correction back out: v3 of the toll story carries the
/// note, the version after it (v2's text) no longer does.
#[test]
fn correction_removed_flags_a_note_taken_away() {
    let dir = tempdir();
    let story = dir.path().join("toll");
    std::fs::create_dir(&story).unwrap();
    write(&story, "1.txt", sample_text("toll-update/v3.txt"));
    write(&story, "2.txt", sample_text("toll-update/v2.txt"));
    let path = story.to_str().unwrap();
    let root = dir.path().to_str().unwrap();
    let off = check(&[root]);
    assert_eq!(off.status.code(), Some(0), "{}", stdout_of(&off));
    let on = check(&["--enable", "correction-removed", root]);
    let stdout = stdout_of(&on);
    assert_eq!(on.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{path}: version 1: correction-removed: correction or update note removed: \
             -Correction: An earlier version of this story gave"
        )),
        "{stdout}"
    );
}

#[test]
fn newsdiff_toml_sets_rules_by_source() {
    let dir = tempdir();
    let root = dir.path();
    let jsonl = [
        serde_json::json!({"article": "n", "version": 0, "source": "nyt", "text": "The storm damaged 40 homes."}).to_string(),
        serde_json::json!({"article": "n", "version": 1, "source": "nyt", "text": "The storm damaged 43 homes."}).to_string(),
        serde_json::json!({"article": "g", "version": 0, "source": "guardian", "text": "The flood hit 40 homes."}).to_string(),
        serde_json::json!({"article": "g", "version": 1, "source": "guardian", "text": "The flood hit 43 homes."}).to_string(),
    ]
    .join("\n");
    let feed = write(root, "feed.jsonl", jsonl);
    write(
        root,
        "newsdiff.toml",
        "[rules]\nnumber-change = true\n\n[sources.guardian]\nnumber-change = false\n",
    );
    let out = check(&["--format", "json", &feed]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["article"].as_str().unwrap())
        .collect();
    assert_eq!(articles, [format!("{feed}: article n")]);
    assert_eq!(out.status.code(), Some(1));

    // A broken configuration is trouble, in one line.
    write(root, "newsdiff.toml", "[rules]\nnumbers = true\n");
    let out = check(&[&feed]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.starts_with("newsdiff: error: "), "{err}");
    assert!(
        err.contains("newsdiff.toml: line 2") && err.contains("numbers"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn bad_archives_are_reported_and_the_rest_is_checked() {
    let dir = tempdir();
    let root = dir.path();
    write(
        root,
        "corrupt.db",
        b"SQLite format 3\0this is not a database at all, really",
    );
    write(root, "latin1.txt", b"caf\xe9 au lait.");
    write(root, "broken.json", "{\"revisions\": [");
    let jsonl = [
        line("a", 0, "2020-01-01T10:00:00Z", "T", "Text one."),
        "{not json".to_string(),
        serde_json::json!({"article": "a", "version": 1}).to_string(),
        line("a", 2, "2020-01-01T12:00:00Z", "T", "Text two."),
        line("b", 0, "2020-01-01T09:00:00Z", "T", "Same."),
        line("b", 1, "2020-01-01T10:00:00Z", "T", "Same."),
    ]
    .join("\n");
    write(root, "feed.jsonl", jsonl);
    let missing = root.join("missing.jsonl");
    let root_s = root.to_str().unwrap();

    let out = check(&[root_s, missing.to_str().unwrap()]);
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    for expected in [
        format!("{root_s}/broken.json: error: invalid JSON"),
        format!("{root_s}/corrupt.db: error: cannot read as a SQLite database"),
        format!("{root_s}/feed.jsonl:2: error: not a JSON object"),
        format!("{root_s}/feed.jsonl:3: error: version 1 of article a has no `text`"),
        format!("{root_s}/latin1.txt: error: is not valid UTF-8"),
        format!("{root_s}/missing.jsonl: error: no such file or directory"),
        // Still checked: the duplicate in article b.
        format!(
            "{root_s}/feed.jsonl: article b: version 1: duplicate-revision: version 1 repeats version 0 exactly"
        ),
    ] {
        assert!(
            stdout.contains(&expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
    assert!(
        stdout.contains("TROUBLE: 6 things could not be read"),
        "{stdout}"
    );

    // JUnit: one test case per article or unreadable thing, with errors and failures.
    let out = check(&["--format", "junit", root_s]);
    let xml = stdout_of(&out);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains(r#"<testsuite name="newsdiff check" tests="7" failures="1" errors="5""#),
        "{xml}"
    );
    assert_eq!(xml.matches("<testcase ").count(), 7, "{xml}");
    assert!(xml.contains(r#"type="duplicate-revision""#), "{xml}");
    assert!(xml.trim_end().ends_with("</testsuites>"));
}

#[test]
fn a_clean_archive_passes_and_order_does_not_depend_on_threads() {
    let dir = tempdir();
    let root = dir.path();
    let mut lines = Vec::new();
    for a in 0..40 {
        for v in 0..3u64 {
            let text = format!(
                "Officials in district {a} said {} homes were damaged.\n\nRepairs began on day {v}.",
                10 + v
            );
            lines.push(line(
                &format!("art{a}"),
                v,
                &format!("2020-01-01T1{v}:00:00Z"),
                "T",
                &text,
            ));
        }
    }
    // Versions of one article spread over the file.
    lines.reverse();
    let feed = write(root, "feed.jsonl", lines.join("\n"));
    let out = check(&[&feed]);
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("checked 40 articles, 120 versions"),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("PASS"), "{stdout}");

    let findings = |jobs: &str| {
        let out = check(&[
            "--enable",
            "number-change",
            "--format",
            "json",
            "-j",
            jobs,
            &feed,
        ]);
        assert_eq!(out.status.code(), Some(1));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["findings"].clone()
    };
    let one = findings("1");
    assert_eq!(one.as_array().unwrap().len(), 80);
    assert_eq!(one, findings("4"));
}

#[test]
fn usage_errors() {
    let out = check(&["--enable", "numbers", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with("newsdiff: error: no rule \"numbers\""),
        "{err}"
    );
    let out = check(&["--max-deleted-percent", "150", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("0 to 100"));
}
