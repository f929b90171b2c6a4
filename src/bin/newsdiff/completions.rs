//! `newsdiff completions SHELL`, and the man pages in `docs/man/` (kept current by a
//! test), both generated from the command line's own definition so they cannot drift.

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};
use crate::exit::Exit;
use crate::failure::Failure;

pub fn run(args: CompletionsArgs) -> Result<Exit, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "newsdiff", &mut out);
    let mut stdout = std::io::stdout().lock();
    std::io::Write::write_all(&mut stdout, &out).map_err(Failure::Stdout)?;
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::CommandFactory;

    use crate::args::Cli;

    /// The man pages: `newsdiff.1` and one `newsdiff-SUBCOMMAND.1` per subcommand, as
    /// (file name, roff text).
    fn man_pages() -> Vec<(String, Vec<u8>)> {
        let cmd = Cli::command();
        let mut pages = vec![("newsdiff.1".to_string(), render(cmd.clone(), "newsdiff"))];
        for sub in cmd.get_subcommands() {
            let title = format!("newsdiff-{}", sub.get_name());
            // clap names are `&'static str`; a page per subcommand, once per test run.
            let name: &'static str = Box::leak(title.clone().into_boxed_str());
            let page = sub
                .clone()
                .name(name)
                .bin_name(format!("newsdiff {}", sub.get_name()));
            pages.push((format!("{title}.1"), render(page, &title)));
        }
        pages
    }

    fn render(cmd: clap::Command, title: &str) -> Vec<u8> {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd)
            .title(title)
            .render(&mut out)
            .expect("rendering to memory cannot fail");
        out
    }

    /// Fails when `docs/man/` is not what the command line says; run with
    /// `NEWSDIFF_UPDATE_MAN=1` to rewrite the pages, then read and commit them.
    #[test]
    fn man_pages_in_docs_are_current() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
        let update = std::env::var_os("NEWSDIFF_UPDATE_MAN").is_some();
        let mut stale = Vec::new();
        for (name, text) in man_pages() {
            let path = dir.join(&name);
            if std::fs::read(&path).ok().as_deref() == Some(&text[..]) {
                continue;
            }
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "docs/man is stale ({}); run `NEWSDIFF_UPDATE_MAN=1 cargo test man_pages` and commit",
            stale.join(", ")
        );
    }
}
