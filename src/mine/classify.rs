//! Labelling each paragraph of a speech with its section type (LABELS.md), by rules: position in
//! the speech, the headings above it, and lexical cues kept as data (`data/cues.toml`).

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::bank::Label;
use crate::corpus::{NumStyle, Paragraph};
use crate::error::{Error, Result};

#[derive(Deserialize)]
struct CueFile {
    salutation: Limited,
    title: Limited,
    unnumbered_heading: UnnumberedHeading,
    heading: Vec<HeadingCue>,
    cue: Vec<RawCue>,
    closing: ClosingCues,
    opening_region: OpeningRegion,
    kind: KindCues,
    family: FamilyCues,
}

#[derive(Deserialize)]
struct Limited {
    max_chars: usize,
    pattern: String,
}

#[derive(Deserialize)]
struct UnnumberedHeading {
    max_chars: usize,
    pattern: String,
    not: String,
}

#[derive(Deserialize)]
struct HeadingCue {
    label: String,
    weight: f64,
    pattern: String,
}

#[derive(Deserialize)]
struct RawCue {
    label: String,
    zone: String,
    weight: f64,
    #[serde(default)]
    per_match: bool,
    #[serde(default)]
    cap: Option<usize>,
    pattern: String,
}

#[derive(Deserialize)]
struct ClosingCues {
    start: String,
    exhortation: String,
    leadership: String,
}

#[derive(Deserialize)]
struct OpeningRegion {
    strong: String,
    review_start: String,
    situation_start: String,
    past: String,
    duty: String,
}

#[derive(Deserialize)]
struct KindCues {
    work_report: String,
}

#[derive(Deserialize)]
struct FamilyCues {
    government: String,
    enterprise: String,
}

/// Where a cue looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Start,
    Lead,
    Text,
}

struct Cue {
    label: Label,
    zone: Zone,
    weight: f64,
    per_match: bool,
    cap: usize,
    re: Regex,
}

/// The compiled cue lists.
pub(crate) struct Cues {
    salutation: (usize, Regex),
    title: (usize, Regex),
    unnumbered_heading: (usize, Regex, Regex),
    heading: Vec<(Label, f64, Regex)>,
    cues: Vec<Cue>,
    closing_start: Regex,
    closing_exhortation: Regex,
    closing_leadership: Regex,
    opening_strong: Regex,
    review_start: Regex,
    situation_start: Regex,
    past: Regex,
    duty: Regex,
    pub(crate) work_report: Regex,
    pub(crate) government: Regex,
    pub(crate) enterprise: Regex,
}

fn re(pattern: &str) -> Result<Regex> {
    Regex::new(pattern).map_err(|e| Error::Message(format!("data/cues.toml: bad pattern `{pattern}`: {e}")))
}

fn label(name: &str) -> Result<Label> {
    Label::parse(name).ok_or_else(|| Error::Message(format!("data/cues.toml: unknown label `{name}`")))
}

fn load_cues() -> Result<Cues> {
    let file: CueFile = toml::from_str(include_str!("../../data/cues.toml"))
        .map_err(|e| Error::Message(format!("data/cues.toml: {e}")))?;
    let mut cues = Vec::new();
    for c in &file.cue {
        let zone = match c.zone.as_str() {
            "start" => Zone::Start,
            "lead" => Zone::Lead,
            "text" => Zone::Text,
            other => {
                return Err(Error::Message(format!(
                    "data/cues.toml: zone `{other}` is not one of start, lead, text"
                )));
            }
        };
        cues.push(Cue {
            label: label(&c.label)?,
            zone,
            weight: c.weight,
            per_match: c.per_match,
            cap: c.cap.unwrap_or(1),
            re: re(&c.pattern)?,
        });
    }
    Ok(Cues {
        salutation: (file.salutation.max_chars, re(&file.salutation.pattern)?),
        title: (file.title.max_chars, re(&file.title.pattern)?),
        unnumbered_heading: (
            file.unnumbered_heading.max_chars,
            re(&file.unnumbered_heading.pattern)?,
            re(&file.unnumbered_heading.not)?,
        ),
        heading: file
            .heading
            .iter()
            .map(|h| Ok((label(&h.label)?, h.weight, re(&h.pattern)?)))
            .collect::<Result<_>>()?,
        cues,
        closing_start: re(&file.closing.start)?,
        closing_exhortation: re(&file.closing.exhortation)?,
        closing_leadership: re(&file.closing.leadership)?,
        opening_strong: re(&file.opening_region.strong)?,
        review_start: re(&file.opening_region.review_start)?,
        situation_start: re(&file.opening_region.situation_start)?,
        past: re(&file.opening_region.past)?,
        duty: re(&file.opening_region.duty)?,
        work_report: re(&file.kind.work_report)?,
        government: re(&file.family.government)?,
        enterprise: re(&file.family.enterprise)?,
    })
}

/// The cue lists, compiled once.
pub(crate) fn cues() -> Result<&'static Cues> {
    static CUES: OnceLock<std::result::Result<Cues, String>> = OnceLock::new();
    CUES.get_or_init(|| load_cues().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Message(e.clone()))
}

/// The lead sentence of `text`: up to and including the first 。！？；, or up to the first ，
/// when that sentence is long. Always a prefix of `text`.
#[must_use]
pub fn lead_sentence(text: &str) -> &str {
    let mut comma = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if matches!(c, '。' | '！' | '？' | '；') {
            if text[..i].chars().count() > 60
                && let Some(k) = comma
            {
                return &text[..k];
            }
            return &text[..end];
        }
        if c == '，' && comma.is_none() && text[..i].chars().count() >= 6 {
            comma = Some(end);
        }
        if text[..i].chars().count() > 80 {
            return comma.map_or(&text[..end], |k| &text[..k]);
        }
    }
    text
}

fn sentence_count(text: &str) -> usize {
    let trimmed = text.trim_end_matches(['。', '！', '？', '；', '：', '!', '?', ' ']);
    trimmed.matches(['。', '！', '？', '；']).count() + 1
}

fn has_sentence_punct(text: &str) -> bool {
    text.contains(['。', '，', '；', '！', '？', '：', '、'])
}

/// Whether a paragraph is a heading on its own line.
pub(crate) fn is_heading(p: &Paragraph, cues: &Cues) -> bool {
    if p.flag.is_some() {
        return false;
    }
    match p.numbering {
        Some(n) if !matches!(n.style, NumStyle::Inline | NumStyle::Ordinal) => {
            let body = p.body();
            body.chars().count() <= 64 && sentence_count(body) == 1
        }
        Some(_) => false,
        None => {
            let (max, re, not) = &cues.unnumbered_heading;
            p.text.chars().count() <= *max
                && !has_sentence_punct(&p.text)
                && re.is_match(&p.text)
                && !not.is_match(&p.text)
        }
    }
}

/// The heading level of a heading paragraph (unnumbered titles count as top level).
pub(crate) fn heading_level(p: &Paragraph) -> u8 {
    p.numbering.map_or(1, |n| n.style.level())
}

/// The label a heading's text announces, if any.
fn heading_cue(text: &str, cues: &Cues) -> Option<Label> {
    let mut best: Option<(Label, f64)> = None;
    for (label, weight, re) in &cues.heading {
        if re.is_match(text) && best.is_none_or(|(_, w)| *weight > w) {
            best = Some((*label, *weight));
        }
    }
    best.map(|(l, _)| l)
}

fn first_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Scores of each label from the paragraph's cues.
fn cue_scores(body: &str, cues: &Cues) -> [f64; 10] {
    let mut scores = [0.0; 10];
    let lead = lead_sentence(body);
    let start = first_chars(body, 16);
    for cue in &cues.cues {
        let zone = match cue.zone {
            Zone::Start => start,
            Zone::Lead => lead,
            Zone::Text => body,
        };
        let hits = if cue.per_match {
            cue.re.find_iter(zone).take(cue.cap).count()
        } else {
            usize::from(cue.re.is_match(zone))
        };
        scores[index(cue.label)] += cue.weight * hits as f64;
    }
    scores
}

fn index(label: Label) -> usize {
    Label::ALL.iter().position(|l| *l == label).unwrap_or(9)
}

/// The weight of the section a paragraph sits in.
const CONTEXT: f64 = 3.0;
/// The weight of a review section (everything in it reviews, except the problems it names).
const REVIEW: f64 = 6.0;

/// Labels each paragraph of one speech.
pub fn classify(paragraphs: &[Paragraph]) -> Vec<Label> {
    classify_scored(paragraphs).0
}

/// Labels each paragraph of one speech, with the label scores of the paragraphs decided by
/// scoring (in `Label::ALL` order), for auditing the rules.
pub fn classify_scored(paragraphs: &[Paragraph]) -> (Vec<Label>, Vec<Option<[f64; 10]>>) {
    let mut all_scores = vec![None; paragraphs.len()];
    let Ok(cues) = cues() else {
        return (vec![Label::Other; paragraphs.len()], all_scores);
    };
    let n = paragraphs.len();
    let mut labels: Vec<Option<Label>> = vec![None; n];

    // Fixed labels: junk, titles, salutations, headings.
    let mut seen_content = false;
    for (i, p) in paragraphs.iter().enumerate() {
        if p.flag.is_some() {
            labels[i] = Some(Label::Other);
            continue;
        }
        let chars = p.text.chars().count();
        if chars <= cues.salutation.0 && cues.salutation.1.is_match(&p.text) {
            labels[i] = Some(Label::Salutation);
            seen_content = true;
            continue;
        }
        if !seen_content
            && p.numbering.is_none()
            && chars <= cues.title.0
            && !p.text.contains(['。', '！', '？', '；', '，'])
            && (cues.title.1.is_match(&p.text)
                || paragraphs
                    .get(i + 1)
                    .is_some_and(|q| cues.salutation.1.is_match(&q.text)))
        {
            labels[i] = Some(Label::Other);
            continue;
        }
        seen_content = true;
        if is_heading(p, cues) {
            labels[i] = Some(Label::Heading);
        }
    }

    // Closing: the last paragraphs, when they sound like an ending.
    let content: Vec<usize> = (0..n).filter(|&i| labels[i].is_none()).collect();
    let last_heading = (0..n).rev().find(|&i| labels[i] == Some(Label::Heading));
    for (k, &i) in content.iter().enumerate().rev() {
        if last_heading.is_some_and(|h| i < h) {
            break;
        }
        let p = &paragraphs[i];
        let is_last = k + 1 == content.len();
        let starts = cues.closing_start.is_match(&p.text);
        let exhorts = cues.closing_exhortation.is_match(&p.text);
        if !(starts || (is_last && p.numbering.is_none() && exhorts)) {
            break;
        }
        let lead_count = cues.closing_leadership.find_iter(&p.text).count();
        labels[i] = Some(if lead_count >= 2 && !p.text.contains("只要") {
            Label::Leadership
        } else {
            Label::Closing
        });
    }

    // Sections: each heading announces a label; nested headings inherit.
    let mut section: Vec<Option<Label>> = vec![None; n];
    let mut stack: Vec<(u8, Label)> = Vec::new();
    let mut current: Option<Label> = None;
    for i in 0..n {
        if labels[i] == Some(Label::Heading) {
            let level = heading_level(&paragraphs[i]);
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let own = heading_cue(paragraphs[i].body(), cues);
            let parent = stack.last().map(|(_, l)| *l);
            let label = match (parent, own) {
                (Some(Label::Achievements), Some(Label::Problems)) => Label::Problems,
                (Some(Label::Achievements), _) => Label::Achievements,
                (Some(Label::Problems), _) => Label::Problems,
                (Some(_), Some(own @ (Label::Leadership | Label::Problems | Label::Achievements))) => own,
                (Some(p), _) => p,
                (None, Some(own)) => own,
                (None, None) => Label::Tasks,
            };
            stack.push((level, label));
            current = Some(label);
        }
        section[i] = current;
    }

    // Content paragraphs: cues plus the weight of their section.
    let mut problems_since_heading = false;
    for i in 0..n {
        if labels[i] == Some(Label::Heading) {
            problems_since_heading = false;
        }
        if labels[i].is_some() {
            continue;
        }
        let p = &paragraphs[i];
        if section[i].is_none() {
            labels[i] = Some(opening_region_label(p, cues));
            continue;
        }
        let mut scores = cue_scores(p.body(), cues);
        match section[i] {
            None => {}
            Some(Label::Achievements) => {
                if problems_since_heading {
                    scores[index(Label::Problems)] += REVIEW;
                } else {
                    scores[index(Label::Achievements)] += REVIEW;
                }
            }
            Some(Label::Problems) => scores[index(Label::Problems)] += REVIEW,
            Some(l) => scores[index(l)] += CONTEXT,
        }
        // Labels a body paragraph may take: a review section only reviews or names problems.
        let allowed: &[Label] = match section[i] {
            Some(Label::Achievements | Label::Problems) => &[Label::Achievements, Label::Problems],
            _ => &[
                Label::Tasks,
                Label::Achievements,
                Label::Significance,
                Label::Leadership,
                Label::Problems,
            ],
        };
        let mut best = allowed[0];
        for &l in allowed {
            if scores[index(l)] > scores[index(best)] {
                best = l;
            }
        }
        if best == Label::Problems && section[i] == Some(Label::Achievements) {
            problems_since_heading = true;
        }
        labels[i] = Some(best);
        all_scores[i] = Some(scores);
    }
    (
        labels.into_iter().map(|l| l.unwrap_or(Label::Other)).collect(),
        all_scores,
    )
}

/// A paragraph between the salutation and the first heading: opening unless it plainly reviews,
/// argues the situation, or assigns work without setting up the meeting.
fn opening_region_label(p: &Paragraph, cues: &Cues) -> Label {
    let text = p.body();
    let start = first_chars(text, 16);
    let past = cues.past.find_iter(text).count();
    if cues.review_start.is_match(start) {
        return Label::Achievements;
    }
    let situation = cues.situation_start.is_match(start);
    if situation && past >= 3 {
        return Label::Achievements;
    }
    if cues.opening_strong.is_match(text) {
        return Label::Opening;
    }
    if situation {
        return Label::Significance;
    }
    if cues.duty.is_match(start) || cues.duty.find_iter(text).count() >= 2 {
        return Label::Tasks;
    }
    Label::Opening
}
