//! Boilerplate set aside (issue 12, item 6) and the thresholds of issue 13 (item 5):
//! page chrome never reaches the diff and is always reported; `--ignore typography` and
//! the minimum-change settings count what they pass over.

use crate::util::{json_change_log, newsdiff, sample, stderr_of, stdout_of, tempdir, write};

fn pair() -> [String; 2] {
    [sample("boilerplate/v1.txt"), sample("boilerplate/v2.txt")]
}

#[test]
fn page_chrome_is_set_aside_and_the_real_edit_is_all_that_is_left() {
    let [a, b] = pair();
    let log = json_change_log(&["diff", &a, &b]);
    let diff = &log["diffs"][0];
    let classes: Vec<&str> = diff["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    // Without the list, the new "Last modified" stamp would be an added sentence with
    // numbers in it; with it, the one edit is the cost.
    assert_eq!(classes, ["number"]);
    assert_eq!(diff["stats"]["added"], 0);
    assert_eq!(diff["stats"]["edited"], 1);
    let ignored = log["revisions"][1]["ignored"].as_array().unwrap();
    let reasons: Vec<&str> = ignored
        .iter()
        .map(|i| i["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "timestamp",
            "timestamp",
            "share-prompt",
            "newsletter-prompt",
            "reuse-prompt",
            "copyright"
        ]
    );
    assert_eq!(
        ignored[1]["text"],
        "Last modified on Tue 3 Mar 2020 10.00 GMT"
    );
    assert_eq!(ignored[1]["paragraph"], 2);
}

#[test]
fn keep_boilerplate_compares_the_chrome_again() {
    let [a, b] = pair();
    let log = json_change_log(&["diff", &a, &b, "--keep-boilerplate"]);
    assert!(log["revisions"][1].get("ignored").is_none());
    assert_eq!(
        log["diffs"][0]["stats"]["added"], 1,
        "the new stamp is compared"
    );
}

#[test]
fn user_patterns_are_set_aside_and_named() {
    let [a, b] = pair();
    let log = json_change_log(&["diff", &a, &b, "--ignore", "^Follow .* on Twitter$"]);
    let named: Vec<&serde_json::Value> = log["revisions"][0]["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["reason"] == "pattern")
        .collect();
    assert_eq!(named.len(), 1);
    assert_eq!(named[0]["pattern"], "^Follow .* on Twitter$");
    assert_eq!(named[0]["text"], "Follow Jane Doe on Twitter");
}

#[test]
fn every_view_says_how_many_paragraphs_were_set_aside() {
    let [a, b] = pair();
    for format in ["terminal", "markdown", "html"] {
        let out = newsdiff()
            .args(["diff", &a, &b, "--format", format, "--color", "never"])
            .output()
            .unwrap();
        let text = stdout_of(&out);
        assert!(
            text.contains("set aside as boilerplate: 5 paragraphs of version 0"),
            "{format}: {text}"
        );
        assert!(text.contains("6 of version 1"), "{format}");
        assert!(
            !text.contains("Reuse this content"),
            "{format}: the chrome is not shown"
        );
    }
}

#[test]
fn a_bad_ignore_pattern_is_one_line_and_exit_2() {
    let [a, b] = pair();
    let out = newsdiff()
        .args(["diff", &a, &b, "--ignore", "(unclosed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("--ignore") && err.contains("(unclosed"),
        "{err}"
    );
}

#[test]
fn the_paragraphs_set_aside_go_back_in_their_places() {
    let [a, b] = pair();
    let log = json_change_log(&["diff", &a, &b]);
    let original = std::fs::read_to_string(crate::util::root().join(&b)).unwrap();
    let rev = &log["revisions"][1];
    let mut paragraphs: Vec<String> = rev["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect();
    for i in rev["ignored"].as_array().unwrap() {
        let at = i["paragraph"].as_u64().unwrap() as usize;
        paragraphs.insert(at, i["text"].as_str().unwrap().to_string());
    }
    let read: Vec<&str> = original.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs, read);
}

/// Two versions whose only change is the quote style of the title and body.
fn typography_pair(dir: &std::path::Path) -> [String; 2] {
    [
        write(
            dir,
            "a.txt",
            "The mayor said \"we will rebuild\" on Friday.\n\nThe bridge will close.\n",
        ),
        write(
            dir,
            "b.txt",
            "The mayor said \u{201c}we will rebuild\u{201d} on Friday.\n\nThe bridge will close.\n",
        ),
    ]
}

#[test]
fn ignore_typography_makes_a_quote_style_change_no_difference_for_exit_code() {
    let dir = tempdir();
    let [a, b] = typography_pair(dir.path());
    let code = |extra: &[&str]| {
        newsdiff()
            .args(["diff", &a, &b, "--exit-code"])
            .args(extra)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(1));
    assert_eq!(code(&["--ignore", "typography"]), Some(0));
}

/// A JSON Lines archive of one article in four versions: a quote-style change, then a
/// number change, then a one-word change of wording.
fn small_archive(dir: &std::path::Path) -> String {
    let line = |v: u32, body: &str| {
        serde_json::json!({"article": "a1", "version": v, "title": "Bridge", "text": body})
            .to_string()
    };
    let lines = [
        line(
            0,
            "The mayor said \"we will rebuild\" on Friday. The cost is $2 million.",
        ),
        line(
            1,
            "The mayor said \u{201c}we will rebuild\u{201d} on Friday. The cost is $2 million.",
        ),
        line(
            2,
            "The mayor said \u{201c}we will rebuild\u{201d} on Friday. The cost is $3 million.",
        ),
        line(
            3,
            "The mayor said \u{201c}we will rebuild\u{201d} on Thursday. The cost is $3 million.",
        ),
    ];
    write(dir, "archive.jsonl", lines.join("\n") + "\n")
}

#[test]
fn check_reports_what_the_thresholds_and_typography_skipped() {
    let dir = tempdir();
    let archive = small_archive(dir.path());
    let run = |extra: &[&str]| {
        let out = newsdiff()
            .args([
                "check",
                &archive,
                "--enable",
                "number-change",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code(), report["summary"].clone())
    };
    let (code, summary) = run(&[]);
    assert_eq!(code, Some(1), "the number change fails: {summary}");
    assert!(summary.get("skipped_trivial").is_none());
    let (code, summary) = run(&["--ignore", "typography"]);
    assert_eq!(code, Some(1));
    assert_eq!(summary["skipped_typography"], 1, "{summary}");
    let (code, summary) = run(&["--min-changed-words", "3"]);
    // The quote style and the one-word edit are trivial; a number change never is.
    assert_eq!(code, Some(1), "{summary}");
    assert_eq!(summary["skipped_trivial"], 2, "{summary}");
    assert_eq!(
        summary["violations_by_rule"]["number-change"], 1,
        "{summary}"
    );
}

#[test]
fn newsdiff_toml_ignore_sets_aside_lines_and_typography() {
    let dir = tempdir();
    let archive = small_archive(dir.path());
    write(
        dir.path(),
        "newsdiff.toml",
        "[rules]\nnumber-change = true\nignore = [\"typography\", \"^Follow us\"]\nmin-changed-percent = 1\n",
    );
    let out = newsdiff()
        .args(["check", &archive, "--format", "human"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(
        text.contains("skipped by the change policies: 1 pair typography only"),
        "{text}"
    );
    write(dir.path(), "newsdiff.toml", "[rules]\nignore = [\"[\"]\n");
    let out = newsdiff().args(["check", &archive]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("not a valid regular expression"));
}

#[test]
fn report_leaves_skipped_changes_out_of_the_feed_and_says_so() {
    let dir = tempdir();
    let archive = small_archive(dir.path());
    let site = dir.path().join("site");
    let out = newsdiff()
        .args(["report", &archive, "-o", site.to_str().unwrap()])
        .args(["--ignore", "typography"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("1 change left out of the feed"),
        "{}",
        stderr_of(&out)
    );
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(feed.contains("version 1 → 2") && !feed.contains("version 0 → 1"));
}

#[test]
fn tracker_page_lines_in_json_lines_text_are_removed_like_stored_html() {
    let dir = tempdir();
    let line = |v: u32, n: u32| {
        serde_json::json!({
            "article": "a2", "version": v, "url": "https://example.com/a2",
            "text": format!("https://example.com/a2\n\nVersion {} of 2\n\nThe road reopened after {n} hours.\n\nCurrently monitoring 3,412 news articles", v + 1)
        })
        .to_string()
    };
    let archive = write(
        dir.path(),
        "a.jsonl",
        [line(0, 4), line(1, 5)].join("\n") + "\n",
    );
    let log = json_change_log(&["diff", &archive, "--article", "a2"]);
    let text = log.to_string();
    assert!(!text.contains("Version 1 of 2") && !text.contains("Currently monitoring"));
    assert_eq!(log["diffs"][0]["stats"]["edited"], 1);
}
