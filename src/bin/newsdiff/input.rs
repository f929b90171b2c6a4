//! Reading the inputs of `diff`, `log` and `split`, and telling the user of doubts.

use std::io::Write;

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
        let mut parsed = parse::load(&self.inputs, self.from.map(Into::into))?;
        if self.strict {
            parsed = parsed.strict(&self.inputs)?;
        }
        warn_doubts(&parsed.warnings);
        Ok(parsed)
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
