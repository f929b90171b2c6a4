//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root: the tests run the binary from here, so sample paths (and the file
/// labels the terminal view prints) are the same on every machine.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Path of a file under `samples/`, relative to the repository root (as a user types it).
pub fn sample(rel: &str) -> String {
    let path = format!("samples/{rel}");
    assert!(root().join(&path).is_file(), "missing sample {path}");
    path
}

/// Text of a file under `samples/`.
pub fn sample_text(rel: &str) -> String {
    std::fs::read_to_string(root().join(sample(rel))).expect("sample is readable UTF-8")
}

/// Path of the built `newsdiff` binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsdiff")
}

/// A command for the `newsdiff` binary, run from the repository root with the colour
/// variables of the caller's environment removed, so results do not depend on the shell
/// the tests run in.
pub fn newsdiff() -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// The same, as a `std::process::Command` (for tests that drive the pipes by hand).
pub fn newsdiff_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(bin());
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

/// A temporary directory that lives as long as the value.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("can create a temporary directory")
}

/// Writes `bytes` to `name` inside `dir` and returns the full path as a string.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("can write a temporary file");
    path.to_str()
        .expect("temporary paths are UTF-8")
        .to_string()
}

/// Standard output of a finished command as text.
pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error of a finished command as text.
pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The ANSI escape that starts every colour sequence.
pub const ESC: char = '\u{1b}';

/// A plain-text article of `n` paragraphs of one numbered sentence each; `edit` says which
/// paragraphs get a changed number, so two calls give a long diff.
pub fn long_article(n: usize, edit: impl Fn(usize) -> bool) -> String {
    (0..n)
        .map(|i| {
            let count = if edit(i) { i * 7 + 3 } else { i * 5 + 1 };
            format!(
                "Officials in district {i} said on Tuesday that {count} homes had been damaged by the storm."
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The JSON change log of `newsdiff ARGS --format json`, a run that must succeed.
pub fn json_change_log(args: &[&str]) -> serde_json::Value {
    let out = newsdiff()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).expect("the change log is JSON")
}

/// A JSON article in `dir` whose two versions redistribute the content of two sentences
/// over two others (Independent copy from the corpus, reworded): a `rewritten` group.
pub fn rewritten_list_article(dir: &Path) -> String {
    let doc = serde_json::json!({
        "article": {"id": "rewritten-list"},
        "revisions": [
            {"version": 0, "sentences": [
                "The US-led coalition has killed several senior Isis commanders.",
                "General Martin Dempsey, the chairman of the Joint Chiefs of Staff, told the Wall Street Journal in an interview that Haji Mutazz, a deputy to Isis leader Abu Bakr al-Baghdadi;",
                "Abd al-Basit, the top military commander;",
            ]},
            {"version": 1, "sentences": [
                "The US-led coalition has killed several senior Isis commanders.",
                "Airstrikes carried out between 3 December and 9 December killed Haji Mutazz, a deputy to Isis leader Abu Bakr al-Baghdadi;",
                "and Abd al-Basit, the top military commander, General Martin Dempsey, the chairman of the Joint Chiefs of Staff, told the Wall Street Journal.",
            ]},
        ]
    });
    write(dir, "rewritten.json", doc.to_string())
}
