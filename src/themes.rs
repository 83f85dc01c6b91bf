//! The theme lexicon (`data/themes.toml`): the themes a phrase can be tagged with and the words
//! that mark them. The list is data; this module only loads it.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The lexicon built into the binary.
const EMBEDDED: &str = include_str!("../data/themes.toml");

/// One theme: its name (as written in briefs) and the words that mark a paragraph as being about it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub name: String,
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lexicon {
    #[serde(default)]
    theme: Vec<Theme>,
}

/// Parses a lexicon in the `[[theme]] name = "…" keywords = […]` format.
pub fn parse(text: &str) -> Result<Vec<Theme>> {
    let lexicon: Lexicon =
        toml::from_str(text).map_err(|e| Error::Message(format!("theme lexicon: {}", e.message())))?;
    let mut seen: Vec<&str> = Vec::new();
    for t in &lexicon.theme {
        if t.name.trim().is_empty() {
            return Err(Error::Message("theme lexicon: a theme has an empty name".into()));
        }
        if seen.contains(&t.name.as_str()) {
            return Err(Error::Message(format!(
                "theme lexicon: theme {} is listed twice",
                t.name
            )));
        }
        seen.push(&t.name);
    }
    Ok(lexicon.theme)
}

/// The built-in lexicon, in file order (the conventional order of a speech's points).
pub fn lexicon() -> Result<&'static [Theme]> {
    static LEXICON: OnceLock<std::result::Result<Vec<Theme>, String>> = OnceLock::new();
    LEXICON
        .get_or_init(|| parse(EMBEDDED).map_err(|e| e.to_string()))
        .as_deref()
        .map_err(|e| Error::Message(e.clone()))
}

/// The names of the built-in themes, in lexicon order; empty if the lexicon cannot be read.
#[must_use]
pub fn names() -> Vec<&'static str> {
    lexicon()
        .map(|l| l.iter().map(|t| t.name.as_str()).collect())
        .unwrap_or_default()
}

/// Whether `name` is a theme of the built-in lexicon.
#[must_use]
pub fn is_theme(name: &str) -> bool {
    names().contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses_with_keywords() {
        let themes = lexicon().expect("embedded lexicon parses");
        assert!(themes.len() >= 10);
        assert!(themes.iter().all(|t| !t.keywords.is_empty()));
        assert!(is_theme("劳动竞赛"));
        assert!(!is_theme("劳动"));
    }

    #[test]
    fn duplicates_are_refused() {
        let text = "[[theme]]\nname = \"维权\"\n[[theme]]\nname = \"维权\"\n";
        assert!(parse(text).is_err());
    }
}
