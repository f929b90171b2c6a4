//! `newsdiff log`: one line per version.

use newsdiff::ChangeLog;
use newsdiff::render;

use crate::args::{LogArgs, LogFormat};
use crate::exit::Exit;
use crate::failure::Failure;

pub fn run(args: LogArgs) -> Result<Exit, Failure> {
    args.output.refuse_inputs(&args.input.inputs)?;
    let mut parsed = args.input.load()?;
    args.ignore
        .rules()?
        .boilerplate
        .set_aside(&mut parsed.article);
    let log = ChangeLog::consecutive(&parsed.article, parsed.warnings.clone());
    let text = match args.format {
        LogFormat::Json => render::log::render_json(&log),
        LogFormat::Terminal => render::log::render_terminal(&log, args.output.use_color()),
    };
    args.output.emit(&text)?;
    Ok(Exit::Success)
}
