//! Generalising a unit of text into a slotted phrase, or dropping it.
//!
//! Interface used by the mining pipeline (`mine::…`):
//! 1. [`speech_facts`] once per speech, over all its paragraphs' cleaned text;
//! 2. [`Census::build`] once per corpus, over all speeches (for local slogans: quoted strings used
//!    by only one speech);
//! 3. [`generalise`] for each candidate unit.

use crate::bank::{Era, Kind, LevelFamily};

/// What a whole speech tells about its context: its own level word, the current five-year plan
/// it speaks of, and so on. Filled by [`speech_facts`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeechFacts {
    /// The speech's own level word as used in self-references (县, 市, 区, 矿, 厂, 公司), if found.
    pub level: Option<String>,
    /// Government or enterprise.
    pub family: Option<LevelFamily>,
    /// leader_speech or work_report.
    pub kind: Option<Kind>,
}

/// What the unit speaks of in time: the year under review, the year planned, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// A review (achievements, problems): 20xx年 means the year before the meeting.
    Review,
    /// A plan (tasks, opening, closing…): 20xx年 means the meeting's year.
    Plan,
}

/// Corpus-wide counts needed to tell local from national wording.
#[derive(Debug, Clone, Default)]
pub struct Census {}

impl Census {
    /// Counts over all speeches; each speech is the list of its paragraphs' cleaned text.
    #[must_use]
    pub fn build(_speeches: &[Vec<&str>]) -> Census {
        Census {}
    }
}

/// The result of generalising one unit.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The unit, generalised: `text` holds `{{ slot }}` variables of the bank's vocabulary.
    Kept {
        text: String,
        /// The slots used, sorted.
        slots: Vec<String>,
        /// The years the unit fits.
        era: Era,
        /// How it was generalised, for `mine --explain` (e.g. "我县 → {{ lv.we }}").
        notes: Vec<String>,
    },
    /// The unit cannot be used: why.
    Dropped { reason: String },
}

/// The facts of a speech from the cleaned text of its paragraphs.
#[must_use]
pub fn speech_facts(_paragraphs: &[&str]) -> SpeechFacts {
    SpeechFacts::default()
}

/// Generalises one unit's cleaned text (without its original sub-point number).
#[must_use]
pub fn generalise(text: &str, _facts: &SpeechFacts, _census: &Census, _frame: Frame) -> Outcome {
    Outcome::Kept {
        text: text.to_string(),
        slots: Vec::new(),
        era: Era::ALWAYS,
        notes: Vec::new(),
    }
}
