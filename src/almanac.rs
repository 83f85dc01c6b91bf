//! What a year means: its five-year plan and phase, the Party and union congresses then current.
//! Facts from DOMAIN.md; drafts and era tags depend on them.

/// A five-year plan: its short name (十五五) and its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// The ordinal of the plan: 15 for 十五五.
    pub number: u32,
    /// First year.
    pub start: u32,
    /// Last year.
    pub end: u32,
}

impl Plan {
    /// 十五五
    #[must_use]
    pub fn name(&self) -> String {
        format!("{}五", crate::cn::cn_num(self.number))
    }
}

/// The plan in force in `year`. The first two plans ran 1953–1962; after three years of
/// adjustment (1963–1965, no plan) the third began in 1966 and plans have followed every five
/// years since.
#[must_use]
pub fn plan_of(year: u32) -> Option<Plan> {
    match year {
        1953..=1957 => Some(Plan {
            number: 1,
            start: 1953,
            end: 1957,
        }),
        1958..=1962 => Some(Plan {
            number: 2,
            start: 1958,
            end: 1962,
        }),
        1963..=1965 => None,
        1966.. => {
            let k = (year - 1966) / 5;
            let start = 1966 + k * 5;
            Some(Plan {
                number: 3 + k,
                start,
                end: start + 4,
            })
        }
        _ => None,
    }
}

/// The phase word of `year` within its plan: 开局之年, 关键之年, 攻坚之年, 收官之年, …
#[must_use]
pub fn phase_of(year: u32) -> Option<&'static str> {
    let plan = plan_of(year)?;
    Some(match year - plan.start {
        0 => "开局之年",
        1 => "关键之年",
        2 => "承上启下的重要一年",
        3 => "攻坚之年",
        _ => "收官之年",
    })
}

/// A congress (of the Party or of the national trade unions) and the month it opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Congress {
    /// Its ordinal: 20 for 二十大.
    pub number: u32,
    /// Year it opened.
    pub year: u32,
    /// Month it opened.
    pub month: u32,
}

impl Congress {
    /// 二十大
    #[must_use]
    pub fn name(&self) -> String {
        format!("{}大", crate::cn::cn_num(self.number))
    }
}

/// Party congresses: every five years since the 12th in September 1982.
const PARTY_CONGRESS_MONTHS: [(u32, u32, u32); 9] = [
    (12, 1982, 9),
    (13, 1987, 10),
    (14, 1992, 10),
    (15, 1997, 9),
    (16, 2002, 11),
    (17, 2007, 10),
    (18, 2012, 11),
    (19, 2017, 10),
    (20, 2022, 10),
];

/// The Party congress whose line is current at a meeting held early in `year` (a congress held
/// in the autumn of `year` is not yet current). Congresses after the 20th are projected every five
/// years.
#[must_use]
pub fn party_congress_of(year: u32) -> Option<Congress> {
    let known = PARTY_CONGRESS_MONTHS.iter().rev().find(|(_, y, _)| *y < year);
    match known {
        Some(&(number, y, month)) if y >= 2022 && year > 2027 => {
            let extra = (year - 1 - 2022) / 5;
            Some(Congress {
                number: number + extra,
                year: y + extra * 5,
                month,
            })
        }
        Some(&(number, y, month)) => Some(Congress { number, year: y, month }),
        None => None,
    }
}

/// The guidance a speech early in `year` is given under: the theories then named and the Party
/// congress whose spirit is current (以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大
/// 精神 in 2026; 以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观 in 2010).
#[must_use]
pub fn guidance(year: u32) -> String {
    let congress = party_congress_of(year).map(|c| c.name()).unwrap_or_default();
    match year {
        2018.. => format!("以习近平新时代中国特色社会主义思想为指导，深入贯彻党的{congress}精神"),
        2013..=2017 => {
            format!("以中国特色社会主义理论体系为指导，深入贯彻党的{congress}和习近平总书记系列重要讲话精神")
        }
        2008..=2012 => {
            format!("以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观，认真贯彻党的{congress}精神")
        }
        2001..=2007 => format!("以邓小平理论和“三个代表”重要思想为指导，认真贯彻党的{congress}精神"),
        _ => format!("以邓小平理论为指导，认真贯彻党的{congress}精神"),
    }
}

/// The national trade-union congress (中国工会…大) current early in `year`: 15th 2008, then every
/// five years (16th 2013, 17th 2018, 18th 2023).
#[must_use]
pub fn union_congress_of(year: u32) -> Option<Congress> {
    if year <= 2008 {
        return None;
    }
    let k = (year - 2009) / 5;
    Some(Congress {
        number: 15 + k,
        year: 2008 + k * 5,
        month: 10,
    })
}

/// Whether a phrase (slots unfilled) fits `year` as to where the current plan stands: one that
/// says the plan `{{ plan }}` has just begun (“{{ plan }}”大幕刚刚开启, 开局起步) fits only its
/// first year, one that says it is closing (收官, 决胜) or sums up its achievements
/// (“{{ plan }}”时期的辉煌成就) only its last. A phase given by the
/// `{{ phase }}` slot follows the year and needs no check.
#[must_use]
pub fn plan_phase_fits(text: &str, year: u32) -> bool {
    const SLOT: &str = "{{ plan }}";
    let Some(plan) = plan_of(year) else {
        return !text.contains(SLOT);
    };
    text.match_indices(SLOT).all(|(at, _)| {
        let after: String = text[at + SLOT.len()..].chars().take(8).collect();
        let begun = ["开启", "开局", "起步", "开篇", "启航"]
            .iter()
            .any(|w| after.contains(w));
        let closing = ["收官", "决胜", "辉煌成就", "取得的成就"]
            .iter()
            .any(|w| after.contains(w));
        (!begun || year == plan.start) && (!closing || year == plan.end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_follow_history() {
        assert_eq!(plan_of(1966).map(|p| p.number), Some(3));
        assert_eq!(plan_of(1964), None);
        assert_eq!(plan_of(2010).map(|p| p.name()), Some("十一五".to_string()));
        assert_eq!(plan_of(2011).map(|p| p.name()), Some("十二五".to_string()));
        assert_eq!(plan_of(2025).map(|p| p.name()), Some("十四五".to_string()));
        assert_eq!(plan_of(2026).map(|p| p.name()), Some("十五五".to_string()));
        assert_eq!(plan_of(2031).map(|p| p.name()), Some("十六五".to_string()));
        assert_eq!(phase_of(2026), Some("开局之年"));
        assert_eq!(phase_of(2030), Some("收官之年"));
    }

    #[test]
    fn guidance_of_the_year() {
        assert_eq!(
            guidance(2026),
            "以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神"
        );
        assert!(guidance(2015).contains("党的十八大和习近平总书记系列重要讲话精神"));
        assert!(guidance(2010).contains("深入贯彻落实科学发展观，认真贯彻党的十七大精神"));
        assert!(guidance(2018).contains("党的十九大精神"));
    }

    #[test]
    fn congresses() {
        assert_eq!(party_congress_of(2013).map(|c| c.number), Some(18));
        assert_eq!(party_congress_of(2012).map(|c| c.number), Some(17));
        assert_eq!(party_congress_of(2026).map(|c| c.number), Some(20));
        assert_eq!(party_congress_of(2028).map(|c| c.number), Some(21));
        assert_eq!(union_congress_of(2024).map(|c| c.name()), Some("十八大".to_string()));
        assert_eq!(union_congress_of(2013).map(|c| c.number), Some(15));
        assert_eq!(union_congress_of(2014).map(|c| c.number), Some(16));
    }

    #[test]
    fn a_plan_just_begun_fits_only_its_first_year() {
        let text = "这次会议是在{{ lv.we }}“{{ plan }}”大幕刚刚开启的新形势下召开的。";
        assert!(plan_phase_fits(text, 2026));
        assert!(plan_phase_fits(text, 2021));
        assert!(!plan_phase_fits(text, 2024));
        let closing = "今年是“{{ plan }}”收官之年";
        assert!(plan_phase_fits(closing, 2025));
        assert!(!plan_phase_fits(closing, 2023));
        assert!(plan_phase_fits("今年是“{{ plan }}”{{ phase }}", 2023));
        let summed_up = "才成就了{{ lv.we }}“{{ plan }}”时期的辉煌成就。";
        assert!(!plan_phase_fits(summed_up, 2026));
        assert!(plan_phase_fits(summed_up, 2030));
        assert!(plan_phase_fits("在实现“{{ plan }}”目标中建功立业", 2023));
    }
}
