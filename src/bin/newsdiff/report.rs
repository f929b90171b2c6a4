//! `newsdiff report`: a static site of an archive.

use std::io::Write;

use newsdiff::Problem;
use newsdiff::render::one_line;
use newsdiff::site::{self, SiteError};

use crate::args::ReportArgs;
use crate::exit::Exit;
use crate::failure::Failure;

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
        warn(problems);
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        Failure::Usage(format!("{}: {e}", paths.join(", ")))
    })?;
    warn(&summary.problems);
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
            plural(summary.set_aside, "paragraph"),
            plural(summary.skipped, "change"),
        );
    }
    // As with `check`: what could not be read is trouble, though the rest was written.
    Ok(match summary.problems.is_empty() {
        true => Exit::Success,
        false => Exit::Trouble,
    })
}

fn plural(n: usize, one: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        _ => format!("{n} {one}s"),
    }
}

fn warn(problems: &[Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "newsdiff: warning: {}", one_line(&p.to_string()));
    }
}
