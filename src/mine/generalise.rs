//! Generalising a unit of text into a slotted phrase, or dropping it.
//!
//! Interface used by the mining pipeline (`mine::…`):
//! 1. [`speech_facts`] once per speech, over all its paragraphs' cleaned text;
//! 2. [`Census::build`] once per corpus, over all speeches (for local slogans: quoted strings used
//!    by only one speech);
//! 3. [`generalise`] for each candidate unit.
//!
//! [`generalise`] runs these steps, each of which may drop the unit with a reason:
//! source gaps and neighbour-bound openings ([`defects`]); numbered sessions; the reporter slot
//! and person names ([`person`]); years, five-year plans, phases and congresses ([`time`]); level
//! self-references ([`level`]); the speech's own enterprise and other place names ([`place`]);
//! sentences carrying corpus statistics or local slogans ([`sentences`]); and the era the unit
//! fits ([`era`]). The word lists behind them live in `data/` ([`lexicon`]).

mod defects;
mod era;
mod level;
mod lexicon;
mod person;
mod place;
mod salvage;
mod sentences;
mod time;

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::AhoCorasick;

use crate::bank::{Era, Kind, LevelFamily};

pub use era::{era_of, names_an_era_term};
pub use salvage::Cut;

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
    /// The year the meeting was held, as far as the speech tells: from a phase statement
    /// (今年是“十二五”开局之年 → 2011) or else the latest concrete year it names.
    pub year: Option<u32>,
    /// The current five-year plan's ordinal (12 for 十二五): that of `year`, or else the latest
    /// plan the speech names.
    pub plan: Option<u32>,
    /// The current Party congress's ordinal: that of `year`, or else the latest named.
    pub congress: Option<u32>,
    /// The current national union congress's ordinal: that of `year`, or else the latest named.
    pub union_congress: Option<u32>,
    /// The speech's own enterprise (陶阳矿), when it is an enterprise speech naming itself.
    pub org: Option<String>,
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
pub struct Census {
    /// For each quoted string (without its quotes): from how many places it is quoted: one
    /// when every speech quoting it may be of one province (by the places each names most), else
    /// the number of speeches. A campaign of one province (“双联”) quoted by two of its counties,
    /// or one speech found twice in an archive, is still local.
    pub quotes: BTreeMap<String, usize>,
    /// Local slogans (quoted by one speech only, not national) long enough to be recognised
    /// unquoted too; `local_automaton` matches them.
    pub local: Vec<String>,
    local_automaton: Option<AhoCorasick>,
}

impl Census {
    /// Counts over all speeches; each speech is the list of its paragraphs' cleaned text.
    #[must_use]
    pub fn build(speeches: &[Vec<&str>]) -> Census {
        // Each quotation's speeches, and the provinces each of them may be from.
        let mut quoting: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut provinces: Vec<Vec<u8>> = Vec::with_capacity(speeches.len());
        for (i, speech) in speeches.iter().enumerate() {
            provinces.push(lexicon::GAZETTEER.provinces_of(speech));
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            for paragraph in speech {
                seen.extend(sentences::quoted(paragraph));
            }
            for q in seen {
                quoting.entry(q).or_default().push(i);
            }
        }
        // One place when every speech quoting it may be of one province; else one per speech.
        let quotes: BTreeMap<String, usize> = quoting
            .into_iter()
            .map(|(q, by)| {
                let first = &provinces[by[0]];
                let one_province = first.iter().any(|code| by.iter().all(|&i| provinces[i].contains(code)));
                (q.to_string(), if one_province { 1 } else { by.len() })
            })
            .collect();
        let local: Vec<String> = quotes
            .iter()
            .filter(|(q, n)| **n <= 1 && sentences::is_local_quote(q, **n) && sentences::recognisable_unquoted(q))
            .map(|(q, _)| q.clone())
            .collect();
        let local_automaton = (!local.is_empty()).then(|| lexicon::automaton(&local));
        Census {
            quotes,
            local,
            local_automaton,
        }
    }

    /// From how many places `q` is quoted (see [`Census::quotes`]).
    #[must_use]
    pub fn places_quoting(&self, q: &str) -> usize {
        self.quotes.get(q).copied().unwrap_or(0)
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
pub fn speech_facts(paragraphs: &[&str]) -> SpeechFacts {
    let (level, family) = match level::speech_level(paragraphs) {
        Some((word, family)) => (Some(word), Some(family)),
        None => (None, None),
    };
    let times = time::speech_times(paragraphs);
    let org = match family {
        Some(LevelFamily::Enterprise) => place::own_enterprise(paragraphs),
        _ => None,
    };
    SpeechFacts {
        level,
        family,
        kind: Some(kind_of(paragraphs)),
        year: times.year,
        plan: times.plan,
        congress: times.congress,
        union_congress: times.union_congress,
        org,
    }
}

/// A work report is given on behalf of the union committee (我代表…向大会报告工作) and reviews
/// the year in a part of its own; anything else is a leader's speech.
fn kind_of(paragraphs: &[&str]) -> Kind {
    static REPORT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"代表[^。]{0,20}(向大会|作工作报告|报告工作)|^[^。]{0,16}工作的?(简要)?回顾$")
            .expect("static regex")
    });
    if paragraphs.iter().any(|p| REPORT.is_match(p)) {
        Kind::WorkReport
    } else {
        Kind::LeaderSpeech
    }
}

/// The notes of a unit: how each kind of text was replaced, with counts.
#[derive(Default, Clone)]
struct Notes {
    entries: Vec<(String, usize)>,
}

impl Notes {
    fn add(&mut self, note: String) {
        match self.entries.iter_mut().find(|(n, _)| *n == note) {
            Some((_, count)) => *count += 1,
            None => self.entries.push((note, 1)),
        }
    }

    fn into_vec(self) -> Vec<String> {
        self.entries
            .into_iter()
            .map(|(n, c)| if c > 1 { format!("{n} (×{c})") } else { n })
            .collect()
    }
}

/// `{{ name }}`
fn slot(name: &str) -> String {
    format!("{{{{ {name} }}}}")
}

/// Generalises one unit's cleaned text (without its original sub-point number), cutting out
/// only non-lead sentences that cannot stay.
#[must_use]
pub fn generalise(text: &str, facts: &SpeechFacts, census: &Census, frame: Frame) -> Outcome {
    generalise_unit(text, facts, census, frame, Cut::STRICT)
}

/// Generalises one unit's cleaned text: first fills the source's unambiguous gaps with slots;
/// when the unit still cannot be kept whole, the sentences (or, as `cut` allows, the lead
/// sentence or trailing clauses) that hold what cannot stay are cut out, provided what is left
/// reads whole.
#[must_use]
pub fn generalise_unit(text: &str, facts: &SpeechFacts, census: &Census, frame: Frame, cut: Cut) -> Outcome {
    let mut notes = Notes::default();
    let repaired = salvage::repair(text, &mut notes);
    let reason = match run(&repaired, facts, census, frame, notes.clone()) {
        Ok(kept) => return kept,
        Err(reason) => reason,
    };
    // Only what a sentence holds on its own is cut; a sentence opening with 这/同时 is judged
    // in its place, by the run over what is left.
    let offends = |piece: &str| -> Option<String> {
        run(piece, facts, census, frame, Notes::default())
            .err()
            .filter(|why| !why.starts_with("only makes sense after"))
            .map(|why| why.replace(" in the lead sentence", ""))
    };
    let (rest, removed) = match salvage::cut(&repaired, cut, &offends) {
        Ok(done) => done,
        Err(why) if why.is_empty() => return Outcome::Dropped { reason },
        Err(why) => return Outcome::Dropped { reason: why },
    };
    for why in removed {
        notes.add(format!("removed {why}"));
    }
    match run(&rest, facts, census, frame, notes) {
        Ok(kept) => kept,
        Err(why) => Outcome::Dropped {
            reason: format!("{reason}; without it: {why}"),
        },
    }
}

fn run(text: &str, facts: &SpeechFacts, census: &Census, frame: Frame, mut notes: Notes) -> Result<Outcome, String> {
    defects::check_gaps(text)?;
    defects::check_sessions(text)?;
    let text = person::reporter(text, &mut notes);
    person::check_names(&text)?;
    let text = time::years(&text, facts, frame, &mut notes)?;
    let text = time::plans(&text, facts, &mut notes)?;
    let text = time::congresses(&text, facts, &mut notes)?;
    let text = level::slot_levels(&text, facts, &mut notes);
    let text = place::slot_org(&text, facts, &mut notes);
    place::check_places(&text)?;
    place::check_enterprises(&text)?;
    level::check_foreign(&text)?;
    let text = sentences::remove_local(&text, census, &mut notes)?;
    let text = sentences::points(&text, &mut notes);
    defects::check_leftovers(&text)?;
    let era = era::era_of(&text)?;
    if let Some(note) = era::note(&text, era) {
        notes.add(note);
    }
    let slots = crate::bank::slots_in(&text);
    Ok(Outcome::Kept {
        text,
        slots,
        era,
        notes: notes.into_vec(),
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn work_reports_review_the_year() {
        assert_eq!(
            kind_of(&["同志们：", "第一部分20xx年工会工作的简要回顾"]),
            Kind::WorkReport
        );
        assert_eq!(
            kind_of(&["现在，我代表县总工会第十届委员会向大会报告工作，请予审议。"]),
            Kind::WorkReport
        );
        assert_eq!(
            kind_of(&["同志们：", "一、工会组织地位重要，必须充分认识、准确把握"]),
            Kind::LeaderSpeech
        );
    }
}
