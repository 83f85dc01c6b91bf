//! Person names: the reporter of "刚才，XX同志作了…报告" becomes a slot; any other name written
//! in a name context (before 同志, 书记, 主席…) drops the unit, except national leaders, which
//! are era-bound terms (see `data/era.toml`).

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{ERA_TERMS, PERSONS};
use super::{Notes, slot};

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The person name written right before byte `end` of `text` (where a title such as 同志
/// starts), if the characters there read as one: returns its byte range.
pub(super) fn name_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let persons = &*PERSONS;
    // The run of Han characters before the title, at most 8.
    let run: Vec<(usize, char)> = text[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if run.is_empty() {
        return None;
    }
    let run_str = &text[run[0].0..end];
    let delimited = run.len() < 8 && {
        let start = run[0].0;
        start == 0 || !text[..start].chars().next_back().is_some_and(is_han)
    };
    // A title right before the name (县委副书记张丽): the name is what follows it.
    // Start byte offsets of candidates, and whether punctuation or a title sets each off.
    let mut candidates: Vec<(usize, bool)> = Vec::new();
    if let Some(after_office) = persons
        .offices
        .iter()
        .filter_map(|o| run_str.rfind(o.as_str()).map(|p| run[0].0 + p + o.len()))
        .max()
    {
        if after_office == end {
            return None; // 主席同志: a title, no name
        }
        candidates.push((after_office, true));
    } else if delimited && run.len() <= 3 {
        candidates.push((run[0].0, true));
    } else {
        // Surname-initial tails of 3 then 2 characters.
        for len in [3usize, 2] {
            if run.len() >= len {
                candidates.push((run[run.len() - len].0, false));
            }
        }
    }
    for (start, set_off) in candidates {
        let name = &text[start..end];
        let chars: Vec<char> = name.chars().collect();
        if chars.is_empty() || chars.len() > 4 || persons.stop_words.contains(name) {
            continue;
        }
        let first = chars[0].to_string();
        let compound = chars.len() >= 3 && persons.surnames.contains(&chars[..2].iter().collect::<String>());
        let surname = persons.surnames.contains(&first) || compound;
        let given = if surname {
            &chars[if compound { 2 } else { 1 }..]
        } else {
            &chars[..]
        };
        if chars.len() == 1 && !surname {
            continue;
        }
        if chars.len() > 3 && !compound {
            continue;
        }
        if given.iter().any(|c| persons.non_name.contains(c)) {
            continue;
        }
        // Without a surname only a name set off by punctuation or a title counts (恩坤主席).
        if !surname && !set_off {
            continue;
        }
        return Some((start, end));
    }
    None
}

/// Whether `name` is a national leader listed as an era-bound term.
fn is_leader(name: &str) -> bool {
    ERA_TERMS
        .terms
        .iter()
        .any(|t| t.leader && name.contains(t.text.as_str()))
}

/// A list of three-character words ending in 等 (朱传波、李冬兰、杨家荣等).
static NAME_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Han}{3}(?:、\p{Han}{3})+等").expect("static regex"));

/// Whether `word` (three characters) reads as a name in a list: a surname, then two characters.
/// Given names hold characters the title-context rule rules out (传, 家), so only the surname
/// is checked here; the list's shape does the rest.
fn reads_as_name(word: &str) -> bool {
    let persons = &*PERSONS;
    let chars: Vec<char> = word.chars().collect();
    chars.len() == 3 && persons.surnames.contains(&chars[0].to_string()) && !persons.stop_words.contains(word)
}

/// Names listed before 等 (宣传朱传波、李冬兰、杨家荣等劳动模范): two or more three-character words,
/// each starting with a surname, and not all with the same one (高技能、高学历等 is no list of
/// names; 高温、严寒等 has two-character words).
fn listed_names(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for m in NAME_LIST.find_iter(text) {
        let list = &text[m.start()..m.end() - '等'.len_utf8()];
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut at = m.start();
        for word in list.split('、') {
            let (start, end) = (at, at + word.len());
            at = end + '、'.len_utf8();
            if reads_as_name(word) {
                ranges.push((start, end));
            } else {
                ranges.clear();
                break;
            }
        }
        let surnames: std::collections::BTreeSet<char> =
            ranges.iter().filter_map(|&(s, e)| text[s..e].chars().next()).collect();
        if ranges.len() >= 2 && surnames.len() >= 2 {
            found.extend(ranges);
        }
    }
    found
}

/// The person names in name contexts in `text` (national leaders excepted), with byte ranges.
pub(crate) fn names_in(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = listed_names(text);
    for m in PERSONS.titles.find_iter(text) {
        // 同志们 addresses the audience; no name stands before it.
        if text[m.end()..].starts_with('们') {
            continue;
        }
        let range = name_before(text, m.start()).or_else(|| surname_before(text, m.start(), m.end()));
        if let Some(range) = range
            && !is_leader(&text[range.0..range.1])
            && !found.contains(&range)
        {
            found.push(range);
        }
    }
    found
}

/// A surname alone right before an office (何主席, 李书记): the way a speech names a person it
/// has named before. Returns the surname's byte range.
fn surname_before(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let persons = &*PERSONS;
    let title = &text[start..end];
    if !persons.offices.iter().any(|o| o == title) {
        return None;
    }
    let c = text[..start].chars().next_back()?;
    let from = start - c.len_utf8();
    (is_han(c) && !persons.non_name.contains(&c) && persons.surnames.contains(&c.to_string())).then_some((from, start))
}

/// Drops the unit when it names a person in a name context.
pub(super) fn check_names(text: &str) -> Result<(), String> {
    match names_in(text).first() {
        Some(&(s, e)) => {
            let title_end = text[e..].char_indices().nth(2).map_or(text.len(), |(i, _)| e + i);
            Err(format!("person name: {}", &text[s..title_end]))
        }
        None => Ok(()),
    }
}

/// The clause after 刚才 that tells of a report given: "刚才，XX同志作了一个很好的报告".
static REPORT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"刚才[，,]?([^。！？；]{2,40}?(作|做|所作|所做)[^。！？；]{0,16}?(报告|讲话|部署))")
        .expect("static regex")
});

/// "刚才，XX同志作了一个很好的报告" / "刚才，XX主席所做的报告": the name becomes {{ reporter }}.
pub(super) fn reporter(text: &str, notes: &mut Notes) -> String {
    let Some(clause) = REPORT_CLAUSE.captures(text).and_then(|c| c.get(1)) else {
        return text.to_string();
    };
    for title in PERSONS.titles.find_iter(&text[clause.start()..clause.end()]) {
        let at = clause.start() + title.start();
        if let Some((start, end)) = name_before(text, at)
            && start >= clause.start()
        {
            notes.add(format!("{} → {}", &text[start..end], slot("reporter")));
            return format!("{}{}{}", &text[..start], slot("reporter"), &text[end..]);
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        names_in(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn names_in_name_contexts() {
        assert_eq!(names("县委副书记张丽同志在会上讲话"), ["张丽"]);
        assert_eq!(names("江、李源潮同志"), ["李源潮"]);
        assert_eq!(names("中央组织部部长郭军同志"), ["郭军"]);
        assert_eq!(names("。冼文主席也提出了要求"), ["冼文"]);
        assert_eq!(names("展“向王远文同志学习”"), ["王远文"]);
        assert_eq!(names("认真学习领会何主席重要讲话"), ["何"]);
        assert_eq!(
            names("在电视台推出劳模专辑，宣传报道朱传波、李冬兰、杨家荣等著名劳动模范"),
            ["朱传波", "李冬兰", "杨家荣"]
        );
    }

    #[test]
    fn not_names() {
        for text in [
            "向全体同志致以问候",
            "各位同志",
            "在座的同志们",
            "向与会同志并通过你们",
            "工会主席由同级党政副职兼任",
            "各级党委书记要亲自抓",
            "克服高温、严寒等不利因素",
            "开展安康杯、工人先锋号等创建活动",
            "培养高技能、高学历等人才",
            "做好送温暖、金秋助学等工作",
            "县委副书记",
            "离退休老同志",
            "三个单位的负责同志作了经验交流",
            "县委组织部长讲话",
            "宣传部长",
        ] {
            assert_eq!(names(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn leaders_are_not_corpus_names() {
        assert!(names("胡锦涛同志曾深刻指出").is_empty());
    }

    #[test]
    fn reporter_slot() {
        let mut notes = Notes::default();
        assert_eq!(
            reporter("刚才，龚玉德同志就县工会工作情况做了一个很好的报告", &mut notes),
            "刚才，{{ reporter }}同志就县工会工作情况做了一个很好的报告"
        );
        assert_eq!(
            reporter(
                "刚才，县委、县总工会主席鲍黎同志代表县总工会作了一个很好的工作报告",
                &mut notes
            ),
            "刚才，县委、县总工会主席{{ reporter }}同志代表县总工会作了一个很好的工作报告"
        );
        assert_eq!(
            reporter("刚才，恩坤主席所做的报告非常好", &mut notes),
            "刚才，{{ reporter }}主席所做的报告非常好"
        );
        assert_eq!(
            reporter("刚才，李主席所作的报告很好", &mut notes),
            "刚才，{{ reporter }}主席所作的报告很好"
        );
        // A different person reporting on something else is not the reporter.
        let text = "刚才，市总法律部杨伟良部长通报了工会法律工作";
        assert_eq!(reporter(text, &mut notes), text);
        assert_eq!(notes.into_vec().len(), 4);
    }
}
