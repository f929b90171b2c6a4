//! The command line: every subcommand, flag and value newsdiff accepts, as clap types.
//! These types stay in the binary; each subcommand's module turns them into the
//! library's options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Widths the side layout can be fitted to: narrower leaves no room for two columns of
/// words; wider only pads lines with spaces (and a huge `$COLUMNS` would exhaust memory).
pub const MIN_WIDTH: i64 = 40;
/// See [`MIN_WIDTH`].
pub const MAX_WIDTH: i64 = 1000;

/// The subcommands' names, for `newsdiff FILE…` (short for `newsdiff diff FILE…`) and
/// for naming the help to read after a usage mistake.
pub const SUBCOMMANDS: &[&str] = &[
    "diff",
    "split",
    "log",
    "check",
    "report",
    "export",
    "completions",
    "help",
];

#[derive(Parser)]
#[command(
    name = "newsdiff",
    version,
    about = "Show how news articles change after publication, sentence by sentence.",
    after_help = "`newsdiff FILE...` is short for `newsdiff diff FILE...`.\n\
                  Exit codes: 0 success, 1 differences found (with --exit-code), 2 trouble."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Write the change logs of every article of archives as data: one per line to
    /// OUT.jsonl, or as SQLite tables to OUT.db (docs/export.md).
    Export(ExportArgs),
    /// Print a shell completion script (e.g. `newsdiff completions bash >
    /// ~/.local/share/bash-completion/completions/newsdiff`).
    Completions(CompletionsArgs),
}

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args)]
pub struct ReportArgs {
    /// Archives, as `check` reads them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The directory to write the site to (created if missing).
    #[arg(short = 'o', long = "output", value_name = "DIR", required = true)]
    pub output: PathBuf,
    /// Read the settings (`ignore`, `min-changed-words`, …) from this file instead of
    /// each archive's newsdiff.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub ignore: IgnoreArgs,
    #[command(flatten)]
    pub thresholds: ThresholdArgs,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Archives, as `check` reads them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The file to write: OUT.jsonl (JSON Lines) or OUT.db / OUT.sqlite (SQLite); it is
    /// replaced.
    #[arg(short = 'o', long = "output", value_name = "OUT", required = true)]
    pub output: PathBuf,
    /// Read the settings (`ignore`, …) from this file instead of each archive's
    /// newsdiff.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub ignore: IgnoreArgs,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Never show the progress bar (it is shown on standard error when that is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Args)]
pub struct LogArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub ignore: IgnoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormat::Terminal)]
    pub format: LogFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Terminal,
    Json,
}

#[derive(Args)]
pub struct SplitArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SplitFormat::Json)]
    pub format: SplitFormat,
    /// Also give the N next-best whole readings of a News Sniffer scrape (JSON only), as
    /// `alternatives: [{score, revisions}]`, best first.
    #[arg(long, value_name = "N")]
    pub alternatives: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitFormat {
    /// A JSON article (the shape every command reads).
    Json,
    /// The multi-version text format (`# newsdiff versions 1`).
    Text,
}

/// What to leave out of a comparison: `diff`, `log`, `check`, `report` and `export` take
/// these (`typography` changes what `--exit-code`, `check` and `report` count; `log` and
/// `export` list every change still).
#[derive(Args)]
pub struct IgnoreArgs {
    /// Leave out of the comparison: `typography` (a change of quote or dash style, case,
    /// punctuation or white space alone counts as no change), or a REGEX (paragraphs
    /// every line of which it matches are set aside as boilerplate, and reported).
    /// Repeatable.
    #[arg(long, value_name = "typography|REGEX")]
    pub ignore: Vec<String>,
    /// Compare page chrome too: do not set aside the built-in boilerplate (share
    /// prompts, "Last modified on …", "Reuse this content", newsletter and cookie
    /// prompts, copyright lines).
    #[arg(long)]
    pub keep_boilerplate: bool,
}

/// Thresholds under which a revision is passed over as trivial (`check`, `report`).
#[derive(Args)]
pub struct ThresholdArgs {
    /// Skip revisions that change fewer words than this (added plus removed); the
    /// number skipped is reported.
    #[arg(long, value_name = "N")]
    pub min_changed_words: Option<String>,
    /// Skip revisions that change a smaller share of their words than this, in percent.
    #[arg(long, value_name = "PCT")]
    pub min_changed_percent: Option<String>,
}

#[derive(Args)]
pub struct InputArgs {
    /// Input files, oldest first: one version per text file, or files holding several
    /// versions (JSON article). `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Read the inputs as this format instead of detecting it.
    #[arg(long = "from", value_name = "FORMAT")]
    pub from: Option<InputFormat>,
    /// Treat any doubtful parsing decision (a reading with a close runner-up) as an error.
    #[arg(long)]
    pub strict: bool,
    /// Take this article out of an archive (a directory, a JSON Lines file, a diffengine
    /// or NewsEdits SQLite database); `newsdiff check ARCHIVE --list` lists the ids.
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// For web pages: the CSS selector of the article element, instead of finding the
    /// article by readability (e.g. `article`, `div.story-body`).
    #[arg(long, value_name = "CSS")]
    pub selector: Option<String>,
    /// For WARC files holding captures of several URLs: the URL whose captures are the
    /// versions.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Read every committed version of the one input (a file in a git working tree),
    /// oldest first, with commit times; no `git` binary is needed.
    #[arg(long)]
    pub git: bool,
}

/// The input formats (`--from`), as the library's [`newsdiff::parse::Format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// One version per file; paragraphs separated by blank lines, or one per line.
    Text,
    /// A JSON article (`{"article": {...}, "revisions": [...]}`).
    Json,
    /// The text scrape of News Sniffer diff pages (one or more pages of one article).
    Newssniffer,
    /// newsdiff's multi-version text format (`# newsdiff versions 1`).
    Versions,
    /// A NewsDiffs file: a date line, a headline, a byline, then one paragraph per line.
    Newsdiffs,
    /// A saved web page (or Wayback Machine snapshot), reduced to its article.
    Html,
    /// A WARC file (`.warc`, `.warc.gz`): each HTML capture of one URL is a version.
    Warc,
}

impl From<InputFormat> for newsdiff::parse::Format {
    fn from(f: InputFormat) -> Self {
        use newsdiff::parse::Format;
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Json => Format::Json,
            InputFormat::Newssniffer => Format::Newssniffer,
            InputFormat::Versions => Format::Versions,
            InputFormat::Newsdiffs => Format::Newsdiffs,
            InputFormat::Html => Format::Html,
            InputFormat::Warc => Format::Warc,
        }
    }
}

#[derive(Args)]
pub struct OutputArgs {
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
    /// When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Never page long output (by default it goes through $NEWSDIFF_PAGER, $PAGER or
    /// `less -R` when standard output is a terminal and the output is longer than it).
    #[arg(long)]
    pub no_pager: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub ignore: IgnoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Terminal)]
    pub format: DiffFormat,
    /// Diff from this version (with --to-version: just that pair).
    #[arg(long, value_name = "V")]
    pub from_version: Option<u64>,
    /// Diff to this version.
    #[arg(long, value_name = "V")]
    pub to_version: Option<u64>,
    /// Exit with 1 when any difference was found.
    #[arg(long)]
    pub exit_code: bool,
    /// Unchanged sentences to show around each change.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub context: usize,
    /// Show every sentence, changed or not.
    #[arg(long)]
    pub full: bool,
    /// Terminal layout: one column, or old and new side by side.
    #[arg(long, value_enum, default_value_t = Layout::Inline)]
    pub layout: Layout,
    /// Columns to fit the side layout to, 40 to 1000 (default: the terminal's, or
    /// $COLUMNS, or 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(MIN_WIDTH..=MAX_WIDTH))]
    pub width: Option<u16>,
}

/// The output formats of `newsdiff diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Terminal,
    Json,
    Html,
    Markdown,
}

/// How the terminal view lays out a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// One column: each changed sentence once, with its word changes marked inside.
    Inline,
    /// Two columns, old on the left and new on the right, wrapped to the width.
    Side,
}

impl From<Layout> for newsdiff::render::terminal::Layout {
    fn from(l: Layout) -> Self {
        match l {
            Layout::Inline => Self::Inline,
            Layout::Side => Self::Side,
        }
    }
}

#[derive(Args)]
pub struct CheckArgs {
    /// Archives: directories (a file or subdirectory per article), JSON Lines files,
    /// diffengine or NewsEdits SQLite databases, or single articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
    /// Read the rules from this file instead of each archive's newsdiff.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Turn rules on, for all articles or for one source's (RULE@SOURCE); repeatable,
    /// comma-separated.
    #[arg(long, value_name = "RULE[@SOURCE]", value_delimiter = ',')]
    pub enable: Vec<String>,
    /// Turn rules off (RULE or RULE@SOURCE); repeatable, comma-separated.
    #[arg(long, value_name = "RULE[@SOURCE]", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Fail a revision that deletes more than this percentage of the sentences without a
    /// correction note (turns deleted-sentences on).
    #[arg(long, value_name = "PCT[@SOURCE]")]
    pub max_deleted_percent: Vec<String>,
    #[command(flatten)]
    pub ignore: IgnoreArgs,
    #[command(flatten)]
    pub thresholds: ThresholdArgs,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Never show the progress bar (it is shown on standard error when that is a terminal).
    #[arg(long)]
    pub no_progress: bool,
    /// List the articles instead of checking them: id, versions and title, tab-separated,
    /// one per line (the ids `diff`, `log` and `split` take with --article).
    #[arg(long)]
    pub list: bool,
}

/// The report formats of `newsdiff check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per violation or problem, then a summary.
    Human,
    /// `{"schema": "newsdiff/check/1", "findings": [...], "summary": {...}}`.
    Json,
    /// JUnit XML: one test case per article.
    Junit,
}

impl From<CheckFormat> for newsdiff::check::report::Format {
    fn from(f: CheckFormat) -> Self {
        match f {
            CheckFormat::Human => Self::Human,
            CheckFormat::Json => Self::Json,
            CheckFormat::Junit => Self::Junit,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
