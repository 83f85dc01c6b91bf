//! Level self-references (我县, 全县, 县委, 县总工会, 各乡镇…) and superiors (市委, 市总工会 in a
//! county's speech) become level slots. The patterns are in `data/levels.toml`.

use super::lexicon::{LEVELS_DATA, Level};
use super::{Notes, SpeechFacts, slot};
use crate::bank::LevelFamily;

/// The speech's own level: the level word whose self-references occur most often.
pub(super) fn speech_level(paragraphs: &[&str]) -> Option<(String, LevelFamily)> {
    let mut best: Option<(&Level, usize)> = None;
    for level in &LEVELS_DATA.levels {
        let count: usize = paragraphs
            .iter()
            .map(|p| {
                level
                    .self_refs
                    .find_iter(*p)
                    .filter(|m| guards_allow(p, m.start(), m.end()))
                    .count()
            })
            .sum();
        if count > 0 && best.is_none_or(|(_, n)| count > n) {
            best = Some((level, count));
        }
    }
    best.map(|(level, _)| (level.word.clone(), level.family))
}

/// Whether the match `text[start..end]` stands as a word of its own: a level word at its start
/// must not be preceded, and one at its end not followed, by a character making another word.
fn guards_allow(text: &str, start: usize, end: usize) -> bool {
    let matched = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    for guard in &LEVELS_DATA.guards {
        if matched.starts_with(guard.word.as_str()) && before.is_some_and(|c| guard.before.contains(&c)) {
            return false;
        }
        if matched.ends_with(guard.word.as_str()) && after.is_some_and(|c| guard.after.contains(&c)) {
            return false;
        }
    }
    true
}

/// Replaces the speech's level references with level slots.
pub(super) fn slot_levels(text: &str, facts: &SpeechFacts, notes: &mut Notes) -> String {
    let Some(level) = facts
        .level
        .as_deref()
        .and_then(|w| LEVELS_DATA.levels.iter().find(|l| l.word == w))
    else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for m in level.automaton.find_iter(text) {
        if !guards_allow(text, m.start(), m.end()) {
            continue;
        }
        let (pattern, name) = &level.patterns[m.pattern().as_usize()];
        out.push_str(&text[last..m.start()]);
        let replacement = if *name == "lv.short" {
            pattern.replacen(level.word.as_str(), &slot(name), 1)
        } else {
            slot(name)
        };
        notes.add(format!("{pattern} → {replacement}"));
        out.push_str(&replacement);
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

/// Fails when `text` (after the speech's own references were slotted) still holds a level word:
/// another level's self-reference (全市 in a county's speech means the superior city's area, 县委
/// in a city's speech a subordinate's committee) or a word presupposing a level (县区, 市县两级).
/// No slot can stand for those, so the sentence goes or the unit does.
pub(super) fn check_foreign(text: &str) -> Result<(), String> {
    let data = &*LEVELS_DATA;
    match data
        .level_words_automaton
        .find_iter(text)
        .find(|m| guards_allow(text, m.start(), m.end()))
    {
        Some(m) => Err(format!(
            "level word {} not of the speech's own level",
            &text[m.start()..m.end()]
        )),
        None => match data.bodies.find_iter(text).find(|m| {
            let first = m.as_str().chars().next().map_or(0, char::len_utf8);
            guards_allow(text, m.start(), m.start() + first)
        }) {
            Some(m) => Err(format!("department named with its level word: {}", m.as_str())),
            None => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn county() -> SpeechFacts {
        SpeechFacts {
            level: Some("县".into()),
            ..SpeechFacts::default()
        }
    }

    fn slotted(text: &str, facts: &SpeechFacts) -> String {
        slot_levels(text, facts, &mut Notes::default())
    }

    #[test]
    fn finds_the_speech_level() {
        let county = [
            "这次县委工会工作会议是在我县“十二五”大幕刚刚开启的新形势下召开的",
            "全县各级工会组织",
        ];
        assert_eq!(speech_level(&county).map(|l| l.0), Some("县".to_string()));
        let mine = [
            "首先我代表矿工会祝大家新年快乐",
            "围绕全矿中心工作",
            "是我矿发展的关键一年",
        ];
        assert_eq!(speech_level(&mine), Some(("矿".to_string(), LevelFamily::Enterprise)));
        assert_eq!(speech_level(&["社区委员会", "健全区域协调机制"]), None);
    }

    #[test]
    fn county_self_references() {
        assert_eq!(
            slotted(
                "努力开创我县工会工作新局面，全县各级各部门一定要紧跟县委工作部署",
                &county()
            ),
            "努力开创{{ lv.we }}工会工作新局面，{{ lv.all }}各级各部门一定要紧跟{{ lv.party }}工作部署"
        );
        assert_eq!(
            slotted(
                "协助县委、县政府解决好职工群众最关心的问题，县总工会要主动作为",
                &county()
            ),
            "协助{{ lv.party }}、{{ lv.gov }}解决好职工群众最关心的问题，{{ lv.union }}要主动作为"
        );
        assert_eq!(
            slotted("各乡镇区党(工)委、县直科局党组织要按照县委的要求", &county()),
            "{{ lv.subs }}党(工)委、{{ lv.short }}直科局党组织要按照{{ lv.party }}的要求"
        );
        assert_eq!(
            slotted(
                "认真贯彻落实中央、省委、市委党的群团工作会议精神，被市总工会授予",
                &county()
            ),
            "认真贯彻落实中央、省委、{{ lv.upper_party }}党的群团工作会议精神，被{{ lv.upper_union }}授予"
        );
    }

    /// 市总 is the federation above a county or a district and a city's own; 市总体 is not a
    /// federation; the union's own centres take the bare level word.
    #[test]
    fn short_names_of_federations_and_the_unions_own_centres() {
        let city = SpeechFacts {
            level: Some("市".into()),
            ..SpeechFacts::default()
        };
        assert_eq!(
            slotted("要按照市总的统一部署，加强县困难职工帮扶中心建设", &county()),
            "要按照{{ lv.upper_union }}的统一部署，加强{{ lv.short }}困难职工帮扶中心建设"
        );
        assert_eq!(
            slotted("让我们在市委和市总的领导下，按照省总的要求", &city),
            "让我们在{{ lv.party }}和{{ lv.union }}的领导下，按照{{ lv.upper_union }}的要求"
        );
        assert_eq!(slotted("全市总体上保持稳定", &city), "{{ lv.all }}总体上保持稳定");
        assert_eq!(slotted("城市总量", &county()), "城市总量");
    }

    #[test]
    fn national_words_and_other_words_stay() {
        let district = SpeechFacts {
            level: Some("区".into()),
            ..SpeechFacts::default()
        };
        for text in [
            "全国总工会的部署",
            "全省工会",
            "全社会都要关心职工",
            "全体会员",
            "全面加强",
            "健全区域协调机制",
            "推进社区委员会建设",
        ] {
            assert_eq!(slotted(text, &district), text);
        }
        assert_eq!(
            slotted("全区各级各类工会组织", &district),
            "{{ lv.all }}各级各类工会组织"
        );
    }

    #[test]
    fn other_levels_words_are_flagged() {
        let county = county();
        for (text, word) in [
            ("推进工资集体协商工作继续走到全市前列", "全市"),
            ("从我省我市来看", "我市"),
            ("市县两级总工会主席要由同级党委副职担任", "市县"),
            ("荣获全区工会创新成果奖", "全区"),
            ("对市级劳模的收入情况进行调查", "市级"),
            ("自治区级女职工工作示范点", "自治区"),
        ] {
            let text = slotted(text, &county);
            assert_eq!(
                check_foreign(&text),
                Err(format!("level word {word} not of the speech's own level")),
                "{text}"
            );
        }
        for (text, body) in [
            ("引导县住建局、县农委等大系统开展劳动竞赛", "县住建局"),
            ("与市财政局联合下发了实施意见", "市财政局"),
        ] {
            assert_eq!(
                check_foreign(&slotted(text, &county)),
                Err(format!("department named with its level word: {body}")),
                "{text}"
            );
        }
        for text in [
            "{{ lv.all }}各级工会要紧跟{{ lv.party }}的部署",
            "在{{ lv.upper_union }}的具体指导下",
            "推进社区工会建设，健全区域协调机制，开拓市场",
            "在煤矿工会的指导下",
            "乡镇工会主席由同级党政副职兼任",
            "市场监督管理局和城区办事处",
        ] {
            assert_eq!(check_foreign(&slotted(text, &county)), Ok(()), "{text}");
        }
        assert_eq!(
            slotted("在市工会的具体指导下", &county),
            "在{{ lv.upper_union }}的具体指导下"
        );
    }

    #[test]
    fn enterprise_references() {
        let mine = SpeechFacts {
            level: Some("矿".into()),
            ..SpeechFacts::default()
        };
        assert_eq!(
            slotted(
                "首先我代表矿工会祝大家在新的一年里工作顺利，围绕全矿中心工作，贯彻集团公司工会要求",
                &mine
            ),
            "首先我代表{{ lv.union }}祝大家在新的一年里工作顺利，围绕{{ lv.all }}中心工作，贯彻{{ lv.upper_union }}要求"
        );
        assert_eq!(slotted("在煤矿工会的指导下", &mine), "在煤矿工会的指导下");
    }
}
