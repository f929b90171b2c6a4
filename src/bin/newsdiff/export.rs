//! `newsdiff export`: the change logs of whole archives as JSON Lines or SQLite.

use std::io::Write;
use std::path::Path;

use newsdiff::check::Progress;
use newsdiff::check::report::plural;
use newsdiff::export::{self, ExportError, Target};

use crate::args::ExportArgs;
use crate::exit::Exit;
use crate::failure::Failure;
use crate::output::{refuse_overwriting, warn_problems};
use crate::progress_bar::Bar;

pub fn run(args: ExportArgs) -> Result<Exit, Failure> {
    let target = Target::for_path(&args.output).map_err(|e| Failure::Usage(e.to_string()))?;
    refuse_inputs(&args)?;
    let opts = export::Options {
        jobs: args.jobs.unwrap_or(0),
        config: args.config.clone(),
        overrides: args.ignore.overrides()?,
    };
    let bar = match args.no_progress {
        true => None,
        false => Bar::on_stderr(false),
    };
    let progress = bar.as_ref().map(|b| b as &dyn Progress);
    let summary = export::run(&args.paths, &target, &opts, progress).map_err(|e| match e {
        ExportError::Config(c) => Failure::Config(c.to_string()),
        other => Failure::Usage(other.to_string()),
    })?;
    warn_problems(&summary.problems);
    let _ = writeln!(
        std::io::stderr(),
        "newsdiff: exported {}, {}, {} and {} to {} in {:.1} s",
        plural(summary.articles, "article", "articles"),
        plural(summary.revisions, "revision", "revisions"),
        plural(summary.diffs, "diff", "diffs"),
        plural(summary.links, "link", "links"),
        args.output.display(),
        summary.elapsed_s
    );
    if summary.articles == 0 && summary.problems.is_empty() {
        return Err(Failure::Usage(
            "no article found to export (an empty directory or file?)".into(),
        ));
    }
    // As with `check` and `report`: what could not be read is trouble, though the rest
    // was written.
    Ok(match summary.problems.is_empty() {
        true => Exit::Success,
        false => Exit::Trouble,
    })
}

/// The output replaces its file: never one of the archives read, and never inside a
/// directory read (the walk would read the output as an archive of its own).
fn refuse_inputs(args: &ExportArgs) -> Result<(), Failure> {
    refuse_overwriting(&args.output, &args.paths)?;
    let dir = args
        .output
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| p.canonicalize().ok());
    for p in args.paths.iter().filter(|p| p.is_dir()) {
        let inside = dir
            .as_ref()
            .zip(p.canonicalize().ok())
            .is_some_and(|(d, input)| d.starts_with(input));
        if inside {
            return Err(Failure::Usage(format!(
                "{}: the output would be read as an input ({}); write it elsewhere",
                args.output.display(),
                p.display()
            )));
        }
    }
    Ok(())
}
