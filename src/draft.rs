//! A finished draft: the model every export (text, markdown, JSON, Word) renders from.

use serde::Serialize;

use crate::bank::Kind;

/// How a paragraph is laid out. Text output ignores most of it; Word output maps each to a style
/// of GB/T 9704-2012.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// The title line (在全县工会工作会议上的讲话).
    Title,
    /// The speaker and date line under the title.
    Byline,
    /// 同志们：
    Salutation,
    /// A level-1 heading: 一、…
    Heading1,
    /// A level-2 heading: （一）…
    Heading2,
    /// Body text.
    Body,
}

/// One paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub text: String,
    /// Ids of the bank phrases it was made from (empty for template-made text).
    pub phrases: Vec<String>,
    #[serde(skip)]
    pub style: Style,
    /// Length in bytes of a sub-point lead at the start of `text` (一是…。), set in bold in Word.
    #[serde(skip)]
    pub lead_len: usize,
}

impl Paragraph {
    /// The line breaks that end it in the plain text: two after the byline, one elsewhere.
    fn breaks(&self) -> usize {
        if self.style == Style::Byline { 2 } else { 1 }
    }
}

/// One section of a draft: the opening, a point, the review, the plan, the closing…
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `title`, `opening`, `point/1`…, `review`, `plan`, `closing`.
    pub role: String,
    /// The section's heading as printed (一、…), if it has one.
    pub heading: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The seed of the stream this section was drawn from.
    pub seed: u64,
}

/// A complete draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub seed: u64,
    pub kind: Kind,
    pub title: String,
    /// The whole draft as plain text (equals the text output).
    pub text: String,
    /// Content hash of the phrase bank it was drawn from.
    pub bank: String,
    pub sections: Vec<Section>,
    pub warnings: Vec<String>,
    /// The sections re-rolled after the draft of `seed` was made, in order: replaying them on
    /// the draft of `seed` rebuilds this draft byte for byte.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub rerolls: Vec<Reroll>,
    /// Candidate phrases left out because they overlap the avoided speeches (with `--avoid`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub avoided: Option<Avoided>,
}

/// One re-rolled section: its place (`point/2`, `opening`…) and the seed of its new stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Reroll {
    pub section: String,
    pub seed: u64,
}

/// What `--avoid` did to a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Avoided {
    /// The speeches avoided.
    pub files: Vec<String>,
    /// Candidate phrases left out because they overlap them.
    pub excluded: usize,
    /// Of how many candidates fitting the brief.
    pub candidates: usize,
}

impl Draft {
    /// All paragraphs in order, with the section they belong to.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.sections.iter().flat_map(|s| s.paragraphs.iter())
    }

    /// The plain text of `sections`: one paragraph per line, a blank line after the title block.
    #[must_use]
    pub fn plain_text(sections: &[Section]) -> String {
        let size = sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .map(|p| p.text.len() + 2)
            .sum();
        let mut out = String::with_capacity(size);
        for p in sections.iter().flat_map(|s| s.paragraphs.iter()) {
            out.push_str(&p.text);
            for _ in 0..p.breaks() {
                out.push('\n');
            }
        }
        out
    }

    /// The number of characters of [`Draft::plain_text`]`(sections)`, not counting line breaks.
    #[must_use]
    pub fn text_chars(text: &str, sections: &[Section]) -> usize {
        let breaks: usize = sections.iter().flat_map(|s| &s.paragraphs).map(Paragraph::breaks).sum();
        char_count(text) - breaks
    }
}

/// The number of characters of `s`: its bytes that start one (every byte but UTF-8's
/// continuation bytes). A loop over bytes that the compiler vectorises: drafting counts the
/// length of each draft several times over, and this takes about 40% fewer instructions than
/// `str::chars().count()` on a draft's Chinese text.
#[must_use]
pub fn char_count(s: &str) -> usize {
    // Counted in bytes within chunks of 255, so that the vectorised sums stay bytes wide.
    s.as_bytes()
        .chunks(255)
        .map(|chunk| {
            let starts = chunk.iter().fold(0u8, |n, &b| n + u8::from(b.cast_signed() >= -0x40));
            usize::from(starts)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::char_count;

    #[test]
    fn char_count_counts_as_chars_does() {
        for s in [
            "",
            "a",
            "同志们：",
            "增长8.2%，达到116.5亿元",
            "𠮷野家 and é",
            "（一）\n二是",
        ] {
            assert_eq!(char_count(s), s.chars().count(), "{s}");
        }
        // Past the 255-byte chunks the count is kept in.
        let long = "工会a".repeat(300);
        assert_eq!(char_count(&long), 900);
    }
}
