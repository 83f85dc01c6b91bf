//! Words that place a speech at a time of year (`data/season.toml`): 春节即将到来 fits a meeting
//! in 腊月 and nowhere else, 元旦刚过 one in the first weeks of January. A phrase holding such a
//! word is used only when the brief's meeting date falls in its season.

use std::sync::OnceLock;

use serde::Deserialize;

/// The season file built into the binary.
const EMBEDDED: &str = include_str!("../data/season.toml");

/// One season: the words that tie a phrase to it and when it is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    pub words: Vec<String>,
    /// The month of the Chinese calendar the meeting falls in (12: 腊月).
    #[serde(default)]
    pub lunar_month: Option<u8>,
    /// The first and last day of the year (`MM-DD`) the meeting may fall on.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeasonFile {
    #[serde(default)]
    season: Vec<Season>,
}

/// `MM-DD` as (month, day), if it is one.
fn month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// `YYYY-MM-DD` as (year, month, day), if it is one.
fn ymd(s: &str) -> Option<(i32, u8, u8)> {
    let (y, md) = s.split_once('-')?;
    let (m, d) = month_day(md)?;
    Some((y.parse().ok()?, m, d))
}

/// Parses a season file; every season needs words and either a lunar month or a span of days.
pub fn parse(text: &str) -> Result<Vec<Season>, String> {
    let file: SeasonFile = toml::from_str(text).map_err(|e| format!("season file: {}", e.message()))?;
    for s in &file.season {
        let span = match (&s.from, &s.to) {
            (Some(f), Some(t)) => month_day(f).is_some() && month_day(t).is_some(),
            (None, None) => false,
            _ => return Err(format!("season file: {:?} gives only one of from and to", s.words)),
        };
        let lunar = s.lunar_month.is_some_and(|m| (1..=12).contains(&m));
        if s.words.is_empty() || lunar == span {
            return Err(format!(
                "season file: {:?} needs words and either lunar_month = 1..12 or from and to as MM-DD",
                s.words
            ));
        }
    }
    Ok(file.season)
}

/// The built-in seasons; none if the file cannot be read (a test holds it to parse).
fn seasons() -> &'static [Season] {
    static SEASONS: OnceLock<Vec<Season>> = OnceLock::new();
    SEASONS.get_or_init(|| parse(EMBEDDED).unwrap_or_default())
}

impl Season {
    /// Whether a meeting on `date` (`YYYY-MM-DD`) falls in the season.
    #[must_use]
    pub fn holds(&self, date: &str) -> bool {
        let Some((year, month, day)) = ymd(date) else {
            return false;
        };
        if let Some(want) = self.lunar_month {
            let solar = lunar_lite::SolarDate { year, month, day };
            return lunar_lite::solar_to_lunar(solar).is_ok_and(|l| l.month == want && !l.is_leap_month);
        }
        match (
            self.from.as_deref().and_then(month_day),
            self.to.as_deref().and_then(month_day),
        ) {
            (Some(from), Some(to)) => (from..=to).contains(&(month, day)),
            _ => false,
        }
    }
}

/// Whether `text` may be said at a meeting on `date`: it names no season, or the date falls in
/// the seasons it names. With no date, a text that names a season does not fit.
#[must_use]
pub fn fits(text: &str, date: Option<&str>) -> bool {
    seasons()
        .iter()
        .filter(|s| s.words.iter().any(|w| text.contains(w.as_str())))
        .all(|s| date.is_some_and(|d| s.holds(d)))
}

/// Whether `text` names a season of the built-in file.
#[must_use]
pub fn is_seasonal(text: &str) -> bool {
    !fits(text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_parses() {
        assert!(parse(EMBEDDED).expect("season file parses").len() >= 2);
    }

    #[test]
    fn the_spring_festival_is_greeted_only_in_the_month_before_it() {
        let text = "最后，在春节即将到来之际，给大家拜个早年。";
        // The Spring Festival of 2026 was on 17 February, of 2024 on 10 February.
        assert!(fits(text, Some("2026-02-05")));
        assert!(fits(text, Some("2024-01-20")));
        assert!(!fits(text, Some("2026-02-26")), "after the festival");
        assert!(!fits(text, Some("2026-02-17")), "on the day");
        assert!(!fits(text, Some("2026-06-15")));
        assert!(!fits(text, None), "no date: not said");
        assert!(fits("同志们，工会工作使命光荣。", None));
    }

    #[test]
    fn new_year_is_just_past_in_the_first_weeks_of_january() {
        let text = "元旦刚过，首先我祝大家在新的一年里工作顺利。";
        assert!(fits(text, Some("2026-01-08")));
        assert!(!fits(text, Some("2026-01-01")));
        assert!(!fits(text, Some("2026-03-08")));
    }

    #[test]
    fn a_season_needs_words_and_one_kind_of_span() {
        assert!(parse("[[season]]\nwords = [\"春节\"]\n").is_err());
        assert!(parse("[[season]]\nwords = [\"春节\"]\nlunar_month = 12\nfrom = \"01-01\"\nto = \"01-02\"\n").is_err());
        assert!(parse("[[season]]\nwords = [\"春节\"]\nfrom = \"01-01\"\n").is_err());
        assert!(parse("[[season]]\nwords = [\"春节\"]\nlunar_month = 13\n").is_err());
        assert!(parse("[[season]]\nwords = []\nlunar_month = 12\n").is_err());
    }

    #[test]
    fn the_first_half_is_summed_up_only_at_mid_year() {
        let text = "这次会议的主要任务是，认真总结上半年的工会工作，研究部署下半年的任务。";
        assert!(fits(text, Some("2024-07-10")));
        assert!(!fits(text, Some("2024-02-26")));
        assert!(!fits(text, None));
    }

    #[test]
    fn the_two_sessions_are_just_over_only_after_they_meet() {
        let text = "这次会议是在全国“两会”刚刚闭幕的新形势下召开的。";
        assert!(fits(text, Some("2024-03-20")));
        assert!(!fits(text, Some("2024-02-26")));
        assert!(!fits(text, None));
    }
}
