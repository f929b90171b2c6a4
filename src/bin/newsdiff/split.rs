//! `newsdiff split`: an input's versions, as read.

use newsdiff::parse;

use crate::args::{SplitArgs, SplitFormat};
use crate::exit::Exit;
use crate::failure::Failure;

pub fn run(args: SplitArgs) -> Result<Exit, Failure> {
    args.output.refuse_inputs(&args.input.inputs)?;
    let alternatives = match args.alternatives {
        Some(n) => Some(read_alternatives(&args, n)?),
        None => None,
    };
    let parsed = args.input.load()?;
    let text = match args.format {
        SplitFormat::Json => {
            let doc = newsdiff::ArticleDoc::from_article(&parsed.article, parsed.warnings);
            match alternatives {
                Some(alts) => with_alternatives(&doc, &alts),
                None => newsdiff::render::json::pretty(&doc),
            }
        }
        SplitFormat::Text => parse::write_versions(&parsed.article, &parsed.warnings),
    };
    args.output.emit(&text)?;
    Ok(Exit::Success)
}

/// The next-best readings `--alternatives N` asks for: one News Sniffer scrape, read
/// from a file (standard input can be read only once), written as JSON.
fn read_alternatives(args: &SplitArgs, n: usize) -> Result<Vec<parse::Alternative>, Failure> {
    let usage = |m: &str| Err(Failure::Usage(m.into()));
    if args.format != SplitFormat::Json {
        return usage("--alternatives writes JSON; use it with --format json");
    }
    let [input] = args.input.inputs.as_slice() else {
        return usage("--alternatives reads one News Sniffer scrape; give one input");
    };
    if input == "-" {
        return usage("--alternatives reads a file, not standard input");
    }
    let source = parse::Source::read(input)?;
    let format = args
        .input
        .from
        .map(Into::into)
        .unwrap_or_else(|| parse::detect(&source.text));
    if format != parse::Format::Newssniffer {
        return usage("--alternatives applies to News Sniffer scrapes only");
    }
    Ok(parse::newssniffer_alternatives(&source, n)?)
}

/// The JSON article with `alternatives: [{score, revisions}]` added, each reading's
/// revisions in the article's own shape.
fn with_alternatives(doc: &newsdiff::ArticleDoc, alts: &[parse::Alternative]) -> String {
    let mut value = serde_json::to_value(doc).unwrap_or_default();
    let list: Vec<serde_json::Value> = alts
        .iter()
        .map(|a| {
            let d = newsdiff::ArticleDoc::from_article(&a.article, Vec::new());
            serde_json::json!({
                // Two decimals: the score's units are coarse, and the output stays stable.
                "score": (f64::from(a.score) * 100.0).round() / 100.0,
                "revisions": d.revisions,
            })
        })
        .collect();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("alternatives".into(), serde_json::Value::Array(list));
    }
    newsdiff::render::json::pretty(&value)
}
