//! The progress line `newsdiff check` draws on standard error while it runs: a spinner,
//! the time taken, and the totals so far. It uses only the library's public hook
//! ([`Progress`]), so the library draws nothing itself.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdiff::check::report::count;
use newsdiff::check::{Progress, Summary};

/// Redraws a second at most (after a short burst indicatif allows): the check reports
/// every article, and drawing each would flicker and cost more than some checks.
const REDRAWS_PER_SECOND: u8 = 10;

/// How often the spinner turns when nothing new is reported.
const TICK: Duration = Duration::from_millis(120);

/// A progress line on standard error.
pub struct Bar {
    bar: ProgressBar,
    /// Whether the report is written to the terminal the bar is drawn on.
    shares_terminal: bool,
}

impl Bar {
    /// A bar on standard error, or none when that is not a terminal (a log file or CI
    /// output would fill with redraws). `shares_terminal`: the report is written to the
    /// same terminal, so the bar must step aside for it.
    pub fn on_stderr(shares_terminal: bool) -> Option<Bar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let target = ProgressDrawTarget::stderr_with_hz(REDRAWS_PER_SECOND);
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {wide_msg}")
                .expect("a valid template"),
        );
        bar.enable_steady_tick(TICK);
        Some(Bar {
            bar,
            shares_terminal,
        })
    }
}

impl Progress for Bar {
    fn update(&self, so_far: &Summary, elapsed: Duration) {
        let rate = so_far.versions as f64 / elapsed.as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} versions ({}/s) · {} articles · {} violations · {} problems",
            count(so_far.versions),
            count(rate as usize),
            count(so_far.articles),
            count(so_far.violations),
            count(so_far.problems)
        ));
    }

    // Stepping aside redraws the bar at once, whatever the rate: so only for a report
    // that needs it.
    fn suspend(&self, write: &mut dyn FnMut()) {
        match self.shares_terminal {
            true => self.bar.suspend(write),
            false => write(),
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
