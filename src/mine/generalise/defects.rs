//! Units the source left broken (masked numbers and names, empty quotes, HTML remnants), units
//! that only make sense beside their neighbours, and numbered sessions no brief field can fill.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// Patterns with the reason given when each matches; the matched text is quoted in the reason.
/// One pass of the set tells whether any matches, so clean text costs a single scan.
struct Rules {
    set: RegexSet,
    patterns: Vec<Regex>,
    reasons: Vec<&'static str>,
}

fn rules(list: &[(&str, &'static str)]) -> Rules {
    Rules {
        set: RegexSet::new(list.iter().map(|(p, _)| p)).expect("static regex set"),
        patterns: list.iter().map(|(p, _)| Regex::new(p).expect("static regex")).collect(),
        reasons: list.iter().map(|(_, r)| *r).collect(),
    }
}

/// Gaps and dangling references, checked on the text as it comes.
static GAPS: LazyLock<Rules> = LazyLock::new(|| {
    rules(&[
        (r"×{2,}|times;|[*＊]|_{2,}|＿{2,}", "masked text"),
        (r"“\s*”|‘\s*’|「\s*」", "empty quotes"),
        (
            r"(加大|加强|提高|增强|扩大)了的",
            "what the verb acts on was cut out (加大了的…力度)",
        ),
        (
            r"[\x{2460}-\x{2473}\x{2776}-\x{277F}]",
            "numbered inline with circled digits (①…)",
        ),
        (
            r"(要|将|即将)(胜利)?召开[，。；]",
            "what is to be held was cut out (要召开，)",
        ),
        (
            r"党的(精神|召开|胜利召开|顺利召开|重要讲话|报告|以来|进一步|提出|强调|指出|作出|[、，])",
            "Party congress cut out",
        ),
        (r"[我全本][县市区]规划|“”规划", "five-year plan cut out"),
        (
            r"以精神为|的精神为指引|(贯彻|落实|学习|领会|传达)精神",
            "what the spirit is of was cut out",
        ),
        (
            r"(把握|贯彻|落实|学习|领会|传达|按照|围绕)好?作出的",
            "who made the decision was cut out (…作出的)",
        ),
        (
            r"^[^：；]{0,40}[两三四五六七八九十]个“[^”]{1,10}”[^：；]{0,20}$",
            "announces a numbered list it does not give",
        ),
        (
            r"(贯彻|学习|落实|按照|遵循|领会|主席|书记|席|总理)同志",
            "person's name cut out before 同志",
        ),
        (
            r"(^|[“（，。、；：以与和同对把向将])同志([^们]|$)",
            "person's name cut out before 同志",
        ),
        (
            r"[^}]同志(所作|所做|作了|做了|作的|做的)",
            "names who spoke before (…同志作了…): only the brief's reporter may be named",
        ),
        (r"(^|[。！？；，])和新一届", "person's name cut out before 和新一届…"),
        (
            r"(^|[。！？；])(强调|指出|要求)[，：]",
            "speaker cut out before 强调/指出",
        ),
        (
            r"(^|[。！？；])在[^。！？]{0,30}(会议|大会|讲话)(上|中)(指出|强调)",
            "speaker cut out before 指出/强调",
        ),
        (
            r"刚才[，,]?(讲|作了|做了|宣布|通报|所作|所做)",
            "speaker cut out after 刚才",
        ),
        (
            r"刚才[^。！？]{0,24}(讲的|讲了|所讲|讲到|说的|谈到)",
            "refers to what was said before (刚才…讲的)",
        ),
        (
            r"^(这一重要论述|这一论述|这些|这一|这就|这是|这也|上述|以上|此外|另外|同时|与此同时|对此|为此|因此|所以|但是|但|而且|并且|其中|总之|综上)",
            "only makes sense after the paragraph before it",
        ),
        (
            r"^(按照|根据|围绕|对照|针对|落实|贯彻|结合)(这一|这个|这些|这项|这几项|上述|以上)",
            "only makes sense after the paragraph before it",
        ),
        (
            r"(^|[。！？；])(对于|对|针对)?(以上|上述|上面)(问题|情况|不足|几点|这些)",
            "refers to what the paragraphs before it list (对以上问题)",
        ),
    ])
});

/// Numbered sessions of local bodies and plenums: no brief field fills them.
static SESSIONS: LazyLock<Rules> = LazyLock::new(|| {
    rules(&[
        (r"(^|[^新上下本历])[一二三四五六七八九十xXｘ]+届", "numbered session"),
        (
            r"第[一二三四五六七八九十]+次[^。，；]{0,8}(代表大会|全委|全会|会议|党代会)",
            "numbered session",
        ),
        (r"[一二三四五六七八九十]+次(全委|全会|全体会议)", "numbered session"),
        (r"[一二三四五六七八九十]中全会", "numbered plenum"),
    ])
});

/// Masked numbers left after years and congresses were slotted.
static LEFTOVERS: LazyLock<Rules> = LazyLock::new(|| {
    rules(&[
        (r"[xXｘＸ]{2}", "masked number (xx) not slotted"),
        (r"20[0-9xX]{2}", "year not slotted"),
    ])
});

fn first_match(rules: &Rules, text: &str) -> Result<(), String> {
    let Some(i) = rules.set.matches(text).iter().next() else {
        return Ok(());
    };
    let found = rules.patterns[i]
        .find(text)
        .map_or("", |m| m.as_str().trim_start_matches(['。', '！', '？', '；']));
    Err(format!("{}: {found}", rules.reasons[i]))
}

/// Gaps left by the source and openings that lean on the paragraph before.
pub(super) fn check_gaps(text: &str) -> Result<(), String> {
    first_match(&GAPS, text)
}

/// Numbered sessions (县委十四届七次全会, 第七次代表大会).
pub(super) fn check_sessions(text: &str) -> Result<(), String> {
    first_match(&SESSIONS, text)
}

/// What no slot could take: 20xx, xx届; and quotation marks or brackets left unpaired by a cut
/// the source made.
pub(super) fn check_leftovers(text: &str) -> Result<(), String> {
    first_match(&LEFTOVERS, text)?;
    for (open, close) in [('“', '”'), ('《', '》'), ('（', '）')] {
        let mut depth = 0i32;
        for c in text.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    break;
                }
            }
        }
        if depth != 0 {
            return Err(format!("unpaired {open}{close}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpaired_marks_and_gaps() {
        assert!(check_leftovers("扶持培育职工艺术团，开展“职工读书月”活动。").is_ok());
        assert!(check_leftovers("开展绿城职工读书月”活动。").is_err());
        assert!(check_leftovers("认真贯彻《工会法》（修正案）。").is_ok());
        assert!(check_leftovers("认真贯彻《工会法。").is_err());
        assert!(check_gaps("今年，我们党要召开，这是一件大事。").is_err());
        assert!(check_gaps("要召开职工代表大会，审议集体合同。").is_ok());
        assert!(check_gaps("①要着力促进企业发展。②要大力加强帮扶中心建设。").is_err());
        assert!(check_gaps("从制度上、规划上不断加大了的建设指导力度。").is_err());
        assert!(check_gaps("不断加大了对职工之家的建设指导力度。").is_ok());
    }
}
