//! The phrase bank: reusable units mined from real speeches, with their template slots.
//!
//! On disk a bank is a folder with one TOML file per section (`opening.toml`, `tasks.toml`, …),
//! each an array `[[phrase]]` sorted by id. The default bank is embedded in the binary.
//!
//! # Slots
//! Phrase text is Tera template text whose only code is `{{ slot }}` variables from this fixed
//! vocabulary (see [`SLOTS`]); the mining stage writes them and the compose stage fills them from
//! the brief. A phrase is usable in a draft only when every one of its slots can be filled.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Section types of a speech, as classified by `mine` (LABELS.md). `Heading` and `Other` are
/// paragraph labels only; bank phrases belong to one of the eight content sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Salutation,
    Opening,
    Heading,
    Achievements,
    Significance,
    Tasks,
    Leadership,
    Problems,
    Closing,
    Other,
}

impl Label {
    /// All labels, in document order.
    pub const ALL: [Label; 10] = [
        Label::Salutation,
        Label::Opening,
        Label::Heading,
        Label::Achievements,
        Label::Significance,
        Label::Tasks,
        Label::Leadership,
        Label::Problems,
        Label::Closing,
        Label::Other,
    ];

    /// The sections a bank file holds phrases for, in file order.
    pub const SECTIONS: [Label; 8] = [
        Label::Salutation,
        Label::Opening,
        Label::Achievements,
        Label::Significance,
        Label::Tasks,
        Label::Leadership,
        Label::Problems,
        Label::Closing,
    ];

    /// The snake_case name used in files and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Salutation => "salutation",
            Label::Opening => "opening",
            Label::Heading => "heading",
            Label::Achievements => "achievements",
            Label::Significance => "significance",
            Label::Tasks => "tasks",
            Label::Leadership => "leadership",
            Label::Problems => "problems",
            Label::Closing => "closing",
            Label::Other => "other",
        }
    }

    /// Parses a label name.
    #[must_use]
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a phrase is, as a piece of a speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 同志们： on its own line.
    Salutation,
    /// A paragraph of the opening.
    Opening,
    /// A main point's heading, stored without its number (一、).
    Heading,
    /// The first paragraph under a heading, introducing the point.
    Intro,
    /// A sub-point: `lead` is its lead sentence, stored without its original number.
    Subpoint,
    /// Any other body paragraph.
    Body,
    /// A paragraph of the closing.
    Closing,
}

/// The kind of text a phrase came from, or a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    LeaderSpeech,
    WorkReport,
}

impl Kind {
    /// The name used in briefs and files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::LeaderSpeech => "leader_speech",
            Kind::WorkReport => "work_report",
        }
    }
}

/// Government bodies (县/市/区) or enterprises (矿/厂/公司): their wording differs. A `Common`
/// phrase holds nothing specific to either and serves both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelFamily {
    Government,
    Enterprise,
    Common,
}

impl LevelFamily {
    /// The name used in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LevelFamily::Government => "government",
            LevelFamily::Enterprise => "enterprise",
            LevelFamily::Common => "common",
        }
    }
}

/// The years a phrase fits (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Era {
    pub from: u32,
    pub to: u32,
}

impl Era {
    /// Any year the product supports.
    pub const ALWAYS: Era = Era { from: 1990, to: 2100 };

    /// Whether a meeting held in `year` may use the phrase.
    #[must_use]
    pub fn fits(&self, year: u32) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

/// One stock phrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    /// Stable id: `<section>-<16 hex digits of FNV-1a of the text>`.
    pub id: String,
    pub section: Label,
    pub unit: Unit,
    /// Text with `{{ slot }}` variables.
    pub text: String,
    /// For sub-points: the lead sentence, a prefix of `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The slots `text` uses, sorted.
    #[serde(default)]
    pub slots: Vec<String>,
    /// Themes from the lexicon (`data/themes.toml`).
    #[serde(default)]
    pub themes: Vec<String>,
    pub kind: Kind,
    pub level_family: LevelFamily,
    pub era: Era,
    /// `FILE:LINE` of the paragraph it came from.
    pub source: String,
}

/// The slot vocabulary: Tera variable, what fills it, and how it is shown to people (〔…〕).
pub const SLOTS: [(&str, &str, &str); 22] = [
    ("org", "the organisation's name (临澧县)", "〔单位〕"),
    ("lv.all", "全县 / 全市 / 全区 / 全矿", "〔全县〕"),
    ("lv.we", "我县 / 我市 / 我区 / 我矿", "〔我县〕"),
    ("lv.short", "县 / 市 / 区 / 矿", "〔县〕"),
    ("lv.party", "县委 / 市委 / 区委 / 矿党委", "〔县委〕"),
    ("lv.gov", "县政府 / 市政府 / 区政府 / 矿行政", "〔县政府〕"),
    ("lv.union", "县总工会 / 市总工会 / 区总工会 / 矿工会", "〔县总工会〕"),
    (
        "lv.subs",
        "各乡镇 / 各县（市、区） / 各街道（镇） / 各区队",
        "〔各乡镇〕",
    ),
    ("lv.upper_party", "市委 / 省委 / 市委 / 集团公司党委", "〔上级党委〕"),
    (
        "lv.upper_union",
        "市总工会 / 省总工会 / 市总工会 / 上级工会",
        "〔上级工会〕",
    ),
    ("year", "the meeting's year (2026)", "〔今年〕"),
    ("prev_year", "the year reviewed (2025)", "〔上年〕"),
    ("next_year", "the year after the meeting (2027)", "〔明年〕"),
    ("plan", "the current five-year plan (十五五)", "〔规划〕"),
    ("prev_plan", "the five-year plan before it (十四五)", "〔上个规划〕"),
    ("phase", "the year's phase in the plan (开局之年)", "〔阶段〕"),
    ("congress", "the current Party congress (二十大)", "〔党代会〕"),
    (
        "union_congress",
        "the current national union congress (十八大)",
        "〔工会代表大会〕",
    ),
    ("reporter", "who gave the work report", "〔报告人〕"),
    ("speaker", "the speaker's name", "〔讲话人〕"),
    ("meeting", "the meeting's name (全县工会工作会议)", "〔会议〕"),
    ("points_cn", "the number of points in Chinese (三)", "〔几〕"),
];

/// Whether `name` is a slot of the vocabulary.
#[must_use]
pub fn is_slot(name: &str) -> bool {
    SLOTS.iter().any(|(s, _, _)| *s == name)
}

/// `text` with its slots shown for people: `{{ lv.all }}` → 〔全县〕.
#[must_use]
pub fn display_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end].trim();
        match SLOTS.iter().find(|(s, _, _)| *s == name) {
            Some((_, _, shown)) => out.push_str(shown),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The slot names used in `text`, sorted and deduplicated.
#[must_use]
pub fn slots_in(text: &str) -> Vec<String> {
    let mut slots: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        slots.push(after[..end].trim().to_string());
        rest = &after[end + 2..];
    }
    slots.sort();
    slots.dedup();
    slots
}

/// The stable id of a phrase of `section` with `text`.
#[must_use]
pub fn phrase_id(section: Label, text: &str) -> String {
    format!("{}-{:016x}", section.as_str(), crate::rng::fnv1a(text.as_bytes()))
}

/// A loaded phrase bank.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    /// All phrases, in section file order then id order.
    pub phrases: Vec<Phrase>,
    /// FNV-1a over the bank files' bytes, as 16 hex digits.
    pub hash: String,
}

#[derive(Serialize, Deserialize, Default)]
struct BankFile {
    #[serde(default)]
    phrase: Vec<Phrase>,
}

/// The line on which the `index`-th phrase of a bank file starts, for error messages.
fn phrase_line(text: &str, index: usize) -> Option<usize> {
    #[derive(Deserialize)]
    struct Spans {
        #[serde(default)]
        phrase: Vec<serde_spanned::Spanned<toml::Table>>,
    }
    let spans: Spans = toml::from_str(text).ok()?;
    let start = spans.phrase.get(index)?.span().start.min(text.len());
    Some(text.as_bytes()[..start].iter().filter(|b| **b == b'\n').count() + 1)
}

/// The file name of a section in a bank folder.
#[must_use]
pub fn section_file(section: Label) -> String {
    format!("{}.toml", section.as_str())
}

macro_rules! embedded {
    ($($name:literal),*) => {
        [$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/phrasebank/", $name, ".toml")))),*]
    };
}

/// The default bank's files, embedded at build time.
const EMBEDDED: [(&str, &str); 8] = embedded!(
    "salutation",
    "opening",
    "achievements",
    "significance",
    "tasks",
    "leadership",
    "problems",
    "closing"
);

impl Bank {
    /// The bank built into the binary.
    pub fn embedded() -> Result<Bank> {
        let files = EMBEDDED.iter().map(|(name, text)| {
            (
                PathBuf::from(format!("<embedded>/phrasebank/{name}.toml")),
                (*text).to_string(),
            )
        });
        Bank::from_files(files)
    }

    /// Loads a bank from a folder of section files; a missing section file is an empty section.
    pub fn load(dir: &Path) -> Result<Bank> {
        if !dir.is_dir() {
            return Err(Error::Bank {
                path: dir.to_path_buf(),
                line: None,
                message: "not a folder of phrase bank files".into(),
            });
        }
        let mut files = Vec::new();
        for section in Label::SECTIONS {
            let path = dir.join(section_file(section));
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((path, text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::Io { path, source: e }),
            }
        }
        Bank::from_files(files)
    }

    fn from_files(files: impl IntoIterator<Item = (PathBuf, String)>) -> Result<Bank> {
        let mut phrases = Vec::new();
        let mut hash_input = Vec::new();
        for (path, text) in files {
            let file: BankFile = toml::from_str(&text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
                Error::Bank {
                    path: path.clone(),
                    line,
                    message: e.message().to_string(),
                }
            })?;
            for (i, p) in file.phrase.iter().enumerate() {
                if let Some(bad) = slots_in(&p.text).into_iter().find(|s| !is_slot(s)) {
                    return Err(Error::Bank {
                        path: path.clone(),
                        line: phrase_line(&text, i),
                        message: format!("phrase {} uses unknown slot `{bad}`", p.id),
                    });
                }
            }
            hash_input.extend_from_slice(text.as_bytes());
            phrases.extend(file.phrase);
        }
        Ok(Bank {
            phrases,
            hash: format!("{:016x}", crate::rng::fnv1a(&hash_input)),
        })
    }

    /// Writes the bank as one TOML file per section into `dir` (which must exist), phrases
    /// sorted by id. Returns the files written.
    pub fn to_files(phrases: &[Phrase]) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for section in Label::SECTIONS {
            let mut phrase: Vec<Phrase> = phrases.iter().filter(|p| p.section == section).cloned().collect();
            phrase.sort_by(|a, b| a.id.cmp(&b.id));
            let body = toml::to_string(&BankFile { phrase }).map_err(|e| Error::Message(e.to_string()))?;
            let header = format!(
                "# jianggao phrase bank: {} phrases. Written by `jianggao mine`; edit the corpus or the rules, not this file.\n\n",
                section.as_str()
            );
            out.push((section_file(section), header + &body));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_slots() {
        let t = "{{ lv.all }}各级工会要在{{ year }}年做好{{ lv.all }}工作";
        assert_eq!(display_text(t), "〔全县〕各级工会要在〔今年〕年做好〔全县〕工作");
        assert_eq!(slots_in(t), vec!["lv.all".to_string(), "year".to_string()]);
    }

    #[test]
    fn embedded_bank_loads() {
        let bank = Bank::embedded().expect("embedded bank parses");
        assert_eq!(bank.hash.len(), 16);
    }

    #[test]
    fn labels_round_trip() {
        for l in Label::ALL {
            assert_eq!(Label::parse(l.as_str()), Some(l));
        }
    }
}
