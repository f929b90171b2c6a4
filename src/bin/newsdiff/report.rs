//! `newsdiff report`: a static site of an archive.

use std::io::Write;

use newsdiff::check::report::plural;
use newsdiff::site::{self, SiteError};

use crate::args::ReportArgs;
use crate::exit::Exit;
use crate::failure::Failure;
use crate::output::warn_problems;

pub fn run(args: ReportArgs) -> Result<Exit, Failure> {
    let mut overrides = args.ignore.overrides()?;
    overrides.extend(args.thresholds.overrides()?);
    let options = site::Options {
        config: args.config.clone(),
        overrides,
    };
    let summary = site::build(&args.paths, &args.output, &options).map_err(|e| {
        let SiteError::NothingRead { problems } = &e else {
            if let SiteError::Config(c) = &e {
                return Failure::Config(c.to_string());
            }
            return Failure::Usage(e.to_string());
        };
        warn_problems(problems);
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        Failure::Usage(format!("{}: {e}", paths.join(", ")))
    })?;
    warn_problems(&summary.problems);
    let _ = writeln!(
        std::io::stderr(),
        "newsdiff: wrote {} article pages, an index and a feed of {} changes to {}",
        summary.articles,
        summary.changes,
        args.output.display()
    );
    if summary.set_aside + summary.skipped > 0 {
        let _ = writeln!(
            std::io::stderr(),
            "newsdiff: {} set aside as boilerplate; {} left out of the feed and the counts \
             (typography only or below the minimum change; their pages show them)",
            plural(summary.set_aside, "paragraph", "paragraphs"),
            plural(summary.skipped, "change", "changes"),
        );
    }
    // As with `check`: what could not be read is trouble, though the rest was written.
    Ok(match summary.problems.is_empty() {
        true => Exit::Success,
        false => Exit::Trouble,
    })
}
