//! Writing drafts out: plain text (the default, equal to the JSON's `text`), Markdown and JSON.
//! Word (`.docx`) output lives in its own module beside these.

pub mod docx;

use serde::Serialize;

use crate::draft::{Draft, Style};
use crate::error::{Error, Result};

/// The text formats of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    /// The file extension of the format.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

/// The draft as plain text: one paragraph a line, as in [`Draft::text`].
#[must_use]
pub fn text(draft: &Draft) -> String {
    draft.text.clone()
}

/// The draft as Markdown: the title as `#`, main headings `##`, sub-headings `###`, sub-point
/// leads in bold.
#[must_use]
pub fn markdown(draft: &Draft) -> String {
    let mut out = String::new();
    for p in draft.paragraphs() {
        let t = escape_md(&p.text);
        match p.style {
            Style::Title => out.push_str(&format!("# {t}\n\n")),
            Style::Byline => out.push_str(&format!("*{t}*\n\n")),
            Style::Heading1 => out.push_str(&format!("## {t}\n\n")),
            Style::Heading2 => out.push_str(&format!("### {t}\n\n")),
            Style::Salutation => out.push_str(&format!("{t}\n\n")),
            Style::Body if p.lead_len > 0 && p.lead_len <= p.text.len() && p.text.is_char_boundary(p.lead_len) => {
                let (lead, rest) = p.text.split_at(p.lead_len);
                out.push_str(&format!("**{}**{}\n\n", escape_md(lead), escape_md(rest)));
            }
            Style::Body => out.push_str(&format!("{t}\n\n")),
        }
    }
    out
}

/// Brief values may hold Markdown's special characters; they are printed as text.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '#' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The draft as a JSON value: `seed`, `kind`, `title`, `text`, `bank`, `sections`, `warnings`.
pub fn json_value(draft: &Draft) -> Result<serde_json::Value> {
    serde_json::to_value(draft).map_err(|e| Error::Message(format!("JSON: {e}")))
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value).map_err(|e| Error::Message(format!("JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// One draft in `format`.
pub fn one(draft: &Draft, format: Format) -> Result<String> {
    match format {
        Format::Text => Ok(text(draft)),
        Format::Markdown => Ok(markdown(draft)),
        Format::Json => to_json(draft),
    }
}

/// Several drafts in one output: text and Markdown with a line naming each draft's seed before
/// it, JSON as an array. A single draft is written as [`one`] would.
pub fn many(drafts: &[Draft], format: Format) -> Result<String> {
    if let [d] = drafts {
        return one(d, format);
    }
    match format {
        Format::Json => to_json(drafts),
        Format::Text | Format::Markdown => {
            let mut out = String::new();
            for (i, d) in drafts.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                match format {
                    Format::Text => out.push_str(&format!("=== seed {} ===\n", d.seed)),
                    _ => out.push_str(&format!("<!-- seed {} -->\n\n", d.seed)),
                }
                out.push_str(&one(d, format)?);
            }
            Ok(out)
        }
    }
}
