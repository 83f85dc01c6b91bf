//! The library's errors: structured, naming the file, place, field and what is allowed.
//! Presentation (miette reports, exit codes) lives in the binary's edge, `cli`.

use std::path::PathBuf;

/// A location in a text file: 1-based line and column (in characters), plus the byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub span: std::ops::Range<usize>,
}

impl Place {
    /// The place of byte offset `span.start` in `text`.
    #[must_use]
    pub fn of(text: &str, span: std::ops::Range<usize>) -> Place {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Place { line, column, span }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A brief that is not valid: what is wrong, where, and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefError {
    pub path: PathBuf,
    /// The brief's text, for showing the offending line.
    pub source_text: String,
    pub place: Option<Place>,
    /// The key path, e.g. `organisation.level`.
    pub field: Option<String>,
    pub message: String,
    /// What would be right, e.g. "use one of 县, 市, 区, 企业".
    pub help: Option<String>,
}

impl std::fmt::Display for BriefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(p) = &self.place {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    /// A brief is not valid: what is wrong, where, and what is allowed.
    #[error("{0}")]
    Brief(Box<BriefError>),

    /// A phrase bank file is malformed.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Bank {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },

    /// A template failed to parse or render.
    #[error("template {name}{}: {message}", place.as_ref().map(|p| format!(":{}:{}", p.line, p.column)).unwrap_or_default())]
    Template {
        name: String,
        place: Option<Place>,
        message: String,
    },

    /// An output file exists and `--force` was not given.
    #[error("{} already exists; use --force to overwrite it", path.display())]
    Exists { path: PathBuf },

    /// A value given on the command line makes no sense.
    #[error("{0}")]
    Usage(String),

    /// Anything else, with a message meant for people.
    #[error("{0}")]
    Message(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_counts_characters_not_bytes() {
        let text = "kind = 1\n名称 = \"x\"\n";
        let at = text.find('=').map(|_| text.rfind('=').unwrap_or(0)).unwrap_or(0);
        let p = Place::of(text, at..at + 1);
        assert_eq!((p.line, p.column), (2, 4));
    }
}
