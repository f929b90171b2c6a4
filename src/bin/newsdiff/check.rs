//! `newsdiff check`: rules over whole archives.

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::Path;

use newsdiff::check::{self, CheckError, Progress, Verdict, rules::Override};

use crate::args::CheckArgs;
use crate::exit::Exit;
use crate::failure::Failure;
use crate::progress_bar::Bar;

pub fn run(args: CheckArgs) -> Result<Exit, Failure> {
    let opts = check::Options {
        jobs: args.jobs.unwrap_or(0),
        config: args.config.clone(),
        overrides: overrides(&args)?,
    };
    let out = report_output(&args)?;
    let mut sink = check::report::sink(args.format.into(), out);
    let to_terminal = report_file(&args).is_none() && std::io::stdout().is_terminal();
    let bar = match args.no_progress {
        true => None,
        false => Bar::on_stderr(to_terminal),
    };
    let progress = bar.as_ref().map(|b| b as &dyn Progress);
    match check::run(&args.paths, &opts, sink.as_mut(), progress) {
        Ok(summary) if summary.verdict() == Verdict::NothingChecked => Err(nothing_checked(&args)),
        Ok(summary) => Ok(exit(summary.verdict())),
        // The reader left (`| head`): it has the findings so far, and the exit code
        // says what they were, so `set -o pipefail` jobs still fail on violations.
        Err(CheckError::Output { error, so_far }) if error.kind() == ErrorKind::BrokenPipe => {
            Ok(match so_far {
                Verdict::NothingChecked => Exit::Success,
                v => exit(v),
            })
        }
        Err(CheckError::Output { error, .. }) => Err(Failure::Stdout(error)),
        Err(e) => Err(Failure::Config(e.to_string())),
    }
}

fn exit(verdict: Verdict) -> Exit {
    match verdict {
        Verdict::Pass => Exit::Success,
        Verdict::Violations => Exit::Differences,
        Verdict::Trouble | Verdict::NothingChecked => Exit::Trouble,
    }
}

/// Nothing to check is trouble, not a pass: a CI job pointed at an empty directory or
/// the wrong file must not go green.
fn nothing_checked(args: &CheckArgs) -> Failure {
    let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
    Failure::Usage(format!(
        "{}: no article found to check; give a directory of articles, a JSON Lines file \
         or a SQLite database",
        paths.join(", ")
    ))
}

/// Where the report goes: `-o FILE` (never one of the archives) or standard output.
fn report_output(args: &CheckArgs) -> Result<Box<dyn Write>, Failure> {
    let Some(path) = report_file(args) else {
        return Ok(Box::new(std::io::stdout().lock()));
    };
    crate::output::refuse_overwriting(Path::new(path), &args.paths)?;
    let file = std::fs::File::create(path).map_err(|source| Failure::Write {
        path: path.to_string(),
        source,
    })?;
    Ok(Box::new(file))
}

/// The report's file, when it is not standard output.
fn report_file(args: &CheckArgs) -> Option<&str> {
    args.output.as_deref().filter(|p| *p != "-")
}

/// The rule settings of `--disable`, `--enable` and `--max-deleted-percent`, in that
/// order (a later setting wins).
fn overrides(args: &CheckArgs) -> Result<Vec<Override>, Failure> {
    let mut overrides = Vec::new();
    for spec in &args.disable {
        overrides.push(Override::rule(spec, false).map_err(|e| Failure::Config(e.to_string()))?);
    }
    for spec in &args.enable {
        overrides.push(Override::rule(spec, true).map_err(|e| Failure::Config(e.to_string()))?);
    }
    for spec in &args.max_deleted_percent {
        overrides.push(
            Override::max_deleted(spec)
                .map_err(|m| Failure::Config(format!("--max-deleted-percent: {m}")))?,
        );
    }
    Ok(overrides)
}
