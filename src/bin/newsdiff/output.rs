//! Where output goes and how it looks there: the output file or standard output, colour,
//! the pager, and the terminal's width.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::args::{ColorChoice, MAX_WIDTH, MIN_WIDTH, OutputArgs};
use crate::failure::Failure;

impl OutputArgs {
    /// The file to write to; `None` (or `-`) is standard output.
    pub fn file(&self) -> Option<&str> {
        self.output.as_deref().filter(|p| *p != "-")
    }

    /// Colour for this output: `--color`, then the environment, then whether standard
    /// output is a terminal (never for a file).
    pub fn use_color(&self) -> bool {
        use_color(self.color, self.file().is_some())
    }

    /// Fails when the output file is one of `inputs` (the same file, by any path or
    /// link), before anything is read or written: `-o` must never destroy a version.
    pub fn refuse_inputs(&self, inputs: &[impl AsRef<Path>]) -> Result<(), Failure> {
        let Some(out) = self.file() else {
            return Ok(());
        };
        refuse_overwriting(Path::new(out), inputs)
    }

    /// Writes `text` to the output file, or to standard output, through the pager when
    /// standard output is a terminal and `text` is longer than it.
    pub fn emit(&self, text: &str) -> Result<(), Failure> {
        if let Some(path) = self.file() {
            return std::fs::write(path, text).map_err(|source| Failure::Write {
                path: path.to_string(),
                source,
            });
        }
        if !self.no_pager
            && std::io::stdout().is_terminal()
            && longer_than_screen(text)
            && let Some(pager) = pager()
        {
            return page(&pager, text);
        }
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(Failure::Stdout)
    }
}

/// Fails when `output` is the same file as one of `inputs` (compared by device and inode,
/// with `same-file`, so another spelling of the path or a hard link is caught too).
pub fn refuse_overwriting(output: &Path, inputs: &[impl AsRef<Path>]) -> Result<(), Failure> {
    for input in inputs {
        if same_file::is_same_file(output, input).unwrap_or(false) {
            return Err(Failure::Usage(format!(
                "{}: is one of the inputs; write the output to another file",
                output.display()
            )));
        }
    }
    Ok(())
}

/// `--color`, then (under `auto`) `NO_COLOR` (set and not empty: off), `CLICOLOR_FORCE`
/// (set, not empty and not `0`: on), `CLICOLOR=0` and `TERM=dumb` (off), then whether the
/// output is a terminal. The variables follow <https://no-color.org> and
/// <https://bixense.com/clicolors/>.
pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if var("NO_COLOR").is_some() => false,
        ColorChoice::Auto if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
        ColorChoice::Auto if var("CLICOLOR").is_some_and(|v| v == "0") => false,
        ColorChoice::Auto if var("TERM").is_some_and(|v| v == "dumb") => false,
        ColorChoice::Auto => !to_file && std::io::stdout().is_terminal(),
    }
}

/// The terminal's width, `$COLUMNS` when there is no terminal, or 100; kept within the
/// widths the side layout supports.
pub fn terminal_width() -> usize {
    let w = terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(100);
    w.clamp(MIN_WIDTH as usize, MAX_WIDTH as usize)
}

/// Whether `text` has more lines than the terminal has rows (so it would scroll away).
fn longer_than_screen(text: &str) -> bool {
    let rows = terminal_size::terminal_size().map_or(24, |(_, h)| usize::from(h.0));
    text.lines().count() >= rows
}

/// The pager to use, as git and delta choose it: `$NEWSDIFF_PAGER`, then `$PAGER`, then
/// `less`. An empty value or `cat` means no pager.
fn pager() -> Option<String> {
    let chosen = ["NEWSDIFF_PAGER", "PAGER"]
        .iter()
        .find_map(|k| std::env::var(k).ok())
        .unwrap_or_else(|| "less".to_string());
    let trimmed = chosen.trim();
    (!trimmed.is_empty() && trimmed != "cat").then(|| trimmed.to_string())
}

/// Runs `pager` through the shell (so `less -S` works, as in git) with `text` on its
/// input. `LESS=FRX` is set when `LESS` is unset, as git does: colours pass through
/// (`R`), and output that fits one screen is printed and left (`F`, `X`). A pager that
/// cannot be started is skipped and the text printed directly.
fn page(pager: &str, text: &str) -> Result<(), Failure> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(pager).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    let Ok(mut child) = cmd.spawn() else {
        let mut stdout = std::io::stdout().lock();
        return stdout.write_all(text.as_bytes()).map_err(Failure::Stdout);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before reading it all (`q` in less): that is no failure.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    Ok(())
}

/// What could not be read, one warning line each on standard error (`report` and
/// `export` go on past it).
pub fn warn_problems(problems: &[newsdiff::Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(
            err,
            "newsdiff: warning: {}",
            newsdiff::render::one_line(&p.to_string())
        );
    }
}
