//! Words that tie a phrase to one kind of meeting (`data/occasion.toml`): 五年来 reviews a union
//! congress's five-year term, and a draft for an annual work meeting must not say it; 各位委员
//! addresses a committee in plenary, 各级工会法律工作部门 a meeting on legal work. Some words
//! tie a phrase to one kind of speech instead: 我代表县委、县政府 is a leader's voice, never the
//! union's own work report.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use crate::bank::Kind;

/// The occasion file built into the binary.
const EMBEDDED: &str = include_str!("../data/occasion.toml");

/// One occasion: the words that tie a phrase to it, words of the meetings it fits (any
/// meeting when empty) and the kind of speech it fits (any when absent).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Occasion {
    pub words: Vec<String>,
    #[serde(default)]
    pub meeting: Vec<String>,
    #[serde(default)]
    pub kind: Option<Kind>,
    /// The speaker it fits: `party` for words only a Party office says (我代表县委，), which a
    /// county head or a mine's director, speaking for the government or the management, does not.
    #[serde(default)]
    pub speaker: Option<Speaker>,
}

/// Whom a speaker speaks for, as the role in the brief says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// A Party office: 县委书记, 县委副书记, 组织部部长, 党委书记.
    Party,
    /// A government's head or an enterprise's management: 县长, 副市长, 矿长, 总经理.
    Government,
}

impl Speaker {
    /// Whom a speaker of `role` speaks for; `None` when the role does not say.
    #[must_use]
    pub fn of(role: &str) -> Option<Speaker> {
        const PARTY: [&str; 6] = ["书记", "党委", "党组", "常委", "组织部", "宣传部"];
        const GOVERNMENT: [&str; 5] = ["政府", "县长", "市长", "区长", "经理"];
        if PARTY.iter().any(|w| role.contains(w)) {
            Some(Speaker::Party)
        } else if GOVERNMENT.iter().any(|w| role.contains(w)) || role.ends_with(['长']) {
            Some(Speaker::Government)
        } else {
            None
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OccasionFile {
    #[serde(default)]
    occasion: Vec<Occasion>,
}

/// Parses an occasion file; every occasion needs words, and meeting words, a kind or a speaker.
pub fn parse(text: &str) -> Result<Vec<Occasion>, String> {
    let file: OccasionFile = toml::from_str(text).map_err(|e| format!("occasion file: {}", e.message()))?;
    if let Some(o) = file
        .occasion
        .iter()
        .find(|o| o.words.is_empty() || (o.meeting.is_empty() && o.kind.is_none() && o.speaker.is_none()))
    {
        return Err(format!(
            "occasion file: {:?} needs words, and meeting words, a kind or a speaker",
            o.words
        ));
    }
    Ok(file.occasion)
}

/// The embedded occasions and one automaton over all their words, each word's occasion beside.
struct Index {
    occasions: Vec<Occasion>,
    automaton: Option<AhoCorasick>,
    owner: Vec<usize>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let occasions = parse(EMBEDDED).unwrap_or_default();
        let (words, owner): (Vec<&str>, Vec<usize>) = occasions
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.words.iter().map(move |w| (w.as_str(), i)))
            .unzip();
        let automaton = AhoCorasick::new(&words).ok();
        Index {
            occasions,
            automaton,
            owner,
        }
    })
}

/// The occasions a draft of one kind at one meeting is not: text naming any of them is left out.
pub struct Allowed {
    barred: Vec<bool>,
    /// Whether any occasion is barred: when none is, no text need be scanned.
    any: bool,
}

impl Allowed {
    /// For a speech of `kind` at the meeting named `meeting`.
    #[must_use]
    pub fn new(meeting: &str, kind: Kind) -> Allowed {
        Allowed::with_speaker(meeting, kind, None)
    }

    /// For a speech of `kind` at the meeting named `meeting`, by a speaker speaking for
    /// `speaker` (any when `None`).
    #[must_use]
    pub fn with_speaker(meeting: &str, kind: Kind, speaker: Option<Speaker>) -> Allowed {
        let barred = index()
            .occasions
            .iter()
            .map(|o| {
                !((o.meeting.is_empty() || o.meeting.iter().any(|m| meeting.contains(m.as_str())))
                    && o.kind.is_none_or(|k| k == kind)
                    && o.speaker.is_none_or(|s| speaker.is_none_or(|t| s == t)))
            })
            .collect::<Vec<bool>>();
        let any = barred.contains(&true);
        Allowed { barred, any }
    }

    /// Whether `text` may be said: it names no occasion the draft is not.
    #[must_use]
    pub fn fits(&self, text: &str) -> bool {
        let index = index();
        let Some(ac) = &index.automaton else { return true };
        !self.any
            || ac
                .find_overlapping_iter(text)
                .all(|m| !self.barred[index.owner[m.pattern().as_usize()]])
    }
}

/// Whether `text` may be said in a speech of `kind` at the meeting named `meeting`: it names no
/// occasion, or the meeting and the kind are of every occasion it names.
#[must_use]
pub fn fits(text: &str, meeting: &str, kind: Kind) -> bool {
    Allowed::new(meeting, kind).fits(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits_meeting(text: &str, meeting: &str) -> bool {
        fits(text, meeting, Kind::LeaderSpeech) && fits(text, meeting, Kind::WorkReport)
    }

    #[test]
    fn a_leaders_voice_is_not_the_unions_report() {
        let thanks = "借此机会，我代表{{ lv.party }}、{{ lv.gov }}，向全县广大职工致以崇高的敬意！";
        assert!(fits(thanks, "全县工会工作会议", Kind::LeaderSpeech));
        assert!(!fits(thanks, "全县工会工作会议", Kind::WorkReport));
        let plain = "一年来，全县各级工会扎实工作。";
        assert!(fits(plain, "全县工会工作会议", Kind::WorkReport));
    }

    #[test]
    fn the_embedded_file_parses() {
        assert!(!parse(EMBEDDED).expect("occasion file parses").is_empty());
        assert!(parse("[[occasion]]\nwords = [\"五年来\"]\nmeeting = []\n").is_err());
        assert!(parse("[[occasion]]\nwords = [\"我代表\"]\nkind = \"leader_speech\"\n").is_ok());
    }

    #[test]
    fn five_years_are_reviewed_only_at_a_congress() {
        let text = "五年来，县总工会在市总工会的具体指导下，紧紧围绕县委中心工作。";
        assert!(!fits_meeting(text, "全县工会工作会议"));
        assert!(fits_meeting(text, "临江县工会第十五次代表大会"));
        assert!(fits_meeting("一年来，全县各级工会扎实工作。", "全县工会工作会议"));
    }

    #[test]
    fn words_to_one_line_of_work_or_a_committee_fit_only_its_meeting() {
        let legal = "同志们，各级工会法律工作部门和法律工作者，要抓住机遇，迎接挑战。";
        assert!(!fits_meeting(legal, "全县工会工作会议"));
        assert!(fits_meeting(legal, "全市工会法律工作会议"));
        let committee = "各位委员、同志们，让我们振奋精神、开拓创新！";
        assert!(!fits_meeting(committee, "全区工会工作会议"));
        assert!(fits_meeting(committee, "区总工会十五届三次全委（扩大）会议"));
    }

    #[test]
    fn a_party_office_speaks_for_the_party_committee_alone() {
        assert_eq!(Speaker::of("县委副书记"), Some(Speaker::Party));
        assert_eq!(Speaker::of("市委常委、组织部部长"), Some(Speaker::Party));
        assert_eq!(Speaker::of("副县长"), Some(Speaker::Government));
        assert_eq!(Speaker::of("矿长"), Some(Speaker::Government));
        assert_eq!(Speaker::of("总经理"), Some(Speaker::Government));
        assert_eq!(Speaker::of("工会主席"), None);
        let text = "县委对工会工作是满意的。";
        let county_head = Allowed::with_speaker("全县工会工作会议", Kind::LeaderSpeech, Some(Speaker::Government));
        let secretary = Allowed::with_speaker("全县工会工作会议", Kind::LeaderSpeech, Some(Speaker::Party));
        let raw = "我代表{{ lv.party }}，向大家表示感谢。";
        assert!(!county_head.fits(raw) && secretary.fits(raw), "{text}");
        assert!(county_head.fits("我代表{{ lv.party }}、{{ lv.gov }}，向大家表示感谢。"));
    }
}
