//! Time: years (20xx年 and concrete years) become {{ year }} / {{ prev_year }} / {{ next_year }};
//! five-year plans {{ plan }} / {{ prev_plan }} and their phases {{ phase }}; the current Party
//! and union congresses {{ congress }} / {{ union_congress }}.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{Frame, Notes, SpeechFacts, slot};
use crate::almanac;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex")
}

/// 20xx年, 2009年; ranges (20xx—20xx年, 20xx20xx年) are matched whole so they can be refused.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"((?:19|20)[0-9]{2}|20[xXｘ]{2})(?:[—\-－~～至到]?((?:19|20)[0-9]{2}|20[xXｘ]{2}))?(年)"));
/// Words before a year that make it the year reviewed or the year planned, whatever the frame.
static REVIEW_CUE: LazyLock<Regex> = LazyLock::new(|| re(r"(总结|回顾|表彰|评选出|评选|过去的?)[^。，；]{0,4}$"));
/// A year whose result a plan builds on (在20xx年…全面建立工会组织的基础上): the year before.
static BASIS_AFTER: LazyLock<Regex> = LazyLock::new(|| re(r"^[^。，；]{0,24}(的基础上|基础之上)"));
static PLAN_CUE: LazyLock<Regex> = LazyLock::new(|| re(r"(部署|安排|明确|力争|确保|计划|到|制定|实现)[^。，；]{0,4}$"));
/// Five-year plans 十一五…十六五 (with optional quotes).
static PLAN: LazyLock<Regex> = LazyLock::new(|| re(r"十([一二三四五六])五"));
static PHASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\{\{ plan \}\}”?(?:规划|时期|发展规划)?的?)(开局之年|起步之年|收官之年|关键之年|攻坚之年|决胜之年|承上启下的重要一年|承上启下之年)",
    )
});
static PHASE_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"今年是[^。]{0,12}?十([一二三四五六])五[^。]{0,8}?(开局之年|起步之年|收官之年|关键之年|攻坚之年|决胜之年|承上启下的重要一年)",
    )
});
/// Party congresses 十二大…二十九大, not preceded by 工会 (the union's congress).
static CONGRESS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(工会|工会第)?(二十[一二三四五六七八九]?|十[二三四五六七八九])大"));

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 十二 → 12, 二十 → 20, 二十一 → 21, 三 → 3.
fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| CN_DIGITS.iter().position(|d| *d == c).map(|p| p as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// What a speech tells about when it was held.
#[derive(Debug, Default)]
pub(super) struct Times {
    pub year: Option<u32>,
    pub plan: Option<u32>,
    pub congress: Option<u32>,
    pub union_congress: Option<u32>,
}

pub(super) fn speech_times(paragraphs: &[&str]) -> Times {
    let mut concrete: Option<u32> = None;
    let mut from_phase: Option<u32> = None;
    let mut plan: Option<u32> = None;
    let mut congress: Option<u32> = None;
    let mut union_congress: Option<u32> = None;
    for p in paragraphs {
        for caps in YEAR.captures_iter(p) {
            for g in [1, 2] {
                if let Some(y) = caps.get(g).and_then(|m| m.as_str().parse::<u32>().ok()) {
                    concrete = concrete.max(Some(y));
                }
            }
        }
        for caps in PHASE_STATEMENT.captures_iter(p) {
            let number = cn_value(&caps[1]).map(|n| n + 10);
            let start = number.and_then(plan_start);
            let offset = match &caps[2] {
                "开局之年" | "起步之年" => Some(0),
                "收官之年" | "决胜之年" => Some(4),
                _ => None,
            };
            if let (Some(start), Some(offset)) = (start, offset) {
                from_phase = Some(start + offset);
            }
        }
        for caps in PLAN.captures_iter(p) {
            plan = plan.max(cn_value(&caps[1]).map(|n| n + 10));
        }
        for caps in CONGRESS.captures_iter(p) {
            let n = cn_value(&caps[2]);
            if caps.get(1).is_some() {
                union_congress = union_congress.max(n);
            } else {
                congress = congress.max(n);
            }
        }
    }
    let year = from_phase.or(concrete);
    match year {
        Some(y) => Times {
            year: Some(y),
            plan: almanac::plan_of(y).map(|p| p.number),
            congress: almanac::party_congress_of(y).map(|c| c.number),
            union_congress: almanac::union_congress_of(y).map(|c| c.number),
        },
        None => Times {
            year: None,
            plan,
            congress,
            union_congress,
        },
    }
}

/// The first year of five-year plan `number`.
fn plan_start(number: u32) -> Option<u32> {
    (1966..2200).find(|y| almanac::plan_of(*y).is_some_and(|p| p.number == number))
}

/// Replaces every match of `regex` by what `f` returns, or fails with `f`'s error.
fn replace_all(
    text: &str,
    regex: &Regex,
    mut f: impl FnMut(&Captures, &str, &str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut last = 0;
    for caps in regex.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        out.push_str(&text[last..m.start()]);
        out.push_str(&f(&caps, &text[..m.start()], &text[m.end()..])?);
        last = m.end();
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// Years → year slots.
pub(super) fn years(text: &str, facts: &SpeechFacts, frame: Frame, notes: &mut Notes) -> Result<String, String> {
    replace_all(text, &YEAR, |caps, before, after| {
        let whole = &caps[0];
        if caps.get(2).is_some() {
            return Err(format!("span of years: {whole}"));
        }
        let written = &caps[1];
        let name = match written.parse::<u32>() {
            Ok(y) => {
                let Some(meeting) = facts.year else {
                    return Err(format!("year {whole} with no meeting year to relate it to"));
                };
                match i64::from(y) - i64::from(meeting) {
                    0 => "year",
                    -1 => "prev_year",
                    1 => "next_year",
                    _ => return Err(format!("year {whole} too far from the meeting ({meeting})")),
                }
            }
            Err(_) => {
                if REVIEW_CUE.is_match(before) || after.starts_with("以来") || BASIS_AFTER.is_match(after) {
                    "prev_year"
                } else if PLAN_CUE.is_match(before) {
                    "year"
                } else {
                    match frame {
                        Frame::Review => "prev_year",
                        Frame::Plan => "year",
                    }
                }
            }
        };
        notes.add(format!("{whole} → {}年", slot(name)));
        Ok(format!("{}年", slot(name)))
    })
}

/// Five-year plans → {{ plan }} / {{ prev_plan }}, then phases attached to them → {{ phase }}.
pub(super) fn plans(text: &str, facts: &SpeechFacts, notes: &mut Notes) -> Result<String, String> {
    let text = replace_all(text, &PLAN, |caps, _, _| {
        let whole = &caps[0];
        let Some(number) = cn_value(&caps[1]).map(|n| n + 10) else {
            return Err(format!("five-year plan {whole}"));
        };
        let name = match facts.plan {
            Some(current) if number == current => "plan",
            Some(current) if number + 1 == current => "prev_plan",
            _ => return Err(format!("five-year plan {whole} neither current nor the one before")),
        };
        notes.add(format!("{whole} → {}", slot(name)));
        Ok(slot(name))
    })?;
    replace_all(&text, &PHASE, |caps, _, _| {
        notes.add(format!("{} → {}", &caps[2], slot("phase")));
        Ok(format!("{}{}", &caps[1], slot("phase")))
    })
}

/// The current Party congress → {{ congress }}, the current union congress →
/// {{ union_congress }}; a congress that is not current drops the unit.
pub(super) fn congresses(text: &str, facts: &SpeechFacts, notes: &mut Notes) -> Result<String, String> {
    replace_all(text, &CONGRESS, |caps, _, _| {
        let whole = &caps[0];
        let number = cn_value(&caps[2]);
        let union = caps.get(1);
        let (current, name) = match union {
            Some(_) => (facts.union_congress, "union_congress"),
            None => (facts.congress, "congress"),
        };
        if number.is_none() || number != current {
            return Err(format!("congress {whole} that is not the current one"));
        }
        let prefix = union.map_or("", |m| m.as_str());
        notes.add(format!("{} → {}", &whole[prefix.len()..], slot(name)));
        Ok(format!("{prefix}{}", slot(name)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(year: Option<u32>) -> SpeechFacts {
        let t = speech_times(&[]);
        assert!(t.year.is_none());
        SpeechFacts {
            year,
            plan: year.and_then(almanac::plan_of).map(|p| p.number),
            congress: year.and_then(almanac::party_congress_of).map(|c| c.number),
            union_congress: year.and_then(almanac::union_congress_of).map(|c| c.number),
            ..SpeechFacts::default()
        }
    }

    #[test]
    fn masked_years_follow_frame_and_cues() {
        let f = facts(None);
        let mut n = Notes::default();
        assert_eq!(
            years("回顾总结20xx年工作，安排部署20xx年任务", &f, Frame::Plan, &mut n).as_deref(),
            Ok("回顾总结{{ prev_year }}年工作，安排部署{{ year }}年任务")
        );
        assert_eq!(
            years("20xx年，县总工会被市总授予红旗单位", &f, Frame::Review, &mut n).as_deref(),
            Ok("{{ prev_year }}年，县总工会被市总授予红旗单位")
        );
        assert_eq!(
            years("确保实现20xx年的各项目标任务", &f, Frame::Plan, &mut n).as_deref(),
            Ok("确保实现{{ year }}年的各项目标任务")
        );
        assert_eq!(
            years(
                "在20xx年非公企业全面建立工会组织的基础上，推动规范化建设",
                &f,
                Frame::Plan,
                &mut n
            )
            .as_deref(),
            Ok("在{{ prev_year }}年非公企业全面建立工会组织的基础上，推动规范化建设")
        );
        assert!(years("大会对20xx—20xx年度先进集体进行了表彰", &f, Frame::Plan, &mut n).is_err());
        assert!(
            years(
                "制定《20xx20xx年推动企业普遍建立工会组织工作规划》",
                &f,
                Frame::Plan,
                &mut n
            )
            .is_err()
        );
    }

    #[test]
    fn concrete_years_relate_to_the_meeting() {
        let mut n = Notes::default();
        let f = facts(Some(2010));
        assert_eq!(
            years("2009年，全区工会工作取得新进展", &f, Frame::Plan, &mut n).as_deref(),
            Ok("{{ prev_year }}年，全区工会工作取得新进展")
        );
        assert!(years("2005年以来", &f, Frame::Plan, &mut n).is_err());
        assert!(years("2009年", &facts(None), Frame::Plan, &mut n).is_err());
    }

    #[test]
    fn meeting_year_from_phase_statement() {
        let t = speech_times(&[
            "今年是“十二五”开局之年，新的形势对工会工作提出了新任务。",
            "“十一五”末，我县地区生产总值跨上百亿台阶",
        ]);
        assert_eq!(t.year, Some(2011));
        assert_eq!(t.plan, Some(12));
        assert_eq!(t.congress, Some(17));
        let t = speech_times(&["“十一五”末", "根据“十二五”发展规划"]);
        assert_eq!((t.year, t.plan), (None, Some(12)));
    }

    #[test]
    fn plans_and_phases() {
        let f = SpeechFacts {
            plan: Some(12),
            ..SpeechFacts::default()
        };
        let mut n = Notes::default();
        assert_eq!(
            plans("今年是“十二五”开局之年，“十一五”末我们跨上新台阶", &f, &mut n).as_deref(),
            Ok("今年是“{{ plan }}”{{ phase }}，“{{ prev_plan }}”末我们跨上新台阶")
        );
        assert!(plans("“十三五”规划", &f, &mut n).is_err());
        // A phase not tied to the plan stays as words.
        assert_eq!(
            plans("今年是全面建成小康社会决胜阶段的开局之年", &f, &mut n).as_deref(),
            Ok("今年是全面建成小康社会决胜阶段的开局之年")
        );
    }

    #[test]
    fn congresses_current_or_dropped() {
        let f = facts(Some(2014));
        let mut n = Notes::default();
        assert_eq!(
            congresses("深入贯彻党的十八大精神", &f, &mut n).as_deref(),
            Ok("深入贯彻党的{{ congress }}精神")
        );
        assert_eq!(
            congresses("学习中国工会十六大精神", &f, &mut n).as_deref(),
            Ok("学习中国工会{{ union_congress }}精神")
        );
        assert!(congresses("党的十七大以来", &f, &mut n).is_err());
        assert_eq!(
            congresses("以推进“十大工程”为重点", &f, &mut n).as_deref(),
            Ok("以推进“十大工程”为重点")
        );
    }
}
