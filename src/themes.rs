//! The theme lexicon (`data/themes.toml`): the themes a phrase can be tagged with and the words
//! that mark them. The list is data; this module only loads it.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

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
    /// Neighbouring themes of the same line of work, which a long point on this theme may draw
    /// on once its own run short; each pair is listed both ways.
    #[serde(default)]
    pub related: Vec<String>,
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
    for t in &lexicon.theme {
        for r in &t.related {
            let Some(other) = lexicon.theme.iter().find(|o| &o.name == r) else {
                return Err(Error::Message(format!(
                    "theme lexicon: theme {} lists {r} as related, which is not a theme of the lexicon",
                    t.name
                )));
            };
            if r == &t.name || !other.related.contains(&t.name) {
                return Err(Error::Message(format!(
                    "theme lexicon: theme {} lists {r} as related, but {r} does not list {}: a relation is listed both ways, and never to itself",
                    t.name, t.name
                )));
            }
        }
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

/// The themes of the built-in lexicon whose keywords occur in `text`, in lexicon order; none if
/// the lexicon cannot be read. One pass of an automaton over all keywords, so that tagging
/// hundreds of paragraphs costs little.
#[must_use]
pub fn tag(text: &str) -> Vec<&'static str> {
    static TAGGER: OnceLock<Option<(AhoCorasick, Vec<usize>)>> = OnceLock::new();
    let (Ok(themes), Some((automaton, theme_of))) = (
        lexicon(),
        TAGGER.get_or_init(|| {
            let themes = lexicon().ok()?;
            let (theme_of, words): (Vec<usize>, Vec<&str>) = themes
                .iter()
                .enumerate()
                .flat_map(|(i, t)| t.keywords.iter().map(move |k| (i, k.as_str())))
                .unzip();
            AhoCorasick::new(words).ok().map(|a| (a, theme_of))
        }),
    ) else {
        return Vec::new();
    };
    let mut hit = vec![false; themes.len()];
    for m in automaton.find_overlapping_iter(text) {
        hit[theme_of[m.pattern().as_usize()]] = true;
    }
    themes
        .iter()
        .zip(hit)
        .filter(|(_, h)| *h)
        .map(|(t, _)| t.name.as_str())
        .collect()
}

/// The names of the built-in themes, in lexicon order; empty if the lexicon cannot be read.
#[must_use]
pub fn names() -> Vec<&'static str> {
    lexicon()
        .map(|l| l.iter().map(|t| t.name.as_str()).collect())
        .unwrap_or_default()
}

/// The themes the built-in lexicon lists as related to `name`; none for an unknown name.
#[must_use]
pub fn related(name: &str) -> &'static [String] {
    lexicon()
        .ok()
        .and_then(|l| l.iter().find(|t| t.name == name))
        .map_or(&[], |t| t.related.as_slice())
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
    fn tagging_finds_every_theme_whose_keyword_occurs_in_lexicon_order() {
        let text = "做好困难职工帮扶，广泛开展劳动竞赛和技能比武";
        assert_eq!(tag(text), ["劳动竞赛", "困难职工帮扶"]);
        // Overlapping keywords each count: 劳模精神 holds 劳模 (劳动竞赛, 劳模精神).
        assert_eq!(tag("弘扬劳模精神"), ["劳动竞赛", "劳模精神"]);
        assert!(tag("同志们：").is_empty());
        // The automaton agrees with a plain search for every keyword of the lexicon.
        for t in lexicon().unwrap() {
            for k in &t.keywords {
                assert!(tag(k).contains(&t.name.as_str()), "{k} tags {}", t.name);
            }
        }
    }

    #[test]
    fn relations_are_listed_both_ways_between_themes_of_the_lexicon() {
        assert!(related("女职工").iter().any(|r| r == "维权"));
        assert!(related("维权").iter().any(|r| r == "女职工"));
        assert!(related("不是主题").is_empty());
        let one_way = "[[theme]]\nname = \"维权\"\nrelated = [\"法治\"]\n[[theme]]\nname = \"法治\"\n";
        let err = parse(one_way).unwrap_err().to_string();
        assert!(err.contains("法治 does not list 维权"), "{err}");
        let unknown = "[[theme]]\nname = \"维权\"\nrelated = [\"法制\"]\n";
        assert!(parse(unknown).unwrap_err().to_string().contains("法制"));
        let itself = "[[theme]]\nname = \"维权\"\nrelated = [\"维权\"]\n";
        assert!(parse(itself).is_err());
    }

    #[test]
    fn duplicates_are_refused() {
        let text = "[[theme]]\nname = \"维权\"\n[[theme]]\nname = \"维权\"\n";
        assert!(parse(text).is_err());
    }
}
