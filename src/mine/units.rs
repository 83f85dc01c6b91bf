//! Cutting labelled paragraphs into units a draft can reuse whole: salutations, opening
//! paragraphs, point headings, section intros, sub-points, body paragraphs and closings; tagging
//! them with themes (`data/themes.toml`), and telling the kind and level family of a speech.

use std::sync::OnceLock;

use regex::Regex;

use crate::bank::{Kind, Label, LevelFamily, Unit};
use crate::corpus::{NumStyle, Paragraph};
use crate::mine::classify::{cues, lead_sentence};

/// A candidate unit, before generalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index of the paragraph in the speech it came from.
    pub para: usize,
    pub section: Label,
    pub unit: Unit,
    /// The text without its original number.
    pub text: String,
}

/// The themes whose keywords occur in `text`, in lexicon order (see [`crate::themes::tag`]).
#[must_use]
pub fn themes(text: &str) -> Vec<String> {
    crate::themes::tag(text).into_iter().map(str::to_string).collect()
}

/// leader_speech or work_report, from the speech's headings and opening.
#[must_use]
pub fn detect_kind(paragraphs: &[Paragraph], labels: &[Label]) -> Kind {
    let Ok(cues) = cues() else { return Kind::LeaderSpeech };
    let first_heading = labels.iter().position(|l| *l == Label::Heading).unwrap_or(labels.len());
    let report = paragraphs.iter().zip(labels).enumerate().any(|(i, (p, l))| {
        (*l == Label::Heading || (i < first_heading && *l != Label::Other)) && cues.work_report.is_match(&p.text)
    });
    if report { Kind::WorkReport } else { Kind::LeaderSpeech }
}

/// Government or enterprise, from the speech's self-references.
#[must_use]
pub fn detect_family(paragraphs: &[Paragraph]) -> LevelFamily {
    let Ok(cues) = cues() else {
        return LevelFamily::Government;
    };
    let (mut gov, mut ent) = (0usize, 0usize);
    for p in paragraphs {
        gov += cues.government.find_iter(&p.text).count();
        ent += cues.enterprise.find_iter(&p.text).count();
    }
    if ent > gov {
        LevelFamily::Enterprise
    } else {
        LevelFamily::Government
    }
}

fn inline_marker() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new("(^|[。；！？：])\\s*([一二三四五六七八九十])(是要|是|要)").ok())
        .as_ref()
}

/// Splits `text` at a series of inline sub-points 一是…二是… (or 一要…二要…): the text before
/// the first, and each sub-point without its marker. `None` when there is no series of two or more.
fn split_inline(text: &str) -> Option<(&str, Vec<&str>)> {
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (marker start, text start)
    let mut expected = 1;
    for caps in inline_marker()?.captures_iter(text) {
        let (Some(num), Some(marker)) = (caps.get(2), caps.get(3)) else {
            continue;
        };
        let value = crate::corpus::cn_value(num.as_str()).unwrap_or(0);
        // One missing number (一是…二是…四是…) does not end the series.
        if value == expected || (expected > 2 && value == expected + 1) {
            starts.push((num.start(), marker.end()));
            expected = value + 1;
        }
    }
    if starts.len() < 2 {
        return None;
    }
    let head = &text[..starts[0].0];
    let mut items = Vec::new();
    for (k, &(_, begin)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |s| s.0);
        items.push(text[begin..end].trim());
    }
    Some((head.trim(), items))
}

fn strip_end(text: &str) -> String {
    text.trim_end_matches(['。', '；', '，', '：', ' ']).to_string()
}

/// The units of one speech, from its paragraphs and their labels.
#[must_use]
pub fn units(paragraphs: &[Paragraph], labels: &[Label]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut after_heading = false;
    let mut seen_heading = false;
    for (i, (p, &label)) in paragraphs.iter().zip(labels).enumerate() {
        let mut push = |section: Label, unit: Unit, text: String| {
            if text.chars().count() >= 2 {
                out.push(Candidate {
                    para: i,
                    section,
                    unit,
                    text,
                });
            }
        };
        match label {
            Label::Other => {}
            Label::Salutation => push(Label::Salutation, Unit::Salutation, p.text.clone()),
            Label::Opening => push(Label::Opening, Unit::Opening, p.text.clone()),
            Label::Closing => push(Label::Closing, Unit::Closing, p.text.clone()),
            Label::Heading => {
                seen_heading = true;
                after_heading = true;
                if let Some(section) = headed_section(paragraphs, labels, i) {
                    push(section, Unit::Heading, strip_end(p.body()));
                }
            }
            section => {
                let numbered = p
                    .numbering
                    .is_some_and(|n| !matches!(n.style, NumStyle::Part | NumStyle::Chapter) || seen_heading);
                let plain = if !seen_heading {
                    Unit::Body
                } else if after_heading {
                    Unit::Intro
                } else {
                    Unit::Body
                };
                after_heading = false;
                let body = p.body();
                match split_inline(&p.text) {
                    Some((head, items)) => {
                        let head = match p.numbering {
                            Some(n) => head.get(n.len..).unwrap_or(""),
                            None => head,
                        };
                        if head.chars().count() >= 10 && head.ends_with(['。', '！']) {
                            push(section, if numbered { Unit::Subpoint } else { plain }, head.to_string());
                        }
                        for item in items {
                            push(section, Unit::Subpoint, item.to_string());
                        }
                    }
                    None if numbered => push(section, Unit::Subpoint, p.unit_body().into_owned()),
                    None => push(section, plain, body.to_string()),
                }
            }
        }
    }
    out
}

/// The section a heading heads: the most common label of the content below it, up to the next
/// heading of the same or a higher level (the first one on a tie).
fn headed_section(paragraphs: &[Paragraph], labels: &[Label], at: usize) -> Option<Label> {
    let level = crate::mine::classify::heading_level(&paragraphs[at]);
    let mut counts: Vec<(Label, usize)> = Vec::new();
    for (p, &l) in paragraphs.iter().zip(labels).skip(at + 1) {
        if l == Label::Heading && crate::mine::classify::heading_level(p) <= level {
            break;
        }
        if matches!(l, Label::Heading | Label::Other | Label::Salutation) {
            continue;
        }
        match counts.iter_mut().find(|(c, _)| *c == l) {
            Some((_, n)) => *n += 1,
            None => counts.push((l, 1)),
        }
    }
    let mut best: Option<(Label, usize)> = None;
    for (l, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((l, n));
        }
    }
    best.map(|(l, _)| l)
        .filter(|l| !matches!(l, Label::Opening | Label::Closing))
}

/// Why a body paragraph or section intro cannot stand as a paragraph of its own in a draft: it
/// ends without a full stop or with a colon, so it is a heading or a lead-in mislaid as one
/// (重点抓好以下几个方面的工作, …突出表现在：), or it is a scrap of a few words.
pub fn stands_alone(text: &str) -> Result<(), &'static str> {
    let text = text.trim();
    let ends = ['。', '！', '？', '…'];
    let last = text.chars().next_back();
    let before_quote = text.strip_suffix('”').and_then(|t| t.chars().next_back());
    if !last.is_some_and(|c| ends.contains(&c)) && !before_quote.is_some_and(|c| ends.contains(&c)) {
        return Err("ends without a full stop: a heading or lead-in, not a paragraph");
    }
    if text.chars().count() < 20 {
        return Err("too short to stand as a paragraph");
    }
    Ok(())
}

/// The lead sentence of a sub-point's text.
#[must_use]
pub fn lead(text: &str) -> String {
    lead_sentence(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_series_split_into_sub_points() {
        let text =
            "要紧贴基本职能。维护职工的合法权益是基本职责。一是要加强维权。做好协商。二是要加强帮扶。三要普及法律。";
        let (head, items) = split_inline(text).expect("a series");
        assert_eq!(head, "要紧贴基本职能。维护职工的合法权益是基本职责。");
        assert_eq!(items, vec!["加强维权。做好协商。", "加强帮扶。", "普及法律。"]);
        assert!(split_inline("统一是关键。一是要做好。").is_none());
    }

    #[test]
    fn headings_and_lead_ins_are_not_paragraphs() {
        assert!(stands_alone("重点抓好以下几个方面的工作").is_err());
        assert!(stands_alone("去年虽然我们做了大量工作，但仍存在一些不足，突出表现在：").is_err());
        assert!(stands_alone("工会规范化建设水平不断提升。").is_err());
        assert!(stands_alone("各级工会要把维权服务作为工作的出发点和落脚点，切实为职工办实事。").is_ok());
        assert!(stands_alone("要在全体职工中大力倡导“干一行、爱一行、钻一行。”").is_ok());
    }

    #[test]
    fn themes_come_from_the_lexicon() {
        let t = themes("广泛开展劳动竞赛，做好困难职工帮扶");
        assert!(t.contains(&"劳动竞赛".to_string()));
        assert!(t.contains(&"困难职工帮扶".to_string()));
    }
}
