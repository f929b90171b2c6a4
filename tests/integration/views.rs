//! The side-by-side layout and the log view.

use crate::util::{newsdiff, sample, stdout_of};

const V1: &str = "toll-update/v1.txt";
const V2: &str = "toll-update/v2.txt";
const V3: &str = "toll-update/v3.txt";

fn run(args: &[&str]) -> String {
    let out = newsdiff().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout_of(&out)
}

#[test]
fn side_layout_fits_the_width_and_marks_changes_in_text() {
    for width in [60, 100, 160] {
        let w = width.to_string();
        let text = run(&[
            &sample(V1),
            &sample(V2),
            "--layout",
            "side",
            "--width",
            &w,
            "--color",
            "never",
        ]);
        for line in text.lines().filter(|l| l.contains('│')) {
            assert!(line.chars().count() <= width, "{width}: {line:?}");
        }
        assert!(text.contains("[-40-]") && text.contains("{+52+}"), "{text}");
    }
}

#[test]
fn side_layout_snapshot() {
    let text = run(&[
        &sample(V1),
        &sample(V2),
        &sample(V3),
        "--layout",
        "side",
        "--width",
        "100",
        "--color",
        "never",
    ]);
    insta::assert_snapshot!("toll_update_side", text);
}

#[test]
fn side_layout_colour_snapshot() {
    let text = run(&[
        &sample(V1),
        &sample(V2),
        "--layout",
        "side",
        "--width",
        "100",
        "--color",
        "always",
    ]);
    insta::assert_snapshot!("toll_update_side_colour", text);
}

#[test]
fn log_lists_every_revision() {
    let text = run(&["log", &sample("json/aleppo.json"), "--color", "never"]);
    insta::assert_snapshot!("aleppo_log", text);
    let json = run(&["log", &sample("json/aleppo.json"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "newsdiff/log/1");
    let revs = v["revisions"].as_array().unwrap();
    assert_eq!(revs.len(), 3);
    assert!(revs[0].get("changes").is_none());
    assert!(revs[1]["title_changed"].as_bool().unwrap());
    assert!(
        revs[1]["classes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "headline")
    );
    insta::assert_snapshot!("aleppo_log_json", json);
}

/// Versions stamped 08:00Z and 09:00+02:00 read as "09:00, an hour earlier" with the
/// offsets dropped (found trying the jsonl-epoch-times field case).
#[test]
fn log_shows_offsets_when_versions_differ_in_them() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(
        &feed,
        "{\"article\": \"a\", \"version\": 0, \"created\": \"2020-05-01T08:00:00Z\", \"text\": \"Storm nears.\"}\n\
         {\"article\": \"a\", \"version\": 1, \"created\": \"2020-05-01T09:00:00+02:00\", \"text\": \"Storm hits.\"}\n",
    )
    .unwrap();
    let feed = feed.to_str().unwrap();
    let text = run(&["log", feed, "--article", "a", "--color", "never"]);
    assert!(text.contains("2020-05-01 08:00 +00:00"), "{text}");
    assert!(text.contains("2020-05-01 09:00 +02:00"), "{text}");
}

#[test]
fn log_of_plain_files_counts_changes() {
    let text = run(&[
        "log",
        &sample(V1),
        &sample(V2),
        &sample(V3),
        "--color",
        "never",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].contains("+1") && lines[1].contains("~2"), "{text}");
}

/// Every view shows a rewritten group (issue 14) with its note.
#[test]
fn every_view_notes_a_rewritten_group() {
    let dir = crate::util::tempdir();
    let path = crate::util::rewritten_list_article(dir.path());
    for args in [
        &["--format", "terminal"][..],
        &["--format", "terminal", "--layout", "side", "--width", "120"],
        &["--format", "markdown"],
        &["--format", "html"],
    ] {
        let out = newsdiff().arg(&path).args(args).output().unwrap();
        let text = stdout_of(&out);
        assert!(
            text.contains("rewritten from old sentences 2, 3"),
            "{args:?}:\n{text}"
        );
        assert!(text.contains("rewritten"), "{args:?}: no stat\n{text}");
    }
}
