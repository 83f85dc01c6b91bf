//! Arbitrary brief values → a TOML brief → validation → a draft from the embedded bank and
//! templates → every export. Nothing may panic; a valid brief must always give a draft.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use jianggao::bank::Bank;
use jianggao::export::{self, Format, docx::DocFonts};
use jianggao::render::Templates;
use libfuzzer_sys::fuzz_target;
use toml::{Table, Value};

/// A string: mostly from a pool of realistic and hostile values, sometimes anything.
#[derive(Arbitrary, Debug)]
enum Text {
    Pool(u8),
    Any(String),
}

const POOL: [&str; 16] = [
    "青山县",
    "江城市总工会",
    "某某煤矿",
    "王志刚",
    "{{ org }}",
    "{% if true %}x{% endif %}",
    "{# c #}",
    "}}{{",
    "{{ lv.all }}同志",
    "",
    " ",
    "\u{200b}",
    "副书记",
    "\\n\"'",
    "全县工会工作会议",
    "𠮷野家",
];

impl Text {
    fn get(&self) -> String {
        match self {
            Text::Pool(i) => POOL[*i as usize % POOL.len()].to_string(),
            Text::Any(s) => s.clone(),
        }
    }
}

/// A number: mostly inside the allowed range, sometimes anything.
#[derive(Arbitrary, Debug)]
enum Int {
    In(u16),
    Any(i64),
}

impl Int {
    fn get(&self, lo: i64, hi: i64) -> i64 {
        match self {
            Int::In(v) => lo + i64::from(*v) % (hi - lo + 1),
            Int::Any(v) => *v,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct FigureIn {
    label: Text,
    value: f64,
    unit: Text,
    growth: Option<f64>,
}

#[derive(Arbitrary, Debug)]
struct BriefIn {
    work_report: bool,
    year: Int,
    name: Text,
    level: u8,
    short: Option<Text>,
    meeting_name: Option<Text>,
    date: Option<(u8, u8)>,
    reporter: Option<Text>,
    commendation: Option<bool>,
    speaker: Option<Text>,
    role: Option<Text>,
    points: Option<Int>,
    length: Option<Int>,
    focus: Vec<u8>,
    figures: Vec<FigureIn>,
    fonts: Option<Text>,
    seed: u64,
}

fn table(pairs: impl IntoIterator<Item = (&'static str, Option<Value>)>) -> Table {
    pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect()
}

fn s(t: &Text) -> Value {
    Value::String(t.get())
}

impl BriefIn {
    fn toml(&self) -> Option<String> {
        let level = ["县", "市", "区", "企业"][self.level as usize % 4];
        let year = self.year.get(1990, 2100);
        let themes = jianggao::themes::names();
        let mut top = table([
            ("kind", Some(Value::from(if self.work_report { "work_report" } else { "leader_speech" }))),
            ("year", Some(Value::Integer(year))),
        ]);
        top.insert(
            "organisation".into(),
            Value::Table(table([
                ("name", Some(s(&self.name))),
                ("level", Some(Value::from(level))),
                ("short", self.short.as_ref().map(s)),
            ])),
        );
        top.insert(
            "meeting".into(),
            Value::Table(table([
                ("name", self.meeting_name.as_ref().map(s)),
                ("date", self.date.map(|(m, d)| Value::String(format!("{year}-{:02}-{:02}", m % 13, d % 32)))),
                ("reporter", self.reporter.as_ref().map(s)),
                ("commendation", self.commendation.map(Value::Boolean)),
            ])),
        );
        top.insert(
            "speaker".into(),
            Value::Table(table([("name", self.speaker.as_ref().map(s)), ("role", self.role.as_ref().map(s))])),
        );
        let focus: Vec<Value> = self
            .focus
            .iter()
            .take(4)
            .filter_map(|i| themes.get(*i as usize % themes.len().max(1)).map(|t| Value::from(*t)))
            .collect();
        top.insert(
            "outline".into(),
            Value::Table(table([
                ("points", self.points.as_ref().map(|p| Value::Integer(p.get(2, 6)))),
                ("length", self.length.as_ref().map(|l| Value::Integer(l.get(1000, 20000)))),
                ("focus", (!focus.is_empty()).then_some(Value::Array(focus))),
            ])),
        );
        let figures: Vec<Value> = self
            .figures
            .iter()
            .take(16)
            .map(|f| {
                Value::Table(table([
                    ("label", Some(s(&f.label))),
                    ("value", Some(Value::Float(f.value))),
                    ("unit", Some(s(&f.unit))),
                    ("growth", f.growth.map(Value::Float)),
                ]))
            })
            .collect();
        top.insert("figures".into(), Value::Array(figures));
        if let Some(f) = &self.fonts {
            top.insert("style".into(), Value::Table(table([("body", Some(s(f)))])));
        }
        toml::to_string(&top).ok()
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

fuzz_target!(|input: BriefIn| {
    let Some(text) = input.toml() else { return };
    let brief = match jianggao::brief::parse(Path::new("fuzz.toml"), &text) {
        Ok(b) => b,
        Err(e) => {
            let _ = jianggao::report::render(&e, false);
            return;
        }
    };
    let draft = match jianggao::compose::compose(&brief, bank(), templates(), input.seed) {
        Ok(d) => d,
        Err(e) => panic!("a valid brief gave no draft: {e}\n{text}"),
    };
    assert!(!draft.text.is_empty(), "an empty draft\n{text}");
    for format in [Format::Text, Format::Markdown, Format::Json] {
        if let Err(e) = export::one(&draft, format) {
            panic!("{format:?} export failed: {e}\n{text}");
        }
    }
    let fonts = brief.style.as_ref().map(DocFonts::with_brief).unwrap_or_default();
    if let Err(e) = export::docx::to_docx(&draft, &fonts) {
        panic!("docx export failed: {e}\n{text}");
    }
});
