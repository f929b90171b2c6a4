//! The `newsdiff` command: argument parsing, colour and output choices, and the mapping of
//! results to exit codes. All the work is in the library.

mod progress_bar;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use newsdiff::changelog::ChangeLog;
use newsdiff::exit::Exit;
use newsdiff::parse::{self, Format};
use newsdiff::render::terminal::Layout;
use newsdiff::render::{self, OutputFormat};
use newsdiff::{Error, Warning};

#[derive(Parser)]
#[command(
    name = "newsdiff",
    version,
    about = "Show how news articles change after publication, sentence by sentence.",
    after_help = "`newsdiff FILE...` is short for `newsdiff diff FILE...`.\n\
                  Exit codes: 0 success, 1 differences found (with --exit-code), 2 trouble."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Diff every consecutive pair of revisions, oldest first.
    Diff(DiffArgs),
    /// Split an input (a News Sniffer scrape, say) into its revisions and write them as a
    /// JSON article or in the multi-version text format; both read back as input.
    Split(SplitArgs),
    /// One line per revision: time, gap, counts of changes, classes and title.
    Log(LogArgs),
    /// Check whole archives (directories, JSON Lines, diffengine/NewsEdits SQLite) against
    /// rules; exit 0 pass, 1 violations, 2 trouble (docs/check.md).
    Check(CheckArgs),
    /// Build a static site of an archive: an index of its articles, each article's HTML
    /// changelog page, and an Atom feed of the changes.
    Report(ReportArgs),
}

#[derive(Args)]
struct ReportArgs {
    /// Archives, as `check` reads them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<std::path::PathBuf>,
    /// The directory to write the site to (created if missing).
    #[arg(short = 'o', long = "output", value_name = "DIR", required = true)]
    output: std::path::PathBuf,
}

#[derive(Args)]
struct LogArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormat::Terminal)]
    format: LogFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LogFormat {
    Terminal,
    Json,
}

#[derive(Args)]
struct SplitArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SplitFormat::Json)]
    format: SplitFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SplitFormat {
    /// A JSON article (the shape every command reads).
    Json,
    /// The multi-version text format (`# newsdiff versions 1`).
    Text,
}

#[derive(Args)]
struct InputArgs {
    /// Input files, oldest first: one version per text file, or files holding several
    /// versions (JSON article). `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Read the inputs as this format instead of detecting it.
    #[arg(long = "from", value_name = "FORMAT")]
    from: Option<Format>,
    /// Treat any doubtful parsing decision (a reading with a close runner-up) as an error.
    #[arg(long)]
    strict: bool,
}

impl InputArgs {
    /// Reads, parses and (with --strict) vets the inputs; warnings go to stderr.
    fn load(&self) -> Result<parse::Parsed, Error> {
        if self.inputs.iter().filter(|i| *i == "-").count() > 1 {
            return Err(Error::Usage(
                "standard input (`-`) can be given only once".into(),
            ));
        }
        let mut parsed = parse::load(&self.inputs, self.from)?;
        if self.strict {
            parsed = parsed.strict(&self.inputs)?;
        }
        report(&parsed.warnings);
        Ok(parsed)
    }
}

#[derive(Args)]
struct OutputArgs {
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<String>,
    /// When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
}

#[derive(Args)]
struct DiffArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Terminal)]
    format: OutputFormat,
    /// Diff from this version (with --to-version: just that pair).
    #[arg(long, value_name = "V")]
    from_version: Option<u64>,
    /// Diff to this version.
    #[arg(long, value_name = "V")]
    to_version: Option<u64>,
    /// Exit with 1 when any difference was found.
    #[arg(long)]
    exit_code: bool,
    /// Unchanged sentences to show around each change.
    #[arg(long, default_value_t = 1, value_name = "N")]
    context: usize,
    /// Show every sentence, changed or not.
    #[arg(long)]
    full: bool,
    /// Terminal layout: one column, or old and new side by side.
    #[arg(long, value_enum, default_value_t = Layout::Inline)]
    layout: Layout,
    /// Columns to fit the side layout to, 40 to 1000 (default: the terminal's, or
    /// $COLUMNS, or 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(MIN_WIDTH..=MAX_WIDTH))]
    width: Option<u16>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

const SUBCOMMANDS: &[&str] = &["diff", "split", "log", "check", "report", "help"];

fn main() -> ExitCode {
    let args = with_default_command(std::env::args_os().collect());
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
        Command::Diff(args) => run_diff(args),
        Command::Split(args) => run_split(args),
        Command::Log(args) => run_log(args),
        Command::Check(args) => run_check(args),
        Command::Report(args) => run_report(args),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success.into(),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "newsdiff: error: {e}");
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
        one_line_usage(&e.to_string())
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

/// `newsdiff a.txt b.txt` means `newsdiff diff a.txt b.txt`.
fn with_default_command(mut args: Vec<OsString>) -> Vec<OsString> {
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    let is_top_flag = matches!(first, "-h" | "--help" | "-V" | "--version");
    if args.len() > 1 && !SUBCOMMANDS.contains(&first) && !is_top_flag {
        args.insert(1, "diff".into());
    }
    args
}

impl OutputArgs {
    /// The file to write to; `None` (or `-`) is standard output.
    fn file(&self) -> Option<&str> {
        self.output.as_deref().filter(|p| *p != "-")
    }

    /// Colour for this output: `--color`, then NO_COLOR and CLICOLOR_FORCE, then whether
    /// standard output is a terminal (never for a file).
    fn use_color(&self) -> bool {
        use_color(self.color, self.file().is_some())
    }
}

fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    let env_set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto if env_set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => !to_file && std::io::stdout().is_terminal(),
    }
}

fn emit(out: &OutputArgs, text: &str) -> Result<(), Error> {
    match out.file() {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Error::Usage(format!("{path}: cannot write: {e}"))),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
            Ok(())
        }
    }
}

/// Doubts and unplaced text go to stderr; decisions with a clear winner are in the JSON
/// outputs only.
fn report(warnings: &[Warning]) {
    let mut err = std::io::stderr().lock();
    for w in warnings.iter().filter(|w| w.doubt) {
        let _ = write!(err, "newsdiff: warning: {w}");
        if let (Some(c), Some(r)) = (&w.chosen, &w.runner_up) {
            let _ = write!(err, " (chose {c}; runner-up {r})");
        }
        let _ = writeln!(err);
    }
}

/// Widths the side layout can be fitted to: narrower leaves no room for two columns of
/// words; wider only pads lines with spaces (and a huge `$COLUMNS` would exhaust memory).
const MIN_WIDTH: i64 = 40;
const MAX_WIDTH: i64 = 1000;

/// The terminal's width, `$COLUMNS` when there is no terminal, or 100; kept within the
/// widths the side layout supports.
fn terminal_width() -> usize {
    let w = terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(100);
    w.clamp(MIN_WIDTH as usize, MAX_WIDTH as usize)
}

fn run_log(args: LogArgs) -> Result<Exit, Error> {
    let parsed = args.input.load()?;
    let log = ChangeLog::consecutive(&parsed.article, parsed.warnings.clone());
    let text = match args.format {
        LogFormat::Json => render::log::render_json(&log),
        LogFormat::Terminal => render::log::render_terminal(&log, args.output.use_color()),
    };
    emit(&args.output, &text)?;
    Ok(Exit::Success)
}

fn run_report(args: ReportArgs) -> Result<Exit, Error> {
    let warn = |problems: &[newsdiff::archive::Problem]| {
        for p in problems {
            let _ = writeln!(std::io::stderr(), "newsdiff: warning: {p}");
        }
    };
    let summary = newsdiff::site::build(&args.paths, &args.output).map_err(|e| {
        let newsdiff::site::SiteError::NothingRead { problems } = &e else {
            return Error::Usage(e.to_string());
        };
        warn(problems);
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        Error::Usage(format!("{}: {e}", paths.join(", ")))
    })?;
    warn(&summary.problems);
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "newsdiff: wrote {} article pages, an index and a feed of {} changes to {}",
        summary.articles,
        summary.changes,
        args.output.display()
    );
    // As with `check`: what could not be read is trouble, though the rest was written.
    Ok(match summary.problems.is_empty() {
        true => Exit::Success,
        false => Exit::Trouble,
    })
}

fn run_split(args: SplitArgs) -> Result<Exit, Error> {
    let parsed = args.input.load()?;
    let text = match args.format {
        SplitFormat::Json => {
            let doc = newsdiff::parse::json::ArticleDoc::from_article(
                &parsed.article,
                parsed.warnings.clone(),
            );
            let mut s = serde_json::to_string_pretty(&doc).expect("an article always serialises");
            s.push('\n');
            s
        }
        SplitFormat::Text => newsdiff::parse::versions::write(&parsed.article, &parsed.warnings),
    };
    emit(&args.output, &text)?;
    Ok(Exit::Success)
}

fn run_diff(args: DiffArgs) -> Result<Exit, Error> {
    let parsed = args.input.load()?;
    let article = &parsed.article;
    let n = article.revisions.len();
    if n < 2 {
        return Err(Error::Usage(format!(
            "{}: only one version; give two or more versions to diff",
            args.input.inputs.join(", ")
        )));
    }
    let index_of = |v: u64| {
        article
            .revisions
            .iter()
            .position(|r| r.version == v)
            .ok_or_else(|| {
                let have: Vec<String> = article
                    .revisions
                    .iter()
                    .map(|r| r.version.to_string())
                    .collect();
                Error::Usage(format!(
                    "no version {v}; the versions are {}",
                    have.join(", ")
                ))
            })
    };
    let pairs: Vec<(usize, usize)> = match (args.from_version, args.to_version) {
        (None, None) => (1..n).map(|i| (i - 1, i)).collect(),
        (from, to) => {
            let b = to.map(index_of).transpose()?.unwrap_or(n - 1);
            let a = match from {
                Some(v) => index_of(v)?,
                None => b.saturating_sub(1),
            };
            if a == b && from.is_none() {
                return Err(Error::Usage(format!(
                    "--to-version {} is the first version; there is none before it to compare",
                    article.revisions[b].version
                )));
            }
            if a == b {
                return Err(Error::Usage(
                    "--from-version and --to-version name the same version".into(),
                ));
            }
            vec![(a, b)]
        }
    };
    let log = ChangeLog::build(article, &pairs, parsed.warnings.clone());
    let text = match args.format {
        OutputFormat::Json => render::json::render(&log),
        OutputFormat::Terminal => render::terminal::render(
            &log,
            &render::terminal::Options {
                color: args.output.use_color(),
                context: args.context,
                full: args.full,
                layout: args.layout,
                width: args.width.map_or_else(terminal_width, usize::from),
            },
        ),
        OutputFormat::Html => render::html::render(
            &log,
            &render::html::Options {
                context: args.context,
                full: args.full,
            },
        ),
        OutputFormat::Markdown => render::markdown::render(
            &log,
            &render::markdown::Options {
                context: args.context,
                full: args.full,
            },
        ),
    };
    emit(&args.output, &text)?;
    let changed = log
        .diffs
        .iter()
        .any(|d| d.stats.has_changes() || d.title.is_some());
    Ok(if args.exit_code && changed {
        Exit::Differences
    } else {
        Exit::Success
    })
}

#[derive(Args)]
struct CheckArgs {
    /// Archives: directories (a file or subdirectory per article), JSON Lines files,
    /// diffengine or NewsEdits SQLite databases, or single articles.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<std::path::PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = newsdiff::check::report::Format::Human)]
    format: newsdiff::check::report::Format,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<String>,
    /// Read the rules from this file instead of each archive's newsdiff.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<std::path::PathBuf>,
    /// Turn rules on, for all articles or for one source's (RULE@SOURCE); repeatable,
    /// comma-separated.
    #[arg(long, value_name = "RULE[@SOURCE]", value_delimiter = ',')]
    enable: Vec<String>,
    /// Turn rules off (RULE or RULE@SOURCE); repeatable, comma-separated.
    #[arg(long, value_name = "RULE[@SOURCE]", value_delimiter = ',')]
    disable: Vec<String>,
    /// Fail a revision that deletes more than this percentage of the sentences without a
    /// correction note (turns deleted-sentences on).
    #[arg(long, value_name = "PCT[@SOURCE]")]
    max_deleted_percent: Vec<String>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// Never show the progress bar (it is shown on standard error when that is a terminal).
    #[arg(long)]
    no_progress: bool,
}

fn run_check(args: CheckArgs) -> Result<Exit, Error> {
    use newsdiff::check::{self, CheckError, Progress, Verdict, rules::Override};
    let mut overrides = Vec::new();
    for spec in &args.disable {
        overrides.push(Override::rule(spec, false).map_err(Error::Usage)?);
    }
    for spec in &args.enable {
        overrides.push(Override::rule(spec, true).map_err(Error::Usage)?);
    }
    for spec in &args.max_deleted_percent {
        overrides.push(
            Override::max_deleted(spec)
                .map_err(|m| Error::Usage(format!("--max-deleted-percent: {m}")))?,
        );
    }
    let opts = check::Options {
        jobs: args.jobs.unwrap_or(0),
        config: args.config.clone(),
        overrides,
    };
    let file = args.output.as_deref().filter(|p| *p != "-");
    let out: Box<dyn Write> = match file {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| Error::Usage(format!("{path}: cannot write: {e}")))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = check::report::sink(args.format, out);
    let bar = match args.no_progress {
        true => None,
        false => progress_bar::Bar::on_stderr(file.is_none() && std::io::stdout().is_terminal()),
    };
    let progress = bar.as_ref().map(|b| b as &dyn Progress);
    match check::run(&args.paths, &opts, sink.as_mut(), progress) {
        Ok(summary) => Ok(match summary.verdict() {
            Verdict::Pass => Exit::Success,
            Verdict::Violations => Exit::Differences,
            Verdict::Trouble => Exit::Trouble,
        }),
        Err(CheckError::Output(e)) => Err(Error::Output(e)),
        Err(e) => Err(Error::Usage(e.to_string())),
    }
}
