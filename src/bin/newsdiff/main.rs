//! The `newsdiff` command: the command line, colour, paging, the progress bar, and the
//! mapping of results to exit codes. Each subcommand has its own module; all the work is
//! in the library, which knows nothing of this command line.

mod args;
mod check;
mod completions;
mod diff;
mod exit;
mod export;
mod failure;
mod ignore;
mod input;
mod log;
mod output;
mod progress_bar;
mod report;
mod split;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use newsdiff::render::one_line;

use args::{Cli, Command, SUBCOMMANDS};
use exit::Exit;

/// mimalloc rather than the system allocator: a diff allocates many short-lived strings
/// and vectors (tokens, word lists, evidence), and glibc's malloc and free were about a
/// sixth of the instructions of `check` on the corpus pairs. The binary chooses; the
/// library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Some(suggestion) = mistyped_subcommand(&args) {
        let _ = writeln!(std::io::stderr(), "newsdiff: error: {suggestion}");
        return Exit::Trouble.into();
    }
    let args = with_default_command(args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let sub = args.get(1).and_then(|a| a.to_str());
            let command = match sub.filter(|s| SUBCOMMANDS.contains(s) && *s != "help") {
                Some(s) => format!("newsdiff {s}"),
                None => "newsdiff".to_string(),
            };
            return usage_error(&e, &command);
        }
    };
    let result = match cli.command {
        Command::Diff(args) => diff::run(args),
        Command::Split(args) => split::run(args),
        Command::Log(args) => log::run(args),
        Command::Check(args) => check::run(args),
        Command::Report(args) => report::run(args),
        Command::Export(args) => export::run(args),
        Command::Completions(args) => completions::run(args),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(e) if e.is_closed_pipe() => Exit::Success.into(),
        Err(e) => {
            // File names, ids and parser messages come from input data: escaped.
            let _ = writeln!(
                std::io::stderr(),
                "newsdiff: error: {}",
                one_line(&e.to_string())
            );
            Exit::Trouble.into()
        }
    }
}

/// Help and version go to standard output as clap writes them. A usage mistake is one
/// `newsdiff: error:` line, like every other error, naming the help to read.
fn usage_error(e: &clap::Error, command: &str) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return Exit::Success.into();
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return Exit::Trouble.into();
        }
        _ => {}
    }
    let _ = writeln!(
        std::io::stderr(),
        "newsdiff: error: {} (see '{command} --help')",
        one_line(&one_line_usage(&e.to_string()))
    );
    Exit::Trouble.into()
}

/// Clap's message on one line: the error with the lines that complete it (a missing
/// argument's name, a tip), without the usage and the pointer to help that follow.
fn one_line_usage(message: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for line in message.lines().map(str::trim) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        match line.strip_prefix("error: ") {
            Some(rest) => parts.push(rest.to_string()),
            None if line.starts_with("tip:") => parts.push(format!("; {line}")),
            None if !line.is_empty() => parts.push(line.to_string()),
            None => {}
        }
    }
    parts.join(" ").replace(" ; ", "; ")
}

/// A first word that is neither a subcommand nor an existing file, but close to a
/// subcommand (`newsdiff chek x`), as the message that says which one was meant. Without
/// this it would be read as a file name and reported missing, with no hint.
fn mistyped_subcommand(args: &[OsString]) -> Option<String> {
    let first = args.get(1)?.to_str()?;
    if first.starts_with('-') || SUBCOMMANDS.contains(&first) || Path::new(first).exists() {
        return None;
    }
    let (best, distance) = SUBCOMMANDS
        .iter()
        .map(|s| (s, strsim::damerau_levenshtein(first, s)))
        .min_by_key(|&(_, d)| d)?;
    (distance <= 2 && distance < first.len()).then(|| {
        format!(
            "'{first}' is neither a file nor a subcommand; did you mean '{best}'? (see 'newsdiff --help')"
        )
    })
}

/// `newsdiff a.txt b.txt` means `newsdiff diff a.txt b.txt`.
fn with_default_command(mut args: Vec<OsString>) -> Vec<OsString> {
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    let is_top_flag = matches!(first, "-h" | "--help" | "-V" | "--version");
    if args.len() > 1 && !SUBCOMMANDS.contains(&first) && !is_top_flag {
        args.insert(1, "diff".into());
    }
    args
}
