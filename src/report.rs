//! Presenting errors and warnings to people: a brief's error is drawn with the offending line of
//! the file and its span underlined (miette, which measures Chinese characters as two columns),
//! every other error as one line with what would be right. Also the exit status of each error.

use std::io::{IsTerminal, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use crate::error::{BriefError, Error, Result};

/// The exit status for a failure: 2 for a usage error (a bad command line), 1 for the rest.
#[must_use]
pub fn exit_code(err: &Error) -> u8 {
    match err {
        Error::Usage(_) => 2,
        _ => 1,
    }
}

/// Whether output to stderr may be coloured: only on a terminal, and never when `NO_COLOR` is set
/// (to anything but the empty string).
#[must_use]
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Whether output to stdout may be coloured (same rule as [`stderr_color`]).
#[must_use]
pub fn stdout_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

struct BriefReport<'a> {
    err: &'a BriefError,
    source: NamedSource<String>,
}

impl std::fmt::Debug for BriefReport<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.err.fmt(f)
    }
}

impl std::fmt::Display for BriefReport<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.err.place {
            Some(p) => write!(
                f,
                "{}:{}:{}: {}",
                self.err.path.display(),
                p.line,
                p.column,
                self.err.message
            ),
            None => write!(f, "{}: {}", self.err.path.display(), self.err.message),
        }
    }
}

impl std::error::Error for BriefReport<'_> {}

impl Diagnostic for BriefReport<'_> {
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.err
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.err.place.as_ref().map(|_| &self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let place = self.err.place.as_ref()?;
        let len = place.span.end.saturating_sub(place.span.start);
        let label = self.err.field.clone().unwrap_or_else(|| "here".into());
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            place.span.start,
            len,
        ))))
    }
}

/// The report of an error as shown on stderr (ending with a newline), coloured or not.
#[must_use]
pub fn render(err: &Error, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100)
        .with_context_lines(1)
        .without_primary_span_start()
        .without_syntax_highlighting();
    let error = if color { "\x1b[1;31merror\x1b[0m" } else { "error" };
    let Error::Brief(b) = err else {
        return format!("{error}: {err}\n");
    };
    let report = BriefReport {
        err: b,
        source: NamedSource::new(b.path.display().to_string(), b.source_text.clone()),
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        return format!("{error}: {err}\n");
    }
    // miette opens with "  × "; the first line reads like every other error of the program.
    let first_line = out.find('\n').unwrap_or(out.len());
    let body = match out[..first_line].find('×') {
        Some(i) => {
            let rest = &out[i + '×'.len_utf8()..];
            rest.strip_prefix("\x1b[0m").unwrap_or(rest).trim_start()
        }
        None => out.trim_start(),
    };
    let mut text = format!("{error}: {body}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Prints an error's report on stderr.
pub fn print_error(err: &Error) {
    let _ = std::io::stderr().write_all(render(err, stderr_color()).as_bytes());
}

/// Prints a warning on stderr, unless `quiet`.
pub fn warn(message: &str, quiet: bool) {
    if quiet {
        return;
    }
    let text = if stderr_color() {
        format!("\x1b[33mwarning\x1b[0m: {message}\n")
    } else {
        format!("warning: {message}\n")
    };
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Writes `text` to stdout. A closed pipe (`| head`) comes back as an [`Error::Io`] of kind
/// `BrokenPipe`, which the binary treats as success.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|source| Error::Io {
            path: "<stdout>".into(),
            source,
        })
}

/// Whether an error is a closed output pipe, which ends the program quietly and successfully.
#[must_use]
pub fn is_broken_pipe(err: &Error) -> bool {
    matches!(err, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief_error() -> Error {
        let text = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"青山县\"\nlevel = \"省\"\n";
        crate::brief::parse(std::path::Path::new("b.toml"), text).expect_err("level 省 is refused")
    }

    #[test]
    fn reports_open_with_error_in_colour_or_not() {
        let plain = render(&brief_error(), false);
        assert!(
            plain.starts_with("error: b.toml:5:9: organisation.level = \"省\" is not supported\n"),
            "{plain}"
        );
        assert!(!plain.contains('\x1b') && !plain.contains('×'));
        assert!(plain.contains("help: use one of 县, 市, 区, 企业"));
        let coloured = render(&brief_error(), true);
        assert!(
            coloured.starts_with("\x1b[1;31merror\x1b[0m: b.toml:5:9: "),
            "{coloured:?}"
        );
        assert!(!coloured.contains('×'));
    }

    #[test]
    fn exit_codes() {
        assert_eq!(exit_code(&Error::Usage("x".into())), 2);
        assert_eq!(exit_code(&brief_error()), 1);
        assert_eq!(render(&Error::Message("x".into()), false), "error: x\n");
    }
}
