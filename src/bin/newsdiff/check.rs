//! `newsdiff check`: rules over whole archives.

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::Path;

use newsdiff::check::{self, CheckError, Progress, Verdict, rules::Override};
use newsdiff::render::one_line;

use crate::args::CheckArgs;
use crate::exit::Exit;
use crate::failure::Failure;
use crate::progress_bar::Bar;

pub fn run(args: CheckArgs) -> Result<Exit, Failure> {
    if args.list {
        return list(&args);
    }
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

/// The rule settings of `--disable`, `--enable`, `--max-deleted-percent`, `--ignore`
/// and the thresholds, in that order (a later setting wins).
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
    overrides.extend(args.ignore.overrides()?);
    overrides.extend(args.thresholds.overrides()?);
    Ok(overrides)
}

/// `--list`: each article's id, number of versions and title, tab-separated; what could
/// not be read goes to standard error. Exit 2 when nothing was found, or something could
/// not be read.
fn list(args: &CheckArgs) -> Result<Exit, Failure> {
    let mut out = report_output(args)?;
    let (mut listed, mut trouble) = (0, false);
    for path in &args.paths {
        let (entries, problems) = newsdiff::list_archive_articles(path);
        for e in &entries {
            let title = e.title.as_deref().map(one_line).unwrap_or_default();
            writeln!(out, "{}\t{}\t{title}", one_line(&e.id), e.versions)
                .map_err(Failure::Stdout)?;
        }
        listed += entries.len();
        let mut err = std::io::stderr().lock();
        for p in problems {
            trouble = true;
            let _ = writeln!(err, "newsdiff: error: {}", one_line(&p.to_string()));
        }
    }
    out.flush().map_err(Failure::Stdout)?;
    match (listed, trouble) {
        (0, _) => Err(nothing_checked(args)),
        (_, true) => Ok(Exit::Trouble),
        _ => Ok(Exit::Success),
    }
}
