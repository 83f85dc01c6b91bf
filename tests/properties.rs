//! Properties of generation over random valid briefs: whatever the levels, years, points, figures
//! (values and growths of any sign, zero included), reporter, speaker and focus, a draft from the
//! embedded bank has no unfilled slot, consecutive numbering, every figure's value and unit, no
//! Arabic number the brief does not give, and the same seed gives the same draft.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use jianggao::bank::Bank;
use jianggao::brief::{self, Brief};
use jianggao::compose::compose;
use jianggao::draft::{Draft, Style};
use jianggao::render::Templates;
use proptest::prelude::*;

/// Figure labels and units: plain words without digits, so any digit in a draft comes from a value.
const LABELS: [&str; 14] = [
    "地区生产总值",
    "财政收入",
    "新建基层工会",
    "新发展会员",
    "帮扶困难职工",
    "发放助学金",
    "原煤产量",
    "培训职工",
    "职工书屋",
    "劳模创新工作室",
    "集体合同签订率",
    "困难职工建档",
    "职工医疗互助参保",
    "农民工入会",
];
const UNITS: [&str; 8] = ["亿元", "万元", "元", "个", "人", "户", "万吨", "%"];
const SURNAMES: [&str; 6] = ["王", "李", "张", "刘", "陈", "杨"];
const GIVEN: [&str; 6] = ["志刚", "明", "建华", "秀英", "伟", "海燕"];

/// A number as written in a brief: optional sign, integer part, optional 1–2 decimals.
fn number() -> impl Strategy<Value = String> {
    (
        prop_oneof![3 => Just(""), 1 => Just("-")],
        prop_oneof![Just(0u32), 1u32..10, 10u32..1000, 1000u32..1_000_000],
        prop_oneof![Just(None), (0u32..10).prop_map(Some), (10u32..100).prop_map(Some)],
    )
        .prop_map(|(sign, int, frac)| match frac {
            Some(f) => format!("{sign}{int}.{f}"),
            None => format!("{sign}{int}"),
        })
}

#[derive(Debug, Clone)]
struct FigureSpec {
    label: usize,
    unit: usize,
    value: String,
    growth: Option<String>,
}

#[derive(Debug, Clone)]
struct Spec {
    kind: &'static str,
    level: usize,
    short: Option<&'static str>,
    year: u32,
    points: u32,
    figures: Vec<FigureSpec>,
    reporter: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
    focus: Vec<usize>,
    seed: u64,
}

const LEVELS: [&str; 4] = ["县", "市", "区", "企业"];
const NAMES: [&str; 4] = ["青山县", "江城市", "河西区", "青山煤业公司"];

fn spec() -> impl Strategy<Value = Spec> {
    let figure = (
        0..LABELS.len(),
        0..UNITS.len(),
        number(),
        proptest::option::of(number()),
    )
        .prop_map(|(label, unit, value, growth)| FigureSpec {
            label,
            unit,
            value,
            growth,
        });
    let person = proptest::option::of((0..SURNAMES.len(), 0..GIVEN.len()));
    (
        prop_oneof![Just("leader_speech"), Just("work_report")],
        0..LEVELS.len(),
        prop_oneof![Just(None), Just(Some("矿")), Just(Some("厂")), Just(Some("公司"))],
        1990u32..=2100,
        2u32..=6,
        proptest::collection::vec(figure, 0..=12),
        person.clone(),
        person,
        proptest::collection::vec(any::<prop::sample::Index>(), 0..=3),
        any::<u64>(),
    )
        .prop_map(
            |(kind, level, short, year, points, mut figures, reporter, speaker, focus, seed)| {
                // Labels must differ: keep the first figure of each label.
                let mut seen = BTreeSet::new();
                figures.retain(|f| seen.insert(f.label));
                let themes = jianggao::themes::names();
                let mut focus: Vec<usize> = focus.iter().map(|i| i.index(themes.len().max(1))).collect();
                focus.sort_unstable();
                focus.dedup();
                if themes.is_empty() {
                    focus.clear();
                }
                Spec {
                    kind,
                    level,
                    short: if LEVELS[level] == "企业" { short } else { None },
                    year,
                    points,
                    figures,
                    reporter,
                    speaker,
                    focus,
                    seed,
                }
            },
        )
}

impl Spec {
    fn toml(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(t, "kind = \"{}\"\nyear = {}\n", self.kind, self.year);
        let _ = writeln!(
            t,
            "[organisation]\nname = \"{}\"\nlevel = \"{}\"",
            NAMES[self.level], LEVELS[self.level]
        );
        if let Some(s) = self.short {
            let _ = writeln!(t, "short = \"{s}\"");
        }
        if let Some((s, g)) = self.reporter {
            let _ = writeln!(t, "\n[meeting]\nreporter = \"{}{}\"", SURNAMES[s], GIVEN[g]);
        }
        if let Some((s, g)) = self.speaker {
            let _ = writeln!(
                t,
                "\n[speaker]\nname = \"{}{}\"\nrole = \"主席\"",
                SURNAMES[s], GIVEN[g]
            );
        }
        let _ = writeln!(t, "\n[outline]\npoints = {}", self.points);
        if !self.focus.is_empty() {
            let themes = jianggao::themes::names();
            let f: Vec<String> = self.focus.iter().map(|&i| format!("\"{}\"", themes[i])).collect();
            let _ = writeln!(t, "focus = [{}]", f.join(", "));
        }
        for f in &self.figures {
            let _ = writeln!(
                t,
                "\n[[figures]]\nlabel = \"{}\"\nvalue = {}\nunit = \"{}\"",
                LABELS[f.label], f.value, UNITS[f.unit]
            );
            if let Some(g) = &f.growth {
                let _ = writeln!(t, "growth = {g}");
            }
        }
        t
    }
}

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::embedded().expect("the embedded bank loads"))
}

fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::embedded().expect("the embedded templates load"))
}

/// The number a marker at the start of `text` gives, for the marker styles of a draft: 一、 （一）
/// 1. 一是 一要.
fn marker(text: &str, style: Style) -> Option<(&'static str, u32)> {
    match style {
        Style::Heading1 => {
            let n: String = text.chars().take_while(|c| *c != '、').collect();
            (n.len() < text.len()).then(|| jianggao::cn::parse_cn_num(&n).map(|n| ("main", n)))?
        }
        _ => crate::generate::marker(text, style),
    }
}

/// Checks that `numbers` run 1, 2, 3….
fn consecutive(name: &str, numbers: &[u32], bad: &mut Vec<String>) {
    let want: Vec<u32> = (1..=u32::try_from(numbers.len()).unwrap_or(u32::MAX)).collect();
    if numbers != want {
        bad.push(format!("{name} numbered {numbers:?}"));
    }
}

/// Numbering, read in draft order: main headings 一、二、… run through the draft; （一）（二）… run
/// under each main heading; body sub-points (1. 一是 一要) run under each heading of either level.
fn check_numbering(d: &Draft, bad: &mut Vec<String>) {
    let mut mains = Vec::new();
    let mut parens: Vec<u32> = Vec::new();
    let mut subs: Vec<(&str, Vec<u32>)> = Vec::new();
    let mut place = String::from("the start");
    let close_subs = |subs: &mut Vec<(&str, Vec<u32>)>, place: &str, bad: &mut Vec<String>| {
        for (style, numbers) in subs.drain(..) {
            consecutive(&format!("{style} sub-points under {place}"), &numbers, bad);
        }
    };
    for p in d.paragraphs() {
        match marker(&p.text, p.style) {
            Some(("main", n)) => {
                close_subs(&mut subs, &place, bad);
                consecutive(&format!("（…） headings under {place}"), &parens, bad);
                parens.clear();
                mains.push(n);
                place = p.text.clone();
            }
            Some(("paren", n)) => {
                close_subs(&mut subs, &place, bad);
                parens.push(n);
                place = p.text.clone();
            }
            Some((style, n)) => match subs.iter_mut().find(|(st, _)| *st == style) {
                Some((_, v)) => v.push(n),
                None => subs.push((style, vec![n])),
            },
            None => {}
        }
    }
    close_subs(&mut subs, &place, bad);
    consecutive(&format!("（…） headings under {place}"), &parens, bad);
    consecutive("main headings", &mains, bad);
}

fn broken_rules(b: &Brief, d: &Draft) -> Vec<String> {
    let mut bad = Vec::new();
    for code in ["{{", "}}", "{%", "%}", "{#"] {
        if d.text.contains(code) {
            bad.push(format!("unfilled template code {code}"));
        }
    }
    check_numbering(d, &mut bad);
    // Every figure, value and unit exactly as given.
    for f in &b.figures {
        let value = format!("{}{}", f.value_text, f.unit);
        if !d.text.contains(&value) {
            bad.push(format!("figure {} {value} missing", f.label));
        }
    }
    // No Arabic number the brief does not give.
    let mut allowed: BTreeSet<String> = [b.year, b.year - 1].iter().map(u32::to_string).collect();
    for f in &b.figures {
        allowed.insert(f.value_text.trim_start_matches('-').to_string());
        allowed.extend(f.growth_text.clone());
    }
    let number = regex::Regex::new(r"[0-9]+(?:\.[0-9]+)?").expect("regex");
    for p in d.paragraphs() {
        for m in number.find_iter(&p.text) {
            let is_marker = m.start() == 0 && p.text[m.end()..].starts_with('.');
            if !is_marker && !allowed.contains(m.as_str()) {
                bad.push(format!("number {} not from the brief in `{}`", m.as_str(), p.text));
            }
        }
    }
    bad
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn generation_keeps_its_rules_for_any_valid_brief(spec in spec()) {
        let toml = spec.toml();
        let b = brief::parse(Path::new("prop.toml"), &toml)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{toml}")))?;
        let d = compose(&b, bank(), templates(), spec.seed)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{toml}")))?;
        let bad = broken_rules(&b, &d);
        prop_assert!(bad.is_empty(), "{bad:#?}\n--- brief\n{toml}--- draft\n{}", d.text);
        let again = compose(&b, bank(), templates(), spec.seed)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{toml}")))?;
        prop_assert_eq!(&d, &again, "same seed, different draft");
    }
}

/// The checker itself: a draft tampered with in each way is caught.
#[test]
fn the_rules_catch_tampered_drafts() {
    let toml = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"青山县\"\nlevel = \"县\"\n\
                [outline]\npoints = 3\n[[figures]]\nlabel = \"财政收入\"\nvalue = 23.1\nunit = \"亿元\"\n";
    let b = brief::parse(Path::new("t.toml"), toml).expect("valid brief");
    let d = compose(&b, bank(), templates(), 7).expect("draft");
    assert!(broken_rules(&b, &d).is_empty(), "{:?}", broken_rules(&b, &d));
    let tamper = |f: &dyn Fn(&mut Draft)| {
        let mut t = d.clone();
        f(&mut t);
        t.text = t.paragraphs().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
        broken_rules(&b, &t)
    };
    let last_body = |t: &mut Draft| -> usize {
        let s = t.sections.len() - 1;
        t.sections[s].paragraphs.len() - 1
    };
    assert!(
        !tamper(&|t| {
            let i = last_body(t);
            let s = t.sections.len() - 1;
            t.sections[s].paragraphs[i].text.push_str("{{ org }}");
        })
        .is_empty()
    );
    assert!(
        !tamper(&|t| {
            let i = last_body(t);
            let s = t.sections.len() - 1;
            t.sections[s].paragraphs[i].text.push_str("共有369个");
        })
        .is_empty()
    );
    assert!(
        !tamper(&|t| {
            for p in t.sections.iter_mut().flat_map(|s| s.paragraphs.iter_mut()) {
                p.text = p.text.replace("23.1亿元", "23亿元");
            }
        })
        .is_empty()
    );
    assert!(
        !tamper(&|t| {
            for p in t.sections.iter_mut().flat_map(|s| s.paragraphs.iter_mut()) {
                if p.style == Style::Heading1 && p.text.starts_with("二、") {
                    p.text = p.text.replacen("二、", "三、", 1);
                }
            }
        })
        .is_empty()
    );
}
