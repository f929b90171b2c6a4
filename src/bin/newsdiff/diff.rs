//! `newsdiff diff`: what changed between versions, in one of four views.

use newsdiff::Article;
use newsdiff::ChangeLog;
use newsdiff::render;

use crate::args::{DiffArgs, DiffFormat};
use crate::exit::Exit;
use crate::failure::Failure;
use crate::output::terminal_width;

pub fn run(args: DiffArgs) -> Result<Exit, Failure> {
    args.output.refuse_inputs(&args.input.inputs)?;
    let parsed = args.input.load()?;
    let rules = args.ignore.rules()?;
    let mut article = parsed.article;
    rules.boilerplate.set_aside(&mut article);
    let article = &article;
    if article.revisions.len() < 2 {
        return Err(Failure::Usage(format!(
            "{}: only one version; give two or more versions to diff",
            args.input.inputs.join(", ")
        )));
    }
    let pairs = pairs(article, args.from_version, args.to_version)?;
    let log = ChangeLog::build(article, &pairs, parsed.warnings.clone());
    args.output.emit(&view(&log, &args))?;
    // With `--ignore typography`, a diff of typography alone is no difference (`diff`
    // takes no thresholds, so nothing else is skipped).
    let changed = log
        .diffs
        .iter()
        .any(|d| (d.stats.has_changes() || d.title.is_some()) && rules.skips(d).is_none());
    Ok(if args.exit_code && changed {
        Exit::Differences
    } else {
        Exit::Success
    })
}

/// The log in the view `--format` asks for.
fn view(log: &ChangeLog, args: &DiffArgs) -> String {
    let context = render::Context {
        context: args.context,
        full: args.full,
    };
    match args.format {
        DiffFormat::Json => render::json::render(log),
        DiffFormat::Terminal => render::terminal::render(
            log,
            &render::terminal::Options {
                color: args.output.use_color(),
                context: args.context,
                full: args.full,
                layout: args.layout.into(),
                width: args.width.map_or_else(terminal_width, usize::from),
            },
        ),
        DiffFormat::Html => render::html::render(log, &context),
        DiffFormat::Markdown => render::markdown::render(log, &context),
    }
}

/// The pairs of revision indices to diff: every consecutive pair, or the one that
/// `--from-version` and `--to-version` name (either alone pairs it with its neighbour:
/// the last version, or the one before).
fn pairs(
    article: &Article,
    from: Option<u64>,
    to: Option<u64>,
) -> Result<Vec<(usize, usize)>, Failure> {
    let n = article.revisions.len();
    if from.is_none() && to.is_none() {
        return Ok((1..n).map(|i| (i - 1, i)).collect());
    }
    let b = to
        .map(|v| index_of(article, v))
        .transpose()?
        .unwrap_or(n - 1);
    let a = match from {
        Some(v) => index_of(article, v)?,
        None => b.saturating_sub(1),
    };
    if a == b && from.is_none() {
        return Err(Failure::Usage(format!(
            "--to-version {} is the first version; there is none before it to compare",
            article.revisions[b].version
        )));
    }
    if a == b {
        return Err(Failure::Usage(
            "--from-version and --to-version name the same version".into(),
        ));
    }
    Ok(vec![(a, b)])
}

/// The index of the revision with version `v`, or an error that lists the versions.
fn index_of(article: &Article, v: u64) -> Result<usize, Failure> {
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
            Failure::Usage(format!(
                "no version {v}; the versions are {}",
                have.join(", ")
            ))
        })
}
