//! Places: a unit naming an administrative division (from the gazetteer in `data/gazetteer/`)
//! is dropped; the speech's own enterprise (陶阳矿) becomes {{ org }}; other enterprises named
//! with a proper modifier (淼雨公司, 国药集团) or known nationwide by a short name (宝钢, 中国石化)
//! drop the unit.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{GAZETTEER, KNOWN_ENTERPRISES, PERSONS};
use super::{Notes, SpeechFacts, slot};

/// The gazetteer names in `text`, with byte ranges, leftmost-longest.
pub(crate) fn places_in(text: &str) -> Vec<(usize, usize)> {
    GAZETTEER
        .automaton
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

pub(super) fn check_places(text: &str) -> Result<(), String> {
    match places_in(text).first() {
        Some(&(s, e)) => Err(format!("place name: {}", &text[s..e])),
        None => Ok(()),
    }
}

/// Two Han characters then an enterprise word: 陶阳矿, 淼雨公司, 国药集团.
static ENTERPRISE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{Han}{2})(集团|公司|矿)").expect("static regex"));

/// Words before 矿/公司/集团 that make a common noun, not a name.
const GENERIC: [&str; 15] = [
    "煤矿", "金矿", "铁矿", "铜矿", "有限", "股份", "控股", "投资", "物业", "建筑", "出租", "租车", "国有", "民营",
    "外资",
];

/// Whether `modifier` (two characters) could be an enterprise's proper name.
fn is_proper(modifier: &str) -> bool {
    !GENERIC.contains(&modifier) && !modifier.chars().any(|c| PERSONS.non_name.contains(&c))
}

/// The enterprises named in `text` with a proper modifier (淼雨公司): byte ranges of the names.
fn enterprises_in(text: &str) -> Vec<(usize, usize)> {
    ENTERPRISE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1)?;
            let whole = c.get(0)?;
            is_proper(m.as_str()).then_some((whole.start(), whole.end()))
        })
        .collect()
}

/// The enterprise a speech names most often (at least twice): its own.
pub(super) fn own_enterprise(paragraphs: &[&str]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in paragraphs {
        let known = KNOWN_ENTERPRISES.find_iter(*p).map(|m| (m.start(), m.end()));
        for (s, e) in enterprises_in(p).into_iter().chain(known) {
            *counts.entry(&p[s..e]).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(name, n)| (*n, std::cmp::Reverse(*name)))
        .map(|(name, _)| name.to_string())
}

/// The speech's own enterprise → {{ org }}.
pub(super) fn slot_org(text: &str, facts: &SpeechFacts, notes: &mut Notes) -> String {
    match &facts.org {
        Some(org) if text.contains(org.as_str()) => {
            notes.add(format!("{org} → {}", slot("org")));
            text.replace(org.as_str(), &slot("org"))
        }
        _ => text.to_string(),
    }
}

/// Fails when `text` names an enterprise: one with a proper modifier (淼雨公司) or one known
/// nationwide by a short name (宝钢). The speech's own enterprise was slotted before.
pub(super) fn check_enterprises(text: &str) -> Result<(), String> {
    let known = KNOWN_ENTERPRISES.find(text).map(|m| (m.start(), m.end()));
    match enterprises_in(text).first().copied().or(known) {
        Some((s, e)) => Err(format!("enterprise name: {}", &text[s..e])),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        places_in(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn finds_full_and_short_names() {
        assert_eq!(names("在建设平安汉寿方面发挥了重要作用"), ["汉寿"]);
        assert_eq!(names("湖南省常德市汉寿县"), ["湖南省", "常德市", "汉寿县"]);
        assert_eq!(names("推动太和未来五年发展"), ["太和"]);
        assert_eq!(names("贯彻落实《黑龙江省集体合同条例》"), ["黑龙江省"]);
    }

    #[test]
    fn common_words_are_not_places() {
        for text in [
            "充分整合社会资源",
            "解放思想、赶超跨越",
            "全市和县乡两级",
            "进一步提高县域经济实力",
            "土地征用、拆迁安置、企业改制",
            "思想上高度重视",
            "建设平安和谐社会",
            "开展“安康杯”竞赛",
        ] {
            assert_eq!(names(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn own_enterprise_becomes_org() {
        let speech = [
            "为全面完成陶阳矿20xx年的各项目标任务做出贡献",
            "陶阳矿工会被评为先进",
            "围绕全矿中心工作",
        ];
        let facts = SpeechFacts {
            org: own_enterprise(&speech),
            ..SpeechFacts::default()
        };
        assert_eq!(facts.org.as_deref(), Some("陶阳矿"));
        let mut notes = Notes::default();
        assert_eq!(
            slot_org(speech[0], &facts, &mut notes),
            "为全面完成{{ org }}20xx年的各项目标任务做出贡献"
        );
        assert!(check_enterprises("与淼雨公司签订协议").is_err());
        assert!(check_enterprises("在全矿推行厂务公开，按照集团公司要求，省煤矿工会").is_ok());
        assert_eq!(
            check_enterprises("宝钢制定职工经济技术创新活动管理办法"),
            Err("enterprise name: 宝钢".to_string())
        );
        assert!(check_enterprises("中国石化、中铝公司等企业新成立了集团工会").is_err());
        assert!(check_enterprises("弘扬中国航天精神，坚持中国特色社会主义工会发展道路").is_ok());
    }
}
