//! The brief: what a secretary writes, validated into a model before any work happens.

use std::path::Path;

use serde::Deserialize;

use crate::bank::{Kind, LevelFamily};
use crate::error::{BriefError, Error, Result};

/// The organisation's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 县
    County,
    /// 市
    City,
    /// 区
    District,
    /// 企业
    Enterprise,
}

impl Level {
    /// The brief's spelling: 县, 市, 区, 企业.
    pub const NAMES: [&'static str; 4] = ["县", "市", "区", "企业"];

    /// Parses 县, 市, 区, 企业.
    #[must_use]
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "县" => Some(Level::County),
            "市" => Some(Level::City),
            "区" => Some(Level::District),
            "企业" => Some(Level::Enterprise),
            _ => None,
        }
    }

    /// The family of phrases that fit this level.
    #[must_use]
    pub fn family(self) -> LevelFamily {
        match self {
            Level::Enterprise => LevelFamily::Enterprise,
            _ => LevelFamily::Government,
        }
    }
}

/// A validated brief.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub kind: Kind,
    /// The meeting's year.
    pub year: u32,
    pub organisation: Organisation,
    pub meeting: Meeting,
    pub speaker: Speaker,
    pub outline: Outline,
    pub figures: Vec<Figure>,
}

/// Who holds the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    pub name: String,
    pub level: Level,
    /// For enterprises: the word in 全矿/矿党委 (矿, 厂, 公司). For the others: 县, 市, 区.
    pub short: String,
}

/// The meeting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meeting {
    /// Defaults to 全县工会工作会议 (by level).
    pub name: String,
    /// `YYYY-MM-DD`, if given.
    pub date: Option<String>,
    pub reporter: Option<String>,
    pub commendation: bool,
}

/// The speaker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Speaker {
    pub name: Option<String>,
    pub role: Option<String>,
}

/// The shape of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// leader_speech: main points (2–6); work_report: main tasks of the plan (2–6).
    pub points: u32,
    /// Themes to prefer, from the theme lexicon.
    pub focus: Vec<String>,
    /// Target length in characters.
    pub length: u32,
}

/// A figure to weave into the review.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: f64,
    /// The value exactly as written in the brief (116.5, 1,200 → as given).
    pub value_text: String,
    pub unit: String,
    /// % change on the year before.
    pub growth: Option<f64>,
    /// The growth exactly as written in the brief.
    pub growth_text: Option<String>,
}

impl Figure {
    /// The figure as a clause of the review: `地区生产总值达到116.5亿元，同比增长8.2%`, with the growth
    /// phrased by its sign (增长 / 下降 / 与上年持平). Value and unit appear exactly as given.
    #[must_use]
    pub fn phrase(&self) -> String {
        let mut s = format!("{}达到{}{}", self.label, self.value_text, self.unit);
        if let (Some(g), Some(text)) = (self.growth, &self.growth_text) {
            if g > 0.0 {
                s.push_str(&format!("，同比增长{text}%"));
            } else if g < 0.0 {
                s.push_str(&format!("，同比下降{text}%"));
            } else {
                s.push_str("，与上年持平");
            }
        }
        s
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrief {
    kind: String,
    year: i64,
    organisation: RawOrganisation,
    #[serde(default)]
    meeting: Option<RawMeeting>,
    #[serde(default)]
    speaker: Option<RawSpeaker>,
    #[serde(default)]
    outline: Option<RawOutline>,
    #[serde(default)]
    figures: Vec<RawFigure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganisation {
    name: String,
    level: String,
    short: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    name: Option<String>,
    date: Option<String>,
    reporter: Option<String>,
    commendation: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpeaker {
    name: Option<String>,
    role: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutline {
    points: Option<i64>,
    focus: Option<Vec<String>>,
    length: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    label: String,
    value: f64,
    unit: String,
    growth: Option<f64>,
}

/// Reads and validates a brief file.
pub fn load(path: &Path) -> Result<Brief> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

fn brief_error(path: &Path, text: &str, field: Option<&str>, message: String, help: Option<String>) -> Error {
    Error::Brief(Box::new(BriefError {
        path: path.to_path_buf(),
        source_text: text.to_string(),
        place: None,
        field: field.map(str::to_string),
        message,
        help,
    }))
}

fn format_number(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Parses and validates the text of a brief; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<Brief> {
    let raw: RawBrief = toml::from_str(text).map_err(|e| {
        Error::Brief(Box::new(BriefError {
            path: path.to_path_buf(),
            source_text: text.to_string(),
            place: e.span().map(|s| crate::error::Place::of(text, s)),
            field: None,
            message: e.message().trim().to_string(),
            help: None,
        }))
    })?;
    let err = |field: &str, message: String, help: &str| {
        brief_error(path, text, Some(field), message, Some(help.to_string()))
    };
    let kind = match raw.kind.as_str() {
        "leader_speech" => Kind::LeaderSpeech,
        "work_report" => Kind::WorkReport,
        other => {
            return Err(err(
                "kind",
                format!("kind = \"{other}\" is not a kind of speech"),
                "use one of leader_speech, work_report",
            ));
        }
    };
    let year = u32::try_from(raw.year)
        .ok()
        .filter(|y| (1990..=2100).contains(y))
        .ok_or_else(|| {
            err(
                "year",
                format!("year = {} is out of range", raw.year),
                "use a year from 1990 to 2100",
            )
        })?;
    let level = Level::parse(&raw.organisation.level).ok_or_else(|| {
        err(
            "organisation.level",
            format!("organisation.level = {} is not supported", raw.organisation.level),
            "use one of 县, 市, 区, 企业",
        )
    })?;
    let short = match level {
        Level::Enterprise => raw.organisation.short.unwrap_or_else(|| "公司".to_string()),
        _ => raw.organisation.level.clone(),
    };
    let meeting = raw.meeting.unwrap_or(RawMeeting {
        name: None,
        date: None,
        reporter: None,
        commendation: None,
    });
    let speaker = raw.speaker.unwrap_or(RawSpeaker { name: None, role: None });
    let outline = raw.outline.unwrap_or(RawOutline {
        points: None,
        focus: None,
        length: None,
    });
    let points = outline.points.unwrap_or(3);
    let points = u32::try_from(points)
        .ok()
        .filter(|p| (2..=6).contains(p))
        .ok_or_else(|| {
            err(
                "outline.points",
                format!("outline.points = {points} is out of range"),
                "use 2 to 6 points",
            )
        })?;
    let length = outline.length.unwrap_or(4000);
    let length = u32::try_from(length)
        .ok()
        .filter(|l| (1000..=20000).contains(l))
        .ok_or_else(|| {
            err(
                "outline.length",
                format!("outline.length = {length} is out of range"),
                "use 1000 to 20000 characters",
            )
        })?;
    let mut figures = Vec::new();
    for (i, f) in raw.figures.into_iter().enumerate() {
        if !f.value.is_finite() || f.growth.is_some_and(|g| !g.is_finite()) {
            return Err(err(
                &format!("figures[{i}]"),
                format!("figure `{}` is not a finite number", f.label),
                "write an ordinary number such as 116.5",
            ));
        }
        figures.push(Figure {
            value_text: format_number(f.value),
            growth_text: f.growth.map(|g| format_number(g.abs())),
            label: f.label,
            value: f.value,
            unit: f.unit,
            growth: f.growth,
        });
    }
    let default_meeting = match level {
        Level::Enterprise => format!("全{short}工会工作会议"),
        _ => format!("全{}工会工作会议", raw.organisation.level),
    };
    Ok(Brief {
        kind,
        year,
        organisation: Organisation {
            name: raw.organisation.name,
            level,
            short,
        },
        meeting: Meeting {
            name: meeting.name.unwrap_or(default_meeting),
            date: meeting.date,
            reporter: meeting.reporter,
            commendation: meeting.commendation.unwrap_or(false),
        },
        speaker: Speaker {
            name: speaker.name,
            role: speaker.role,
        },
        outline: Outline {
            points,
            focus: outline.focus.unwrap_or_default(),
            length,
        },
        figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, growth: Option<f64>) -> Figure {
        Figure {
            label: "地区生产总值".into(),
            value,
            value_text: format_number(value),
            unit: "亿元".into(),
            growth,
            growth_text: growth.map(|g| format_number(g.abs())),
        }
    }

    #[test]
    fn growth_is_phrased_by_sign() {
        assert_eq!(
            figure(116.5, Some(8.2)).phrase(),
            "地区生产总值达到116.5亿元，同比增长8.2%"
        );
        assert_eq!(
            figure(116.5, Some(-3.4)).phrase(),
            "地区生产总值达到116.5亿元，同比下降3.4%"
        );
        assert_eq!(
            figure(116.5, Some(0.0)).phrase(),
            "地区生产总值达到116.5亿元，与上年持平"
        );
        assert_eq!(figure(120.0, None).phrase(), "地区生产总值达到120亿元");
    }
}
