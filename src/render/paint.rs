//! Colour for the terminal views, as a value: a [`Paint`] is on or off, and paints text
//! with ANSI escapes only when on. Nothing process-wide is switched, so two views can
//! render at once with different settings.

/// A text style: the SGR parameters of its ANSI escape (`1;33` is bold yellow), or none
/// for plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style(&'static str);

impl Style {
    pub const PLAIN: Style = Style("");
    pub const BOLD: Style = Style("1");
    pub const DIM: Style = Style("2");
    pub const RED: Style = Style("31");
    pub const GREEN: Style = Style("32");
    pub const CYAN: Style = Style("36");
    pub const BOLD_RED: Style = Style("1;31");
    pub const BOLD_GREEN: Style = Style("1;32");
    pub const BOLD_YELLOW: Style = Style("1;33");
    pub const BOLD_CYAN: Style = Style("1;36");
    /// Removed words: red and struck through.
    pub const STRUCK_RED: Style = Style("9;31");
    /// Added words: green and underlined.
    pub const UNDERLINED_GREEN: Style = Style("4;32");
}

/// Whether colour is on. The caller decides once (`--color`, `NO_COLOR`, the terminal)
/// and hands the value down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    on: bool,
}

impl Paint {
    pub fn new(on: bool) -> Self {
        Paint { on }
    }

    /// `text` in `style`: wrapped in the style's escape and a reset when colour is on,
    /// as it is otherwise. Pad before painting (`{:<6}`), so the padding is inside. The
    /// text must hold no escapes of its own: article text goes through
    /// [`one_line`](crate::render::view::one_line) first, which makes them visible.
    pub fn paint(self, style: Style, text: &str) -> String {
        if self.on && style != Style::PLAIN {
            format!("\x1b[{}m{text}\x1b[0m", style.0)
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_only_when_on() {
        assert_eq!(
            Paint::new(true).paint(Style::BOLD_YELLOW, "~"),
            "\x1b[1;33m~\x1b[0m"
        );
        assert_eq!(Paint::new(true).paint(Style::PLAIN, "a"), "a");
        assert_eq!(Paint::new(false).paint(Style::STRUCK_RED, "[-a-]"), "[-a-]");
    }
}
