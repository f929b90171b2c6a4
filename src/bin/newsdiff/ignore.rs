//! `--ignore`, `--keep-boilerplate` and the minimum-change thresholds, as the library's
//! rule settings: one reading of these flags for every subcommand that takes them.

use newsdiff::check::rules::{ConfigError, Override, RuleSet};

use crate::args::{IgnoreArgs, ThresholdArgs};
use crate::failure::Failure;

fn config(flag: &str) -> impl Fn(ConfigError) -> Failure + '_ {
    move |e| Failure::Config(format!("{flag}: {e}"))
}

impl IgnoreArgs {
    /// The settings these flags make, in the order given.
    pub fn overrides(&self) -> Result<Vec<Override>, Failure> {
        let mut out = Vec::new();
        for spec in &self.ignore {
            out.push(Override::ignore(spec).map_err(config("--ignore"))?);
        }
        if self.keep_boilerplate {
            out.push(Override::keep_boilerplate());
        }
        Ok(out)
    }

    /// What `diff` and `log` set aside and ignore: the built-in boilerplate list (unless
    /// kept) and these flags. They read no newsdiff.toml.
    pub fn rules(&self) -> Result<RuleSet, Failure> {
        Ok(RuleSet::resolve(None, &self.overrides()?, None))
    }
}

impl ThresholdArgs {
    /// The settings of `--min-changed-words` and `--min-changed-percent`.
    pub fn overrides(&self) -> Result<Vec<Override>, Failure> {
        let mut out = Vec::new();
        if let Some(n) = &self.min_changed_words {
            out.push(Override::min_changed_words(n).map_err(config("--min-changed-words"))?);
        }
        if let Some(p) = &self.min_changed_percent {
            out.push(Override::min_changed_percent(p).map_err(config("--min-changed-percent"))?);
        }
        Ok(out)
    }
}
