//! The level family of a mined phrase: a phrase holding no wording specific to government bodies
//! or to enterprises is `common` and serves both. The markers are in `data/family.toml`.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::bank::LevelFamily;

const FAMILY: &str = include_str!("../../data/family.toml");

#[derive(Deserialize)]
struct FamilyFile {
    government: Vec<String>,
    enterprise: Vec<String>,
    neutral: Vec<String>,
}

/// Neutral words first, then the markers: a match's pattern index tells which it is.
struct Markers {
    automaton: AhoCorasick,
    neutral: usize,
}

static MARKERS: LazyLock<Markers> = LazyLock::new(|| {
    let file: FamilyFile = toml::from_str(FAMILY).expect("data/family.toml parses");
    let neutral = file.neutral.len();
    let patterns: Vec<&String> = file
        .neutral
        .iter()
        .chain(&file.government)
        .chain(&file.enterprise)
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("data/family.toml builds an automaton");
    Markers { automaton, neutral }
});

/// The first word of `text` outside its slots that ties it to one family, if any.
#[must_use]
pub fn family_marker(text: &str) -> Option<String> {
    let bare = outside_slots(text);
    let markers = &*MARKERS;
    markers
        .automaton
        .find_iter(&bare)
        .find(|m| m.pattern().as_usize() >= markers.neutral)
        .map(|m| bare[m.start()..m.end()].to_string())
}

/// The family of a phrase mined from a speech of family `speech`: `common` when its text holds
/// no marker of either family.
#[must_use]
pub fn phrase_family(text: &str, speech: LevelFamily) -> LevelFamily {
    if family_marker(text).is_none() {
        LevelFamily::Common
    } else {
        speech
    }
}

/// `text` with each `{{ slot }}` replaced by a space.
fn outside_slots(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        out.push(' ');
        match rest[start..].find("}}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_decide_the_family() {
        let gov = LevelFamily::Government;
        let ent = LevelFamily::Enterprise;
        assert_eq!(
            phrase_family(
                "{{ lv.all }}各级工会要紧紧围绕{{ lv.party }}的中心工作，开拓进取。",
                gov
            ),
            LevelFamily::Common
        );
        assert_eq!(
            phrase_family("要积极适应市场变化，走出工作误区，不留盲区。", ent),
            LevelFamily::Common
        );
        assert_eq!(
            phrase_family(
                "深入推进厂务公开，坚决克服机关化、行政化倾向，大力实施扶贫帮困工程。",
                gov
            ),
            LevelFamily::Common
        );
        assert_eq!(
            phrase_family("发展企业文化、职工文化，为企业发展建功立业。", gov),
            LevelFamily::Common
        );
        assert_eq!(phrase_family("敦促企业及时建会，推动企业文化建设。", gov), gov);
        assert_eq!(phrase_family("推动乡镇工会规范化建设。", gov), gov);
        assert_eq!(phrase_family("协助{{ lv.party }}、县政府做好工作。", gov), gov);
        assert_eq!(phrase_family("深化企业民主管理。", gov), gov);
        assert_eq!(phrase_family("加强班组建设，开展井下安全监督。", ent), ent);
        assert_eq!(phrase_family("围绕矿井安全生产", ent), ent);
        assert_eq!(family_marker("围绕{{ lv.gov }}的部署"), None);
        assert_eq!(family_marker("为城市发展服务，服务城乡职工"), Some("城乡".to_string()));
    }
}
