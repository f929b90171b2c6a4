//! Regression tests, each named after the fault it pins: what a user saw go wrong, so
//! that it cannot come back unnoticed. A test here failed on the code before its fix.

use crate::util::{newsdiff, stderr_of};

/// `newsdiff chek x` was read as the file `chek` and reported missing, with no hint
/// that a subcommand was meant.
#[test]
fn mistyped_subcommand_was_read_as_a_missing_file() {
    let out = newsdiff().args(["chek", "samples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("did you mean 'check'?"), "{err}");
    // A real file of that name is still read as a file, and a name far from every
    // subcommand is still just a missing file.
    let out = newsdiff().args(["zzzz", "samples"]).output().unwrap();
    assert!(stderr_of(&out).contains("zzzz: no such file"));
}
