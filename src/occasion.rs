//! Words that tie a phrase to one kind of meeting (`data/occasion.toml`): 五年来 reviews a union
//! congress's five-year term, and a draft for an annual work meeting must not say it; 各位委员
//! addresses a committee in plenary, 各级工会法律工作部门 a meeting on legal work.

use std::sync::OnceLock;

use serde::Deserialize;

/// The occasion file built into the binary.
const EMBEDDED: &str = include_str!("../data/occasion.toml");

/// One occasion: the words that tie a phrase to it, and words of the meetings it fits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Occasion {
    pub words: Vec<String>,
    pub meeting: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OccasionFile {
    #[serde(default)]
    occasion: Vec<Occasion>,
}

/// Parses an occasion file; every occasion needs words and meeting words.
pub fn parse(text: &str) -> Result<Vec<Occasion>, String> {
    let file: OccasionFile = toml::from_str(text).map_err(|e| format!("occasion file: {}", e.message()))?;
    if let Some(o) = file
        .occasion
        .iter()
        .find(|o| o.words.is_empty() || o.meeting.is_empty())
    {
        return Err(format!(
            "occasion file: {:?} needs both words and meeting words",
            o.words
        ));
    }
    Ok(file.occasion)
}

fn occasions() -> &'static [Occasion] {
    static OCCASIONS: OnceLock<Vec<Occasion>> = OnceLock::new();
    OCCASIONS.get_or_init(|| parse(EMBEDDED).unwrap_or_default())
}

/// Whether `text` may be said at the meeting named `meeting`: it names no occasion, or the
/// meeting is of every occasion it names.
#[must_use]
pub fn fits(text: &str, meeting: &str) -> bool {
    occasions()
        .iter()
        .filter(|o| o.words.iter().any(|w| text.contains(w.as_str())))
        .all(|o| o.meeting.iter().any(|m| meeting.contains(m.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_parses() {
        assert!(!parse(EMBEDDED).expect("occasion file parses").is_empty());
        assert!(parse("[[occasion]]\nwords = [\"五年来\"]\nmeeting = []\n").is_err());
    }

    #[test]
    fn five_years_are_reviewed_only_at_a_congress() {
        let text = "五年来，县总工会在市总工会的具体指导下，紧紧围绕县委中心工作。";
        assert!(!fits(text, "全县工会工作会议"));
        assert!(fits(text, "临江县工会第十五次代表大会"));
        assert!(fits("一年来，全县各级工会扎实工作。", "全县工会工作会议"));
    }

    #[test]
    fn words_to_one_line_of_work_or_a_committee_fit_only_its_meeting() {
        let legal = "同志们，各级工会法律工作部门和法律工作者，要抓住机遇，迎接挑战。";
        assert!(!fits(legal, "全县工会工作会议"));
        assert!(fits(legal, "全市工会法律工作会议"));
        let committee = "各位委员、同志们，让我们振奋精神、开拓创新！";
        assert!(!fits(committee, "全区工会工作会议"));
        assert!(fits(committee, "区总工会十五届三次全委（扩大）会议"));
    }
}
