//! The binary in a real terminal: a pseudo-terminal made by `script(1)` (util-linux), so
//! standard output is a terminal as it is for a user. Paging, and colour under `auto`.

use std::process::Command;

use crate::util::{ESC, bin, root, sample};

/// Runs `newsdiff ARGS` on a pseudo-terminal with `envs` set (and the colour and pager
/// variables of the caller's environment removed); returns what the terminal showed.
fn in_terminal(args: &[&str], envs: &[(&str, &str)]) -> String {
    let line = std::iter::once(bin().to_string())
        .chain(args.iter().map(|a| format!("'{a}'")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .current_dir(root())
        .env("TERM", "xterm")
        .env("COLUMNS", "100")
        .env("LINES", "5");
    for k in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CLICOLOR",
        "PAGER",
        "NEWSDIFF_PAGER",
        "LESS",
    ] {
        cmd.env_remove(k);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("script(1) from util-linux runs");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

fn toll() -> Vec<String> {
    [
        "toll-update/v1.txt",
        "toll-update/v2.txt",
        "toll-update/v3.txt",
    ]
    .map(sample)
    .to_vec()
}

/// A pager that marks every line it shows, so a test can tell paged output apart.
const MARKING_PAGER: &str = "sed s/^/PAGED:/";

#[test]
fn long_output_in_a_terminal_goes_through_the_pager() {
    let files = toll();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(["--color", "never"]);
    let shown = in_terminal(&args, &[("NEWSDIFF_PAGER", MARKING_PAGER)]);
    assert!(shown.lines().count() > 5, "{shown}");
    assert!(shown.lines().all(|l| l.starts_with("PAGED:")), "{shown}");
}

#[test]
fn pager_is_chosen_newsdiff_pager_then_pager_and_none_with_no_pager() {
    let files = toll();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(["--color", "never"]);
    let shown = in_terminal(&args, &[("PAGER", MARKING_PAGER)]);
    assert!(shown.starts_with("PAGED:"), "{shown}");
    let shown = in_terminal(
        &args,
        &[("PAGER", MARKING_PAGER), ("NEWSDIFF_PAGER", "cat")],
    );
    assert!(!shown.contains("PAGED:"), "{shown}");
    args.push("--no-pager");
    let shown = in_terminal(&args, &[("NEWSDIFF_PAGER", MARKING_PAGER)]);
    assert!(
        !shown.contains("PAGED:") && shown.contains("━━ version 0"),
        "{shown}"
    );
}

#[test]
fn piped_or_written_output_is_never_paged() {
    let files = toll();
    let out = crate::util::newsdiff()
        .args(&files)
        .env("NEWSDIFF_PAGER", MARKING_PAGER)
        .env("LINES", "5")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("PAGED:"));
}

#[test]
fn a_terminal_gets_colour_unless_term_is_dumb_or_clicolor_is_0() {
    let files = toll();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.push("--no-pager");
    assert!(in_terminal(&args, &[]).contains(ESC));
    assert!(!in_terminal(&args, &[("TERM", "dumb")]).contains(ESC));
    assert!(!in_terminal(&args, &[("CLICOLOR", "0")]).contains(ESC));
    // Forcing still wins, and an explicit --color always beats both.
    assert!(in_terminal(&args, &[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")]).contains(ESC));
    args.extend(["--color", "always"]);
    assert!(in_terminal(&args, &[("CLICOLOR", "0")]).contains(ESC));
}
