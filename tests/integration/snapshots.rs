//! Whole outputs for the samples, reviewed by hand. A change to any of them is a change
//! users see: review the new `.snap` before accepting it (`INSTA_UPDATE=always cargo test`
//! writes them; `cargo insta review` does it interactively where cargo-insta is installed).

use newsdiff::ChangeLog;
use newsdiff::{ClassEvidence, OpClasses};

use crate::util::{ESC, newsdiff, sample, stderr_of, stdout_of};

/// Runs `newsdiff` on samples with extra arguments and returns its standard output.
fn output(samples: &[&str], args: &[&str]) -> String {
    let paths: Vec<String> = samples.iter().map(|s| sample(s)).collect();
    let out = newsdiff().args(&paths).args(args).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));
    stdout_of(&out)
}

const TOLL: &[&str] = &[
    "toll-update/v1.txt",
    "toll-update/v2.txt",
    "toll-update/v3.txt",
];

#[test]
fn toll_update_terminal() {
    insta::assert_snapshot!("toll_update_terminal", output(TOLL, &["--color", "never"]));
}

#[test]
fn toll_update_json() {
    insta::assert_snapshot!("toll_update_json", output(TOLL, &["--format", "json"]));
}

/// Just the change classes of the toll-update story, per diff: the lede rewritten around
/// a higher toll, numbers updated twice, a correction note appended. Read back through
/// the library's types, so the fields keep the order newsdiff writes them in.
#[test]
fn toll_update_classes() {
    #[derive(serde::Serialize)]
    struct Classes<'a> {
        from: u64,
        to: u64,
        classes: &'a [ClassEvidence],
        op_classes: &'a [OpClasses],
    }
    let log: ChangeLog = serde_json::from_str(&output(TOLL, &["--format", "json"])).unwrap();
    let classes: Vec<Classes> = log
        .diffs
        .iter()
        .map(|d| Classes {
            from: d.from,
            to: d.to,
            classes: &d.classes,
            op_classes: &d.op_classes,
        })
        .collect();
    insta::assert_snapshot!(
        "toll_update_classes",
        serde_json::to_string_pretty(&classes).unwrap()
    );
}

#[test]
fn toll_update_terminal_full() {
    insta::assert_snapshot!(
        "toll_update_terminal_full",
        output(&TOLL[..2], &["--color", "never", "--full"])
    );
}

#[test]
fn toll_update_terminal_colour() {
    // The escape character is shown as `␛` so the snapshot stays readable; every colour
    // sequence is kept.
    let out = output(TOLL, &["--color", "always"]);
    assert!(out.contains(ESC));
    assert!(!out.contains('␛'));
    insta::assert_snapshot!("toll_update_terminal_colour", out.replace(ESC, "␛"));
}

/// The HTML page: timeline, both views of each diff, highlights and anchors. Review the
/// page itself too (`docs/html.md`); the browser checks are in `html.rs`.
#[test]
fn toll_update_html() {
    insta::assert_snapshot!("toll_update_html", output(TOLL, &["--format", "html"]));
}

#[test]
fn toll_update_markdown() {
    insta::assert_snapshot!(
        "toll_update_markdown",
        output(TOLL, &["--format", "markdown"])
    );
}

#[test]
fn json_sample_terminal() {
    insta::assert_snapshot!(
        "json_sample_terminal",
        output(&["json/aleppo.json"], &["--color", "never"])
    );
}

#[test]
fn json_sample_json() {
    insta::assert_snapshot!(
        "json_sample_json",
        output(&["json/aleppo.json"], &["--format", "json"])
    );
}

#[test]
fn moved_paragraph_terminal() {
    insta::assert_snapshot!(
        "moved_paragraph_terminal",
        output(
            &["moved-paragraph/v1.txt", "moved-paragraph/v2.txt"],
            &["--color", "never"]
        )
    );
}

#[test]
fn split_merge_terminal() {
    insta::assert_snapshot!(
        "split_merge_terminal",
        output(
            &["split-merge/v1.txt", "split-merge/v2.txt"],
            &["--color", "never"]
        )
    );
}

/// The output pasted at the top of the README is what the command prints today.
#[test]
fn readme_example_is_real() {
    let readme = std::fs::read_to_string(crate::util::root().join("README.md")).unwrap();
    let command = readme
        .lines()
        .find_map(|l| l.strip_prefix("$ cargo run --release -- "))
        .expect("the README shows a `cargo run --release --` command");
    let args: Vec<&str> = command.split_whitespace().collect();
    let after = &readme[readme.find(command).unwrap()..];
    let start = after
        .find("```text\n")
        .expect("a text block follows the command")
        + 8;
    let pasted = &after[start..start + after[start..].find("```").unwrap()];
    let out = newsdiff()
        .args(&args)
        .args(["--color", "never"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        pasted,
        stdout_of(&out),
        "the README's example output is out of date"
    );
}
