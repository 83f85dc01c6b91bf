//! Earlier speeches to avoid: a text overlaps them when one of its sentences shares most of its
//! character 4-grams with them, or when it shares a long run of characters with them.
//!
//! Character n-grams need no segmenter and work the same on any archive: a reworded sentence
//! keeps few of its 4-grams, a copied one keeps all of them.

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Error, Result};
use crate::rng::fnv1a;

/// Length of the shingles compared.
pub const SHINGLE: usize = 4;
/// A sentence overlaps when at least this share of its shingles occur in the avoided text.
pub const SHARE: f64 = 0.6;
/// A common run of at least this many characters is an overlap on its own.
pub const RUN: usize = 20;
/// Sentences shorter than this (同志们：, 谢谢大家！) are not wording of their own.
pub const MIN_SENTENCE: usize = 12;

/// The avoided texts, indexed for overlap checks.
#[derive(Debug, Default, Clone)]
pub struct Avoid {
    shingles: HashSet<u64>,
    runs: HashSet<u64>,
    /// Whole sentences, to tell a close wording from a repeated one.
    whole: HashSet<u64>,
    /// The files read, in order, for messages.
    pub sources: Vec<String>,
}

fn hash_chars(cs: &[char]) -> u64 {
    let mut bytes = Vec::with_capacity(cs.len() * 3);
    for c in cs {
        let mut b = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    }
    fnv1a(&bytes)
}

/// Whether `c` counts as text (not punctuation or space) for the comparison.
fn is_text(c: char) -> bool {
    c.is_alphanumeric()
}

/// The sentences of `text`: split after 。！？ and at line breaks, trimmed, empty ones dropped.
#[must_use]
pub fn sentences(text: &str) -> Vec<&str> {
    text.split_inclusive(['。', '！', '？', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The characters of a sentence that are compared (punctuation and spaces dropped).
fn letters(s: &str) -> Vec<char> {
    s.chars().filter(|&c| is_text(c)).collect()
}

impl Avoid {
    /// Whether nothing is avoided.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }

    /// Adds a text to avoid.
    pub fn add_text(&mut self, text: &str) {
        for s in sentences(text) {
            let cs = letters(s);
            if cs.len() >= MIN_SENTENCE {
                self.whole.insert(hash_chars(&cs));
            }
            for w in cs.windows(SHINGLE) {
                self.shingles.insert(hash_chars(w));
            }
            for w in cs.windows(RUN) {
                self.runs.insert(hash_chars(w));
            }
        }
    }

    /// Reads a file to avoid: plain text, or a draft written by `jianggao generate --format json`
    /// (its `text`; every draft's text of a list of drafts).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = read_speech(path)?;
        self.add_text(&text);
        self.sources.push(path.display().to_string());
        Ok(())
    }

    /// Whether one sentence overlaps the avoided text.
    #[must_use]
    pub fn sentence_overlaps(&self, sentence: &str) -> bool {
        let cs = letters(sentence);
        if cs.len() < MIN_SENTENCE {
            return false;
        }
        if cs.windows(RUN).any(|w| self.runs.contains(&hash_chars(w))) {
            return true;
        }
        let total = cs.len() + 1 - SHINGLE;
        let hits = cs
            .windows(SHINGLE)
            .filter(|w| self.shingles.contains(&hash_chars(w)))
            .count();
        #[allow(clippy::cast_precision_loss)]
        let share = hits as f64 / total as f64;
        share >= SHARE
    }

    /// Whether a sentence of `text` (of at least [`MIN_SENTENCE`] characters) is one of the
    /// avoided text's, punctuation aside.
    #[must_use]
    pub fn repeats(&self, text: &str) -> bool {
        sentences(text).into_iter().any(|s| {
            let cs = letters(s);
            cs.len() >= MIN_SENTENCE && self.whole.contains(&hash_chars(&cs))
        })
    }

    /// Whether any sentence of `text` overlaps the avoided text.
    #[must_use]
    pub fn overlaps(&self, text: &str) -> bool {
        !self.is_empty() && sentences(text).into_iter().any(|s| self.sentence_overlaps(s))
    }
}

/// The text of a speech file: a jianggao JSON draft's `text`, or the file itself.
pub fn read_speech(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
    };
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed)
    {
        {
            let drafts = match &value {
                serde_json::Value::Array(items) => items.iter().collect(),
                v => vec![v],
            };
            let texts: Vec<&str> = drafts.iter().filter_map(|d| d.get("text")?.as_str()).collect();
            if texts.is_empty() {
                return Err(Error::Message(format!(
                    "{}: a JSON file without a \"text\" field is not a jianggao draft; give the speech as plain text, \
                     or a draft written by `jianggao generate --format json`",
                    path.display()
                )));
            }
            return Ok(texts.join("\n"));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn avoid(text: &str) -> Avoid {
        let mut a = Avoid::default();
        a.add_text(text);
        a
    }

    #[test]
    fn a_copied_sentence_overlaps_and_a_new_one_does_not() {
        let a = avoid("各级工会要坚持以职工为本，切实维护职工合法权益。同志们：");
        assert!(a.overlaps("一是各级工会要坚持以职工为本，切实维护职工合法权益。"));
        assert!(!a.overlaps("要深入开展劳动和技能竞赛，推动产业工人队伍建设改革。"));
        // Short sentences are not wording of their own.
        assert!(!a.overlaps("同志们："));
    }

    #[test]
    fn a_long_common_run_overlaps_even_in_a_longer_sentence() {
        let a = avoid("团结动员广大职工群众为推动经济社会发展作出新的更大贡献。");
        let s = "我们要进一步振奋精神，深化改革，扩大开放，加快建设，团结动员广大职工群众为推动经济社会发展作出新的更大贡献，再创佳绩。";
        assert!(a.overlaps(s));
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        assert_eq!(sentences("一。二！\n三？四"), vec!["一。", "二！", "三？", "四"]);
    }
}
