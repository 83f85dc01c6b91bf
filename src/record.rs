//! Reading back a draft written by `jianggao generate --format json`: for `--keep` (rebuild it)
//! and `jianggao diff` (compare two).

use std::path::Path;

use serde::Deserialize;

use crate::draft::Reroll;
use crate::error::{Error, Result};

/// A paragraph as recorded.
#[derive(Debug, Clone, Deserialize)]
pub struct RecordParagraph {
    pub text: String,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// A section as recorded.
#[derive(Debug, Clone, Deserialize)]
pub struct RecordSection {
    pub role: String,
    pub seed: u64,
    pub paragraphs: Vec<RecordParagraph>,
}

/// A draft as recorded in JSON.
#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    pub seed: u64,
    pub kind: String,
    pub text: String,
    #[serde(default)]
    pub bank: String,
    pub sections: Vec<RecordSection>,
    #[serde(default)]
    pub rerolls: Vec<Reroll>,
}

const HOW: &str = "write a draft as JSON with `jianggao generate BRIEF --format json -o draft.json`";

/// Reads the draft recorded in `path`.
pub fn load(path: &Path) -> Result<Record> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let shown = path.display();
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::Message(format!(
            "{shown}: not JSON ({e}); a jianggao draft record is JSON: {HOW}"
        ))
    })?;
    if let serde_json::Value::Array(items) = &value {
        return Err(Error::Message(format!(
            "{shown}: holds a list of {} drafts; give one draft (with --variants, write each to its own file with -o)",
            items.len()
        )));
    }
    for key in ["seed", "kind", "text", "sections"] {
        if value.get(key).is_none() {
            return Err(Error::Message(format!(
                "{shown}: not a jianggao draft: it has no \"{key}\" field; {HOW}"
            )));
        }
    }
    serde_json::from_value(value).map_err(|e| Error::Message(format!("{shown}: not a jianggao draft: {e}; {HOW}")))
}
