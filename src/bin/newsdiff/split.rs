//! `newsdiff split`: an input's versions, as read.

use newsdiff::parse;

use crate::args::{SplitArgs, SplitFormat};
use crate::exit::Exit;
use crate::failure::Failure;

pub fn run(args: SplitArgs) -> Result<Exit, Failure> {
    args.output.refuse_inputs(&args.input.inputs)?;
    let parsed = args.input.load()?;
    let text = match args.format {
        SplitFormat::Json => {
            let doc = newsdiff::ArticleDoc::from_article(&parsed.article, parsed.warnings);
            newsdiff::render::json::pretty(&doc)
        }
        SplitFormat::Text => parse::write_versions(&parsed.article, &parsed.warnings),
    };
    args.output.emit(&text)?;
    Ok(Exit::Success)
}
