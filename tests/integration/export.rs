//! `newsdiff export`: whole archives as JSON Lines and SQLite (issue 15, item 2).

use crate::util::{newsdiff, stderr_of, tempdir, write};

/// The versions of three small articles, by id.
fn versions() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "a1",
            vec![
                "The bridge will close on Monday.\n\nRepairs will cost $2 million.",
                "The bridge will close on Monday.\n\nRepairs will cost $3 million, officials said.",
                "The Old Mill bridge will close on Monday.\n\nRepairs will cost $3 million, officials said.\n\nBuses will be diverted.",
            ],
        ),
        (
            "a2",
            vec![
                "A storm hit the coast. Two people were hurt. Power was cut to 400 homes.",
                "A storm hit the coast on Friday, hurting two people and cutting power to 400 homes.",
            ],
        ),
        ("a3", vec!["One version only."]),
    ]
}

/// A JSON Lines archive of [`versions`], with one unreadable line in the middle.
fn archive(dir: &std::path::Path) -> String {
    let mut lines = Vec::new();
    for (id, texts) in versions() {
        for (v, t) in texts.iter().enumerate() {
            lines.push(serde_json::json!({"article": id, "version": v, "text": t}).to_string());
        }
        if id == "a1" {
            lines.push("{not json".to_string());
        }
    }
    write(dir, "archive.jsonl", lines.join("\n") + "\n")
}

fn export(archive: &str, out: &std::path::Path) -> std::process::Output {
    newsdiff()
        .args([
            "export",
            archive,
            "-o",
            out.to_str().unwrap(),
            "--no-progress",
        ])
        .output()
        .unwrap()
}

#[test]
fn a_broken_line_is_reported_and_the_rest_is_exported() {
    let dir = tempdir();
    let archive = archive(dir.path());
    let out = dir.path().join("out.jsonl");
    let run = export(&archive, &out);
    assert_eq!(run.status.code(), Some(2), "a problem is trouble");
    let err = stderr_of(&run);
    assert!(err.contains("archive.jsonl:4"), "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.lines().count(),
        3,
        "every readable article is exported"
    );
}

#[test]
fn every_revision_rebuilds_from_the_json_lines() {
    let dir = tempdir();
    let out = dir.path().join("out.jsonl");
    export(&archive(dir.path()), &out);
    let text = std::fs::read_to_string(&out).unwrap();
    for (line, (id, texts)) in text.lines().zip(versions()) {
        let log: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(log["schema"], "newsdiff/changelog/1");
        assert_eq!(log["article"]["id"], id);
        let revisions = log["revisions"].as_array().unwrap();
        assert_eq!(revisions.len(), texts.len());
        for (rev, want) in revisions.iter().zip(texts) {
            assert_eq!(rebuild(rev), want, "{id}");
        }
    }
}

/// A revision's text from its paragraphs and separators (the contract's rule).
fn rebuild(rev: &serde_json::Value) -> String {
    let paragraphs: Vec<&str> = rev["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    let separators: Vec<String> = match rev.get("separators") {
        Some(s) => s
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect(),
        None => (0..=paragraphs.len())
            .map(|i| match i == 0 || i == paragraphs.len() {
                true => String::new(),
                false => "\n\n".to_string(),
            })
            .collect(),
    };
    let mut out = separators[0].clone();
    for (p, s) in paragraphs.iter().zip(&separators[1..]) {
        out.push_str(p);
        out.push_str(s);
    }
    out
}

#[test]
fn the_sqlite_links_are_the_json_ops_links() {
    let dir = tempdir();
    let archive = archive(dir.path());
    let (db, jsonl) = (dir.path().join("out.db"), dir.path().join("out.jsonl"));
    export(&archive, &db);
    export(&archive, &jsonl);
    let mut json_links = 0;
    for line in std::fs::read_to_string(&jsonl).unwrap().lines() {
        let log: serde_json::Value = serde_json::from_str(line).unwrap();
        for d in log["diffs"].as_array().unwrap() {
            for op in d["ops"].as_array().unwrap() {
                let n = |side: &str| op[side].as_array().unwrap().len().max(1);
                json_links += n("old") * n("new");
            }
        }
    }
    assert!(json_links > 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM links") as usize, json_links);
    assert_eq!(count("SELECT count(*) FROM articles"), 3);
    assert_eq!(count("SELECT count(*) FROM revisions"), 6);
    assert_eq!(count("SELECT count(*) FROM diffs"), 3);
    assert_eq!(
        count("SELECT count(*) FROM classes WHERE class = 'number'"),
        1,
        "$2 million → $3 million"
    );
    // a2's three sentences went into one.
    assert_eq!(
        count(
            "SELECT count(*) FROM links l JOIN articles a USING (article) WHERE a.id = 'a2' AND kind = 'merged'"
        ),
        3
    );
}

#[test]
fn the_sqlite_file_opens_in_python() {
    let Ok(python) = which_python() else {
        eprintln!("python3 not found; skipped");
        return;
    };
    let dir = tempdir();
    let db = dir.path().join("out.sqlite");
    export(&archive(dir.path()), &db);
    let script = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nprint(c.execute('select count(*) from sentences').fetchone()[0])\n";
    let out = std::process::Command::new(python)
        .args(["-c", script, db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let n: usize = String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(n, 2 + 2 + 3 + 3 + 1 + 1);
}

fn which_python() -> Result<&'static str, ()> {
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if ok { Ok("python3") } else { Err(()) }
}

#[test]
fn an_output_of_no_known_kind_is_one_line_and_exit_2() {
    let dir = tempdir();
    let archive = archive(dir.path());
    let run = export(&archive, &dir.path().join("out.csv"));
    assert_eq!(run.status.code(), Some(2));
    let err = stderr_of(&run);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(".jsonl, .db or .sqlite"));
    let run = export(&archive, std::path::Path::new(&archive));
    assert_eq!(run.status.code(), Some(2), "never overwrites its input");
}

#[test]
fn an_output_inside_a_directory_read_is_refused() {
    let dir = tempdir();
    archive(dir.path());
    let run = export(dir.path().to_str().unwrap(), &dir.path().join("out.jsonl"));
    assert_eq!(run.status.code(), Some(2));
    let err = stderr_of(&run);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("would be read as an input"), "{err}");
    assert!(!dir.path().join("out.jsonl").exists());
}

#[test]
fn the_sqlite_export_keeps_the_paragraphs_set_aside() {
    let dir = tempdir();
    let line = |v: u32| {
        serde_json::json!({"article": "b1", "version": v,
            "text": format!("The road reopened after {} hours.\n\nShare on Facebook Share on Twitter\n\nReuse this content", v + 4)})
        .to_string()
    };
    let archive = write(dir.path(), "b.jsonl", [line(0), line(1)].join("\n") + "\n");
    let db = dir.path().join("out.db");
    let run = export(&archive, &db);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: Vec<(i64, String)> = conn
        .prepare("SELECT paragraph, reason FROM ignored WHERE revision = 1 ORDER BY paragraph")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            (1, "share-prompt".to_string()),
            (2, "reuse-prompt".to_string())
        ]
    );
}
