//! Re-rolling one section of a draft while every other section stays byte for byte as it was.
//!
//! A re-rolled section is composed on its own, after the draft it belongs to, from a stream of a
//! new seed: it may not use any phrase the draft already holds (its own old ones included, so it
//! does change where the bank allows), prefers frame wording its old version did not use, and
//! aims at its old length, so that the draft keeps its size. Since nothing else is composed
//! again, the other sections cannot change. A draft records the re-rolls made on it in order;
//! replaying them on the draft of its seed rebuilds it exactly.

use super::{Composer, Entry, Heading, Item, OpeningFrame, PointFill, PointPlan, ReviewParts, chars, numbering, para};
use crate::bank::Kind;
use crate::cn::SubStyle;
use crate::draft::{Draft, Reroll, Section, Style};
use crate::error::{Error, Result};
use crate::rng::{Stream, fnv1a, fnv1a_more};

/// The seed of the `n`-th re-roll (1, 2, …) of `place` in the draft of `base`.
#[must_use]
pub fn reroll_seed(base: u64, place: &str, n: usize) -> u64 {
    let hash = fnv1a_more(fnv1a(&base.to_le_bytes()), b"reroll/");
    fnv1a_more(fnv1a_more(hash, place.as_bytes()), &(n as u64).to_le_bytes())
}

/// What a re-rolled section must not repeat: phrases the draft holds, and its own old text.
struct Old {
    texts: Vec<String>,
    len: usize,
}

impl Old {
    fn has(&self, alt: &str) -> bool {
        !alt.is_empty() && self.texts.iter().any(|t| t.contains(alt))
    }
}

impl Composer<'_> {
    /// The sections of `draft` that can be re-rolled: everything but the title.
    #[must_use]
    pub fn places(draft: &Draft) -> Vec<String> {
        draft
            .sections
            .iter()
            .map(|s| s.role.clone())
            .filter(|r| r != "title")
            .collect()
    }

    /// The place named by `name`: a number is the n-th point (leader_speech) or task of the
    /// plan (work_report); `opening`, `closing`, `review`, `plan`, `point/2`, `plan/2` name
    /// themselves.
    pub fn resolve_place(&self, draft: &Draft, name: &str) -> Result<String> {
        let name = name.trim();
        let place = match name.parse::<usize>() {
            Ok(n) => match self.brief.kind {
                Kind::LeaderSpeech => format!("point/{n}"),
                Kind::WorkReport => format!("plan/{n}"),
            },
            Err(_) => name.to_string(),
        };
        let places = Self::places(draft);
        if places.contains(&place) {
            return Ok(place);
        }
        let numbers = places.iter().filter(|p| p.contains('/')).count();
        let named: Vec<&str> = places.iter().filter(|p| !p.contains('/')).map(String::as_str).collect();
        Err(Error::Usage(format!(
            "--reroll {name}: this draft has no such section; use a number from 1 to {numbers} for its {} or one of {}",
            match self.brief.kind {
                Kind::LeaderSpeech => "points",
                Kind::WorkReport => "tasks",
            },
            named.join(", ")
        )))
    }

    /// Re-rolls `place` of `draft` with the next seed of its own: the same call on the same
    /// draft gives the same result.
    pub fn reroll(&self, draft: &mut Draft, place: &str) -> Result<()> {
        let n = draft.rerolls.iter().filter(|r| r.section == place).count() + 1;
        let seed = reroll_seed(draft.seed, place, n);
        self.reroll_with(draft, place, seed)
    }

    /// The draft of `seed` with `rerolls` replayed on it, in order.
    pub fn rebuild(&self, seed: u64, rerolls: &[Reroll]) -> Result<Draft> {
        let mut d = self.draft(seed);
        for r in rerolls {
            self.reroll_with(&mut d, &r.section, r.seed)?;
        }
        Ok(d)
    }

    /// Re-composes `place` of `draft` from the stream of `seed`; no other section changes.
    pub fn reroll_with(&self, draft: &mut Draft, place: &str, seed: u64) -> Result<()> {
        let Some(i) = draft.sections.iter().position(|s| s.role == place) else {
            return Err(Error::Usage(format!(
                "the draft has no section `{place}`; its sections are {}",
                Self::places(draft).join(", ")
            )));
        };
        let mut used = vec![false; self.cands.len()];
        for id in draft.paragraphs().flat_map(|p| p.phrases.iter()) {
            if let Some(&c) = self.by_id.get(id) {
                used[c] = true;
            }
        }
        let old_section = &draft.sections[i];
        let old = Old {
            texts: old_section.paragraphs.iter().map(|p| p.text.clone()).collect(),
            len: old_section.paragraphs.iter().map(|p| chars(&p.text)).sum(),
        };
        let others: Vec<&Section> = draft.sections.iter().filter(|s| s.role != place).collect();
        let mut section = match (self.brief.kind, place) {
            (Kind::LeaderSpeech, "opening") => self.leader_opening(seed, &old, &mut used),
            (Kind::WorkReport, "opening") => self.report_opening(seed, &old),
            (_, "closing") => self.closing(seed, &old, &mut used),
            (Kind::WorkReport, "review") => self.review(seed, &old, &mut used),
            (Kind::WorkReport, "plan") => self.plan(seed, &old),
            (_, p) if p.starts_with("point/") || p.starts_with("plan/") => {
                self.point(seed, place, old_section, &old, &others, &mut used)
            }
            _ => {
                return Err(Error::Usage(format!(
                    "the section `{place}` cannot be re-rolled; use one of {}",
                    Self::places(draft).join(", ")
                )));
            }
        };
        section.seed = seed;
        draft.sections[i] = section;
        draft.text = Draft::plain_text(&draft.sections);
        draft.rerolls.push(Reroll {
            section: place.to_string(),
            seed,
        });
        Ok(())
    }

    /// A piece's alternative, preferring one that neither overlaps the avoided speeches nor
    /// appears in the section's old text.
    fn choose_new<'s>(&'s self, stream: &mut Stream, piece: &str, old: &Old) -> Option<&'s str> {
        let all: Vec<&str> = self.piece(piece).iter().map(String::as_str).collect();
        let not_old: Vec<&str> = all.iter().copied().filter(|t| !old.has(t)).collect();
        let fresh = if not_old.is_empty() {
            self.fresh(&all, |t| t, &format!("`{piece}` text"))
        } else {
            let fresh = self.fresh(&not_old, |t| t, &format!("`{piece}` text"));
            // Overlapping the avoided speeches weighs more than repeating the old version.
            if fresh.iter().any(|t| !self.avoid.overlaps(t)) {
                fresh
            } else {
                let all_fresh = self.fresh(&all, |t| t, &format!("`{piece}` text"));
                if all_fresh.iter().any(|t| !self.avoid.overlaps(t)) {
                    all_fresh
                } else {
                    fresh
                }
            }
        };
        stream.pick(&fresh).copied()
    }

    fn figures_new(&self, stream: &mut Stream, old: &Old) -> Option<String> {
        if self.brief.figures.is_empty() {
            return None;
        }
        let clauses: Vec<String> = self.brief.figures.iter().map(crate::brief::Figure::phrase).collect();
        let clauses = clauses.join("；");
        let leads: Vec<&str> = self.piece("figures_lead").iter().map(String::as_str).collect();
        let fresh: Vec<&str> = leads
            .iter()
            .copied()
            .filter(|l| !self.avoid.overlaps(&format!("{l}{clauses}。")))
            .collect();
        let leads = if fresh.is_empty() { leads } else { fresh };
        let not_old: Vec<&str> = leads
            .iter()
            .copied()
            .filter(|l| !old.has(&format!("{l}{clauses}")))
            .collect();
        let lead = stream
            .pick(if not_old.is_empty() { &leads } else { &not_old })
            .copied()
            .unwrap_or_default();
        Some(format!("{lead}{clauses}。"))
    }

    /// Takes phrases from `pool` while the section is shorter than its old length.
    #[allow(clippy::too_many_arguments)]
    fn fill(
        &self,
        stream: &mut Stream,
        pool: &[Entry],
        used: &mut [bool],
        list: &mut Vec<usize>,
        cap: usize,
        total: &mut usize,
        target: usize,
    ) {
        let ceiling = target * 112 / 100;
        while list.len() < cap && *total < target * 97 / 100 {
            let Some(c) = self.pick(stream, pool, used, |_| true) else {
                break;
            };
            used[c] = true;
            let len = self.rendered(c).map_or(0, |r| r.chars);
            if *total + len > ceiling && !list.is_empty() {
                continue;
            }
            list.push(c);
            *total += len;
        }
    }

    fn leader_opening(&self, seed: u64, old: &Old, used: &mut [bool]) -> Section {
        let mut os = Stream::new(seed, "opening");
        let salutation = self
            .choose_new(&mut os, "salutation", old)
            .unwrap_or("同志们：")
            .to_string();
        let mut purpose = self.choose_new(&mut os, "opening", old).map(str::to_string);
        let bank_purpose = self.bank_purpose(&mut os, used);
        if bank_purpose.is_some() {
            purpose = None;
        }
        let report = if self.brief.meeting.reporter.is_some() {
            self.choose_new(&mut os, "report", old).map(str::to_string)
        } else {
            None
        };
        let commend = if self.brief.meeting.commendation {
            self.choose_new(&mut os, "commend", old).map(str::to_string)
        } else {
            None
        };
        let anchored = self.names_congress(purpose.as_deref(), bank_purpose);
        let announce = self
            .congress_announce(&mut os, anchored, |t| !old.has(t) && !self.avoid.overlaps(t))
            .or_else(|| self.choose_new(&mut os, "announce", old).map(str::to_string));
        let figures = self.figures_new(&mut os, old);
        let mut total: usize = [
            Some(salutation.as_str()),
            purpose.as_deref(),
            report.as_deref(),
            commend.as_deref(),
            announce.as_deref(),
            figures.as_deref(),
        ]
        .iter()
        .map(|t| t.map_or(0, chars))
        .sum::<usize>()
            + bank_purpose.map_or(0, |c| self.clen(c));
        let mut openings: Vec<usize> = bank_purpose.into_iter().collect();
        self.fill(
            &mut os,
            &self.pools.openings,
            used,
            &mut openings,
            3,
            &mut total,
            old.len,
        );
        let frame: OpeningFrame<'_> = (
            &salutation,
            purpose.as_deref(),
            figures.as_deref(),
            report.as_deref(),
            commend.as_deref(),
            announce.as_deref(),
        );
        Section {
            role: "opening".into(),
            heading: None,
            paragraphs: self.opening_paragraphs(frame, (&openings, &[])),
            seed,
        }
    }

    fn report_opening(&self, seed: u64, old: &Old) -> Section {
        let mut os = Stream::new(seed, "opening");
        let mut paragraphs = Vec::new();
        if let Some(t) = self.choose_new(&mut os, "salutation", old) {
            paragraphs.push(para(t.to_string(), Style::Salutation, Vec::new(), 0));
        }
        if let Some(t) = self.choose_new(&mut os, "opening", old) {
            paragraphs.push(para(t.to_string(), Style::Body, Vec::new(), 0));
        }
        Section {
            role: "opening".into(),
            heading: None,
            paragraphs,
            seed,
        }
    }

    fn closing(&self, seed: u64, old: &Old, used: &mut [bool]) -> Section {
        let mut cs = Stream::new(seed, "closing");
        let first = self.pick(&mut cs, &self.pools.closings_first, used, |_| true);
        if let Some(c) = first {
            used[c] = true;
        }
        let frame = self.choose_new(&mut cs, "closing", old).map(str::to_string);
        let mut total = match first {
            Some(c) => self.rendered(c).map_or(0, |r| r.chars),
            None => frame.as_deref().map_or(0, chars),
        };
        let mut more = Vec::new();
        self.fill(
            &mut cs,
            &self.pools.closings_more,
            used,
            &mut more,
            1,
            &mut total,
            old.len,
        );
        self.closing_section(seed, (first, frame.as_deref(), &more))
    }

    fn plan(&self, seed: u64, old: &Old) -> Section {
        let mut pls = Stream::new(seed, "plan");
        let heading = format!(
            "{}{}",
            crate::cn::point_marker(2),
            self.choose_new(&mut pls, "plan_heading", old).unwrap_or_default()
        );
        let mut paragraphs = vec![para(heading.clone(), Style::Heading1, Vec::new(), 0)];
        if let Some(t) = self.choose_new(&mut pls, "requirements", old) {
            paragraphs.push(para(t.to_string(), Style::Body, Vec::new(), 0));
        }
        Section {
            role: "plan".into(),
            heading: Some(heading),
            paragraphs,
            seed,
        }
    }

    fn review(&self, seed: u64, old: &Old, used: &mut [bool]) -> Section {
        let mut rs = Stream::new(seed, "review");
        let heading = format!(
            "{}{}",
            crate::cn::point_marker(1),
            self.choose_new(&mut rs, "review_heading", old).unwrap_or_default()
        );
        let intro = self.choose_new(&mut rs, "review_intro", old).map(str::to_string);
        let figures = self.figures_new(&mut rs, old);
        let lessons = self.choose_new(&mut rs, "lessons", old).map(str::to_string);
        let mut problems_lead = self.choose_new(&mut rs, "problems_lead", old).map(str::to_string);
        let lessons_bank = self.bank_lessons(seed, used);
        let mut achs = Stream::new(seed, "review/achievements");
        let all_items: Vec<usize> = (0..self.ach_frames.len()).collect();
        let not_old: Vec<usize> = all_items
            .iter()
            .copied()
            .filter(|&j| !old.has(&self.ach_frames[j].head))
            .collect();
        let mut frame_left = self.fresh(
            if not_old.is_empty() { &all_items } else { &not_old },
            |j| self.ach_frames[j].body.as_str(),
            "achievement",
        );
        achs.shuffle(&mut frame_left);
        let mut items: Vec<Item> = Vec::new();
        let mut ps = Stream::new(seed, "review/problems");
        let mut problems: Vec<usize> = Vec::new();
        let frame_len = chars(&heading)
            + [&intro, &figures, &lessons, &problems_lead]
                .iter()
                .map(|s| s.as_deref().map_or(0, chars))
                .sum::<usize>();
        if self.fill_review(
            &mut achs,
            &mut ps,
            &mut items,
            &mut frame_left,
            &mut problems,
            old.len.saturating_sub(frame_len),
            used,
        ) {
            problems_lead = None;
        }
        let problems_frame = if problems.is_empty() {
            self.choose_new(&mut ps, "problems", old).map(str::to_string)
        } else {
            None
        };
        let paragraphs = self.review_paragraphs(ReviewParts {
            heading: heading.clone(),
            intro,
            figures,
            items,
            lessons,
            lessons_bank,
            problems_lead,
            problems,
            problems_frame,
        });
        Section {
            role: "review".into(),
            heading: Some(heading),
            paragraphs,
            seed,
        }
    }

    /// A point of a leader's speech or a task of a work report's plan, with a new heading of
    /// the same rank whose themes the other points do not cover.
    fn point(
        &self,
        seed: u64,
        place: &str,
        old_section: &Section,
        old: &Old,
        others: &[&Section],
        used: &mut [bool],
    ) -> Section {
        let number: usize = place.rsplit('/').next().and_then(|n| n.parse().ok()).unwrap_or(1);
        let leader = self.brief.kind == Kind::LeaderSpeech;
        let numbered = others
            .iter()
            .filter(|s| s.role.starts_with(place.trim_end_matches(|c: char| c.is_ascii_digit())))
            .flat_map(|s| &s.paragraphs)
            .find_map(|p| sub_style(&p.text, leader && p.style == Style::Heading2));
        let old_heading = old_section.heading.clone().unwrap_or_default();
        let frame: Vec<(u8, &str)> = self.ranked("heading").collect();
        let old_phrase = old_section
            .paragraphs
            .first()
            .and_then(|p| p.phrases.first())
            .and_then(|id| self.by_id.get(id).copied());
        let want = match old_phrase {
            Some(c) => self.cands[c].rank,
            None => frame
                .iter()
                .find(|(_, t)| old_heading.ends_with(t))
                .map_or(1, |(r, _)| *r),
        };
        let other_themes: Vec<u16> = others
            .iter()
            .filter(|s| s.role.contains('/'))
            .filter_map(|s| s.paragraphs.first()?.phrases.first())
            .filter_map(|id| self.by_id.get(id))
            .flat_map(|&c| self.cands[c].themes.iter().copied())
            .collect();
        let mut s = Stream::new(seed, &format!("{place}/heading"));
        let taken = self.bits_of(&other_themes);
        let tier = |e: &Entry| self.heading_tier(e, &taken, want).or(Some(3));
        let plan = match self.pick_in_tiers(&mut s, &self.pools.headings, used, tier) {
            Some(c) => {
                used[c] = true;
                self.heading_plan(Heading::Bank(c))
            }
            None => {
                let in_use = |t: &str| {
                    others
                        .iter()
                        .any(|s| s.heading.as_deref().is_some_and(|h| h.ends_with(t)))
                };
                let text = |id: usize| self.frames[id].text.as_str();
                let options: Vec<usize> = self.frame_range("heading").filter(|&id| !in_use(text(id))).collect();
                let not_old: Vec<usize> = options.iter().copied().filter(|&id| !old.has(text(id))).collect();
                let options = if not_old.is_empty() { options } else { not_old };
                let options = self.fresh(&options, text, "heading");
                match self.pick_frame_heading(&mut s, options, &taken, want) {
                    Some(id) => self.heading_plan(Heading::Frame(id)),
                    None => PointPlan {
                        heading: String::new(),
                        heading_phrase: None,
                        rank: want,
                        themes: Vec::new(),
                    },
                }
            }
        };
        // Frame lines in use elsewhere are not taken again, nor the old point's if another intro
        // of its rank is left. A sub-point's paragraph ends with its frame line after its number.
        let others: Vec<&str> = others
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(|p| p.text.as_str()))
            .collect();
        let in_use = |texts: &[&str], t: &str| texts.iter().any(|u| u.ends_with(t));
        let old_texts: Vec<&str> = old.texts.iter().map(String::as_str).collect();
        let mut frame_used = self.frames_unused();
        for (i, f) in self.frames.iter().enumerate() {
            frame_used[i] = in_use(&others, &f.text);
        }
        let another_left = self
            .frame_range("intro")
            .any(|i| self.frames[i].rank == plan.rank && !frame_used[i] && !in_use(&old_texts, &self.frames[i].text));
        if another_left {
            for (i, f) in self.frames.iter().enumerate() {
                frame_used[i] |= in_use(&old_texts, &f.text);
            }
        }
        // The numbering the other points use comes first, so that the draft keeps one.
        let mut styles = numbering(seed, self.brief.kind);
        if let Some(k) = numbered.and_then(|s| styles.iter().position(|&x| x == s)) {
            let s = styles.remove(k);
            styles.insert(0, s);
        }
        let p: PointFill = self.fill_point(seed, place, plan, used, &styles, &mut frame_used, old.len);
        let level = if leader { Style::Heading1 } else { Style::Heading2 };
        let (heading, paragraphs) = self.point_paragraphs(&p, level, number);
        Section {
            role: place.to_string(),
            heading: Some(heading),
            paragraphs,
            seed,
        }
    }
}

/// The numbering a sub-point paragraph opens with: 一是, 一要, 1. in a body; （一） in a heading
/// below a leader's point.
fn sub_style(text: &str, sub_heading: bool) -> Option<SubStyle> {
    if sub_heading {
        return text.starts_with('（').then_some(SubStyle::Paren);
    }
    if text.starts_with("1.") {
        return Some(SubStyle::Arabic);
    }
    match text.strip_prefix('一')?.chars().next()? {
        '是' => Some(SubStyle::Shi),
        '要' => Some(SubStyle::Yao),
        _ => None,
    }
}
