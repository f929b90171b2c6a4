//! Reading the inputs of `diff`, `log` and `split`, and telling the user of doubts.

use std::io::Write;
use std::path::Path;

use newsdiff::Warning;
use newsdiff::parse::{self, Parsed};
use newsdiff::render::one_line;

use crate::args::InputArgs;
use crate::failure::Failure;

impl InputArgs {
    /// Reads, parses and (with `--strict`) vets the inputs; doubts go to standard error.
    pub fn load(&self) -> Result<Parsed, Failure> {
        if self.inputs.iter().filter(|i| *i == "-").count() > 1 {
            return Err(Failure::Usage(
                "standard input (`-`) can be given only once".into(),
            ));
        }
        // With --git the input is one file's history, never an archive to pick from.
        let archived = match self.git {
            true => None,
            false => self.archive_article()?,
        };
        let mut parsed = match archived {
            Some(parsed) => parsed,
            None => {
                let options = parse::ReadOptions {
                    selector: self.selector.clone(),
                    url: self.url.clone(),
                };
                let format = self.from.map(Into::into);
                if self.git {
                    let [input] = self.inputs.as_slice() else {
                        return Err(Failure::Usage(
                            "--git reads the history of one file; give one input".into(),
                        ));
                    };
                    parse::load_git(input, format, &options)?
                } else {
                    parse::load_options(&self.inputs, format, &options)?
                }
            }
        };
        if self.strict {
            parsed = parsed.strict(&self.inputs)?;
        }
        warn_doubts(&parsed.warnings);
        Ok(parsed)
    }
}

impl InputArgs {
    /// The article `--article` names out of the one archive given; `None` when the inputs
    /// are articles. An archive without `--article`, or `--article` without one archive,
    /// is a usage error that says what to do.
    fn archive_article(&self) -> Result<Option<Parsed>, Failure> {
        let archives: Vec<&String> = self
            .inputs
            .iter()
            .filter(|i| *i != "-" && newsdiff::is_archive(Path::new(i)))
            .collect();
        let Some(id) = &self.article else {
            // Among several inputs, an archive is reported as the input it cannot be.
            return match (archives.first(), self.inputs.len()) {
                (Some(a), 1) => Err(Failure::Usage(format!(
                    "{a} is {} of articles; pick one with --article ID \
                     (`newsdiff check {a} --list` lists the ids)",
                    archive_kind(Path::new(a))
                ))),
                _ => Ok(None),
            };
        };
        let [input] = self.inputs.as_slice() else {
            return Err(Failure::Usage(
                "--article takes one archive (a directory, a JSON Lines file or a SQLite \
                 database), and no other input"
                    .into(),
            ));
        };
        if archives.is_empty() {
            return Err(Failure::Usage(format!(
                "{input} is not an archive; --article picks one article out of a directory, \
                 a JSON Lines file or a SQLite database"
            )));
        }
        let (article, warnings) = newsdiff::load_archive_article(Path::new(input), id)
            .map_err(|e| Failure::Usage(one_line(&e.to_string())))?;
        Ok(Some(Parsed { article, warnings }))
    }
}

/// What kind of archive a path is, for messages.
fn archive_kind(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if path.is_dir() {
        "a directory"
    } else if matches!(ext.as_deref(), Some("jsonl" | "ndjson")) {
        "a JSON Lines archive"
    } else {
        "a SQLite database"
    }
}

/// Doubts and unplaced text go to standard error; decisions with a clear winner are in
/// the JSON outputs only.
fn warn_doubts(warnings: &[Warning]) {
    let mut err = std::io::stderr().lock();
    for w in warnings.iter().filter(|w| w.doubt) {
        let mut line = w.to_string();
        if let (Some(c), Some(r)) = (&w.chosen, &w.runner_up) {
            line.push_str(&format!(" (chose {c}; runner-up {r})"));
        }
        // A JSON article's `warnings` are input data: escaped like article text.
        let _ = writeln!(err, "newsdiff: warning: {}", one_line(&line));
    }
}
