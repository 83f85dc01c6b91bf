//! The word lists generalisation works from, loaded once from the files under `data/`.
//!
//! The code knows the shape of these files, not their contents: another office's archive is
//! mined by editing the lists, not the rules.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::bank::LevelFamily;

const SURNAMES: &str = include_str!("../../../data/surnames.txt");
const PERSON_NAMES: &str = include_str!("../../../data/person_names.toml");
const NATIONAL_TERMS: &str = include_str!("../../../data/national_terms.txt");
const LEVELS: &str = include_str!("../../../data/levels.toml");
const ERA: &str = include_str!("../../../data/era.toml");
const LOCAL_SLOGANS: &str = include_str!("../../../data/local_slogans.toml");
const PROVINCES: &str = include_str!("../../../data/gazetteer/provinces.csv");
const CITIES: &str = include_str!("../../../data/gazetteer/cities.csv");
const AREAS: &str = include_str!("../../../data/gazetteer/areas.csv");
const STOP_SHORT: &str = include_str!("../../../data/gazetteer/stop_short.txt");
const ENTERPRISES: &str = include_str!("../../../data/enterprises.txt");

/// Non-empty lines that are not `#` comments.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// An automaton over `patterns`, leftmost-longest. The patterns come from our own data files,
/// which a test loads, so failing to build is a bug of the data, not of the input.
pub(super) fn automaton<I, P>(patterns: I) -> AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("word lists under data/ build an automaton")
}

// ---------------------------------------------------------------------------------------------
// Person names

#[derive(Deserialize)]
struct PersonFile {
    titles: Vec<String>,
    offices: Vec<String>,
    non_name_chars: String,
    stop_words: Vec<String>,
}

/// What tells a person name in running text.
pub(super) struct Persons {
    pub surnames: HashSet<String>,
    /// Words written after a name (同志, 书记…), as an automaton and a list.
    pub titles: AhoCorasick,
    pub offices: Vec<String>,
    pub non_name: HashSet<char>,
    pub stop_words: HashSet<String>,
}

pub(super) static PERSONS: LazyLock<Persons> = LazyLock::new(|| {
    let file: PersonFile = toml::from_str(PERSON_NAMES).expect("data/person_names.toml parses");
    Persons {
        surnames: lines(SURNAMES).map(str::to_string).collect(),
        titles: automaton(&file.titles),
        offices: file.offices,
        non_name: file.non_name_chars.chars().filter(|c| !c.is_whitespace()).collect(),
        stop_words: file.stop_words.into_iter().collect(),
    }
});

// ---------------------------------------------------------------------------------------------
// Places

/// Administrative divisions of China, full names and safe short forms.
pub(super) struct Gazetteer {
    /// Matches every name, leftmost-longest.
    pub automaton: AhoCorasick,
    /// For each pattern of `automaton`, the code of its province (11 for 北京), or 0 when names
    /// of several provinces are written alike (朝阳).
    pub provinces: Vec<u8>,
}

impl Gazetteer {
    /// The provinces a speech may be from, by the places its `paragraphs` name: those named most
    /// often (several when tied; none when it names no place of one province).
    pub fn provinces_of(&self, paragraphs: &[&str]) -> Vec<u8> {
        let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
        for p in paragraphs {
            for m in self.automaton.find_iter(*p) {
                let code = self.provinces[m.pattern().as_usize()];
                if code != 0 {
                    *counts.entry(code).or_default() += 1;
                }
            }
        }
        let most = counts.values().copied().max().unwrap_or(0);
        counts
            .into_iter()
            .filter(|&(_, n)| n == most)
            .map(|(code, _)| code)
            .collect()
    }
}

/// Suffixes of division names, longest first; what is left is the short form.
const SUFFIXES: [&str; 16] = [
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "县",
    "区",
    "盟",
];

/// The name of a division without its suffix (and without the nationalities of an autonomous
/// one: 长阳土家族自治县 → 长阳), if at least two characters remain.
pub(super) fn short_form(name: &str) -> Option<String> {
    let suffix = SUFFIXES.iter().chain(["旗"].iter()).find(|s| name.ends_with(**s))?;
    let mut stem = &name[..name.len() - suffix.len()];
    if suffix.starts_with("自治") || suffix.ends_with("自治区") {
        // Strip trailing nationalities: 湘西土家族苗族 → 湘西.
        'strip: while let Some(without_zu) = stem.strip_suffix('族') {
            for nationality in NATIONALITIES {
                if let Some(rest) = without_zu.strip_suffix(nationality) {
                    stem = rest;
                    continue 'strip;
                }
            }
            break;
        }
    }
    (stem.chars().count() >= 2).then(|| stem.to_string())
}

/// Nationality names as written in autonomous divisions (without 族), longest first where one
/// ends another (维吾尔 before 尔…).
const NATIONALITIES: [&str; 45] = [
    "柯尔克孜",
    "维吾尔",
    "哈萨克",
    "达斡尔",
    "鄂温克",
    "鄂伦春",
    "蒙古",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "傈僳",
    "拉祜",
    "东乡",
    "纳西",
    "景颇",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "普米",
    "塔吉克",
    "保安",
    "裕固",
    "独龙",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "满",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "羌",
    "怒",
    "各",
];

/// The names of the gazetteer files' `name` column, each with its province's code (the first
/// two digits of its own code).
fn csv_names(text: &str) -> impl Iterator<Item = (String, u8)> + '_ {
    text.lines().skip(1).filter_map(|line| {
        let mut fields = line.split(',');
        let code = fields.next()?.trim().get(..2)?.parse().ok()?;
        let name = fields.next()?.trim().trim_matches('"');
        (!name.is_empty()).then(|| (name.to_string(), code))
    })
}

/// Names that stand for no place of their own in the division lists.
const NOT_PLACES: [&str; 4] = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

pub(super) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let stop: HashSet<&str> = lines(STOP_SHORT).collect();
    let mut names: Vec<(String, u8)> = Vec::new();
    for (name, province) in csv_names(PROVINCES).chain(csv_names(CITIES)).chain(csv_names(AREAS)) {
        if NOT_PLACES.contains(&name.as_str()) {
            continue;
        }
        let short = short_form(&name);
        // A full name with a one-character stem (和县, 城区, 矿区) is an ordinary word too often.
        if short.is_some() && !stop.contains(name.as_str()) {
            names.push((name.clone(), province));
        }
        if let Some(short) = short
            && !stop.contains(short.as_str())
        {
            names.push((short, province));
        }
    }
    names.sort();
    // One name of several provinces votes for none.
    let mut merged: Vec<(String, u8)> = Vec::with_capacity(names.len());
    for (name, province) in names {
        match merged.last_mut() {
            Some((last, code)) if *last == name => {
                if *code != province {
                    *code = 0;
                }
            }
            _ => merged.push((name, province)),
        }
    }
    Gazetteer {
        automaton: automaton(merged.iter().map(|(n, _)| n)),
        provinces: merged.iter().map(|&(_, p)| p).collect(),
    }
});

// ---------------------------------------------------------------------------------------------
// National terms and local slogan shapes

/// Campaign names any union speech may quote.
pub(super) static NATIONAL: LazyLock<Vec<String>> =
    LazyLock::new(|| lines(NATIONAL_TERMS).map(str::to_string).collect());

#[derive(Deserialize)]
struct SloganFile {
    shapes: Vec<String>,
}

/// Regular expressions for unquoted slogans that can only be local (工业强县).
pub(super) static SLOGAN_SHAPES: LazyLock<regex::Regex> = LazyLock::new(|| {
    let file: SloganFile = toml::from_str(LOCAL_SLOGANS).expect("data/local_slogans.toml parses");
    regex::Regex::new(&file.shapes.join("|")).expect("data/local_slogans.toml shapes compile")
});

/// Enterprises known nationwide by a short name (宝钢, 中国石化), from `data/enterprises.txt`.
pub(super) static KNOWN_ENTERPRISES: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(lines(ENTERPRISES)));

// ---------------------------------------------------------------------------------------------
// Levels

#[derive(Deserialize)]
struct LevelFile {
    #[serde(rename = "self")]
    self_refs: Vec<(String, String)>,
    short: Vec<String>,
    presuppose: Vec<String>,
    bodies: String,
    level: BTreeMap<String, LevelEntry>,
    guard: BTreeMap<String, GuardEntry>,
}

#[derive(Deserialize)]
struct LevelEntry {
    family: String,
    /// The level's own union by a short name of its own (市总): `lv.union`.
    #[serde(default)]
    union: Vec<String>,
    subs: Vec<String>,
    upper_party: Vec<String>,
    upper_union: Vec<String>,
}

#[derive(Deserialize)]
struct GuardEntry {
    before: String,
    after: String,
}

/// One level word's patterns, as an automaton with the slot of each pattern.
pub(super) struct Level {
    pub word: String,
    pub family: LevelFamily,
    pub automaton: AhoCorasick,
    /// For pattern `i`: its text and its slot.
    pub patterns: Vec<(String, &'static str)>,
    /// Patterns that count as self-references when finding a speech's level.
    pub self_refs: AhoCorasick,
}

/// Characters around a level word that make it part of another word.
pub(super) struct Guard {
    pub word: String,
    pub before: HashSet<char>,
    pub after: HashSet<char>,
}

pub(super) struct Levels {
    pub levels: Vec<Level>,
    pub guards: Vec<Guard>,
    /// Every self-reference and short pattern of every level, and the words presupposing a
    /// level: what may not stay in a phrase outside its slots.
    pub level_words_automaton: AhoCorasick,
    /// A department named with a bare level word (县住建局).
    pub bodies: regex::Regex,
}

/// The static name of a slot of the vocabulary.
fn slot_name(name: &str) -> &'static str {
    crate::bank::SLOTS
        .iter()
        .map(|(s, _, _)| *s)
        .find(|s| *s == name)
        .expect("data/levels.toml names slots of the vocabulary")
}

pub(super) static LEVELS_DATA: LazyLock<Levels> = LazyLock::new(|| {
    let file: LevelFile = toml::from_str(LEVELS).expect("data/levels.toml parses");
    let mut levels = Vec::new();
    for (word, entry) in &file.level {
        let mut patterns: Vec<(String, &'static str)> = Vec::new();
        let mut self_refs = Vec::new();
        for (pattern, slot) in &file.self_refs {
            let p = pattern.replace("{L}", word);
            self_refs.push(p.clone());
            patterns.push((p, slot_name(slot)));
        }
        for pattern in &file.short {
            patterns.push((pattern.replace("{L}", word), "lv.short"));
        }
        for s in &entry.union {
            self_refs.push(s.clone());
            patterns.push((s.clone(), "lv.union"));
        }
        for s in &entry.subs {
            patterns.push((s.clone(), "lv.subs"));
        }
        for s in &entry.upper_party {
            patterns.push((s.clone(), "lv.upper_party"));
        }
        for s in &entry.upper_union {
            patterns.push((s.clone(), "lv.upper_union"));
        }
        let family = match entry.family.as_str() {
            "enterprise" => LevelFamily::Enterprise,
            _ => LevelFamily::Government,
        };
        levels.push(Level {
            word: word.clone(),
            family,
            automaton: automaton(patterns.iter().map(|(p, _)| p)),
            patterns,
            self_refs: automaton(&self_refs),
        });
    }
    let mut level_words: Vec<String> = file.presuppose.clone();
    for word in file.level.keys() {
        for (pattern, _) in &file.self_refs {
            level_words.push(pattern.replace("{L}", word));
        }
        for pattern in &file.short {
            level_words.push(pattern.replace("{L}", word));
        }
    }
    level_words.sort();
    level_words.dedup();
    let level_words_automaton = automaton(&level_words);
    let guards = file
        .guard
        .into_iter()
        .map(|(word, g)| Guard {
            word,
            before: g.before.chars().collect(),
            after: g.after.chars().collect(),
        })
        .collect();
    Levels {
        levels,
        guards,
        level_words_automaton,
        bodies: regex::Regex::new(&file.bodies).expect("data/levels.toml bodies compiles"),
    }
});

// ---------------------------------------------------------------------------------------------
// Era

#[derive(Deserialize)]
struct EraFile {
    term: Vec<EraTerm>,
}

/// A term current only in some years.
#[derive(Deserialize, Clone)]
pub(super) struct EraTerm {
    pub text: String,
    pub from: Option<u32>,
    pub to: Option<u32>,
    #[serde(default)]
    pub list_exempt: bool,
    /// A list of theories that ends with this term, without `superseded_by`, is of this year
    /// at the latest (邓小平理论、“三个代表”重要思想 without 科学发展观 is a list before 2008).
    #[serde(default)]
    pub list_to: Option<u32>,
    #[serde(default)]
    pub superseded_by: Option<String>,
    #[serde(default)]
    pub leader: bool,
}

pub(super) struct EraTerms {
    pub terms: Vec<EraTerm>,
    /// Over all terms, overlapping matches.
    pub automaton: AhoCorasick,
}

pub(super) static ERA_TERMS: LazyLock<EraTerms> = LazyLock::new(|| {
    let file: EraFile = toml::from_str(ERA).expect("data/era.toml parses");
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(file.term.iter().map(|t| &t.text))
        .expect("data/era.toml terms build an automaton");
    EraTerms {
        terms: file.term,
        automaton,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        assert!(PERSONS.surnames.contains("龚"));
        assert!(PERSONS.surnames.contains("欧阳"));
        let whole = |name: &str| {
            GAZETTEER
                .automaton
                .find(name)
                .is_some_and(|m| m.start() == 0 && m.end() == name.len())
        };
        assert!(whole("汉寿县") && whole("汉寿") && whole("广西壮族自治区"));
        assert!(!whole("资源"), "stop list applies");
        assert!(!whole("和县"), "one-character stems are skipped");
        assert!(NATIONAL.iter().any(|n| n == "安康杯"));
        assert_eq!(LEVELS_DATA.levels.len(), 6);
        assert!(ERA_TERMS.terms.iter().any(|t| t.text == "中国梦"));
        assert!(SLOGAN_SHAPES.is_match("打造工业强县"));
        assert!(KNOWN_ENTERPRISES.is_match("国家电网搭建班组建设信息管理系统"));
    }

    #[test]
    fn short_forms() {
        assert_eq!(short_form("汉寿县").as_deref(), Some("汉寿"));
        assert_eq!(short_form("常德市").as_deref(), Some("常德"));
        assert_eq!(short_form("黑龙江省").as_deref(), Some("黑龙江"));
        assert_eq!(short_form("广西壮族自治区").as_deref(), Some("广西"));
        assert_eq!(short_form("长阳土家族自治县").as_deref(), Some("长阳"));
        assert_eq!(short_form("湘西土家族苗族自治州").as_deref(), Some("湘西"));
        assert_eq!(short_form("和县"), None);
    }
}
