//! Composing a draft: Brief → Plan → Draft, seeded.
//!
//! [`Composer::new`] does everything that depends on the brief alone, once: the slot values, the
//! rendered frame templates, and the bank's phrases that fit the brief (level family, era, every
//! slot fillable, no number of their own), grouped into pools. [`Composer::draft`] then makes the
//! draft of one seed. Each section draws from its own [`Stream`] named by its place (`opening`,
//! `plan`, `point/2`, `closing`…), so that changing one section leaves the others as they were;
//! sections only meet where they would use the same phrase (a phrase is used at most once per
//! draft, the earlier section keeping it) and in the length budget, which decides how many of
//! each section's own preferred items are taken.

mod reroll;

pub use reroll::reroll_seed;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;
use serde::Deserialize;
use tera::Context;

use crate::avoid::Avoid;
use crate::bank::{Bank, Kind, Label, Phrase, Unit};
use crate::brief::{Brief, Level};
use crate::cn::{SubStyle, cn_num, point_marker, push_sub_marker};
use crate::draft::{Avoided, Draft, Paragraph, Section, Style};
use crate::error::{Error, Result};
use crate::render::{LevelWords, Pieces, Slots, Templates};
use crate::rng::{Stream, fnv1a, fnv1a_more};

/// The lowest and highest share of the target length a draft should reach.
pub const LENGTH_TOLERANCE: f64 = 0.2;

#[derive(Deserialize)]
struct OrderFile {
    rank: Vec<RankGroup>,
}

#[derive(Deserialize)]
struct RankGroup {
    rank: u8,
    words: Vec<String>,
}

/// The conventional order of points (`data/point_order.toml`).
struct Order {
    groups: Vec<(u8, Vec<String>)>,
}

impl Order {
    fn embedded() -> Result<Order> {
        let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/point_order.toml"));
        let file: OrderFile =
            toml::from_str(text).map_err(|e| Error::Message(format!("data/point_order.toml: {e}")))?;
        Ok(Order {
            groups: file.rank.into_iter().map(|g| (g.rank.min(3), g.words)).collect(),
        })
    }

    /// The rank of a phrase: 0 understanding, 1 serving the centre, 2 rights and service, 3
    /// leadership and self-building.
    fn rank(&self, p: &Phrase) -> u8 {
        match p.section {
            Label::Significance => return 0,
            Label::Leadership => return 3,
            _ => {}
        }
        for theme in &p.themes {
            for (rank, words) in &self.groups {
                if words
                    .iter()
                    .any(|w| theme.contains(w.as_str()) || w.contains(theme.as_str()))
                {
                    return *rank;
                }
            }
        }
        1
    }
}

/// A phrase of the bank that fits the brief.
struct Cand {
    phrase: usize,
    rank: u8,
    /// The phrase's themes, interned.
    themes: Vec<u16>,
    /// Those its lead names, for a sub-point whose lead names any; its themes otherwise.
    lead_themes: Vec<u16>,
    /// Bit `i` set when the phrase matches focus theme `i`.
    focus: u64,
}

/// The tiers a pick can prefer candidates by (see [`Composer::pick_in_tiers`]); a point's
/// sub-points and bodies fill all five: lead on its theme, text on it, on a related theme, its
/// rank, any (see [`Composer::point_tier`]); a body off the point's themes must share one with
/// a sub-point (see [`Composer::next_item`]).
const TIERS: usize = 5;

/// What one pass over a pool found: each tier's total weight among the candidates that fit.
#[derive(Default)]
struct Tally {
    weights: [u64; TIERS],
    /// How many candidates of each tier fit.
    counts: [usize; TIERS],
}

/// A candidate in a pool, with what picks read of it packed beside it.
#[derive(Clone, Copy)]
struct Entry {
    c: usize,
    /// Rendered length in characters.
    chars: u32,
    weight: u32,
    rank: u8,
    /// The first word of the candidate's theme bits (see [`Composer::bits_of`]).
    bits: u64,
    /// The same of the themes its lead names (a sub-point's; the whole text's otherwise).
    lead_bits: u64,
    /// Its tier for the point being drafted (see [`Tiered`]); 0 in the brief's pools.
    tier: u8,
}

/// The pools a point draws from by tier (see [`Composer::point_lists`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PointPool {
    Subpoints,
    Bodies,
    Intros,
}

/// The sub-points (or bodies) a point may draw, bank and frame, each sorted by tier (see
/// [`Composer::point_tier`]) and within a tier in pool and template order, so that a pick
/// reads only the tiers it weighs; intros, in pool order, with no frame lines.
struct TierLists {
    bank: Vec<Entry>,
    bank_at: [usize; TIERS + 1],
    frame: Vec<FrameRef>,
    frame_at: [usize; TIERS + 1],
}

impl TierLists {
    fn new(bank: Vec<Entry>, frame: Vec<FrameRef>) -> TierLists {
        let bank_at = std::array::from_fn(|t| bank.partition_point(|e| usize::from(e.tier) < t));
        let frame_at = std::array::from_fn(|t| frame.partition_point(|f| f.tier < t));
        TierLists {
            bank,
            bank_at,
            frame,
            frame_at,
        }
    }
}

/// A point's [`TierLists`] of one kind as it draws from them.
struct Tiered {
    lists: Rc<TierLists>,
    /// The themes one of which a candidate off the point's themes must have, once set (see
    /// [`Composer::narrow_bodies`]); each tier is narrowed to those when first read.
    narrow: Option<Vec<u64>>,
    narrowed: [Option<(Vec<Entry>, Vec<FrameRef>)>; TIERS],
}

impl Tiered {
    fn new(lists: Rc<TierLists>) -> Tiered {
        Tiered {
            lists,
            narrow: None,
            narrowed: Default::default(),
        }
    }

    /// Tier `t` of the bank's candidates, as narrowed if it has been.
    fn bank(&self, t: usize) -> &[Entry] {
        match &self.narrowed[t] {
            Some((bank, _)) => bank,
            None => &self.lists.bank[self.lists.bank_at[t]..self.lists.bank_at[t + 1]],
        }
    }

    /// Tier `t` of the frame lines, as narrowed if it has been.
    fn frame(&self, t: usize) -> &[FrameRef] {
        match &self.narrowed[t] {
            Some((_, frame)) => frame,
            None => &self.lists.frame[self.lists.frame_at[t]..self.lists.frame_at[t + 1]],
        }
    }
}

/// One pass over `pool`'s unused candidates: how many pass `fits`, and the weight of those
/// in each tier.
fn tally(
    pool: &[Entry],
    used: &[bool],
    fits: impl Fn(&Entry) -> bool,
    tier: impl Fn(&Entry) -> Option<usize>,
) -> Tally {
    let mut tally = Tally::default();
    for e in pool {
        if used[e.c] || !fits(e) {
            continue;
        }
        if let Some(t) = tier(e).filter(|&t| t < TIERS) {
            tally.weights[t] += u64::from(e.weight);
            tally.counts[t] += 1;
        }
    }
    tally
}

/// [`tally`] of the candidates that fit, all in tier 0, and of those among them that are also
/// `long`, in one pass (a point's pick reads one tier at a time).
fn tally_long(
    pool: &[Entry],
    used: &[bool],
    fits: impl Fn(&Entry) -> bool,
    long: impl Fn(&Entry) -> bool,
) -> [Tally; 2] {
    let mut out = [Tally::default(), Tally::default()];
    for e in pool {
        if used[e.c] || !fits(e) {
            continue;
        }
        for tally in &mut out[..1 + usize::from(long(e))] {
            tally.weights[0] += u64::from(e.weight);
            tally.counts[0] += 1;
        }
    }
    out
}

/// The weighted draw among the candidates that pass `fits` in the lowest tier `tally` found
/// weight in.
fn draw(
    stream: &mut Stream,
    pool: &[Entry],
    used: &[bool],
    fits: impl Fn(&Entry) -> bool,
    tier: impl Fn(&Entry) -> Option<usize>,
    tally: &Tally,
) -> Option<usize> {
    let t = tally.weights.iter().position(|&w| w > 0)?;
    let mut target = stream.below_u64(tally.weights[t]);
    for e in pool {
        if used[e.c] || !fits(e) || tier(e) != Some(t) {
            continue;
        }
        let w = u64::from(e.weight);
        if target < w {
            return Some(e.c);
        }
        target -= w;
    }
    None
}

/// Where interned theme `t` sits in a set of theme bits: its word and the bit within it.
fn theme_bit(t: u16) -> (usize, u64) {
    (usize::from(t) / 64, 1 << (t % 64))
}

/// Candidate `c`'s theme bits in `all`, `words` words a candidate.
fn cand_bits(all: &[u64], words: usize, c: usize) -> &[u64] {
    &all[c * words..(c + 1) * words]
}

/// The union of the theme bits (in `all`, `words` words a candidate) of `entries`.
fn union_bits<'e>(entries: impl Iterator<Item = &'e Entry>, all: &[u64], words: usize) -> Vec<u64> {
    let mut union = vec![0u64; words];
    for e in entries {
        union
            .iter_mut()
            .zip(cand_bits(all, words, e.c))
            .for_each(|(u, w)| *u |= w);
    }
    union
}

/// Whether candidate `c`'s theme bits in `all` meet the set `bits`.
fn meets_bits(all: &[u64], words: usize, c: usize, bits: &[u64]) -> bool {
    cand_bits(all, words, c).iter().zip(bits).any(|(a, b)| a & b != 0)
}

/// Whether interned theme `t` is in the set `bits`.
fn has_theme(bits: &[u64], t: u16) -> bool {
    let (word, bit) = theme_bit(t);
    bits.get(word).is_some_and(|w| w & bit != 0)
}

/// A `rank|text` line of the templates' frame text, rendered for the brief.
struct Frame {
    rank: u8,
    text: String,
    chars: usize,
    /// The length in bytes of its lead sentence (the whole text if it has none).
    lead_len: usize,
    /// The themes of the lexicon its words mark, interned like the candidates'.
    themes: Vec<u16>,
    /// Those its lead sentence names, for a sub-point whose lead names any; `themes` otherwise.
    lead_themes: Vec<u16>,
    /// Bit `i` set when it is on focus theme `i` of the brief (headings only).
    focus: u64,
}

/// The frame lines of one piece by theme and by rank, as indices in [`Composer::frames`].
#[derive(Default)]
struct FrameLists {
    by_theme: Vec<Vec<usize>>,
    by_rank: Vec<Vec<usize>>,
}

impl FrameLists {
    fn of(frames: &[Frame], range: std::ops::Range<usize>, themes: usize) -> FrameLists {
        let mut lists = FrameLists {
            by_theme: vec![Vec::new(); themes],
            by_rank: Vec::new(),
        };
        for id in range {
            let f = &frames[id];
            for &t in &f.themes {
                if let Some(list) = lists.by_theme.get_mut(usize::from(t)) {
                    list.push(id);
                }
            }
            let r = usize::from(f.rank);
            if lists.by_rank.len() <= r {
                lists.by_rank.resize(r + 1, Vec::new());
            }
            lists.by_rank[r].push(id);
        }
        lists
    }
}

/// A frame line a point can draw: its index in [`Composer::frames`], length and tier.
#[derive(Clone, Copy)]
struct FrameRef {
    id: usize,
    chars: usize,
    tier: usize,
}

/// A candidate's text rendered for the brief.
struct Rendered {
    text: String,
    /// The lead sentence, a prefix of `text` (empty if none).
    lead_len: usize,
    chars: usize,
}

#[derive(Default)]
struct Pools {
    headings: Vec<Entry>,
    intros: Vec<Entry>,
    subpoints: Vec<Entry>,
    bodies: Vec<Entry>,
    openings: Vec<Entry>,
    closings_first: Vec<Entry>,
    closings_more: Vec<Entry>,
    ach_heads: Vec<Entry>,
    ach_bodies: Vec<Entry>,
    problems: Vec<Entry>,
    /// Problem paragraphs that open by saying there are problems (在肯定成绩的同时，…存在的问题
    /// 和不足…): one may stand in for the frame's lead, never follow it.
    problem_leads: Vec<Entry>,
    /// Achievement paragraphs that draw the year's lessons (回顾…，我们深刻体会到：…): one may
    /// stand in for the frame's 体会, never pass for an achievement.
    lessons: Vec<Entry>,
    /// Opening paragraphs that state the meeting's purpose (这次会议的主要任务是…): one may stand
    /// in for the frame's, never follow it.
    purposes: Vec<Entry>,
}

impl Pools {
    /// Calls `f` on every pool.
    fn each(&mut self, mut f: impl FnMut(&mut Vec<Entry>)) {
        for pool in [
            &mut self.headings,
            &mut self.intros,
            &mut self.subpoints,
            &mut self.bodies,
            &mut self.openings,
            &mut self.closings_first,
            &mut self.closings_more,
            &mut self.ach_heads,
            &mut self.ach_bodies,
            &mut self.problems,
            &mut self.problem_leads,
            &mut self.lessons,
            &mut self.purposes,
        ] {
            f(pool);
        }
    }
}

/// A frame achievement item of a work report's review, and the themes its words name.
struct AchFrame {
    head: String,
    body: String,
    /// Its length as an item: heading, body and the heading's number.
    chars: usize,
    themes: Vec<u16>,
}

/// Everything a brief fixes, ready to make drafts of any seed.
pub struct Composer<'a> {
    brief: &'a Brief,
    bank: &'a Bank,
    pieces: Pieces,
    /// The `rank|text` lines of all pieces; lines without a rank are left out.
    frames: Vec<Frame>,
    /// [`Composer::point_lists`] of the points drafted so far, by (pool, rank, themes): a
    /// brief's points come from a few dozen headings, and the lists do not change.
    #[allow(clippy::type_complexity)]
    point_lists: RefCell<HashMap<(PointPool, u8, Vec<u16>), Rc<TierLists>, FxBuildHasher>>,
    /// The sub-point and body lines of `frames` by theme and rank.
    frame_lists: [FrameLists; 2],
    /// Each piece's lines in `frames`.
    ranked: IndexMap<String, std::ops::Range<usize>, FxBuildHasher>,
    /// The mean length of each piece's alternatives.
    piece_means: IndexMap<String, usize, FxBuildHasher>,
    /// The paragraph of the brief's figures, once for each lead of the templates (without a
    /// lead if they have none); empty if the brief gives no figures.
    figures: Vec<String>,
    /// The length the figures paragraph will have, near enough (its lead varies).
    figures_len: usize,
    cands: Vec<Cand>,
    /// Each candidate rendered; a pool holds only those that render.
    rendered: Vec<Option<Rendered>>,
    /// The candidates' themes as sets of bits, `theme_words` words each (see [`Composer::bits_of`]).
    theme_bits: Vec<u64>,
    /// The same of the candidates' lead themes.
    lead_theme_bits: Vec<u64>,
    theme_words: usize,
    /// The related themes of each interned theme (see [`crate::themes::related`]).
    related: Vec<Vec<u16>>,
    pools: Pools,
    /// The review's frame achievement items (`heading|body` lines of `achievement`).
    ach_frames: Vec<AchFrame>,
    warnings: Vec<String>,
    /// Earlier speeches whose wording the draft must not repeat.
    avoid: Avoid,
    avoided: Option<Avoided>,
    /// Frame text that had to repeat the avoided text, noted while drafting.
    repeats: RefCell<Vec<String>>,
    /// Phrase id → candidate, to read back which candidates a draft used.
    by_id: HashMap<String, usize>,
    /// The Party congress of the brief's year as a draft names it (党的二十大), if any.
    congress: Option<String>,
}

/// Words that strengthen a lead without changing what it asks (大力弘扬劳模精神 = 弘扬劳模精神).
const INTENSIFIERS: [&str; 11] = [
    "大力",
    "进一步",
    "切实",
    "认真",
    "积极",
    "不断",
    "全面",
    "深入",
    "努力",
    "着力",
    "扎实",
];

/// A lead sentence or heading reduced to what makes two of them the same: its first sentence
/// without a leading 要 or intensifier and without end punctuation (要切实提升职工素质。 =
/// 提升职工素质).
fn lead_key(text: &str) -> String {
    let first = text.split_inclusive(['。', '！', '；']).next().unwrap_or(text);
    let mut key = first.trim_start_matches('要').trim_end_matches(['。', '；', '！']);
    while let Some(rest) = INTENSIFIERS.iter().find_map(|w| key.strip_prefix(w)) {
        key = rest;
    }
    key.to_string()
}

/// Headings that title a whole part of a work report (2025年工作回顾, 上半年工作安排) rather
/// than a point within it.
fn is_part_title(text: &str) -> bool {
    // A heading naming a year ({{ year }}年工会工作总体要求和主要任务) titles a part of a report.
    ["回顾", "工作安排", "工作要点", "工作任务", "工作打算", "工作计划"]
        .iter()
        .any(|t| text.trim_end().ends_with(t))
        || text.contains("{{ year }}年")
        || text.contains("{{ prev_year }}年")
}

/// Whether the first sentence of `text` (to its first 。 or ：) holds one of `words`: how a
/// paragraph says what kind of paragraph it is.
fn opens_with_any(text: &str, words: &[&str]) -> bool {
    let first = text.find(['。', '：']).map_or(text, |i| &text[..i]);
    words.iter().any(|w| first.contains(w))
}

/// Whether a problem paragraph opens by saying that there are problems (我们在看到成绩的同时，
/// 还应清醒地看到…存在的问题和不足。/ …，主要表现为：…), as the review's lead to its problems does.
fn says_problems_exist(text: &str) -> bool {
    opens_with_any(
        text,
        &[
            "问题和不足",
            "差距和不足",
            "不足和问题",
            "存在的问题",
            "一些问题",
            "不足之处",
        ],
    )
}

/// Whether an opening paragraph states what the meeting is for (这次会议的主要任务是…, 今天的…
/// 会议，主要是…, …召开工会工作会议，目的是…), as the frame's first line does.
fn states_purpose(text: &str) -> bool {
    opens_with_any(text, &["主要任务", "目的是", "主要是", "召开"])
}

/// Whether a review paragraph draws lessons (我们深刻体会到：…, 使我们认识到…) rather than tells
/// what was done.
fn draws_lessons(text: &str) -> bool {
    opens_with_any(text, &["体会", "认识到", "启示"])
}

/// Whether a paragraph thanks someone (表示衷心的感谢, 致以崇高的敬意).
fn gives_thanks(text: &str) -> bool {
    ["表示衷心的感谢", "表示衷心感谢", "表示感谢", "崇高的敬意", "诚挚的谢意"]
        .iter()
        .any(|w| text.contains(w))
}

/// Whether a problem paragraph sums up the ones before it (等等这些问题，都有待…; …等等，这些都
///需要在今后的工作中认真加以解决。): it comes last.
fn sums_up_problems(text: &str) -> bool {
    text.contains("这些问题") || text.contains("等等") || text.ends_with("加以解决。")
}

/// Whether a problem paragraph's lead names a shortcoming (…发展不平衡, 有待进一步提高, 存在薄弱
/// 环节), as an item of the review's problems must; one that exhorts (要注意克服…, 主动适应…进一步
/// 破解…) or encourages (总的来说，工会工作正处在…重要节点) is no item of a list of shortcomings.
fn names_a_shortcoming(text: &str) -> bool {
    opens_with_any(
        text,
        &[
            "问题",
            "不足",
            "差距",
            "薄弱",
            "不够",
            "不强",
            "不高",
            "不到位",
            "有待",
            "亟待",
            "缺乏",
            "滞后",
            "不平衡",
            "不适应",
            "困难",
            "矛盾",
            "短板",
            "欠缺",
            "尚未",
            "仍然",
            "还不",
            "较少",
            "不明显",
            "不规范",
            "不健全",
            "不完善",
            "难以",
            "没有",
            "弱化",
            "偏少",
            "偏低",
        ],
    )
}

/// The review's problem paragraphs as printed: items of a list (…有待进一步加强；) run together
/// into one paragraph that ends with 。.
fn problem_paragraphs(items: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false; // the last paragraph of `out` is a list still open
    for item in items {
        let is_item = item.text.ends_with('；');
        match out.last_mut() {
            Some(last) if open => {
                last.text.push_str(&item.text);
                last.phrases.extend(item.phrases);
            }
            _ => out.push(item),
        }
        open = is_item;
    }
    for p in &mut out {
        if let Some(body) = p.text.strip_suffix('；') {
            p.text = format!("{body}。");
        }
    }
    out
}

/// The draft's order of preference among the sub-point numberings of a speech of `kind`: a
/// leader's points may head their sub-points （一）; a report's tasks are headed so themselves.
pub(crate) fn numbering(seed: u64, kind: Kind) -> Vec<SubStyle> {
    let mut order = match kind {
        Kind::LeaderSpeech => vec![SubStyle::Shi, SubStyle::Yao, SubStyle::Arabic, SubStyle::Paren],
        Kind::WorkReport => vec![SubStyle::Shi, SubStyle::Yao, SubStyle::Arabic],
    };
    Stream::new(seed, "numbering").shuffle(&mut order);
    order
}

/// Where a further closing paragraph stands: anything first, then what opens with 最后, then
/// the thanks that end a speech.
fn closing_place(text: &str) -> u8 {
    if text.starts_with("谢谢") {
        2
    } else if text.starts_with("最后") {
        1
    } else {
        0
    }
}

/// The self-references (全县, 我县…) of every level but the brief's own.
/// `data/foreign.toml`: words no draft of a brief may hold, and words only one kind of
/// enterprise says of itself.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ForeignFile {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    short: IndexMap<String, Vec<String>>,
}

fn foreign_file() -> &'static ForeignFile {
    static FILE: std::sync::OnceLock<ForeignFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| toml::from_str(include_str!("../data/foreign.toml")).unwrap_or_default())
}

fn foreign_words(own: &LevelWords) -> Vec<String> {
    let levels = [
        (Level::County, "县"),
        (Level::City, "市"),
        (Level::District, "区"),
        (Level::Enterprise, "矿"),
        (Level::Enterprise, "厂"),
        (Level::Enterprise, "公司"),
    ];
    let mut out = Vec::new();
    for (level, short) in levels {
        let w = LevelWords::of(level, short);
        for word in [w.all, w.we] {
            if word != own.all && word != own.we && !out.contains(&word) {
                out.push(word);
            }
        }
    }
    let file = foreign_file();
    out.extend(file.any.iter().cloned());
    for (short, words) in &file.short {
        if *short != own.short {
            out.extend(words.iter().cloned());
        }
    }
    out
}

/// The end in bytes of the lead sentence of `text` (its first 。, ； or ！), or its length.
fn lead_end(text: &str) -> usize {
    text.char_indices()
        .find(|(_, ch)| matches!(ch, '。' | '；' | '！'))
        .map_or(text.len(), |(i, ch)| i + ch.len_utf8())
}

/// The number of theme `t` in `interned`, numbering it if new.
fn intern<'x>(interned: &mut IndexMap<&'x str, u16>, t: &'x str) -> u16 {
    let n = u16::try_from(interned.len()).unwrap_or(u16::MAX);
    *interned.entry(t).or_insert(n)
}

/// Phrase `p` rendered for the brief; `None` if it does not render, renders empty or holds
/// another level's self-reference (`foreign`).
fn render(p: &Phrase, templates: &Templates, context: &Context, foreign: &[String]) -> Option<Rendered> {
    let text = templates.phrase(&p.text, context).ok()?;
    let mut text = text.trim().to_string();
    // An item of a list the source ran on with ；ends a sentence once it stands alone (problems
    // run their items together again, see `problem_paragraphs`).
    if p.section != Label::Problems
        && let Some(body) = text.strip_suffix('；')
    {
        text = format!("{body}。");
    }
    if text.is_empty() || foreign.iter().any(|w| text.contains(w.as_str())) {
        return None;
    }
    let lead = p
        .lead
        .as_ref()
        .and_then(|l| templates.phrase(l, context).ok())
        .filter(|l| !l.is_empty() && text.starts_with(l.as_str()));
    let lead_len = match lead {
        Some(l) => l.len(),
        None => lead_end(&text),
    };
    Some(Rendered {
        chars: chars(&text),
        text,
        lead_len,
    })
}

/// The paragraph of the brief's figures after each of `leads`, or alone if there are none;
/// nothing if the brief has no figures.
fn figures_paragraphs(brief: &Brief, leads: &[String]) -> Vec<String> {
    if brief.figures.is_empty() {
        return Vec::new();
    }
    let clauses: Vec<String> = brief.figures.iter().map(crate::brief::Figure::phrase).collect();
    let clauses = clauses.join("；");
    if leads.is_empty() {
        return vec![format!("{clauses}。")];
    }
    leads.iter().map(|lead| format!("{lead}{clauses}。")).collect()
}

fn has_digit_outside_slots(text: &str) -> bool {
    let mut rest = text;
    loop {
        let (before, after) = match rest.find("{{") {
            Some(i) => (&rest[..i], Some(&rest[i..])),
            None => (rest, None),
        };
        if before.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return true;
        }
        match after.and_then(|a| a.find("}}").map(|j| &a[j + 2..])) {
            Some(next) => rest = next,
            None => return false,
        }
    }
}

/// Words that tie an opening paragraph to an event of its own speech: the report just given,
/// the commendation, the number of points announced, an election, the body the speaker speaks
/// for. The frame templates say these, from the brief.
const OPENING_EVENTS: [&str; 9] = [
    "刚才",
    "表彰",
    "点意见",
    "几点意见",
    "报告",
    "当选",
    "我代表",
    "谨代表",
    "委托",
];

fn section_seed(seed: u64, place: &str) -> u64 {
    fnv1a_more(fnv1a(&seed.to_le_bytes()), place.as_bytes())
}

fn chars(s: &str) -> usize {
    crate::draft::char_count(s)
}

fn para(text: String, style: Style, phrases: Vec<String>, lead_len: usize) -> Paragraph {
    Paragraph {
        text,
        phrases,
        style,
        lead_len,
    }
}

/// Strips a trailing full stop or semicolon from a heading.
fn heading_text(s: &str) -> String {
    s.trim_end_matches(['。', '；', '：', ';', ':', '.']).trim().to_string()
}

/// The rank profile of `n` points: which kinds of point a speech of `n` points has.
fn profiles(kind: Kind, n: usize) -> Vec<Vec<u8>> {
    match (kind, n) {
        (Kind::LeaderSpeech, 2) => vec![vec![0, 1], vec![0, 2], vec![1, 2], vec![1, 3]],
        (Kind::LeaderSpeech, 3) => vec![vec![0, 1, 2], vec![0, 1, 3], vec![1, 2, 3], vec![0, 2, 3]],
        (Kind::LeaderSpeech, 4) => vec![vec![0, 1, 2, 3]],
        (Kind::LeaderSpeech, 5) => vec![vec![0, 1, 1, 2, 3], vec![0, 1, 2, 2, 3]],
        (Kind::WorkReport, 2) => vec![vec![1, 2], vec![1, 3]],
        (Kind::WorkReport, 3) => vec![vec![1, 2, 3]],
        (Kind::WorkReport, 4) => vec![vec![1, 1, 2, 3], vec![1, 2, 2, 3]],
        (Kind::WorkReport, 5) => vec![vec![1, 1, 2, 2, 3]],
        (_, n) => {
            // 6 or more: spread over the four ranks.
            vec![(0..n).map(|i| ((i * 4) / n.max(1)) as u8).collect()]
        }
    }
}

/// The frame text of a leader's opening: salutation, purpose, figures, report, commendation,
/// announcement.
type OpeningFrame<'x> = (
    &'x str,
    Option<&'x str>,
    Option<&'x str>,
    Option<&'x str>,
    Option<&'x str>,
    Option<&'x str>,
);

/// The parts of a work report's review, as chosen.
struct ReviewParts {
    heading: String,
    intro: Option<String>,
    figures: Option<String>,
    items: Vec<Item>,
    lessons: Option<String>,
    /// A bank paragraph of lessons, in place of `lessons`.
    lessons_bank: Option<usize>,
    problems_lead: Option<String>,
    problems: Vec<usize>,
    problems_frame: Option<String>,
}

/// An achievement item of the review: heading, its phrase, body, its phrase, and further bank
/// bodies on the heading's themes.
type Item = (String, Option<usize>, String, Option<usize>, Vec<usize>);

/// A main point as planned.
struct PointPlan {
    heading: String,
    heading_phrase: Option<usize>,
    rank: u8,
    themes: Vec<u16>,
}

/// A point's heading: a bank candidate, or a frame line (its index in [`Composer::frames`]).
#[derive(Clone, Copy)]
enum Heading {
    Bank(usize),
    Frame(usize),
}

/// A sub-point or body paragraph: a bank candidate, or a frame line of the templates (its
/// index in [`Composer::frames`]).
#[derive(Clone, Copy)]
enum Sub {
    Bank(usize),
    Frame(usize),
}

/// A point being filled.
struct PointFill {
    stream: Stream,
    plan: PointPlan,
    intro: Option<(String, Option<usize>)>,
    subs: Vec<Sub>,
    bodies: Vec<Sub>,
    styles: Vec<SubStyle>,
    /// The sub-points (`[0]`) and bodies (`[1]`) the point may draw, bank and frame, by tier.
    tiered: [Tiered; 2],
    /// How many sub-points (`[0]`) and bodies (`[1]`) of each tier the point may still take
    /// before it turns to the next tier (see [`TIER_SHARE`]); counted when the point first
    /// looks at the tier.
    left: [[Option<usize>; TIERS]; 2],
}

/// The share of a tier's sub-points or bodies, bank and frame together, that one point takes
/// before it turns to the next tier: a point that emptied its tiers would give every seed
/// nearly the same paragraphs (two seeds each taking a random `s` of a pool share about `s` of
/// what they take). A tier may always give three sub-points and two bodies, and a point takes
/// more only when no tier has any left within its share. (Over two-point 6000-character drafts
/// on 22 pairs of themes, 1 to 3 of 660 pairs of seeds have shared more than half their
/// sentences as bank and templates changed; when a point took all a tier had, 186 did. A
/// smaller share takes points further from their themes.)
const TIER_SHARE: (usize, usize) = (1, 4);

impl<'a> Composer<'a> {
    /// Prepares drafts of `brief` from `bank` and `templates`.
    pub fn new(brief: &'a Brief, bank: &'a Bank, templates: &'a Templates) -> Result<Composer<'a>> {
        let slots = Slots::of(brief);
        let foreign = foreign_words(&slots.lv);
        let context = slots.context()?;
        let mut pieces = templates.pieces(brief.kind, &context)?;
        let speaker = brief.speaker.role.as_deref().and_then(crate::occasion::Speaker::of);
        let occasion = crate::occasion::Allowed::with_speaker(&brief.meeting.name, brief.kind, speaker);
        // Every frame line keeps to the era of its terms as a bank phrase does (data/era.toml):
        // 职工书屋 is no call of 2005, 脱贫攻坚 none of 2026; and to the meeting and the voice
        // (data/occasion.toml): the union's report gives the Party committees no charge.
        for lines in pieces.values_mut() {
            lines.retain(|l| {
                occasion.fits(l)
                    && (!crate::mine::generalise::names_an_era_term(l)
                        || crate::mine::generalise::era_of(l).is_ok_and(|e| e.fits(brief.year)))
            });
        }
        let order = Order::embedded()?;
        let family = brief.organisation.level.family();
        let mut cands = Vec::new();
        let mut pools = Pools::default();
        let focus = &brief.outline.focus;
        let mut ids = std::collections::HashSet::new();
        let mut leads = std::collections::HashSet::new();
        let mut interned: IndexMap<&str, u16> = indexmap::IndexMap::new();
        for (i, p) in bank.phrases.iter().enumerate() {
            if (p.level_family != family && p.level_family != crate::bank::LevelFamily::Common)
                || !p.era.fits(brief.year)
                || p.text.trim().is_empty()
            {
                continue;
            }
            if p.text.contains("{%") || p.text.contains("{#") || has_digit_outside_slots(&p.text) {
                continue;
            }
            // 春节即将到来 only in the month before the festival, and never without a date.
            if !crate::season::fits(&p.text, brief.meeting.date.as_deref())
                || !occasion.fits(&p.text)
                || !crate::almanac::plan_phase_fits(&p.text, brief.year)
            {
                continue;
            }
            let slots_used = crate::bank::slots_in(&p.text);
            if !slots_used.iter().all(|s| slots.fills(s)) {
                continue;
            }
            let same_kind = p.kind == brief.kind;
            let framing = matches!(p.section, Label::Opening | Label::Closing | Label::Salutation);
            if framing && !same_kind {
                continue;
            }
            // A union's plan item (大力抓好工会社团法人登记和工会经费账户独立工作。) in a leader's
            // mouth reads as the union's own report: a leader charges (要…, 必须…).
            if !same_kind
                && brief.kind == Kind::LeaderSpeech
                && p.section == Label::Tasks
                && !opens_with_any(&p.text, &["要", "必须", "应当", "务必"])
            {
                continue;
            }
            if p.section == Label::Opening
                && (OPENING_EVENTS.iter().any(|w| p.text.contains(w)) || p.text.starts_with("同志们"))
            {
                continue;
            }
            let focus_bits = focus.iter().take(64).enumerate().fold(0u64, |bits, (i, f)| {
                let hit = p.text.contains(f.as_str())
                    || p.themes
                        .iter()
                        .any(|t| t == f || t.contains(f.as_str()) || f.contains(t.as_str()));
                if hit { bits | (1 << i) } else { bits }
            });
            let focused = focus_bits != 0;
            let weight = if same_kind { 4 } else { 1 } * if focused { 3 } else { 1 };
            let c = cands.len();
            let pool = match (p.section, p.unit) {
                (Label::Salutation, _) => None,
                (Label::Opening, _) if states_purpose(&p.text) => Some(&mut pools.purposes),
                (Label::Opening, _) => Some(&mut pools.openings),
                (Label::Closing, _) if p.text.starts_with("同志们") => Some(&mut pools.closings_first),
                (Label::Closing, _) => Some(&mut pools.closings_more),
                (Label::Achievements, Unit::Heading) => Some(&mut pools.ach_heads),
                (Label::Achievements, _) if draws_lessons(&p.text) => Some(&mut pools.lessons),
                // A summing-up that thanks (在此，我代表…表示衷心的感谢) ends a review; it is no item.
                (Label::Achievements, _) if gives_thanks(&p.text) => None,
                (Label::Achievements, _) => Some(&mut pools.ach_bodies),
                (Label::Problems, Unit::Heading) => None,
                (Label::Problems, _) if says_problems_exist(&p.text) => Some(&mut pools.problem_leads),
                (Label::Problems, _) if names_a_shortcoming(&p.text) => Some(&mut pools.problems),
                (Label::Problems, _) => None,
                (_, Unit::Heading) => Some(&mut pools.headings),
                (_, Unit::Intro) => Some(&mut pools.intros),
                (_, Unit::Subpoint) => Some(&mut pools.subpoints),
                (_, Unit::Body) => Some(&mut pools.bodies),
                _ => None,
            };
            let Some(pool) = pool else { continue };
            // A bank may hold one text twice (as two kinds): a draft uses it at most once.
            if !ids.insert(p.id.as_str()) {
                continue;
            }
            // Speeches of one family share sub-point leads and headings word for word (提升职工素质。):
            // a draft must not number the same lead or heading twice, so only the first is a candidate.
            let lead = match p.unit {
                Unit::Subpoint => p.lead.as_deref(),
                Unit::Heading => Some(p.text.as_str()),
                _ => None,
            };
            if let Some(lead) = lead
                && !leads.insert(lead_key(lead))
            {
                continue;
            }
            if p.unit == Unit::Heading && is_part_title(&p.text) {
                continue;
            }
            pool.push(Entry {
                c,
                chars: 0,
                weight,
                rank: order.rank(p),
                bits: 0,
                lead_bits: 0,
                tier: 0,
            });
            let mut number = |t: &'a str| intern(&mut interned, t);
            let themes: Vec<u16> = p.themes.iter().map(|t| number(t.as_str())).collect();
            // A sub-point is above all on the task its lead names. (A body keeps all its themes:
            // tying bodies to their first sentence leaves a focus point too few to vary.)
            let lead_themes = match (p.unit, p.lead.as_deref()) {
                (Unit::Subpoint, Some(lead)) => crate::themes::tag(lead).into_iter().map(&mut number).collect(),
                _ => Vec::new(),
            };
            cands.push(Cand {
                phrase: i,
                rank: order.rank(p),
                lead_themes: if lead_themes.is_empty() {
                    themes.clone()
                } else {
                    lead_themes
                },
                themes,
                focus: focus_bits,
            });
        }
        let mut warnings = Vec::new();
        let thin = |name: &str, n: usize, want: usize, w: &mut Vec<String>| {
            if n < want {
                w.push(format!(
                    "the phrase bank has {n} {name} fitting this brief; the templates' frame text fills in"
                ));
            }
        };
        let n = brief.outline.points as usize;
        thin("headings", pools.headings.len(), n, &mut warnings);
        thin("sub-points", pools.subpoints.len(), 2 * n, &mut warnings);
        thin("closing paragraphs", pools.closings_first.len(), 1, &mut warnings);
        if brief.kind == Kind::WorkReport {
            thin("achievement paragraphs", pools.ach_bodies.len(), 3, &mut warnings);
            thin("problem paragraphs", pools.problems.len(), 1, &mut warnings);
        }
        // Frame sub-points whose lead the bank already has would number that lead twice.
        if let Some(subs) = pieces.get_mut("subpoint") {
            subs.retain(|l| {
                l.split_once('|')
                    .is_none_or(|(_, t)| !leads.contains(&lead_key(t.trim())))
            });
        }
        let mut frames = Vec::new();
        let mut ranked = IndexMap::default();
        for (name, lines) in &pieces {
            let start = frames.len();
            for l in lines {
                let Some((r, t)) = l.split_once('|') else { continue };
                let Ok(rank) = r.trim().parse::<u8>() else { continue };
                let t = t.trim();
                let lead_len = lead_end(t);
                // Headings, sub-points and bodies are drawn by theme, like the bank's; the rest by
                // rank. A frame sub-point is about the task its lead names (要加强女职工工作。),
                // not every theme it touches on the way; failing that, and for a heading or a
                // body, what the whole line names.
                let names = match name.as_str() {
                    "subpoint" | "body" | "heading" => crate::themes::tag(t),
                    _ => Vec::new(),
                };
                let lead_names = if name == "subpoint" {
                    crate::themes::tag(&t[..lead_len])
                } else {
                    Vec::new()
                };
                let focus_bits = if name == "heading" {
                    focus.iter().take(64).enumerate().fold(0u64, |bits, (i, f)| {
                        if names.contains(&f.as_str()) {
                            bits | (1 << i)
                        } else {
                            bits
                        }
                    })
                } else {
                    0
                };
                let mut number = |name: &'static str| intern(&mut interned, name);
                let themes: Vec<u16> = names.into_iter().map(&mut number).collect();
                let lead_themes: Vec<u16> = lead_names.into_iter().map(&mut number).collect();
                let lead_themes = if lead_themes.is_empty() {
                    themes.clone()
                } else {
                    lead_themes
                };
                frames.push(Frame {
                    rank,
                    text: t.to_string(),
                    chars: chars(t),
                    lead_len,
                    themes,
                    lead_themes,
                    focus: focus_bits,
                });
            }
            ranked.insert(name.clone(), start..frames.len());
        }
        let ach_frames: Vec<AchFrame> = pieces
            .get("achievement")
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|l| l.split_once('|'))
            .map(|(head, body)| AchFrame {
                head: head.to_string(),
                body: body.to_string(),
                chars: chars(head) + chars(body) + 3,
                themes: crate::themes::tag(&format!("{head}。{body}"))
                    .into_iter()
                    .map(|t| intern(&mut interned, t))
                    .collect(),
            })
            .collect();
        let related = interned
            .keys()
            .map(|name| {
                crate::themes::related(name)
                    .iter()
                    .filter_map(|r| interned.get(r.as_str()).copied())
                    .collect()
            })
            .collect();
        let figures = figures_paragraphs(brief, pieces.get("figures_lead").map_or(&[][..], Vec::as_slice));
        let figures_len = figures.iter().map(|t| chars(t)).sum::<usize>() / figures.len().max(1);
        let piece_means = pieces
            .iter()
            .map(|(name, alts)| {
                let total: usize = alts.iter().map(|t| chars(t)).sum();
                (name.clone(), total / alts.len().max(1))
            })
            .collect();
        let rendered: Vec<Option<Rendered>> = cands
            .iter()
            .map(|cand| render(&bank.phrases[cand.phrase], templates, &context, &foreign))
            .collect();
        let frame_lists = ["subpoint", "body"]
            .map(|piece| FrameLists::of(&frames, ranked.get(piece).cloned().unwrap_or(0..0), interned.len()));
        let theme_words = interned.len().div_ceil(64).max(1);
        let mut theme_bits = vec![0u64; cands.len() * theme_words];
        let mut lead_theme_bits = vec![0u64; cands.len() * theme_words];
        for (c, cand) in cands.iter().enumerate() {
            for (all, themes) in [
                (&mut theme_bits, &cand.themes),
                (&mut lead_theme_bits, &cand.lead_themes),
            ] {
                for &t in themes {
                    let (word, bit) = theme_bit(t);
                    all[c * theme_words + word] |= bit;
                }
            }
        }
        pools.each(|pool| {
            pool.retain(|e| rendered[e.c].is_some());
            for e in pool {
                e.chars = rendered[e.c]
                    .as_ref()
                    .map_or(0, |r| u32::try_from(r.chars).unwrap_or(u32::MAX));
                e.bits = theme_bits[e.c * theme_words];
                e.lead_bits = lead_theme_bits[e.c * theme_words];
            }
        });
        // An achievement heading that shares no theme with any achievement body can never be
        // drawn (see `add_item`): leave it out of the pool, which every review reads.
        let body_bits = union_bits(pools.ach_bodies.iter(), &theme_bits, theme_words);
        pools
            .ach_heads
            .retain(|e| meets_bits(&theme_bits, theme_words, e.c, &body_bits));
        let by_id = cands
            .iter()
            .enumerate()
            .map(|(c, cand)| (bank.phrases[cand.phrase].id.clone(), c))
            .collect();
        Ok(Composer {
            congress: crate::almanac::party_congress_of(brief.year).map(|c| format!("党的{}", c.name())),
            brief,
            bank,
            frames,
            frame_lists,
            ranked,
            piece_means,
            figures,
            figures_len,
            pieces,
            cands,
            rendered,
            theme_bits,
            lead_theme_bits,
            theme_words,
            related,
            pools,
            ach_frames,
            warnings,
            avoid: Avoid::default(),
            avoided: None,
            repeats: RefCell::new(Vec::new()),
            point_lists: RefCell::default(),
            by_id,
        })
    }

    /// Leaves out every candidate phrase whose text overlaps `avoid` (see [`crate::avoid`]), and
    /// makes the frame text prefer alternatives that do not.
    #[must_use]
    pub fn with_avoid(mut self, avoid: Avoid) -> Self {
        if avoid.is_empty() {
            return self;
        }
        let left_out: Vec<bool> = (0..self.cands.len())
            .map(|c| self.rendered(c).is_some_and(|r| avoid.overlaps(&r.text)))
            .collect();
        let excluded = left_out.iter().filter(|&&out| out).count();
        self.pools.each(|pool| pool.retain(|e| !left_out[e.c]));
        self.warnings.push(format!(
            "left out {excluded} of {} candidate phrases that overlap the avoided speeches ({})",
            self.cands.len(),
            avoid.sources.join(", ")
        ));
        // Lists kept for points drafted so far were drawn from the pools before.
        self.point_lists.borrow_mut().clear();
        self.avoided = Some(Avoided {
            files: avoid.sources.clone(),
            excluded,
            candidates: self.cands.len(),
        });
        self.avoid = avoid;
        self
    }

    /// The items of `items` whose text does not overlap the avoided speeches, or all of them
    /// (noting the repeat) when every one does.
    fn fresh<'x, T: Copy>(&self, items: &[T], text: impl Fn(T) -> &'x str, what: &str) -> Vec<T> {
        if self.avoid.is_empty() {
            return items.to_vec();
        }
        let fresh: Vec<T> = items
            .iter()
            .copied()
            .filter(|&t| !self.avoid.overlaps(text(t)))
            .collect();
        if !fresh.is_empty() || items.is_empty() {
            return fresh;
        }
        // Every alternative is close to the avoided wording: take one that at least repeats no
        // sentence of it, and say so either way.
        let unrepeated: Vec<T> = items
            .iter()
            .copied()
            .filter(|&t| !self.avoid.repeats(text(t)))
            .collect();
        let note = if unrepeated.is_empty() {
            format!("the templates offer no {what} that differs from the avoided speeches: its wording repeats")
        } else {
            format!(
                "the templates offer no {what} unlike the avoided speeches: its wording is close to theirs, though no sentence repeats"
            )
        };
        let mut repeats = self.repeats.borrow_mut();
        if !repeats.contains(&note) {
            repeats.push(note);
        }
        if unrepeated.is_empty() {
            items.to_vec()
        } else {
            unrepeated
        }
    }

    fn phrase(&self, c: usize) -> &Phrase {
        &self.bank.phrases[self.cands[c].phrase]
    }

    fn rendered(&self, c: usize) -> Option<&Rendered> {
        self.rendered[c].as_ref()
    }

    fn id(&self, c: usize) -> String {
        self.phrase(c).id.clone()
    }

    fn piece(&self, name: &str) -> &[String] {
        self.pieces.get(name).map_or(&[], Vec::as_slice)
    }

    /// A weighted pick among `pool`'s unused candidates that pass `keep`.
    fn pick(&self, stream: &mut Stream, pool: &[Entry], used: &[bool], keep: impl Fn(&Entry) -> bool) -> Option<usize> {
        self.pick_in_tiers(stream, pool, used, |e| keep(e).then_some(0))
    }

    /// A weighted pick among `pool`'s unused candidates in the lowest tier that `tier` gives any
    /// of them (`None` leaves a candidate out).
    fn pick_in_tiers(
        &self,
        stream: &mut Stream,
        pool: &[Entry],
        used: &[bool],
        tier: impl Fn(&Entry) -> Option<usize>,
    ) -> Option<usize> {
        self.pick_fitting(stream, pool, used, |_| true, tier)
    }

    /// [`Composer::pick_in_tiers`] among the candidates that pass `fits`.
    fn pick_fitting(
        &self,
        stream: &mut Stream,
        pool: &[Entry],
        used: &[bool],
        fits: impl Fn(&Entry) -> bool,
        tier: impl Fn(&Entry) -> Option<usize>,
    ) -> Option<usize> {
        let tally = tally(pool, used, &fits, &tier);
        draw(stream, pool, used, &fits, &tier, &tally)
    }

    /// The tier of heading `e` for a point of rank `want` when the themes `taken` are spoken
    /// for: 0 for the wanted rank, 1 for a rank next to it, 2 for any other; `None` if it has a
    /// taken theme.
    fn heading_tier(&self, e: &Entry, taken: &[u64], want: u8) -> Option<usize> {
        (!self.shares_bits(e, taken)).then(|| match e.rank.abs_diff(want) {
            0 => 0,
            1 => 1,
            _ => 2,
        })
    }

    /// `themes` as a set of bits, one word per 64 interned themes.
    fn bits_of(&self, themes: &[u16]) -> Vec<u64> {
        let mut bits = vec![0u64; self.theme_words];
        for &t in themes {
            let (word, bit) = theme_bit(t);
            bits[word] |= bit;
        }
        bits
    }

    /// Whether pool entry `e` has a theme of the set `bits`.
    #[inline]
    fn shares_bits(&self, e: &Entry, bits: &[u64]) -> bool {
        self.meets(e.bits, &self.theme_bits, e.c, bits)
    }

    /// Whether pool entry `e`'s lead names a theme of the set `bits`.
    #[inline]
    fn lead_shares_bits(&self, e: &Entry, bits: &[u64]) -> bool {
        self.meets(e.lead_bits, &self.lead_theme_bits, e.c, bits)
    }

    /// Whether candidate `c`'s set in `all` (`theme_words` words a candidate; `first` is its
    /// first word, kept beside the pool entry) meets the set `bits`.
    #[inline]
    fn meets(&self, first: u64, all: &[u64], c: usize, bits: &[u64]) -> bool {
        if let [word] = bits {
            return first & word != 0;
        }
        meets_bits(all, self.theme_words, c, bits)
    }

    /// The themes related to `themes` and not among them, in interned order.
    fn near(&self, themes: &[u16]) -> Vec<u16> {
        let mut near: Vec<u16> = themes
            .iter()
            .filter_map(|&t| self.related.get(usize::from(t)))
            .flatten()
            .copied()
            .filter(|t| !themes.contains(t))
            .collect();
        near.sort_unstable();
        near.dedup();
        near
    }

    /// The tier of pool entry `e` for a point of `rank` whose themes are `bits` and related
    /// themes `near`: 0 when its lead names one of its themes, 1 when it names one further on,
    /// 2 when it names a related theme, 3 when it is of the same rank, 4 otherwise; only the
    /// first `tiers` count.
    #[inline]
    fn point_tier(&self, e: &Entry, bits: &[u64], near: &[u64], rank: u8, tiers: usize) -> Option<usize> {
        let t = if self.lead_shares_bits(e, bits) {
            0
        } else if self.shares_bits(e, bits) {
            1
        } else if self.shares_bits(e, near) {
            2
        } else if e.rank == rank {
            3
        } else {
            4
        };
        (t < tiers).then_some(t)
    }

    /// A piece's alternative chosen by `stream`, or `None` if the template gave none.
    fn choose<'s>(&'s self, stream: &mut Stream, piece: &str) -> Option<&'s str> {
        if self.avoid.is_empty() {
            return stream.pick(self.piece(piece)).map(String::as_str);
        }
        let all: Vec<&str> = self.piece(piece).iter().map(String::as_str).collect();
        let fresh = self.fresh(&all, |t| t, &format!("`{piece}` text"));
        stream.pick(&fresh).copied()
    }

    /// Whether an opening's purpose, the frame's line or the bank's paragraph, names the Party
    /// congress of the day (or the brief's year has none).
    pub(crate) fn names_congress(&self, purpose: Option<&str>, bank_purpose: Option<usize>) -> bool {
        let Some(congress) = self.congress.as_deref() else {
            return true;
        };
        let bank = bank_purpose.and_then(|c| self.rendered(c)).map(|r| r.text.as_str());
        [purpose, bank].into_iter().flatten().any(|t| t.contains(congress))
    }

    /// The announcement of the points: one that names the Party congress when the opening's
    /// purpose did not (a leader speaks under the congress of the day), one that does not when it
    /// did (`anchored`). `keep`: which lines may be taken, when any may; `None` when the brief's
    /// year has no congress or the template has no line of the kind.
    pub(crate) fn congress_announce(
        &self,
        stream: &mut Stream,
        anchored: bool,
        keep: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let congress = self.congress.as_deref()?;
        let lines: Vec<&str> = self
            .piece("announce")
            .iter()
            .map(String::as_str)
            .filter(|t| t.contains(congress) != anchored)
            .collect();
        let kept: Vec<&str> = lines.iter().copied().filter(|t| keep(t)).collect();
        let lines = if kept.is_empty() { lines } else { kept };
        stream.pick(&lines).map(|t| (*t).to_string())
    }

    /// The draft for `seed`.
    #[must_use]
    pub fn draft(&self, seed: u64) -> Draft {
        let mut used = vec![false; self.cands.len()];
        let mut warnings = self.warnings.clone();
        self.repeats.borrow_mut().clear();
        let sections = match self.brief.kind {
            Kind::LeaderSpeech => self.leader_speech(seed, &mut used, &mut warnings),
            Kind::WorkReport => self.work_report(seed, &mut used, &mut warnings),
        };
        let text = Draft::plain_text(&sections);
        let total = Draft::text_chars(&text, &sections);
        let target = f64::from(self.brief.outline.length);
        #[allow(clippy::cast_precision_loss)]
        let ratio = total as f64 / target;
        if (ratio - 1.0).abs() > LENGTH_TOLERANCE {
            warnings.push(format!(
                "the draft has {total} characters against a target of {}: the phrase bank or the outline does not allow closer",
                self.brief.outline.length
            ));
        }
        warnings.extend(self.repeats.borrow_mut().drain(..));
        let title = sections
            .first()
            .and_then(|s| s.paragraphs.first())
            .map(|p| p.text.clone())
            .unwrap_or_default();
        Draft {
            seed,
            kind: self.brief.kind,
            title,
            text,
            bank: self.bank.hash.clone(),
            sections,
            warnings,
            rerolls: Vec::new(),
            avoided: self.avoided.clone(),
        }
    }

    fn title_section(&self, seed: u64) -> Section {
        let mut s = Stream::new(seed, "title");
        let mut paragraphs = Vec::new();
        // The title and byline name the meeting and the speaker: they are not avoided.
        if let Some(t) = s.pick(self.piece("title")) {
            paragraphs.push(para(t.to_string(), Style::Title, Vec::new(), 0));
        }
        if let Some(b) = s.pick(self.piece("byline")) {
            paragraphs.push(para(b.to_string(), Style::Byline, Vec::new(), 0));
        }
        Section {
            role: "title".into(),
            heading: None,
            paragraphs,
            seed: section_seed(seed, "title"),
        }
    }

    /// Plans the main points (headings with distinct themes, focus preferred, in the conventional
    /// order) from the stream of `place`.
    fn plan_points(&self, seed: u64, place: &str, used: &mut [bool], warnings: &mut Vec<String>) -> Vec<PointPlan> {
        let n = self.brief.outline.points as usize;
        let mut s = Stream::new(seed, place);
        let profiles = profiles(self.brief.kind, n);
        let profile = s.pick(&profiles).cloned().unwrap_or_default();
        // The themes of the headings taken so far, as bits.
        let mut taken = vec![0u64; self.theme_words];
        // slots: (wanted rank, chosen heading)
        let mut slots: Vec<(u8, Option<Heading>)> = profile.iter().map(|&r| (r, None)).collect();
        let pool = &self.pools.headings;
        let frames: Vec<usize> = self.frame_range("heading").collect();
        let frames = self.fresh(&frames, |id| self.frames[id].text.as_str(), "heading");
        let mut frame_used = vec![false; self.frames.len()];
        let take = |h: Heading, used: &mut [bool], frame_used: &mut [bool], taken: &mut [u64]| {
            let themes = match h {
                Heading::Bank(c) => {
                    used[c] = true;
                    &self.cands[c].themes
                }
                Heading::Frame(id) => {
                    frame_used[id] = true;
                    &self.frames[id].themes
                }
            };
            for &t in themes {
                let (word, bit) = theme_bit(t);
                taken[word] |= bit;
            }
        };
        // Focus themes first, each into the free slot nearest its rank: a bank heading on the
        // theme or a frame one, in proportion to how many of each are left.
        for fi in 0..self.brief.outline.focus.len().min(64) {
            if slots.iter().all(|(_, h)| h.is_some()) {
                break;
            }
            let matches = |c: usize| self.cands[c].focus & (1 << fi) != 0;
            let bank_ok = |e: &Entry| matches(e.c) && !self.shares_bits(e, &taken);
            let on_theme: Vec<usize> = frames
                .iter()
                .copied()
                .filter(|&id| !frame_used[id] && self.frames[id].focus & (1 << fi) != 0 && self.frame_free(id, &taken))
                .collect();
            let in_bank = pool.iter().filter(|e| !used[e.c] && bank_ok(e)).count();
            if in_bank + on_theme.len() == 0 {
                continue;
            }
            let k = s.below(in_bank + on_theme.len());
            let chosen = if k < on_theme.len() {
                Some(Heading::Frame(on_theme[k]))
            } else {
                self.pick(&mut s, pool, used, bank_ok).map(Heading::Bank)
            };
            let Some(h) = chosen else { continue };
            let rank = self.heading_rank(h);
            let slot = slots
                .iter()
                .enumerate()
                .filter(|(_, (_, h))| h.is_none())
                .min_by_key(|(i, (r, _))| (r.abs_diff(rank), *i))
                .map(|(i, _)| i);
            if let Some(i) = slot {
                slots[i].1 = Some(h);
                take(h, used, &mut frame_used, &mut taken);
            }
        }
        for slot in &mut slots {
            if slot.1.is_some() {
                continue;
            }
            let want = slot.0;
            // A heading of no theme taken yet, of the wanted rank first, then of a rank next to
            // it, then of any; failing those, one whose first theme is not taken.
            let tier = |e: &Entry| {
                self.heading_tier(e, &taken, want).or_else(|| {
                    let first_free = self.cands[e.c].themes.first().is_none_or(|&t| !has_theme(&taken, t));
                    first_free.then_some(3)
                })
            };
            if let Some(c) = self.pick_in_tiers(&mut s, pool, used, tier) {
                slot.1 = Some(Heading::Bank(c));
                take(Heading::Bank(c), used, &mut frame_used, &mut taken);
            }
        }
        // Frame headings where the bank had none left: of no theme taken yet if any, then of
        // the rank nearest the wanted one.
        let mut out = Vec::new();
        let mut missing = 0;
        for (want, chosen) in slots {
            let chosen = chosen.or_else(|| {
                missing += 1;
                let left: Vec<usize> = frames.iter().copied().filter(|&id| !frame_used[id]).collect();
                let id = self.pick_frame_heading(&mut s, left, &taken, want)?;
                take(Heading::Frame(id), used, &mut frame_used, &mut taken);
                Some(Heading::Frame(id))
            });
            out.push(match chosen {
                Some(h) => self.heading_plan(h),
                None => PointPlan {
                    heading: String::new(),
                    heading_phrase: None,
                    rank: want,
                    themes: Vec::new(),
                },
            });
        }
        if missing > 0 {
            warnings.push(format!(
                "{missing} of {n} headings came from the templates: the phrase bank has too few for this brief"
            ));
        }
        // The conventional order; the profile order breaks ties.
        let mut indexed: Vec<(usize, PointPlan)> = out.into_iter().enumerate().collect();
        indexed.sort_by_key(|(i, p)| (p.rank, *i));
        indexed.into_iter().map(|(_, p)| p).collect()
    }

    /// Whether frame line `id` has none of the themes `taken`.
    fn frame_free(&self, id: usize, taken: &[u64]) -> bool {
        !self.frames[id].themes.iter().any(|&t| has_theme(taken, t))
    }

    /// A frame heading among `options`: of no theme `taken` if any is, of the rank nearest `want`.
    fn pick_frame_heading(&self, s: &mut Stream, options: Vec<usize>, taken: &[u64], want: u8) -> Option<usize> {
        let free: Vec<usize> = options
            .iter()
            .copied()
            .filter(|&id| self.frame_free(id, taken))
            .collect();
        let options = if free.is_empty() { options } else { free };
        let best = options.iter().map(|&id| self.frames[id].rank.abs_diff(want)).min();
        let near: Vec<usize> = options
            .into_iter()
            .filter(|&id| Some(self.frames[id].rank.abs_diff(want)) == best)
            .collect();
        s.pick(&near).copied()
    }

    /// The rank of a chosen heading.
    fn heading_rank(&self, h: Heading) -> u8 {
        match h {
            Heading::Bank(c) => self.cands[c].rank,
            Heading::Frame(id) => self.frames[id].rank,
        }
    }

    /// The plan of a point under a chosen heading.
    fn heading_plan(&self, h: Heading) -> PointPlan {
        match h {
            Heading::Bank(c) => PointPlan {
                heading: self.rendered(c).map(|r| heading_text(&r.text)).unwrap_or_default(),
                heading_phrase: Some(c),
                rank: self.cands[c].rank,
                themes: self.cands[c].themes.clone(),
            },
            Heading::Frame(id) => PointPlan {
                heading: self.frames[id].text.clone(),
                heading_phrase: None,
                rank: self.frames[id].rank,
                themes: self.frames[id].themes.clone(),
            },
        }
    }

    /// The rendered length of candidate `c` (very long if it does not render).
    fn clen(&self, c: usize) -> usize {
        self.rendered(c).map_or(usize::MAX / 4, |r| r.chars)
    }

    /// A weighted pick of the first tier holding a candidate no longer than `room`; when none
    /// fits and `must` is set, one of the shortest candidates left (within a third of the
    /// shortest).
    fn pick_fit(
        &self,
        stream: &mut Stream,
        pool: &[Entry],
        used: &[bool],
        tier: impl Fn(&Entry) -> Option<usize>,
        room: usize,
        must: bool,
    ) -> Option<usize> {
        let within = |limit: usize| move |e: &Entry| e.chars as usize <= limit;
        if let Some(c) = self.pick_fitting(stream, pool, used, within(room), &tier) {
            return Some(c);
        }
        if !must {
            return None;
        }
        let shortest = pool
            .iter()
            .filter(|e| !used[e.c] && tier(e).is_some())
            .map(|e| e.chars as usize)
            .min()?;
        self.pick_fitting(stream, pool, used, within(shortest + shortest / 3), tier)
    }

    /// A weighted pick among the candidates of `list` (each with its tier) no longer than `room`
    /// of the best tiers that together hold at least `k` of them (all tiers if none do): a pick
    /// that always fell to the one or two candidates of the best tier would give every seed the
    /// same.
    fn pick_varied(&self, stream: &mut Stream, list: &[Entry], used: &[bool], room: usize, k: usize) -> Option<usize> {
        let fits = |e: &Entry| e.chars as usize <= room;
        let tier = |e: &Entry| Some(usize::from(e.tier));
        let tally = tally(list, used, fits, tier);
        let mut held = 0;
        let last = (0..TIERS)
            .find(|&t| {
                held += tally.counts[t];
                held >= k
            })
            .unwrap_or(TIERS - 1);
        self.pick_fitting(stream, list, used, fits, |e| (usize::from(e.tier) <= last).then_some(0))
    }

    /// The indices in `frames` of the `rank|text` lines of `piece`.
    fn frame_range(&self, piece: &str) -> std::ops::Range<usize> {
        self.ranked.get(piece).cloned().unwrap_or(0..0)
    }

    /// The `rank|text` lines of `piece` as (rank, text); lines without a rank are skipped.
    fn ranked(&self, piece: &str) -> impl Iterator<Item = (u8, &str)> {
        self.frames[self.frame_range(piece)]
            .iter()
            .map(|f| (f.rank, f.text.as_str()))
    }

    /// A fresh record of which frame lines a draft has used: none.
    fn frames_unused(&self) -> Vec<bool> {
        vec![false; self.frames.len()]
    }

    /// The bank's sub-points, bodies or intros a point of `rank` and `themes` (as bits, with
    /// those of their related themes) may draw, each with its tier (see
    /// [`Composer::point_tier`]), and the frame's sub-points or bodies (see
    /// [`Composer::point_frames`]). Kept for the brief's later points and drafts, unless the
    /// draft avoids earlier speeches (which frame lines it notes as repeated is the draft's).
    fn point_lists(&self, which: PointPool, rank: u8, themes: &[u16], (bits, near): (&[u64], &[u64])) -> Rc<TierLists> {
        let keep = self.avoid.is_empty();
        let key = (which, rank, themes.to_vec());
        if keep && let Some(lists) = self.point_lists.borrow().get(&key) {
            return Rc::clone(lists);
        }
        let (pool, tiers) = match which {
            PointPool::Subpoints => (&self.pools.subpoints, TIERS),
            PointPool::Bodies => (&self.pools.bodies, TIERS),
            // An intro opens the point: it speaks of the point's themes or related ones, not
            // merely of its rank (a paragraph on 联席会议 had opened a point on 安康杯).
            PointPool::Intros => (&self.pools.intros, 3),
        };
        let mut bank: Vec<Entry> = pool
            .iter()
            .filter_map(|e| {
                let t = self.point_tier(e, bits, near, rank, tiers)?;
                Some(Entry {
                    tier: u8::try_from(t).unwrap_or(u8::MAX),
                    ..*e
                })
            })
            .collect();
        let frame = match which {
            PointPool::Intros => Vec::new(),
            _ => {
                bank.sort_by_key(|e| e.tier);
                self.point_frames(which == PointPool::Bodies, rank, themes)
            }
        };
        let lists = Rc::new(TierLists::new(bank, frame));
        if keep {
            self.point_lists.borrow_mut().insert(key, Rc::clone(&lists));
        }
        lists
    }

    /// The frame sub-points (or bodies) a point of `rank` and `themes` may draw: those whose lead
    /// names one of its themes (tier 0), those naming one further on (tier 1), then those on a
    /// related theme (tier 2) and those of its rank (tier 3); by tier, and in template order within
    /// a tier; unlike the avoided speeches where any are.
    fn point_frames(&self, body: bool, rank: u8, themes: &[u16]) -> Vec<FrameRef> {
        let lists = &self.frame_lists[usize::from(body)];
        let frame = |id: usize, tier: usize| FrameRef {
            id,
            chars: self.frames[id].chars,
            tier,
        };
        let mut all: Vec<FrameRef> = themes
            .iter()
            .filter_map(|&t| lists.by_theme.get(usize::from(t)))
            .flatten()
            .map(|&id| {
                let lead = self.frames[id].lead_themes.iter().any(|t| themes.contains(t));
                frame(id, if lead { 0 } else { 1 })
            })
            .collect();
        all.sort_unstable_by_key(|f| f.id);
        all.dedup_by_key(|f| f.id);
        // Then, each tier leaving out the lines of the tiers before it, those on a related
        // theme (tier 2) and those of the point's rank (tier 3).
        let near = self.near(themes);
        let related = near
            .iter()
            .filter_map(|&t| lists.by_theme.get(usize::from(t)))
            .flatten()
            .map(|&id| (id, 2));
        let same_rank = lists
            .by_rank
            .get(usize::from(rank))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&id| (id, 3));
        let mut more: Vec<(usize, usize)> = related.chain(same_rank).collect();
        more.sort_unstable();
        more.dedup_by_key(|&mut (id, _)| id);
        let themed = all.len();
        for (id, tier) in more {
            if all[..themed].binary_search_by_key(&id, |f| f.id).is_err() {
                all.push(frame(id, tier));
            }
        }
        all.sort_unstable_by_key(|f| (f.tier, f.id));
        if self.avoid.is_empty() {
            return all;
        }
        let piece = if body { "body" } else { "subpoint" };
        self.fresh(&all, |f| self.frames[f.id].text.as_str(), piece)
    }

    /// The text of a sub-point, its lead's length in bytes and its phrase, if from the bank.
    fn sub_text<'s>(&'s self, sub: &'s Sub) -> Option<(&'s str, usize, Option<usize>)> {
        match sub {
            Sub::Bank(c) => self.rendered(*c).map(|r| (r.text.as_str(), r.lead_len, Some(*c))),
            Sub::Frame(id) => {
                let f = &self.frames[*id];
                Some((f.text.as_str(), f.lead_len, None))
            }
        }
    }

    /// The interned themes of a sub-point or body paragraph: all its text names.
    fn sub_themes(&self, sub: Sub) -> &[u16] {
        match sub {
            Sub::Bank(c) => &self.cands[c].themes,
            Sub::Frame(id) => &self.frames[id].themes,
        }
    }

    /// Where each body paragraph of `p` goes: after the sub-point it shares a theme with (the
    /// one with the fewest so far, then the most themes shared, then the first), or, sharing
    /// none, between the intro and the sub-points. Returns the bodies before the sub-points
    /// and those after each sub-point.
    fn place_bodies(&self, p: &PointFill) -> (Vec<Sub>, Vec<Vec<Sub>>) {
        let mut before = Vec::new();
        let mut after: Vec<Vec<Sub>> = vec![Vec::new(); p.subs.len()];
        for &body in &p.bodies {
            let themes = self.sub_themes(body);
            let target = p
                .subs
                .iter()
                .enumerate()
                .filter_map(|(i, &sub)| {
                    let shared = self.sub_themes(sub).iter().filter(|t| themes.contains(t)).count();
                    (shared > 0).then_some((after[i].len(), std::cmp::Reverse(shared), i))
                })
                .min()
                .map(|(_, _, i)| i);
            match target {
                Some(i) => after[i].push(body),
                None => before.push(body),
            }
        }
        (before, after)
    }

    /// The length of a filled point: heading, intro, sub-points and bodies.
    fn fill_len(&self, p: &PointFill) -> usize {
        chars(&p.plan.heading)
            + p.intro.as_ref().map_or(0, |(t, _)| chars(t))
            + p.subs.iter().chain(&p.bodies).map(|s| self.sub_len(s)).sum::<usize>()
    }

    fn sub_len(&self, sub: &Sub) -> usize {
        match sub {
            Sub::Bank(c) => self.clen(*c),
            Sub::Frame(id) => self.frames[*id].chars,
        }
    }

    /// Composes a point from the stream of `place` within `budget` characters: an intro when
    /// the budget has room for one, two to four sub-points, and body paragraphs for long
    /// budgets; candidates are drawn among all that fit the room left, themed ones first.
    #[allow(clippy::too_many_arguments)]
    fn fill_point(
        &self,
        seed: u64,
        place: &str,
        plan: PointPlan,
        used: &mut [bool],
        styles: &[SubStyle],
        frame_used: &mut [bool],
        budget: usize,
    ) -> PointFill {
        let mut stream = Stream::new(seed, place);
        let order = styles.to_vec();
        let bits = self.bits_of(&plan.themes);
        let near = self.bits_of(&self.near(&plan.themes));
        let rank = plan.rank;
        let mut rem = budget.saturating_sub(chars(&plan.heading) + 2);
        // Intro: only when two sub-points of ordinary length remain affordable after it.
        let mut intro = None;
        if rem >= 320 {
            // A quarter of the point at most, and never a wall of text: a long intro is one
            // paragraph every seed would share.
            let room = (rem / 4).clamp(120, 420);
            let intros = self.point_lists(PointPool::Intros, rank, &plan.themes, (&bits, &near));
            let picked = self.pick_varied(&mut stream, &intros.bank, used, room, 3);
            intro = match picked {
                Some(c) => {
                    used[c] = true;
                    self.rendered(c).map(|r| (r.text.clone(), Some(c)))
                }
                None => {
                    let frame: Vec<usize> = self
                        .frame_range("intro")
                        .filter(|&i| {
                            let f = &self.frames[i];
                            f.rank == rank && f.chars <= room && !frame_used[i]
                        })
                        .collect();
                    let frame = self.fresh(&frame, |i| self.frames[i].text.as_str(), "point introduction");
                    stream.pick(&frame).map(|&i| {
                        frame_used[i] = true;
                        (self.frames[i].text.clone(), None)
                    })
                }
            };
            rem = rem.saturating_sub(intro.as_ref().map_or(0, |(t, _)| chars(t)));
        }
        // The candidates by tier, bank and frame.
        let tiered = [false, true].map(|body| {
            let which = if body { PointPool::Bodies } else { PointPool::Subpoints };
            Tiered::new(self.point_lists(which, rank, &plan.themes, (&bits, &near)))
        });
        let mut p = PointFill {
            stream,
            plan,
            intro,
            subs: Vec::new(),
            bodies: Vec::new(),
            styles: order,
            tiered,
            left: [[None; TIERS]; 2],
        };
        // Two sub-points, each within its share of the room left; then, while the budget has
        // room, sub-points up to four and body paragraphs, the longer candidates first when
        // the room left is large for the places left.
        let body_cap = (budget / 300).max(4);
        let slack = budget / 20;
        let places = |p: &PointFill| (4 - p.subs.len().min(4)) + body_cap.saturating_sub(p.bodies.len());
        for k in 0..2usize {
            let room = (rem / (2 - k)) * 6 / 5;
            let min = rem / places(&p).max(1) / 2;
            if let Some(sub) = self.next_item(&mut p, false, room, min, true, used, frame_used) {
                rem = rem.saturating_sub(self.sub_len(&sub) + 2);
                p.subs.push(sub);
            }
        }
        while rem > slack.max(40) {
            let room = rem + slack;
            let min = rem / places(&p).max(1) / 2;
            let mut added = false;
            if p.subs.len() < 4
                && let Some(sub) = self.next_item(&mut p, false, room, min, false, used, frame_used)
            {
                rem = rem.saturating_sub(self.sub_len(&sub) + 2);
                p.subs.push(sub);
                added = true;
            } else if p.bodies.len() < body_cap
                && let Some(body) = self.next_item(&mut p, true, room, min, false, used, frame_used)
            {
                rem = rem.saturating_sub(self.sub_len(&body));
                p.bodies.push(body);
                added = true;
            }
            if !added {
                break;
            }
        }
        p
    }

    /// Once a point's sub-points are drawn, leaves out of its bodies those off its own themes
    /// (tier 0) that share no theme with a sub-point's text: a body follows a sub-point it
    /// carries on.
    fn narrow_bodies(&self, p: &mut PointFill) {
        let themes: Vec<u16> = p.subs.iter().flat_map(|&s| self.sub_themes(s)).copied().collect();
        p.tiered[1].narrow = Some(self.bits_of(&themes));
    }

    /// Narrows tier `t` of `tiered` (see [`Tiered::narrow`]) unless it is the point's own.
    fn narrow_tier(&self, tiered: &mut Tiered, t: usize) {
        let Some(bits) = tiered
            .narrow
            .as_deref()
            .filter(|_| t > 0 && tiered.narrowed[t].is_none())
        else {
            return;
        };
        let bank = tiered
            .bank(t)
            .iter()
            .filter(|e| self.shares_bits(e, bits))
            .copied()
            .collect();
        let frame = tiered
            .frame(t)
            .iter()
            .filter(|f| self.frames[f.id].themes.iter().any(|&t| has_theme(bits, t)))
            .copied()
            .collect();
        tiered.narrowed[t] = Some((bank, frame));
    }

    /// The next sub-point (or body paragraph) of `p`: a bank candidate or a frame text, from
    /// the best tier either holds (a shared theme, then the point's rank, then for sub-points
    /// any), drawn in proportion to how many of each fit `room`; those of at least `min`
    /// characters first.
    #[allow(clippy::too_many_arguments)]
    fn next_item(
        &self,
        p: &mut PointFill,
        body: bool,
        room: usize,
        min: usize,
        must: bool,
        used: &mut [bool],
        frame_used: &mut [bool],
    ) -> Option<Sub> {
        if body && p.tiered[1].narrow.is_none() {
            self.narrow_bodies(p);
        }
        let k = usize::from(body);
        // The `k`-th unused frame line of `frame` that passes `ok`, marked used.
        let take_frame = |stream: &mut Stream,
                          frame_used: &mut [bool],
                          frame: &[FrameRef],
                          ok: &dyn Fn(&FrameRef) -> bool,
                          n: usize| {
            let k = stream.below(n);
            let f = frame.iter().filter(|f| !frame_used[f.id] && ok(f)).nth(k)?;
            frame_used[f.id] = true;
            Some(Sub::Frame(f.id))
        };
        // The best tier within its share that has anything fitting `room` (the best with
        // anything if none); within it, the candidates of at least `min` characters if there
        // are any: a point keeps to its themes before its length.
        let fits = |e: &Entry| e.chars as usize <= room;
        // Whatever the share, a tier may give three sub-points and two bodies.
        let least = if body { 2 } else { 3 };
        // The best tier that has anything fitting. In a short point (under `SHORT_POINT`
        // characters a point on average), when the room lets fewer than `VARIED` of that tier fit
        // while it holds more, the tiers after it too, until they hold `VARIED` between them; the
        // paragraph then comes from any of these in proportion to how many each holds: a short
        // draft would otherwise give every seed the same one or two. A point's first sub-point
        // always comes from the best tier.
        const VARIED: usize = 3;
        const SHORT_POINT: usize = 1000;
        let outline = &self.brief.outline;
        let short = (outline.length as usize) < SHORT_POINT * outline.points as usize;
        let first = !body && p.subs.is_empty();
        // The best tier found, and the tiers after it when a short point widens (a Vec that
        // allocates only then: this runs for every paragraph of every draft).
        let mut best = None;
        let mut more = Vec::new();
        let mut held = 0;
        'search: for open_only in [true, false] {
            for t in 0..TIERS {
                self.narrow_tier(&mut p.tiered[k], t);
                let tiered = &p.tiered[k];
                let left = *p.left[k][t].get_or_insert_with(|| {
                    let n = tiered.bank(t).iter().filter(|e| !used[e.c]).count()
                        + tiered.frame(t).iter().filter(|f| !frame_used[f.id]).count();
                    (n * TIER_SHARE.0).div_ceil(TIER_SHARE.1).max(least.min(n))
                });
                if open_only && left == 0 {
                    continue;
                }
                let mut frame_fit = [0usize; 2];
                for f in tiered.frame(t).iter().filter(|f| !frame_used[f.id] && f.chars <= room) {
                    frame_fit[0] += 1;
                    frame_fit[1] += usize::from(f.chars >= min);
                }
                let [any, long] = tally_long(tiered.bank(t), used, fits, |e| e.chars as usize >= min);
                if frame_fit[0] > 0 || any.weights[0] > 0 {
                    held += frame_fit[0] + any.counts[0];
                    let narrowed = || {
                        tiered.bank(t).iter().any(|e| !used[e.c] && !fits(e))
                            || tiered.frame(t).iter().any(|f| !frame_used[f.id] && f.chars > room)
                    };
                    let found = (t, frame_fit, any, long);
                    if best.is_none() {
                        best = Some(found);
                        if !(short && !first && held < VARIED && narrowed()) {
                            break 'search;
                        }
                    } else {
                        more.push(found);
                        if held >= VARIED {
                            break 'search;
                        }
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        let found = if more.is_empty() {
            best
        } else {
            let mut k = p.stream.below(held);
            best.into_iter().chain(more).find(|(_, frame_fit, any, _)| {
                let n = frame_fit[0] + any.counts[0];
                let hit = k < n;
                k = k.saturating_sub(n);
                hit
            })
        };
        let PointFill {
            stream, tiered, left, ..
        } = p;
        let tiered = &tiered[k];
        if let Some((t, frame_fit, any, long)) = found {
            if let Some(l) = &mut left[k][t] {
                *l = l.saturating_sub(1);
            }
            let (lower, tally) = if frame_fit[1] > 0 || long.weights[0] > 0 {
                (min, long)
            } else {
                (0, any)
            };
            let n = frame_fit[usize::from(lower > 0)];
            if n > 0 && (tally.weights[0] == 0 || stream.below(n + tally.counts[0]) < n) {
                let ok = |f: &FrameRef| f.chars <= room && f.chars >= lower;
                return take_frame(stream, frame_used, tiered.frame(t), &ok, n);
            }
            let fitting = |e: &Entry| fits(e) && e.chars as usize >= lower;
            if let Some(c) = draw(stream, tiered.bank(t), used, fitting, |_| Some(0), &tally) {
                used[c] = true;
                return Some(Sub::Bank(c));
            }
        }
        if !must {
            return None;
        }
        let tier = |e: &Entry| Some(usize::from(e.tier));
        if let Some(c) = self.pick_fit(stream, &tiered.lists.bank, used, tier, room, true) {
            used[c] = true;
            return Some(Sub::Bank(c));
        }
        let frame = &tiered.lists.frame;
        let shortest = frame.iter().filter(|f| !frame_used[f.id]).map(|f| f.chars).min()?;
        let short = |f: &FrameRef| f.chars <= shortest + shortest / 3;
        let n = frame.iter().filter(|f| !frame_used[f.id] && short(f)).count();
        take_frame(stream, frame_used, frame, &short, n)
    }

    /// The sub-point numbering style of a point: the first of its preferences that suits its
    /// sub-points (一要 needs leads that start with 要; （一） needs a body after the lead).
    fn style_of(&self, p: &PointFill) -> SubStyle {
        p.styles
            .iter()
            .copied()
            .find(|&s| self.suits(p, s))
            .unwrap_or(SubStyle::Arabic)
    }

    fn suits(&self, p: &PointFill, style: SubStyle) -> bool {
        match style {
            SubStyle::Yao => p
                .subs
                .iter()
                .all(|s| self.sub_text(s).is_some_and(|(t, _, _)| t.starts_with('要'))),
            SubStyle::Paren => p
                .subs
                .iter()
                .all(|s| self.sub_text(s).is_some_and(|(t, lead, _)| lead < t.len())),
            _ => true,
        }
    }

    /// One numbering for the sub-points of every point (GB/T 9704: within one part one style):
    /// the first of the draft's preferences that suits them all.
    fn number_alike(&self, points: &mut [PointFill], order: &[SubStyle]) {
        let style = order
            .iter()
            .copied()
            .find(|&s| points.iter().all(|p| self.suits(p, s)))
            .unwrap_or(SubStyle::Arabic);
        for p in points {
            p.styles = vec![style];
        }
    }

    fn point_paragraphs(&self, p: &PointFill, heading_level: Style, number: usize) -> (String, Vec<Paragraph>) {
        let n = u32::try_from(number).unwrap_or(u32::MAX);
        let marker = if heading_level == Style::Heading1 {
            point_marker(n)
        } else {
            format!("（{}）", cn_num(n))
        };
        let heading = format!("{marker}{}", p.plan.heading);
        let mut out = vec![para(
            heading.clone(),
            heading_level,
            p.plan.heading_phrase.map(|c| vec![self.id(c)]).unwrap_or_default(),
            0,
        )];
        if let Some((text, c)) = &p.intro {
            out.push(para(
                text.clone(),
                Style::Body,
                c.map(|c| vec![self.id(c)]).unwrap_or_default(),
                0,
            ));
        }
        let push_body = |out: &mut Vec<Paragraph>, body: &Sub| {
            if let Some((text, _, c)) = self.sub_text(body) {
                let ids = c.map(|c| vec![self.id(c)]).unwrap_or_default();
                out.push(para(text.to_string(), Style::Body, ids, 0));
            }
        };
        let (before, after) = self.place_bodies(p);
        for body in &before {
            push_body(&mut out, body);
        }
        let style = self.style_of(p);
        let mut k = 0;
        for (sub, bodies) in p.subs.iter().zip(&after) {
            let Some((text, lead_len, c)) = self.sub_text(sub) else {
                bodies.iter().for_each(|b| push_body(&mut out, b));
                continue;
            };
            k += 1;
            let mut line = String::with_capacity(text.len() + 16);
            push_sub_marker(&mut line, style, k);
            let m = line.len();
            let ids = c.map(|c| vec![self.id(c)]).unwrap_or_default();
            match style {
                SubStyle::Paren => {
                    line.push_str(&heading_text(&text[..lead_len]));
                    // The phrase's id goes with its first paragraph only.
                    out.push(para(line, Style::Heading2, ids, 0));
                    out.push(para(text[lead_len..].trim().to_string(), Style::Body, Vec::new(), 0));
                }
                SubStyle::Yao => {
                    let rest = text.strip_prefix('要').unwrap_or(text);
                    let lead_len = m + lead_len - (text.len() - rest.len());
                    line.push_str(rest);
                    out.push(para(line, Style::Body, ids, lead_len));
                }
                SubStyle::Shi | SubStyle::Arabic => {
                    line.push_str(text);
                    out.push(para(line, Style::Body, ids, m + lead_len));
                }
            }
            for body in bodies {
                push_body(&mut out, body);
            }
        }
        (heading, out)
    }

    /// The mean length of a piece's alternatives (0 if it has none).
    fn avg_len(&self, piece: &str) -> usize {
        self.piece_means.get(piece).copied().unwrap_or(0)
    }

    /// The mean rendered length of a pool's candidates (0 if none renders).
    fn pool_mean(&self, pool: &[Entry]) -> usize {
        pool.iter().map(|e| e.chars as usize).sum::<usize>() / pool.len().max(1)
    }

    /// Adds phrases of `pool` to `list` while `room` is left, up to `cap` of them; returns the
    /// length added.
    #[allow(clippy::too_many_arguments)]
    fn fill_list(
        &self,
        stream: &mut Stream,
        pool: &[Entry],
        list: &mut Vec<usize>,
        cap: usize,
        mut room: usize,
        used: &mut [bool],
    ) -> usize {
        let mut added = 0;
        let slack = room / 10;
        while list.len() < cap && room > 40 {
            let Some(c) = self.pick_fit(stream, pool, used, |_| Some(0), room + slack, false) else {
                break;
            };
            used[c] = true;
            list.push(c);
            let len = self.clen(c);
            added += len;
            room = room.saturating_sub(len);
        }
        added
    }

    fn leader_speech(&self, seed: u64, used: &mut [bool], warnings: &mut Vec<String>) -> Vec<Section> {
        let title = self.title_section(seed);
        let n = self.brief.outline.points as usize;
        let target = self.brief.outline.length as usize;

        // Budgets, from the brief alone: the opening's frame and a share of the target, the
        // closing likewise, the rest shared evenly by the points.
        let brief = self.brief;
        let opening_frame = self.avg_len("salutation")
            + self.avg_len("opening")
            + self.figures_len
            + if brief.meeting.reporter.is_some() {
                self.avg_len("report")
            } else {
                0
            }
            + if brief.meeting.commendation {
                self.avg_len("commend")
            } else {
                0
            }
            + self.avg_len("announce");
        // What the opening and closing can hold beyond their frame goes to the points.
        let opening_more = self.pool_mean(&self.pools.openings) * self.pools.openings.len().min(3)
            + self.avg_len("opening_more") * self.piece("opening_more").len().min(2);
        let opening_budget = opening_frame.max(target * 12 / 100).min(opening_frame + opening_more);
        let first = if self.pools.closings_first.is_empty() {
            self.avg_len("closing")
        } else {
            self.pool_mean(&self.pools.closings_first)
        };
        let closing_more = self.pool_mean(&self.pools.closings_more) * self.pools.closings_more.len().min(2);
        let closing_budget = first.max(target * 5 / 100).min(first + closing_more);
        let frame_title = self.avg_len("title") + self.avg_len("byline");
        let point_budget = target.saturating_sub(frame_title + opening_budget + closing_budget) / n.max(1);

        // Opening.
        let mut os = Stream::new(seed, "opening");
        let salutation = self.choose(&mut os, "salutation").unwrap_or("同志们：").to_string();
        let mut purpose = self.choose(&mut os, "opening").map(str::to_string);
        let bank_purpose = self.bank_purpose(&mut os, used);
        if bank_purpose.is_some() {
            purpose = None;
        }
        let report = if self.brief.meeting.reporter.is_some() {
            self.choose(&mut os, "report").map(str::to_string)
        } else {
            None
        };
        let commend = if self.brief.meeting.commendation {
            self.choose(&mut os, "commend").map(str::to_string)
        } else {
            None
        };
        let anchored = self.names_congress(purpose.as_deref(), bank_purpose);
        let announce = self
            .congress_announce(&mut os, anchored, |t| !self.avoid.overlaps(t))
            .or_else(|| self.choose(&mut os, "announce").map(str::to_string));
        let figures = self.figures_paragraph(&mut os);
        let frame_len: usize = [
            Some(salutation.as_str()),
            purpose.as_deref(),
            figures.as_deref(),
            report.as_deref(),
            commend.as_deref(),
            announce.as_deref(),
        ]
        .iter()
        .map(|t| t.map_or(0, chars))
        .sum();
        let mut openings: Vec<usize> = bank_purpose.into_iter().collect();
        let room = opening_budget.saturating_sub(frame_len + openings.iter().map(|&c| self.clen(c)).sum::<usize>());
        let added = self.fill_list(&mut os, &self.pools.openings, &mut openings, 3, room, used);
        let mut room = room.saturating_sub(added);
        let mut more: Vec<String> = Vec::new();
        let mut options: Vec<&str> = self.piece("opening_more").iter().map(String::as_str).collect();
        options = self.fresh(&options, |t| t, "opening paragraph");
        while more.len() < 2 && room > 60 {
            let fit: Vec<&str> = options
                .iter()
                .copied()
                .filter(|t| chars(t) <= room + room / 10 && !more.iter().any(|m| m == t))
                .collect();
            let Some(t) = os.pick(&fit) else { break };
            room = room.saturating_sub(chars(t));
            more.push((*t).to_string());
        }

        // Points.
        let plans = self.plan_points(seed, "plan", used, warnings);
        let styles = numbering(seed, Kind::LeaderSpeech);
        let mut points: Vec<PointFill> = Vec::new();
        let mut frame_used = self.frames_unused();
        // What a point leaves of its share goes to the points after it.
        let mut left = point_budget * n;
        for (i, plan) in plans.into_iter().enumerate() {
            let place = format!("point/{}", i + 1);
            let budget = left / (n - i).max(1);
            let p = self.fill_point(seed, &place, plan, used, &styles, &mut frame_used, budget);
            left = left.saturating_sub(self.fill_len(&p));
            points.push(p);
        }
        self.number_alike(&mut points, &styles);
        let thin_points = points.iter().filter(|p| p.subs.len() < 2).count();
        if thin_points > 0 {
            warnings.push(format!(
                "{thin_points} points have fewer than two sub-points: the phrase bank has too few for this brief"
            ));
        }

        // Closing.
        let (first_closing, closing_frame, closings_more) = self.closing_parts(seed, closing_budget, 2, used);
        self.leader_sections(
            &title,
            seed,
            (
                &salutation,
                purpose.as_deref(),
                figures.as_deref(),
                report.as_deref(),
                commend.as_deref(),
                announce.as_deref(),
            ),
            (&openings, &more),
            &points,
            (first_closing, closing_frame.as_deref(), &closings_more),
        )
    }

    /// The sections of filled points, `prefix/1`, `prefix/2`…, headed in `style`.
    fn point_sections<'s>(
        &'s self,
        seed: u64,
        points: &'s [PointFill],
        prefix: &'s str,
        style: Style,
    ) -> impl Iterator<Item = Section> + 's {
        points.iter().enumerate().map(move |(i, p)| {
            let place = format!("{prefix}/{}", i + 1);
            let (heading, paragraphs) = self.point_paragraphs(p, style, i + 1);
            Section {
                seed: section_seed(seed, &place),
                role: place,
                heading: Some(heading),
                paragraphs,
            }
        })
    }

    /// The closing's parts from its own stream: a first paragraph from the bank (同志们，…) or
    /// the frame's, then up to `max_more` further bank paragraphs within `budget`.
    fn closing_parts(
        &self,
        seed: u64,
        budget: usize,
        max_more: usize,
        used: &mut [bool],
    ) -> (Option<usize>, Option<String>, Vec<usize>) {
        let mut cs = Stream::new(seed, "closing");
        let first = self.pick_fit(
            &mut cs,
            &self.pools.closings_first,
            used,
            |_| Some(0),
            budget * 6 / 5,
            false,
        );
        if let Some(c) = first {
            used[c] = true;
        }
        let frame = self.choose(&mut cs, "closing").map(str::to_string);
        let first_len = first.map_or_else(|| frame.as_deref().map_or(0, chars), |c| self.clen(c));
        let mut more: Vec<usize> = Vec::new();
        let room = budget.saturating_sub(first_len);
        self.fill_list(&mut cs, &self.pools.closings_more, &mut more, max_more, room, used);
        // Wishes (最后，在春节即将到来之际…) come last but for the thanks (谢谢大家！).
        more.sort_by_key(|&c| self.rendered(c).map_or(0, |r| closing_place(&r.text)));
        (first, frame, more)
    }

    #[allow(clippy::type_complexity)]
    fn leader_sections(
        &self,
        title: &Section,
        seed: u64,
        frame: OpeningFrame<'_>,
        openings: (&[usize], &[String]),
        points: &[PointFill],
        closing: (Option<usize>, Option<&str>, &[usize]),
    ) -> Vec<Section> {
        let op = self.opening_paragraphs(frame, openings);
        let mut sections = vec![
            title.clone(),
            Section {
                role: "opening".into(),
                heading: None,
                paragraphs: op,
                seed: section_seed(seed, "opening"),
            },
        ];
        sections.extend(self.point_sections(seed, points, "point", Style::Heading1));
        sections.push(self.closing_section(seed, closing));
        sections
    }

    /// The opening of a leader's speech: salutation, purpose, figures, opening phrases, the
    /// report and commendation, and the announcement of the points.
    fn opening_paragraphs(&self, frame: OpeningFrame<'_>, openings: (&[usize], &[String])) -> Vec<Paragraph> {
        let (salutation, purpose, figures, report, commend, announce) = frame;
        let (openings, more) = openings;
        let mut op = vec![para(salutation.to_string(), Style::Salutation, Vec::new(), 0)];
        op.extend(purpose.map(|t| para(t.to_string(), Style::Body, Vec::new(), 0)));
        for &c in openings {
            if let Some(r) = self.rendered(c) {
                op.push(para(r.text.clone(), Style::Body, vec![self.id(c)], 0));
            }
        }
        // The year's figures follow the look back on it, when the opening has one.
        let split = |t: &String| {
            t.split_once('|')
                .map(|(k, t)| (k.trim() == "back", t.trim().to_string()))
        };
        let more: Vec<(bool, String)> = more.iter().filter_map(split).collect();
        for (_, t) in more.iter().filter(|(back, _)| *back) {
            op.push(para(t.clone(), Style::Body, Vec::new(), 0));
        }
        op.extend(figures.map(|t| para(t.to_string(), Style::Body, Vec::new(), 0)));
        for (_, t) in more.iter().filter(|(back, _)| !*back) {
            op.push(para(t.clone(), Style::Body, Vec::new(), 0));
        }
        let event: String = [report, commend].into_iter().flatten().collect();
        if !event.is_empty() {
            op.push(para(event, Style::Body, Vec::new(), 0));
        }
        if let Some(a) = announce {
            match op.last_mut() {
                Some(last) if last.style == Style::Body => last.text.push_str(a),
                _ => op.push(para(a.to_string(), Style::Body, Vec::new(), 0)),
            }
        }
        op
    }

    fn closing_section(&self, seed: u64, closing: (Option<usize>, Option<&str>, &[usize])) -> Section {
        let (first, frame, more) = closing;
        let mut paragraphs = Vec::new();
        match first.and_then(|c| self.rendered(c).map(|r| (c, r))) {
            Some((c, r)) => paragraphs.push(para(r.text.clone(), Style::Body, vec![self.id(c)], 0)),
            None => {
                if let Some(t) = frame {
                    paragraphs.push(para(t.to_string(), Style::Body, Vec::new(), 0));
                }
            }
        }
        for &c in more {
            if let Some(r) = self.rendered(c) {
                paragraphs.push(para(r.text.clone(), Style::Body, vec![self.id(c)], 0));
            }
        }
        Section {
            role: "closing".into(),
            heading: None,
            paragraphs,
            seed: section_seed(seed, "closing"),
        }
    }

    fn figures_paragraph(&self, stream: &mut Stream) -> Option<String> {
        if self.piece("figures_lead").is_empty() {
            return self.figures.first().cloned();
        }
        // The figures are the brief's: only the lead can differ from an avoided speech.
        let all: Vec<&str> = self.figures.iter().map(String::as_str).collect();
        let fresh = self.fresh(&all, |t| t, "lead for the figures");
        stream.pick(&fresh).map(|t| (*t).to_string())
    }

    /// Adds one achievement item (heading and body) to the review within `room` characters;
    /// returns its length. With `must`, an item is added even if none fits.
    ///
    /// A heading stands over a paragraph on its task: a bank heading is drawn only while an
    /// unused bank body shares one of its themes, and carries such a body; one that names no
    /// theme of the lexicon (生产保护工作取得新突破) is never drawn, as the bank's paragraphs
    /// that name none are summaries (2025年以来，特别是下半年以来…), not the work it names.
    /// The other kind of item is a frame one (`frame_left`, indices in
    /// [`Composer::ach_frames`]); which kind is drawn goes by how many of each are left, and a
    /// draw that finds none of its kind falls to the other. Both prefer tasks not `taken` (theme
    /// bits) by the items before.
    #[allow(clippy::too_many_arguments)]
    fn add_item(
        &self,
        items: &mut Vec<Item>,
        frame_left: &mut Vec<usize>,
        taken: &mut [u64],
        used: &mut [bool],
        stream: &mut Stream,
        room: usize,
        must: bool,
    ) -> Option<usize> {
        // The themes of the bank bodies left.
        let left = union_bits(
            self.pools.ach_bodies.iter().filter(|e| !used[e.c]),
            &self.theme_bits,
            self.theme_words,
        );
        let head_tier = |e: &Entry| {
            self.shares_bits(e, &left)
                .then(|| usize::from(self.shares_bits(e, taken)))
        };
        let fits = |j: &usize| must || self.ach_frames[*j].chars <= room;
        // Bank or frame by how many of each are left, a bank heading counting twice (its
        // wording is a real speech's): a review that always took the bank's few fitting
        // headings first would give two seeds the same items.
        let heads = self
            .pools
            .ach_heads
            .iter()
            .filter(|e| !used[e.c] && head_tier(e).is_some())
            .count();
        let frames = frame_left.iter().filter(|j| fits(j)).count();
        let bank_first = heads > 0 && (frames == 0 || stream.below(2 * heads + frames) < 2 * heads);
        if bank_first && let Some(h) = self.pick_in_tiers(stream, &self.pools.ach_heads, used, head_tier) {
            let head = self.rendered(h).map(|r| heading_text(&r.text)).unwrap_or_default();
            let bits = self.bits_of(&self.cands[h].themes);
            let tier = |e: &Entry| self.shares_bits(e, &bits).then_some(0);
            let body_room = room.saturating_sub(chars(&head) + 3);
            let b = self.pick_fit(stream, &self.pools.ach_bodies, used, tier, body_room, must);
            if let Some(b) = b {
                used[h] = true;
                used[b] = true;
                taken.iter_mut().zip(&bits).for_each(|(t, b)| *t |= b);
                let body = self.rendered(b).map(|r| r.text.clone()).unwrap_or_default();
                let len = chars(&head) + self.clen(b) + 3;
                items.push((head, Some(h), body, Some(b), Vec::new()));
                return Some(len);
            }
        }
        let fresh = |j: &usize| !self.ach_frames[*j].themes.iter().any(|&t| has_theme(taken, t));
        let k = frame_left
            .iter()
            .position(|j| fits(j) && fresh(j))
            .or_else(|| frame_left.iter().position(fits))?;
        let f = &self.ach_frames[frame_left.remove(k)];
        for &t in &f.themes {
            let (word, bit) = theme_bit(t);
            taken[word] |= bit;
        }
        items.push((f.head.clone(), None, f.body.clone(), None, Vec::new()));
        Some(f.chars)
    }

    /// A bank paragraph of `pool` standing in for the frame's `piece` (a lead, a statement of
    /// purpose), if `stream` takes one: as often as the pool has paragraphs to the frame's lines.
    /// The paragraph is marked used.
    fn stand_in(
        &self,
        stream: &mut Stream,
        pool: &[Entry],
        piece: &str,
        room: usize,
        used: &mut [bool],
    ) -> Option<usize> {
        let bank = pool.iter().filter(|e| !used[e.c]).count();
        let frame = self.pieces.get(piece).map_or(0, Vec::len);
        if bank == 0 || stream.below(bank + frame) >= bank {
            return None;
        }
        let c = self.pick_fit(stream, pool, used, |_| Some(0), room, false)?;
        used[c] = true;
        Some(c)
    }

    /// The review's lessons from the bank, if this seed takes them (see [`Composer::stand_in`]).
    pub(crate) fn bank_lessons(&self, seed: u64, used: &mut [bool]) -> Option<usize> {
        let mut ls = Stream::new(seed, "review/lessons");
        let room = self.avg_len("lessons") * 3 / 2;
        self.stand_in(&mut ls, &self.pools.lessons, "lessons", room, used)
    }

    /// The opening's statement of the meeting's purpose from the bank, if this seed takes one
    /// (see [`Composer::stand_in`]).
    pub(crate) fn bank_purpose(&self, os: &mut Stream, used: &mut [bool]) -> Option<usize> {
        let room = self.avg_len("opening") * 3 / 2;
        self.stand_in(os, &self.pools.purposes, "opening", room, used)
    }

    /// Fills the review's achievements (two to five) and problems (one to three) within
    /// `budget` characters. Returns whether the problems open with a bank paragraph that says
    /// there are problems, which then stands in for the frame's lead.
    #[allow(clippy::too_many_arguments)]
    fn fill_review(
        &self,
        achs: &mut Stream,
        ps: &mut Stream,
        items: &mut Vec<Item>,
        frame_left: &mut Vec<usize>,
        problems: &mut Vec<usize>,
        budget: usize,
        used: &mut [bool],
    ) -> bool {
        let problems_budget = budget / 5;
        let mut rem = budget - problems_budget;
        let mut taken = vec![0u64; self.theme_words];
        for k in 0..2usize {
            let room = (rem / (2 - k)) * 6 / 5;
            if let Some(len) = self.add_item(items, frame_left, &mut taken, used, achs, room, true) {
                rem = rem.saturating_sub(len);
            }
        }
        let slack = budget / 20;
        while items.len() < 5 && rem > slack.max(60) {
            match self.add_item(items, frame_left, &mut taken, used, achs, rem + slack, false) {
                Some(len) => rem = rem.saturating_sub(len),
                None => break,
            }
        }
        // Room left: a second body for the bank's items, in turn, on the item's themes.
        for (_, h, _, _, more) in items.iter_mut() {
            let Some(h) = *h else { continue };
            if rem <= slack.max(60) {
                break;
            }
            let bits = self.bits_of(&self.cands[h].themes);
            let on_theme = |e: &Entry| self.shares_bits(e, &bits).then_some(0);
            if let Some(c) = self.pick_fit(achs, &self.pools.ach_bodies, used, on_theme, rem + slack, false) {
                used[c] = true;
                rem = rem.saturating_sub(self.clen(c));
                more.push(c);
            }
        }
        let mut room = problems_budget + rem;
        // The lead to the problems: the frame's, or a bank paragraph that says it (and may go
        // on to list them).
        let mut complete = false; // a bank lead that lists the problems and sums them up
        let bank_lead = match self.stand_in(ps, &self.pools.problem_leads, "problems_lead", room, used) {
            Some(c) => {
                problems.push(c);
                room = room.saturating_sub(self.clen(c));
                complete = self.rendered(c).is_some_and(|r| sums_up_problems(&r.text));
                true
            }
            None => false,
        };
        if room > 40
            && !complete
            && let Some(c) = self.pick_fit(ps, &self.pools.problems, used, |_| Some(0), room, !bank_lead)
        {
            used[c] = true;
            problems.push(c);
            let left = room.saturating_sub(self.clen(c));
            self.fill_list(ps, &self.pools.problems, problems, 3, left, used);
        }
        // A summing-up comes after what it sums up.
        let lead = usize::from(bank_lead);
        if let Some(k) = problems[lead..]
            .iter()
            .position(|&c| self.rendered(c).is_some_and(|r| sums_up_problems(&r.text)))
        {
            let c = problems.remove(lead + k);
            problems.push(c);
        }
        bank_lead
    }

    fn work_report(&self, seed: u64, used: &mut [bool], warnings: &mut Vec<String>) -> Vec<Section> {
        let title = self.title_section(seed);
        let n = self.brief.outline.points as usize;
        let target = self.brief.outline.length as usize;

        // Budgets, from the brief alone: the frame's expected length, then the rest shared by
        // the review (two fifths) and the plan's tasks.
        let frame = self.avg_len("title")
            + self.avg_len("byline")
            + self.avg_len("salutation")
            + self.avg_len("opening")
            + self.avg_len("review_heading")
            + self.avg_len("review_intro")
            + self.figures_len
            + self.avg_len("lessons")
            + self.avg_len("problems_lead")
            + self.avg_len("plan_heading")
            + self.avg_len("requirements");
        let first = if self.pools.closings_first.is_empty() {
            self.avg_len("closing")
        } else {
            self.pool_mean(&self.pools.closings_first)
        };
        let closing_more = self.pool_mean(&self.pools.closings_more).min(target / 10);
        let closing_budget = first.max(target * 4 / 100).min(first + closing_more);
        let rest = target.saturating_sub(frame + closing_budget);
        let review_budget = rest * 2 / 5;
        let task_budget = (rest - review_budget) / n.max(1);

        let mut os = Stream::new(seed, "opening");
        let mut opening = Vec::new();
        if let Some(t) = self.choose(&mut os, "salutation") {
            opening.push(para(t.to_string(), Style::Salutation, Vec::new(), 0));
        }
        if let Some(t) = self.choose(&mut os, "opening") {
            opening.push(para(t.to_string(), Style::Body, Vec::new(), 0));
        }

        // Review: intro, figures, achievements (（一）…), lessons, problems.
        let mut rs = Stream::new(seed, "review");
        let review_heading = format!(
            "{}{}",
            point_marker(1),
            self.choose(&mut rs, "review_heading").unwrap_or_default()
        );
        let review_intro = self.choose(&mut rs, "review_intro").map(str::to_string);
        let figures = self.figures_paragraph(&mut rs);
        let lessons = self.choose(&mut rs, "lessons").map(str::to_string);
        let lessons_bank = self.bank_lessons(seed, used);
        let mut problems_lead = self.choose(&mut rs, "problems_lead").map(str::to_string);
        let mut achs = Stream::new(seed, "review/achievements");
        let mut items: Vec<Item> = Vec::new();
        let frame_items: Vec<usize> = (0..self.ach_frames.len()).collect();
        let mut frame_left = self.fresh(&frame_items, |j| self.ach_frames[j].body.as_str(), "achievement");
        achs.shuffle(&mut frame_left);
        let mut ps = Stream::new(seed, "review/problems");
        let mut problems: Vec<usize> = Vec::new();
        if self.fill_review(
            &mut achs,
            &mut ps,
            &mut items,
            &mut frame_left,
            &mut problems,
            review_budget,
            used,
        ) {
            problems_lead = None;
        }
        let problems_frame = if problems.is_empty() {
            self.choose(&mut ps, "problems").map(str::to_string)
        } else {
            None
        };

        // Plan: heading, requirements, tasks.
        let mut pls = Stream::new(seed, "plan");
        let plan_heading = format!(
            "{}{}",
            point_marker(2),
            self.choose(&mut pls, "plan_heading").unwrap_or_default()
        );
        let requirements = self.choose(&mut pls, "requirements").map(str::to_string);
        let plans = self.plan_points(seed, "plan/points", used, warnings);
        let styles = numbering(seed, Kind::WorkReport);
        let mut tasks: Vec<PointFill> = Vec::new();
        let mut frame_used = self.frames_unused();
        // What the review and each task leave of their shares goes to the tasks after them.
        let review_len: usize = items
            .iter()
            .map(|(h, _, b, bc, more)| {
                chars(h)
                    + bc.map_or_else(|| chars(b), |c| self.clen(c))
                    + more.iter().map(|&c| self.clen(c)).sum::<usize>()
            })
            .sum::<usize>()
            + problems.iter().map(|&c| self.clen(c)).sum::<usize>()
            + lessons_bank.map_or(0, |c| self.clen(c).saturating_sub(self.avg_len("lessons")));
        let mut left = task_budget * n + review_budget.saturating_sub(review_len);
        for (i, plan) in plans.into_iter().enumerate() {
            let place = format!("plan/{}", i + 1);
            let budget = left / (n - i).max(1);
            let p = self.fill_point(seed, &place, plan, used, &styles, &mut frame_used, budget);
            left = left.saturating_sub(self.fill_len(&p));
            tasks.push(p);
        }
        self.number_alike(&mut tasks, &styles);
        let (first_closing, closing_frame, closings_more) = self.closing_parts(seed, closing_budget, 1, used);
        // Assemble.
        let review = self.review_paragraphs(ReviewParts {
            heading: review_heading.clone(),
            intro: review_intro,
            figures,
            items,
            lessons,
            lessons_bank,
            problems_lead,
            problems,
            problems_frame,
        });
        let mut plan = vec![para(plan_heading.clone(), Style::Heading1, Vec::new(), 0)];
        plan.extend(requirements.map(|t| para(t, Style::Body, Vec::new(), 0)));
        let mut sections = vec![
            title,
            Section {
                role: "opening".into(),
                heading: None,
                paragraphs: opening,
                seed: section_seed(seed, "opening"),
            },
            Section {
                role: "review".into(),
                heading: Some(review_heading),
                paragraphs: review,
                seed: section_seed(seed, "review"),
            },
            Section {
                role: "plan".into(),
                heading: Some(plan_heading),
                paragraphs: plan,
                seed: section_seed(seed, "plan"),
            },
        ];
        sections.extend(self.point_sections(seed, &tasks, "plan", Style::Heading2));
        sections.push(self.closing_section(seed, (first_closing, closing_frame.as_deref(), &closings_more)));
        sections
    }

    /// The review's paragraphs: heading, intro, figures, achievements (（一）…), lessons, problems.
    fn review_paragraphs(&self, parts: ReviewParts) -> Vec<Paragraph> {
        let ReviewParts {
            heading: review_heading,
            intro: review_intro,
            figures,
            items,
            lessons,
            lessons_bank,
            problems_lead,
            problems,
            problems_frame,
        } = parts;
        let mut review = vec![para(review_heading, Style::Heading1, Vec::new(), 0)];
        review.extend(review_intro.map(|t| para(t, Style::Body, Vec::new(), 0)));
        review.extend(figures.map(|t| para(t, Style::Body, Vec::new(), 0)));
        for (i, (head, h, body, b, more)) in items.into_iter().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            review.push(para(
                format!("（{}）{head}", cn_num(n)),
                Style::Heading2,
                h.map(|h| vec![self.id(h)]).unwrap_or_default(),
                0,
            ));
            if !body.is_empty() {
                review.push(para(
                    body.clone(),
                    Style::Body,
                    b.map(|b| vec![self.id(b)]).unwrap_or_default(),
                    0,
                ));
            }
            for c in more {
                if let Some(r) = self.rendered(c) {
                    review.push(para(r.text.clone(), Style::Body, vec![self.id(c)], 0));
                }
            }
        }
        match lessons_bank.and_then(|c| self.rendered(c).map(|r| (c, r))) {
            Some((c, r)) => review.push(para(r.text.clone(), Style::Body, vec![self.id(c)], 0)),
            None => review.extend(lessons.map(|t| para(t, Style::Body, Vec::new(), 0))),
        }
        review.extend(problems_lead.map(|t| para(t, Style::Body, Vec::new(), 0)));
        let problems = problems
            .iter()
            .filter_map(|&c| {
                self.rendered(c)
                    .map(|r| para(r.text.clone(), Style::Body, vec![self.id(c)], 0))
            })
            .collect();
        review.extend(problem_paragraphs(problems));
        review.extend(problems_frame.map(|t| para(t, Style::Body, Vec::new(), 0)));
        review
    }
}

/// One draft of `brief` for `seed`: a convenience over [`Composer`].
pub fn compose(brief: &Brief, bank: &Bank, templates: &Templates, seed: u64) -> Result<Draft> {
    Ok(Composer::new(brief, bank, templates)?.draft(seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_outside_slots_are_found() {
        assert!(has_digit_outside_slots("共有369个基层工会"));
        assert!(has_digit_outside_slots("{{ year }}年增长１成"));
        assert!(!has_digit_outside_slots("{{ year }}年，{{ lv.all }}各级工会"));
    }

    #[test]
    fn leads_that_differ_only_in_emphasis_are_the_same() {
        assert_eq!(lead_key("要大力弘扬劳模精神。要…"), lead_key("弘扬劳模精神。"));
        assert_eq!(lead_key("切实保障职工的民主权利。"), lead_key("保障职工的民主权利。"));
        assert_eq!(lead_key("要进一步深入开展劳动竞赛；"), "开展劳动竞赛");
        assert_ne!(lead_key("弘扬劳模精神。"), lead_key("弘扬工匠精神。"));
    }

    #[test]
    fn profiles_have_the_right_length_and_order() {
        for kind in [Kind::LeaderSpeech, Kind::WorkReport] {
            for n in 2..=6 {
                for p in profiles(kind, n) {
                    assert_eq!(p.len(), n);
                    assert!(p.windows(2).all(|w| w[0] <= w[1]));
                }
            }
        }
    }

    #[test]
    fn an_empty_bank_still_gives_a_framed_draft() {
        let brief = crate::brief::parse(
            std::path::Path::new("t.toml"),
            "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"某县\"\nlevel = \"县\"\n",
        )
        .expect("brief");
        let bank = Bank::default();
        let t = Templates::embedded().expect("templates");
        let d = compose(&brief, &bank, &t, 1).expect("draft");
        assert!(d.text.contains("同志们："));
        assert!(d.text.contains("一、"));
        assert!(!d.warnings.is_empty());
    }
}
