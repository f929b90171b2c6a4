//! The `newsdiff` binary as a user runs it.

use std::io::Read;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::util::{
    ESC, long_article, newsdiff, newsdiff_std, sample, sample_text, stderr_of, stdout_of, tempdir,
    write,
};

const V1: &str = "toll-update/v1.txt";
const V2: &str = "toll-update/v2.txt";
const V3: &str = "toll-update/v3.txt";

fn run(args: &[&str]) -> Output {
    newsdiff().args(args).output().expect("newsdiff runs")
}

fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("the output is JSON")
}

/// A failed run: exit 2, nothing on stdout, and exactly one line on stderr that starts
/// `newsdiff: error: ` and names `name`. Never a panic.
#[track_caller]
fn assert_one_error(output: &Output, name: &str) -> String {
    let err = stderr_of(output);
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "want one stderr line, got: {err:?}");
    assert!(
        lines[0].starts_with("newsdiff: error: "),
        "bad prefix: {err:?}"
    );
    assert!(lines[0].contains(name), "{err:?} does not name {name:?}");
    assert!(
        output.stdout.is_empty(),
        "stdout not empty: {}",
        stdout_of(output)
    );
    lines[0].to_string()
}

// ---------------------------------------------------------------------------------------
// Diffing files

#[test]
fn two_files_print_a_readable_diff() {
    newsdiff()
        .args([&sample(V1), &sample(V2)])
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::starts_with(
            "━━ version 0 (samples/toll-update/v1.txt) → version 1 (samples/toll-update/v2.txt) ━━\n",
        ))
        .stdout(predicate::str::contains(
            "+1 added  ~2 edited  ⊂1 split  (22% of words changed)",
        ))
        .stdout(predicate::str::contains(
            "+ The national rail safety board said it was sending a team of investigators to the site.",
        ))
        .stdout(predicate::str::contains("[split into new sentences 9, 10]"));
}

#[test]
fn the_header_lists_the_change_classes() {
    let out = run(&[&sample(V1), &sample(V2), &sample(V3), "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let classes: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("classes: "))
        .collect();
    assert_eq!(
        classes,
        [
            "classes: lede changed, numbers changed (12 → 19, 40 → 52), wording changed",
            "classes: lede changed, correction added, 2 sentences appended, \
             numbers changed (19 → 21, 43 → 34), wording changed",
        ]
    );
    // Right under the summary line of each diff.
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("classes: ") {
            assert!(lines[i - 1].ends_with("of words changed)"), "{text}");
        }
    }
}

#[test]
fn the_change_log_carries_the_classes_with_their_evidence() {
    let out = run(&[&sample(V1), &sample(V2), &sample(V3), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let log = json_of(&out);
    let class = |d: usize, name: &str| -> serde_json::Value {
        log["diffs"][d]["classes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["class"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("diff {d} has no {name} class"))
    };
    // v1 → v2: the lede rewritten around a higher toll, 40 → 52 in hospital.
    assert_eq!(
        class(0, "number")["changes"],
        serde_json::json!([{"old": "12", "new": "19"}, {"old": "40", "new": "52"}])
    );
    assert_eq!(class(0, "lede")["old"], serde_json::json!([0]));
    assert_eq!(class(0, "lede")["new"], serde_json::json!([0]));
    // v2 → v3: the correction note at the end, two sentences.
    let note = class(1, "correction");
    assert_eq!(
        note["changes"][0]["new"],
        "Correction: An earlier version of this story gave Maria Delgado's age incorrectly. \
         She is 34, not 43."
    );
    assert_eq!(class(1, "appended")["new"], serde_json::json!([9, 10]));
    assert_eq!(note["new"], class(1, "appended")["new"]);
    // The op classes point at the ops that carry the evidence.
    let diff = &log["diffs"][1];
    let age = diff["op_classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|oc| oc["classes"][0]["changes"][0]["old"] == "43")
        .expect("an op with the age corrected");
    let op = &diff["ops"][age["op"].as_u64().unwrap() as usize];
    assert_eq!(op["kind"], "edited");
    assert_eq!(op["moved"], true);
    // Ops of both lists are in range, and the revision classes name the same ops.
    for d in log["diffs"].as_array().unwrap() {
        let n = d["ops"].as_array().unwrap().len() as u64;
        for c in d["classes"].as_array().unwrap() {
            for k in c["ops"].as_array().into_iter().flatten() {
                assert!(k.as_u64().unwrap() < n);
            }
        }
    }
}

#[test]
fn typography_only_revisions_say_so() {
    let dir = tempdir();
    let a = write(
        dir.path(),
        "a.txt",
        "\"We will not leave,\" the commander said -- again.\n\nTalks resume on Monday.\n",
    );
    let b = write(
        dir.path(),
        "b.txt",
        "“We will not leave,” the commander said — again.\n\nTalks resume on Monday.\n",
    );
    let out = run(&[&a, &b, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let log = json_of(&out);
    let classes: Vec<&str> = log["diffs"][0]["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["typography"]);
    let out = run(&[&a, &b, "--color", "never"]);
    assert!(stdout_of(&out).contains("\nclasses: typography changed\n"));
    // Equal versions: no classes at all.
    let log = json_of(&run(&[&a, &a, "--format", "json"]));
    assert_eq!(log["diffs"][0]["classes"], serde_json::json!([]));
    assert_eq!(log["diffs"][0]["op_classes"], serde_json::json!([]));
}

#[test]
fn a_headline_only_change_is_classed_under_no_changes_in_the_text() {
    let dir = tempdir();
    let doc = r#"{"revisions": [
        {"version": 0, "title": "Storm hits", "text": "A storm hit the coast."},
        {"version": 1, "title": "Storm hits the coast", "text": "A storm hit the coast."}]}"#;
    let path = write(dir.path(), "a.json", doc);
    let out = run(&[&path, "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(
        text.contains("no changes in the text\nclasses: headline changed\n"),
        "{text}"
    );
}

#[test]
fn diff_subcommand_and_bare_form_are_the_same() {
    let bare = run(&[&sample(V1), &sample(V2)]);
    let sub = run(&["diff", &sample(V1), &sample(V2)]);
    assert!(bare.status.success() && sub.status.success());
    assert!(!bare.stdout.is_empty());
    assert_eq!(bare.stdout, sub.stdout);
}

#[test]
fn three_files_give_two_diffs() {
    let out = run(&[&sample(V1), &sample(V2), &sample(V3), "--format", "json"]);
    assert!(out.status.success());
    let log = json_of(&out);
    let pairs: Vec<(u64, u64)> = log["diffs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["from"].as_u64().unwrap(), d["to"].as_u64().unwrap()))
        .collect();
    assert_eq!(pairs, [(0, 1), (1, 2)]);
}

#[test]
fn dash_reads_standard_input() {
    let from_stdin = newsdiff()
        .args(["-", &sample(V2), "--format", "json"])
        .write_stdin(sample_text(V1))
        .output()
        .unwrap();
    assert!(from_stdin.status.success(), "{}", stderr_of(&from_stdin));
    let from_file = run(&[&sample(V1), &sample(V2), "--format", "json"]);
    let (mut a, mut b) = (json_of(&from_stdin), json_of(&from_file));
    assert_eq!(a["revisions"][0]["label"], "-");
    // Apart from the label, reading standard input is reading the file.
    a["revisions"][0]["label"] = serde_json::Value::Null;
    b["revisions"][0]["label"] = serde_json::Value::Null;
    assert_eq!(a, b);
}

#[test]
fn empty_standard_input_is_an_error_naming_dash() {
    let out = newsdiff()
        .args(["-", &sample(V2)])
        .write_stdin("")
        .output()
        .unwrap();
    let line = assert_one_error(&out, "-: ");
    assert!(line.contains("empty"), "{line}");
}

#[test]
fn json_format_is_the_versioned_change_log() {
    let out = run(&[&sample(V1), &sample(V2), "--format", "json"]);
    assert!(out.status.success());
    let log = json_of(&out);
    assert_eq!(log["schema"], "newsdiff/changelog/1");
    assert_eq!(log["revisions"].as_array().unwrap().len(), 2);
    assert_eq!(log["diffs"][0]["from"], 0);
    assert_eq!(log["diffs"][0]["to"], 1);
    assert_eq!(log["diffs"][0]["stats"]["added"], 1);
    assert_eq!(log["diffs"][0]["stats"]["split"], 1);
    // Colour never leaks into JSON, even when asked for.
    let forced = run(&[
        &sample(V1),
        &sample(V2),
        "--format",
        "json",
        "--color",
        "always",
    ]);
    assert_eq!(forced.stdout, out.stdout);
}

#[test]
fn json_article_input_is_detected() {
    let out = run(&[&sample("json/aleppo.json"), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let log = json_of(&out);
    assert_eq!(log["article"]["source"], "Reuters");
    assert_eq!(log["diffs"].as_array().unwrap().len(), 2);
    assert_eq!(
        log["diffs"][1]["title"]["new"],
        "Last rebels leave Syria's Zabadani as evacuation deal resumes after bombing"
    );
    // `--from json` says the same thing explicitly; `--from text` reads it as prose.
    let explicit = run(&[
        "--from",
        "json",
        &sample("json/aleppo.json"),
        "--format",
        "json",
    ]);
    assert_eq!(explicit.stdout, out.stdout);
}

#[test]
fn from_json_on_a_text_file_names_the_file() {
    let out = run(&["--from", "json", &sample(V1), &sample(V2)]);
    let line = assert_one_error(&out, "samples/toll-update/v1.txt");
    assert!(line.contains("invalid JSON"), "{line}");
}

#[test]
fn output_flag_writes_the_file() {
    let dir = tempdir();
    let path = dir.path().join("log.json");
    let path = path.to_str().unwrap();
    newsdiff()
        .args([&sample(V1), &sample(V2), "--format", "json", "-o", path])
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read(path).unwrap();
    let direct = run(&[&sample(V1), &sample(V2), "--format", "json"]);
    assert_eq!(written, direct.stdout);

    // The terminal view to a file has no colour under `auto`.
    let text = dir.path().join("diff.txt");
    newsdiff()
        .args([&sample(V1), &sample(V2), "--output", text.to_str().unwrap()])
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(text).unwrap();
    assert!(text.contains("{+52+}") && !text.contains(ESC), "{text}");
}

#[test]
fn output_to_an_unwritable_place_is_one_error() {
    let dir = tempdir();
    let target = dir.path().join("no-such-dir").join("out.txt");
    let target = target.to_str().unwrap();
    let out = run(&[&sample(V1), &sample(V2), "-o", target]);
    assert_one_error(&out, target);
}

// ---------------------------------------------------------------------------------------
// Exit codes

#[test]
fn exit_code_is_one_when_versions_differ() {
    newsdiff()
        .args([&sample(V1), &sample(V2), "--exit-code"])
        .assert()
        .code(1)
        .stderr("")
        .stdout(predicate::str::contains("{+52+}"));
}

#[test]
fn exit_code_is_zero_when_versions_are_equal() {
    newsdiff()
        .args([&sample(V1), &sample(V1), "--exit-code"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no changes in the text"));
    // Two different files holding the same text compare equal too.
    let dir = tempdir();
    let copy = write(dir.path(), "copy.txt", sample_text(V2));
    newsdiff()
        .args([&sample(V2), &copy, "--exit-code"])
        .assert()
        .code(0);
}

#[test]
fn without_exit_code_differences_still_exit_zero() {
    newsdiff().args([&sample(V1), &sample(V2)]).assert().code(0);
}

#[test]
fn exit_code_counts_a_title_change() {
    let dir = tempdir();
    let doc = r#"{"revisions": [
        {"version": 0, "title": "Storm hits coast", "text": "A storm hit the coast on Monday."},
        {"version": 1, "title": "Storm batters coast", "text": "A storm hit the coast on Monday."}
    ]}"#;
    let path = write(dir.path(), "title.json", doc);
    newsdiff()
        .args([&path, "--exit-code", "--color", "never"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "title: Storm [-hits-]{+batters+} coast",
        ))
        .stdout(predicate::str::contains("no changes in the text"));
}

// ---------------------------------------------------------------------------------------
// Picking versions

#[test]
fn from_and_to_version_pick_one_pair() {
    let out = run(&[
        &sample(V1),
        &sample(V2),
        &sample(V3),
        "--from-version",
        "0",
        "--to-version",
        "2",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let log = json_of(&out);
    let diffs = log["diffs"].as_array().unwrap();
    assert_eq!(diffs.len(), 1);
    assert_eq!(
        (diffs[0]["from"].as_u64(), diffs[0]["to"].as_u64()),
        (Some(0), Some(2))
    );
    let versions: Vec<u64> = log["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["version"].as_u64().unwrap())
        .collect();
    assert_eq!(versions, [0, 2]);

    newsdiff()
        .args([&sample(V1), &sample(V2), &sample(V3), "--from-version", "0"])
        .args(["--to-version", "2"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "━━ version 0 (samples/toll-update/v1.txt) → version 2 (samples/toll-update/v3.txt) ━━",
        ));
}

#[test]
fn one_side_of_the_pair_defaults_to_its_neighbour() {
    let versions = |extra: &[&str]| -> Vec<(u64, u64)> {
        let mut args = vec![sample(V1), sample(V2), sample(V3)];
        args.extend(extra.iter().map(|s| s.to_string()));
        args.extend(["--format".to_string(), "json".to_string()]);
        let out = newsdiff().args(&args).output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        json_of(&out)["diffs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["from"].as_u64().unwrap(), d["to"].as_u64().unwrap()))
            .collect()
    };
    // --to-version alone: from the version before it.
    assert_eq!(versions(&["--to-version", "1"]), [(0, 1)]);
    // --from-version alone: to the last version.
    assert_eq!(versions(&["--from-version", "0"]), [(0, 2)]);
}

#[test]
fn json_article_versions_are_its_own() {
    let out = run(&[
        &sample("json/aleppo.json"),
        "--from-version",
        "1",
        "--to-version",
        "2",
        "--color",
        "never",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("━━ version 1 → version 2 · about 4 hours later ━━"));
}

#[test]
fn a_missing_version_is_an_error_naming_the_versions() {
    for flag in ["--from-version", "--to-version"] {
        let out = run(&[&sample(V1), &sample(V2), &sample(V3), flag, "7"]);
        let line = assert_one_error(&out, "no version 7");
        assert!(line.contains("the versions are 0, 1, 2"), "{line}");
    }
}

#[test]
fn to_version_of_the_first_version_says_there_is_none_before_it() {
    let line = assert_one_error(
        &run(&[&sample("json/aleppo.json"), "--to-version", "0"]),
        "--to-version 0 is the first version",
    );
    assert!(!line.contains("--from-version"), "{line}");
}

#[test]
fn the_same_version_twice_is_an_error() {
    let out = run(&[
        &sample(V1),
        &sample(V2),
        "--from-version",
        "1",
        "--to-version",
        "1",
    ]);
    assert_one_error(&out, "same version");
}

// ---------------------------------------------------------------------------------------
// Colour

fn colour_run(envs: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = newsdiff();
    cmd.args([&sample(V1), &sample(V2)]).args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    stdout_of(&out)
}

#[test]
fn color_always_emits_ansi_escapes() {
    let out = colour_run(&[], &["--color", "always"]);
    assert!(out.contains("\u{1b}["), "{out}");
    // The text markers stay, so nothing depends on seeing colour.
    assert!(out.contains("{+52+}"), "{out}");
}

#[test]
fn color_never_and_no_color_emit_none() {
    for (envs, args) in [
        (vec![], vec!["--color", "never"]),
        (vec![("CLICOLOR_FORCE", "1")], vec!["--color", "never"]),
        (vec![("NO_COLOR", "1")], vec![]),
        (vec![("NO_COLOR", "1")], vec!["--color", "auto"]),
        // NO_COLOR wins over CLICOLOR_FORCE.
        (vec![("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], vec![]),
        (vec![("CLICOLOR_FORCE", "0")], vec![]),
        // Piped output under `auto` has no colour.
        (vec![], vec![]),
    ] {
        let out = colour_run(&envs, &args);
        assert!(!out.contains(ESC), "escapes with {envs:?} {args:?}: {out}");
        assert!(out.contains("{+52+}"));
    }
}

#[test]
fn clicolor_force_turns_colour_on_under_auto() {
    let out = colour_run(&[("CLICOLOR_FORCE", "1")], &[]);
    assert!(out.contains("\u{1b}["), "{out}");
    let out = colour_run(&[("CLICOLOR_FORCE", "1")], &["--color", "auto"]);
    assert!(out.contains("\u{1b}["), "{out}");
}

#[test]
fn an_explicit_color_always_beats_no_color() {
    let out = colour_run(&[("NO_COLOR", "1")], &["--color", "always"]);
    assert!(out.contains("\u{1b}["), "{out}");
}

#[test]
fn without_colour_word_changes_are_marked_in_text() {
    let out = colour_run(&[], &["--color", "never"]);
    assert!(
        out.contains("~ Mr. Ellery said [-40-]{+52+} people had been taken to hospital{+, eight of them in critical condition+}."),
        "{out}"
    );
    assert!(out.contains("[-derailed-]{+derailment+}"), "{out}");
}

// ---------------------------------------------------------------------------------------
// Bad input: one line on stderr, exit 2, no panic

#[test]
fn a_missing_file() {
    let dir = tempdir();
    let missing = dir.path().join("nope.txt");
    let missing = missing.to_str().unwrap();
    let good = sample(V1);
    for args in [[missing, good.as_str()], [good.as_str(), missing]] {
        let line = assert_one_error(&run(&args), missing);
        assert!(line.contains("no such file"), "{line}");
    }
}

#[test]
fn a_directory() {
    let dir = tempdir();
    let d = dir.path().to_str().unwrap();
    let line = assert_one_error(&run(&[d, &sample(V1)]), d);
    assert!(line.contains("directory"), "{line}");
}

#[test]
fn an_empty_file() {
    let dir = tempdir();
    let empty = write(dir.path(), "empty.txt", "");
    let line = assert_one_error(&run(&[&sample(V1), &empty]), &empty);
    assert!(line.contains("empty"), "{line}");
}

#[test]
fn a_whitespace_only_file() {
    let dir = tempdir();
    let blank = write(dir.path(), "blank.txt", " \n\t\r\n  \u{a0}\n\n");
    let line = assert_one_error(&run(&[&blank, &sample(V1)]), &blank);
    assert!(line.contains("empty"), "{line}");
}

#[test]
fn invalid_utf8() {
    let dir = tempdir();
    let bad = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 owners said on Monday that prices would rise.\n",
    );
    let line = assert_one_error(&run(&[&bad, &sample(V1)]), &bad);
    assert!(
        line.contains("UTF-8") && line.contains("offset 3"),
        "{line}"
    );
}

#[test]
fn binary_data() {
    let dir = tempdir();
    let bin = write(
        dir.path(),
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    let line = assert_one_error(&run(&[&sample(V1), &bin]), &bin);
    assert!(
        line.contains("binary") && line.contains("offset 8"),
        "{line}"
    );
}

#[test]
fn a_bom_and_crlf_file_works() {
    let dir = tempdir();
    let crlf = sample_text(V1).replace('\n', "\r\n");
    let bom = write(dir.path(), "bom.txt", format!("\u{feff}{crlf}"));
    let out = run(&[&bom, &sample(V2), "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(out.stderr.is_empty());
    let text = stdout_of(&out);
    assert!(
        !text.contains('\u{feff}') && !text.contains('\r'),
        "{text:?}"
    );
    // The same changes as from the LF file: line ends are not edits.
    assert!(text.contains("+1 added  ~2 edited  ⊂1 split"), "{text}");

    // The change log keeps the text exactly (without the BOM): CRLF separators.
    let out = run(&[&bom, &sample(V2), "--format", "json"]);
    let log = json_of(&out);
    assert_eq!(log["revisions"][0]["separators"][1], "\r\n\r\n");
}

#[test]
fn a_malformed_json_article() {
    let dir = tempdir();
    let bad = write(
        dir.path(),
        "broken.json",
        r#"{"article": {"title": "T"}, "revisions": [{"version": 0, "text": "A b."},"#,
    );
    let line = assert_one_error(&run(&[&bad]), &bad);
    assert!(line.contains("invalid JSON"), "{line}");
}

#[test]
fn a_json_article_with_a_bad_revision() {
    let dir = tempdir();
    let both = write(
        dir.path(),
        "both.json",
        r#"{"revisions": [{"version": 3, "text": "A b.", "sentences": ["A b."]}, {"text": "C."}]}"#,
    );
    let line = assert_one_error(&run(&[&both]), &both);
    assert!(line.contains("version 3"), "{line}");
    let unknown = write(
        dir.path(),
        "unknown.json",
        r#"{"revisions": [{"text": "A b."}, {"text": "C."}], "comments": []}"#,
    );
    assert_one_error(&run(&[&unknown]), &unknown);
}

#[test]
fn a_bad_field_in_a_json_article_is_named_by_its_path() {
    let dir = tempdir();
    let cases = [
        (
            r#"{"revisions": [{"text": "A b."}, {"created": "yesterday", "text": "C."}]}"#,
            "revisions[1].created: \"yesterday\" is not a time in RFC 3339 form",
        ),
        (
            r#"{"revisions": [{"version": -1, "text": "A b."}, {"text": "C."}]}"#,
            "revisions[0].version: -1 is no version number (a whole number, 0 or more)",
        ),
        (
            r#"{"revisions": [{"text": "A b."}, {"text": 5}]}"#,
            "revisions[1].text",
        ),
    ];
    for (i, (doc, want)) in cases.iter().enumerate() {
        let f = write(dir.path(), &format!("bad{i}.json"), doc);
        let line = assert_one_error(&run(&[&f]), want);
        assert!(
            !line.contains("invalid JSON"),
            "valid JSON, wrong shape: {line}"
        );
    }
}

#[test]
fn json_lines_given_to_diff_point_to_check_and_report() {
    let dir = tempdir();
    let lines = "{\"article\": \"a\", \"version\": 0, \"text\": \"A b.\"}\n\
                 {\"article\": \"a\", \"version\": 1, \"text\": \"A c.\"}\n";
    for name in ["a.jsonl", "a.json"] {
        let f = write(dir.path(), name, lines);
        for cmd in [&["diff"][..], &["log"][..]] {
            let mut args: Vec<&str> = cmd.to_vec();
            args.push(&f);
            let line = assert_one_error(&run(&args), "JSON Lines");
            assert!(
                line.contains("newsdiff check") && line.contains(".jsonl"),
                "{line}"
            );
        }
    }
}

#[test]
fn a_json_article_with_no_revisions() {
    let dir = tempdir();
    let none = write(
        dir.path(),
        "none.json",
        r#"{"article": {"title": "T"}, "revisions": []}"#,
    );
    let line = assert_one_error(&run(&[&none, &sample(V1)]), &none);
    assert!(line.contains("no revisions"), "{line}");
}

#[test]
fn only_one_version() {
    let line = assert_one_error(&run(&[&sample(V1)]), "samples/toll-update/v1.txt");
    assert!(line.contains("only one version"), "{line}");
    let dir = tempdir();
    let one = write(
        dir.path(),
        "one.json",
        r#"{"revisions": [{"version": 4, "text": "Just one version."}]}"#,
    );
    assert_one_error(&run(&[&one]), &one);
}

#[test]
fn no_input_at_all_is_a_usage_error() {
    let line = assert_one_error(&run(&["diff"]), "<INPUT>");
    assert!(line.contains("newsdiff diff --help"), "{line}");
}

#[test]
fn usage_mistakes_are_one_error_line_naming_the_help() {
    let (v1, v2) = (sample(V1), sample(V2));
    let line = assert_one_error(&run(&[&v1, &v2, "--width", "-3"]), "'-3'");
    assert!(line.contains("tip:") && line.contains("--help"), "{line}");
    let line = assert_one_error(&run(&[&v1, &v2, "--layout", "sid"]), "'side'");
    assert!(line.contains("possible values"), "{line}");
    // clap gives no usage line for a bad value; the help named is still the command's.
    assert!(line.ends_with("(see 'newsdiff diff --help')"), "{line}");
    let line = assert_one_error(&run(&["report", "samples"]), "--output");
    assert!(line.contains("newsdiff report --help"), "{line}");
    // Asking for help is no mistake.
    let out = run(&["diff", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout_of(&out).contains("--layout"));
}

/// Regression: `--width 18446744073709551615` (or as `$COLUMNS`) made the side layout
/// allocate padding for that many columns and abort.
#[test]
fn a_huge_width_is_refused_and_a_huge_columns_is_capped() {
    let (v1, v2) = (sample(V1), sample(V2));
    for w in ["18446744073709551615", "100000", "5"] {
        let line = assert_one_error(&run(&[&v1, &v2, "--layout", "side", "--width", w]), w);
        assert!(line.contains("--width"), "{line}");
    }
    let out = newsdiff()
        .env("COLUMNS", "18446744073709551615")
        .args([&v1, &v2, "--layout", "side"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let widest = stdout_of(&out).lines().map(|l| l.chars().count()).max();
    assert!(widest.is_some_and(|w| w <= 1000), "{widest:?}");
}

#[test]
fn a_hundred_megabyte_line_fails_fast() {
    let dir = tempdir();
    let line = "Officials said the storm had passed. ".repeat(100 * 1024 * 1024 / 37 + 1);
    let big = write(dir.path(), "huge.txt", &line[..100 * 1024 * 1024]);
    drop(line);
    let start = Instant::now();
    let out = run(&[&big, &sample(V1)]);
    let took = start.elapsed();
    let msg = assert_one_error(&out, &big);
    assert!(
        msg.contains("paragraph 1 ") && msg.contains("1048576"),
        "{msg}"
    );
    // About two seconds in a debug build on a loaded two-core machine; a quadratic
    // segmenter or a word diff over the line would take minutes.
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

// ---------------------------------------------------------------------------------------
// A reader that goes away

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let dir = tempdir();
    let a = write(dir.path(), "a.txt", long_article(3000, |_| false));
    let b = write(dir.path(), "b.txt", long_article(3000, |i| i % 3 == 0));
    let mut child = newsdiff_std()
        .args([&a, &b, "--full", "--color", "never"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert!(first.starts_with("━━".as_bytes()));
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = stderr_of(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

// ---------------------------------------------------------------------------------------
// Regression tests, named after the bug they caught.

#[test]
fn duplicate_versions_in_a_json_article_are_one_error() {
    let dir = tempdir();
    let dup = write(
        dir.path(),
        "dup.json",
        r#"{"revisions": [{"version": 5, "text": "One. Two."}, {"version": 5, "text": "One. Two. Three. Four."}]}"#,
    );
    let out = run(&[&dup]);
    let line = assert_one_error(&out, &dup);
    assert!(line.contains('5'), "{line}");
}

#[test]
fn a_huge_context_shows_everything() {
    let huge = run(&[
        &sample(V1),
        &sample(V2),
        "--context",
        &usize::MAX.to_string(),
    ]);
    assert_eq!(huge.status.code(), Some(0), "{}", stderr_of(&huge));
    let full = run(&[&sample(V1), &sample(V2), "--full"]);
    assert_eq!(huge.stdout, full.stdout);
}

#[test]
fn control_characters_in_an_article_are_escaped_not_sent_to_the_terminal() {
    let dir = tempdir();
    let a = write(dir.path(), "a.txt", "Safe text here.\n");
    let b = write(
        dir.path(),
        "b.txt",
        "Safe text here.\n\nAn \u{1b}]0;pwned\u{7} attack \u{1b}[31mred\u{1b}[0m line.\n",
    );
    let out = run(&[&a, &b, "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}"), "{text}");
}

#[test]
fn rewrapped_lines_are_not_an_edit() {
    let dir = tempdir();
    let a = write(
        dir.path(),
        "a.txt",
        "Crews worked to close the\nbridge on Monday.\n\nMore.\n",
    );
    let b = write(
        dir.path(),
        "b.txt",
        "Crews worked to close the bridge\non Monday.\n\nMore.\n",
    );
    let out = run(&[&a, &b, "--exit-code"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn standard_input_twice_is_one_error() {
    let out = newsdiff()
        .args(["-", "-"])
        .write_stdin("One. Two.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("only once"));
}

#[test]
fn output_dash_means_standard_output() {
    let dir = tempdir();
    let (v1, v2) = (
        crate::util::root().join(sample(V1)),
        crate::util::root().join(sample(V2)),
    );
    let out = newsdiff()
        .current_dir(dir.path())
        .args([v1.to_str().unwrap(), v2.to_str().unwrap(), "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
    assert!(!dir.path().join("-").exists());
}

#[test]
fn json_without_revisions_is_an_error_not_prose() {
    let dir = tempdir();
    let a = write(dir.path(), "a.json", r#"{"article": {"title": "x"}}"#);
    let out = run(&[&a, &a]);
    let line = assert_one_error(&out, &a);
    assert!(line.contains("revisions"), "{line}");
}

// ---------------------------------------------------------------------------------------
// What users of git, ripgrep and delta expect: completions, suggestions

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _newsdiff"),
        ("zsh", "#compdef newsdiff"),
        ("fish", "complete -c newsdiff"),
    ] {
        let out = newsdiff().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr_of(&out));
        let text = stdout_of(&out);
        assert!(text.contains(marker), "{shell}: {text}");
        for sub in ["diff", "check", "report"] {
            assert!(text.contains(sub), "{shell} completes no {sub}");
        }
    }
    newsdiff()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("newsdiff: error:"));
}
