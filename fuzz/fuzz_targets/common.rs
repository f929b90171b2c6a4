//! What every fuzz target shares: running `newsdiff check` on an archive file through
//! the library, with a report that goes nowhere.

use std::io::Write;
use std::path::PathBuf;

use newsdiff::check::{self, Options, Outcome, Sink, Summary};

/// A report that writes nothing but still formats each outcome, as a real one would.
struct Discard;

impl Sink for Discard {
    fn outcome(&mut self, o: &Outcome) -> std::io::Result<()> {
        let _ = format!("{o:?}");
        Ok(())
    }
    fn finish(&mut self, _: &Summary) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes `bytes` to a file named `name` in a fresh directory and checks it as an
/// archive with every policy on, on one thread. Nothing may panic or hang.
pub fn check_archive(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path: PathBuf = dir.path().join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("the archive file is written");
    let opts = Options {
        jobs: 1,
        config: None,
        overrides: ["number-change", "quotation-change", "deleted-sentences", "correction-removed"]
            .into_iter()
            .filter_map(|r| check::rules::Override::rule(r, true).ok())
            .collect(),
    };
    let _ = check::run(&[path], &opts, &mut Discard, None);
}
