//! The brief: what a secretary writes, validated into a model before any work happens.

//!
//! Validation walks the TOML document with its spans, so that every error names the file, the
//! line and column, the field, the value found and what is allowed.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::bank::{Kind, LevelFamily};
use crate::error::{BriefError, Error, Place, Result};

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

    /// The brief's spelling of this level: 县, 市, 区, 企业.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::County => "县",
            Level::City => "市",
            Level::District => "区",
            Level::Enterprise => "企业",
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
    /// Fonts for the Word export (`[style]`), if the brief names any.
    pub style: Option<DocFonts>,
    /// Earlier speeches whose wording the draft must not repeat (`avoid`), resolved against the
    /// brief's folder.
    pub avoid: Vec<std::path::PathBuf>,
}

/// Fonts for the Word export, each optional (the exporter's defaults fill the rest).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocFonts {
    /// The title line.
    pub title: Option<String>,
    /// The speaker line under the title.
    pub byline: Option<String>,
    /// Body paragraphs.
    pub body: Option<String>,
    /// First-level headings (一、).
    pub heading1: Option<String>,
    /// Second-level headings (（一）).
    pub heading2: Option<String>,
    /// Page numbers in the footer.
    pub page_number: Option<String>,
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
    /// Target length in characters (`minutes` × `rate` when the brief gives minutes).
    pub length: u32,
    /// Speaking time in minutes, if the brief sizes the draft by it.
    pub minutes: Option<u32>,
    /// Speaking rate in characters a minute.
    pub rate: u32,
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
    /// phrased by its sign (增长 / 下降 / 与上年持平). A figure that fell, stood still or is nil
    /// 为 (is) its value rather than 达到 (reaching) it: 劳动争议案件为412件，同比下降8.7%.
    /// Value and unit appear exactly as given.
    #[must_use]
    pub fn phrase(&self) -> String {
        let nil = self.value_text.trim_start_matches(['0', '.']).is_empty();
        let verb = if nil || self.growth.is_some_and(|g| g <= 0.0) {
            "为"
        } else {
            "达到"
        };
        let mut s = format!("{}{verb}{}{}", self.label, self.value_text, self.unit);
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

/// A brief larger than this is refused before it is read: briefs are a few hundred bytes.
pub const MAX_BRIEF_BYTES: u64 = 1 << 20;

/// The years a brief may name.
pub const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;
/// The number of main points (leader_speech) or main tasks (work_report).
pub const POINTS: std::ops::RangeInclusive<u32> = 2..=6;
/// The target length in characters.
pub const LENGTHS: std::ops::RangeInclusive<u32> = 1000..=20000;
/// Default outline.points.
pub const DEFAULT_POINTS: u32 = 3;
/// Default outline.length.
pub const DEFAULT_LENGTH: u32 = 4000;
/// The speaking time in minutes (outline.minutes).
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=120;
/// The speaking rate in characters a minute (outline.rate).
pub const RATES: std::ops::RangeInclusive<u32> = 120..=400;
/// Default outline.rate: about what a speaker reads out at a meeting.
pub const DEFAULT_RATE: u32 = 220;
/// The words an enterprise may use for itself in 全矿 / 矿党委 (organisation.short).
pub const ENTERPRISE_SHORTS: [&str; 10] = ["矿", "厂", "公司", "集团", "局", "场", "站", "院", "所", "校"];
/// organisation.short for an enterprise that gives none.
pub const DEFAULT_ENTERPRISE_SHORT: &str = "公司";

/// The keys of each table of a brief: (table, keys). The top level is "".
pub const SCHEMA: [(&str, &[&str]); 7] = [
    (
        "",
        &[
            "kind",
            "year",
            "organisation",
            "meeting",
            "speaker",
            "outline",
            "figures",
            "style",
            "avoid",
        ],
    ),
    ("organisation", &["name", "level", "short"]),
    ("meeting", &["name", "date", "reporter", "commendation"]),
    ("speaker", &["name", "role"]),
    ("outline", &["points", "focus", "length", "minutes", "rate"]),
    ("figures", &["label", "value", "unit", "growth"]),
    (
        "style",
        &["title", "byline", "body", "heading1", "heading2", "page_number"],
    ),
];

/// An example of each key's value, for messages about wrong types.
fn example_of(field: &str) -> &'static str {
    match field {
        "kind" => "kind = \"leader_speech\"",
        "year" => "year = 2026",
        "organisation" => "[organisation] with name = \"临澧县\" and level = \"县\"",
        "meeting" => "[meeting] with the keys name, date, reporter, commendation",
        "speaker" => "[speaker] with name = \"李明\" and role = \"县委副书记\"",
        "outline" => "[outline] with the keys points, focus, length",
        "style" => "[style] with font names, e.g. body = \"仿宋_GB2312\"",
        "figures" => "[[figures]] (double brackets), one table per figure",
        "organisation.name" => "name = \"临澧县\"",
        "organisation.level" => "level = \"县\"",
        "organisation.short" => "short = \"矿\"",
        "meeting.name" => "name = \"全县工会工作会议\"",
        "meeting.date" => "date = \"2026-02-26\"",
        "meeting.reporter" => "reporter = \"王志刚\"",
        "meeting.commendation" => "commendation = true",
        "speaker.name" => "name = \"李明\"",
        "speaker.role" => "role = \"县委副书记\"",
        "outline.points" => "points = 3",
        "outline.focus" => "focus = [\"劳动竞赛\", \"困难职工帮扶\"]",
        "outline.length" => "length = 4000",
        "outline.minutes" => "minutes = 15",
        "outline.rate" => "rate = 220",
        "avoid" => "avoid = [\"2025讲话.txt\"]",
        "figures.label" => "label = \"地区生产总值\"",
        "figures.value" => "value = 116.5",
        "figures.unit" => "unit = \"亿元\"",
        "figures.growth" => "growth = 8.2",
        _ => "font = \"仿宋_GB2312\"",
    }
}

/// Reads and validates a brief file.
pub fn load(path: &Path) -> Result<Brief> {
    load_with_warnings(path).map(|(brief, _)| brief)
}

/// Reads and validates a brief file; also returns warnings meant for people (e.g. the file was
/// not UTF-8 and was decoded as GB18030).
pub fn load_with_warnings(path: &Path) -> Result<(Brief, Vec<String>)> {
    let (text, warnings) = read_text(path)?;
    match parse(path, &text) {
        Ok(brief) => Ok((brief, warnings)),
        // The error shows decoded text: say how it was read, so the file's bytes are not a puzzle.
        Err(Error::Brief(mut b)) if !warnings.is_empty() => {
            let note = warnings.join("; ");
            b.help = Some(match b.help.take() {
                Some(h) => format!("{h}\nnote: {note}"),
                None => format!("note: {note}"),
            });
            Err(Error::Brief(b))
        }
        Err(e) => Err(e),
    }
}

fn file_error(path: &Path, message: String, help: &str) -> Error {
    Error::Brief(Box::new(BriefError {
        path: path.to_path_buf(),
        source_text: String::new(),
        place: None,
        field: None,
        message,
        help: Some(help.to_string()),
    }))
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads a brief's text: refuses folders and files over [`MAX_BRIEF_BYTES`] before reading,
/// decodes UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK (with a warning).
pub fn read_text(path: &Path) -> Result<(String, Vec<String>)> {
    const INIT: &str = "`jianggao brief init > brief.toml` writes a complete example brief";
    let meta = std::fs::metadata(path)
        .map_err(|e| file_error(path, format!("cannot read the brief: {}", io_message(&e)), INIT))?;
    if meta.is_dir() {
        return Err(file_error(
            path,
            "is a folder, not a brief".into(),
            "give the brief's TOML file, e.g. examples/county.toml",
        ));
    }
    let too_big = |size: u64| {
        file_error(
            path,
            format!(
                "the file is {:.1} MiB, too large for a brief (at most 1 MiB)",
                size as f64 / (1u64 << 20) as f64
            ),
            "a brief is a short TOML file of a few hundred bytes; check that this is the right file",
        )
    };
    if meta.len() > MAX_BRIEF_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| file_error(path, format!("cannot read the brief: {}", io_message(&e)), INIT))?;
    let mut bytes = Vec::new();
    file.take(MAX_BRIEF_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(path, format!("cannot read the brief: {}", io_message(&e)), INIT))?;
    if bytes.len() as u64 > MAX_BRIEF_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    decode(path, &bytes)
}

fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), Vec::new()));
    }
    let shown = path.display();
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _, _) = encoding.decode(bytes);
        return Ok((
            text.into_owned(),
            vec![format!(
                "{shown}: read as {} (it has a byte-order mark); save it as UTF-8 to silence this warning",
                encoding.name()
            )],
        ));
    }
    if bytes.contains(&0) {
        return Err(file_error(
            path,
            "is not a text file".into(),
            "a brief is a TOML text file in UTF-8; `jianggao brief init > brief.toml` writes one",
        ));
    }
    if let Some(text) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok((
            text.into_owned(),
            vec![format!(
                "{shown}: not UTF-8; read it as GB18030 (GBK). Save it as UTF-8 to silence this warning, e.g. \
                 `iconv -f GB18030 -t UTF-8 {shown} > brief-utf8.toml`"
            )],
        ));
    }
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    Err(file_error(
        path,
        format!("line {line}: the text is neither UTF-8 nor GB18030"),
        "save the brief as UTF-8 text (in an editor: Save As → Encoding: UTF-8)",
    ))
}

/// A brief being validated: its path and text, to build errors pointing into it.
struct Ctx<'t> {
    path: &'t Path,
    text: &'t str,
}

/// A table of the brief being validated.
struct Tbl<'a, 'i> {
    /// The schema name: "" (top level), "organisation", "figures", …
    schema: &'static str,
    /// The field path of the table as shown in messages: "organisation", "figures[2]".
    field: String,
    table: &'a DeTable<'i>,
    span: Range<usize>,
}

type Value<'a, 'i> = &'a Spanned<DeValue<'i>>;

impl Tbl<'_, '_> {
    fn field_of(&self, key: &str) -> String {
        if self.field.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.field)
        }
    }

    fn example_key(&self, key: &str) -> String {
        if self.schema.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.schema)
        }
    }
}

/// The edit distance between two strings, by characters: insertions, deletions, substitutions
/// and swaps of two neighbours each count one (optimal string alignment), so `nmae` is one step
/// from `name`.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// The candidate nearest to `word`, if it is near enough to be a likely typo.
#[must_use]
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).max(1) + usize::from(word.chars().count() > 4);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn quoted_list(items: &[&str]) -> String {
    items.join(", ")
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'t> Ctx<'t> {
    fn error(&self, span: Range<usize>, field: &str, message: String, help: impl Into<String>) -> Error {
        let span = span.start.min(self.text.len())..span.end.min(self.text.len());
        Error::Brief(Box::new(BriefError {
            path: self.path.to_path_buf(),
            source_text: self.text.to_string(),
            place: Some(Place::of(self.text, span)),
            field: Some(field.to_string()),
            message,
            help: Some(help.into()),
        }))
    }

    /// The value as written in the file, shortened for messages.
    fn written(&self, span: &Range<usize>) -> String {
        let raw = self.text.get(span.clone()).unwrap_or("").trim();
        let first_line = raw.lines().next().unwrap_or("");
        let mut shown: String = first_line.chars().take(40).collect();
        if shown.len() < raw.len() {
            shown.push('…');
        }
        shown
    }

    fn wrong_type(&self, t: &Tbl<'_, '_>, key: &str, v: Value<'_, '_>, wanted: &str) -> Error {
        let field = t.field_of(key);
        self.error(
            v.span(),
            &field,
            format!(
                "{field} must be {wanted}, not {} ({})",
                type_name(v.get_ref()),
                self.written(&v.span())
            ),
            format!("write it like {}", example_of(&t.example_key(key))),
        )
    }

    fn check_keys(&self, t: &Tbl<'_, '_>) -> Result<()> {
        let allowed = SCHEMA.iter().find(|(s, _)| *s == t.schema).map_or(&[][..], |(_, k)| *k);
        for (key, _) in t.table.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let field = t.field_of(name);
            let place = if t.schema.is_empty() {
                "at the top level".to_string()
            } else {
                format!("in [{}]", t.schema)
            };
            let help = if let Some(near) = nearest(name, allowed.iter().copied()) {
                format!("did you mean `{near}`? The keys {place} are: {}", quoted_list(allowed))
            } else if let Some((home, _)) = SCHEMA.iter().find(|(s, keys)| *s != t.schema && keys.contains(&name)) {
                if home.is_empty() {
                    format!("`{name}` belongs at the top level, before any [table]")
                } else {
                    format!("`{name}` belongs in [{home}]")
                }
            } else if let Some(near) = nearest(name, SCHEMA.iter().filter(|(s, _)| !s.is_empty()).map(|(s, _)| *s))
                && t.schema.is_empty()
            {
                format!("did you mean `{near}`? The keys {place} are: {}", quoted_list(allowed))
            } else {
                format!("the keys {place} are: {}", quoted_list(allowed))
            };
            return Err(self.error(key.span(), &field, format!("unknown key `{field}`"), help));
        }
        Ok(())
    }

    fn missing(&self, t: &Tbl<'_, '_>, key: &str, what: &str) -> Error {
        let field = t.field_of(key);
        let span = if t.field.is_empty() {
            first_line(self.text)
        } else {
            t.span.clone()
        };
        let within = match t.schema {
            "" => String::new(),
            "figures" => " under [[figures]]".to_string(),
            table => format!(" in [{table}]"),
        };
        self.error(
            span,
            &field,
            format!("missing required key `{field}`"),
            format!("add {what}{within}: {}", example_of(&t.example_key(key))),
        )
    }

    fn string(&self, t: &Tbl<'_, '_>, key: &str) -> Result<Option<(String, Range<usize>)>> {
        match t.table.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::String(s) => Ok(Some((s.to_string(), v.span()))),
                _ => Err(self.wrong_type(t, key, v, "a string in double quotes")),
            },
        }
    }

    /// A one-line name that is not blank.
    fn name(&self, t: &Tbl<'_, '_>, key: &str) -> Result<Option<(String, Range<usize>)>> {
        let Some((s, span)) = self.string(t, key)? else {
            return Ok(None);
        };
        let field = t.field_of(key);
        if s.trim().is_empty() {
            return Err(self.error(
                span,
                &field,
                format!("{field} is empty"),
                format!(
                    "write it like {}, or leave the key out if it is optional",
                    example_of(&t.example_key(key))
                ),
            ));
        }
        if s.chars().any(char::is_control) {
            return Err(self.error(
                span,
                &field,
                format!("{field} holds a line break or control character"),
                "write it on one line, without \\n or \\t",
            ));
        }
        Ok(Some((s.trim().to_string(), span)))
    }

    fn integer(
        &self,
        t: &Tbl<'_, '_>,
        key: &str,
        range: &std::ops::RangeInclusive<u32>,
        what: &str,
    ) -> Result<Option<u32>> {
        let Some(v) = t.table.get(key) else { return Ok(None) };
        let field = t.field_of(key);
        let DeValue::Integer(i) = v.get_ref() else {
            return Err(self.wrong_type(t, key, v, &format!("an integer like {}", range_example(&field))));
        };
        let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
        match n.and_then(|n| u32::try_from(n).ok()).filter(|n| range.contains(n)) {
            Some(n) => Ok(Some(n)),
            None => Err(self.error(
                v.span(),
                &field,
                format!("{field} = {} is out of range", self.written(&v.span())),
                format!("use {what} from {} to {}", range.start(), range.end()),
            )),
        }
    }

    /// A finite number, and its text as written (without underscores or a leading +).
    fn number(&self, t: &Tbl<'_, '_>, key: &str) -> Result<Option<(f64, String, Range<usize>)>> {
        let Some(v) = t.table.get(key) else { return Ok(None) };
        let field = t.field_of(key);
        let written: String = self
            .text
            .get(v.span())
            .unwrap_or("")
            .trim()
            .trim_start_matches('+')
            .chars()
            .filter(|&c| c != '_')
            .collect();
        let value = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => return Err(self.wrong_type(t, key, v, "a number like 116.5 (no quotes)")),
        };
        match value {
            Some(x) if x.is_finite() => {
                // Keep the figure as written (116.50 stays 116.50) unless it is in a form a
                // speech cannot print: hex, octal, binary or an exponent.
                let plain = written.parse::<f64>().is_ok() && !written.contains(['e', 'E', 'x', 'o', 'b']);
                let text = if plain { written } else { format_number(x) };
                Ok(Some((x, text, v.span())))
            }
            _ => Err(self.error(
                v.span(),
                &field,
                format!("{field} = {} is not a finite number", self.written(&v.span())),
                "write an ordinary number such as 116.5 (nan and inf are not figures)",
            )),
        }
    }

    fn boolean(&self, t: &Tbl<'_, '_>, key: &str) -> Result<Option<bool>> {
        match t.table.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => Ok(Some(*b)),
                _ => Err(self.wrong_type(t, key, v, "true or false (no quotes)")),
            },
        }
    }

    fn table<'a, 'i>(&self, t: &Tbl<'a, 'i>, key: &'static str) -> Result<Option<Tbl<'a, 'i>>> {
        match t.table.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Table(table) => {
                    let sub = Tbl {
                        schema: key,
                        field: key.to_string(),
                        table,
                        span: header_span(self.text, key, v.span()),
                    };
                    self.check_keys(&sub)?;
                    Ok(Some(sub))
                }
                _ => Err(self.wrong_type(t, key, v, &format!("a table: [{key}] on a line of its own"))),
            },
        }
    }
}

fn range_example(field: &str) -> &'static str {
    match field {
        "year" => "2026",
        "outline.points" => "3",
        "outline.minutes" => "15",
        "outline.rate" => "220",
        _ => "4000",
    }
}

/// The span of the first line with content, for errors about the whole document.
fn first_line(text: &str) -> Range<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() && !t.starts_with('#') {
            let lead = line.len() - line.trim_start().len();
            return start + lead..start + lead + line.trim_end().len() - lead;
        }
        start += line.len();
    }
    0..0
}

/// The span of a table's `[name]` header if the table has one, else the table's own span.
fn header_span(text: &str, name: &str, span: Range<usize>) -> Range<usize> {
    let header = format!("[{name}]");
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with(&header) {
            let lead = line.len() - line.trim_start().len();
            return start + lead..start + lead + header.len();
        }
        start += line.len();
    }
    span
}

/// Whether `date` is a real `YYYY-MM-DD` date; returns its year.
fn date_year(date: &str) -> Option<u32> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: Range<usize>| -> Option<u32> {
        let s = date.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some(y)
}

fn format_number(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Parses and validates the text of a brief; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<Brief> {
    let ctx = Ctx { path, text };
    let doc = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        Error::Brief(Box::new(BriefError {
            path: path.to_path_buf(),
            source_text: text.to_string(),
            place: Some(Place::of(text, span)),
            field: None,
            message: format!("TOML syntax: {}", e.message().trim().replace('\n', "; ")),
            help: Some(
                "a brief is TOML: key = value, one per line, text in double quotes (name = \"临澧县\"); \
                 `jianggao brief init` prints a complete example"
                    .into(),
            ),
        }))
    })?;
    let top = Tbl {
        schema: "",
        field: String::new(),
        table: doc.get_ref(),
        span: doc.span(),
    };
    if top.table.is_empty() {
        return Err(Error::Brief(Box::new(BriefError {
            path: path.to_path_buf(),
            source_text: String::new(),
            place: None,
            field: None,
            message: "the brief is empty".into(),
            help: Some("it needs at least kind, year and [organisation] name and level; `jianggao brief init > brief.toml` writes a complete example".into()),
        })));
    }
    ctx.check_keys(&top)?;

    let kind = match ctx.string(&top, "kind")? {
        None => return Err(ctx.missing(&top, "kind", "the kind of speech")),
        Some((s, span)) => match s.as_str() {
            "leader_speech" => Kind::LeaderSpeech,
            "work_report" => Kind::WorkReport,
            other => {
                let near = nearest(other, ["leader_speech", "work_report"])
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                let use_ = if near.is_empty() { "use" } else { "Use" };
                return Err(ctx.error(
                    span,
                    "kind",
                    format!("kind = \"{other}\" is not a kind of speech"),
                    format!(
                        "{near}{use_} one of leader_speech (a leader's speech), work_report (the union's work report)"
                    ),
                ));
            }
        },
    };
    let Some(year) = ctx.integer(&top, "year", &YEARS, "a year")? else {
        return Err(ctx.missing(&top, "year", "the meeting's year"));
    };

    let Some(org) = ctx.table(&top, "organisation")? else {
        return Err(ctx.missing(&top, "organisation", "the organisation"));
    };
    let Some((org_name, _)) = ctx.name(&org, "name")? else {
        return Err(ctx.missing(&org, "name", "the organisation's name"));
    };
    let level = match ctx.string(&org, "level")? {
        None => return Err(ctx.missing(&org, "level", "the organisation's level")),
        Some((s, span)) => Level::parse(s.trim()).ok_or_else(|| {
            ctx.error(
                span,
                "organisation.level",
                format!("organisation.level = \"{s}\" is not supported"),
                format!("use one of {}", quoted_list(&Level::NAMES)),
            )
        })?,
    };
    let short = match (ctx.string(&org, "short")?, level) {
        (None, Level::Enterprise) => DEFAULT_ENTERPRISE_SHORT.to_string(),
        (Some((s, span)), Level::Enterprise) => {
            if !ENTERPRISE_SHORTS.contains(&s.trim()) {
                return Err(ctx.error(
                    span,
                    "organisation.short",
                    format!("organisation.short = \"{s}\" is not a word an enterprise calls itself by"),
                    format!(
                        "use one of {} (as in 全矿, 矿党委, 矿工会)",
                        quoted_list(&ENTERPRISE_SHORTS)
                    ),
                ));
            }
            s.trim().to_string()
        }
        (Some((s, span)), _) if s.trim() != level.as_str() => {
            return Err(ctx.error(
                span,
                "organisation.short",
                format!("organisation.short = \"{s}\" is only for enterprises"),
                format!(
                    "leave short out: for level {0} the word is {0} (全{0}, {0}委)",
                    level.as_str()
                ),
            ));
        }
        (_, _) => level.as_str().to_string(),
    };

    let meeting_t = ctx.table(&top, "meeting")?;
    let mut meeting = Meeting {
        name: format!("全{short}工会工作会议"),
        ..Meeting::default()
    };
    if let Some(m) = &meeting_t {
        if let Some((name, _)) = ctx.name(m, "name")? {
            meeting.name = name;
        }
        meeting.date = match m.table.get("date") {
            None => None,
            Some(v) => {
                let date = match v.get_ref() {
                    DeValue::String(s) => s.trim().to_string(),
                    DeValue::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
                    _ => return Err(ctx.wrong_type(m, "date", v, "a date written \"YYYY-MM-DD\"")),
                };
                match date_year(&date) {
                    None => {
                        return Err(ctx.error(
                            v.span(),
                            "meeting.date",
                            format!("meeting.date = {} is not a date", ctx.written(&v.span())),
                            format!("write it as \"YYYY-MM-DD\", e.g. date = \"{year}-02-26\""),
                        ));
                    }
                    Some(y) if y != year => {
                        return Err(ctx.error(
                            v.span(),
                            "meeting.date",
                            format!(
                                "meeting.date = {} is not in the brief's year {year}",
                                ctx.written(&v.span())
                            ),
                            format!("give a date in {year}, or change year to {y}"),
                        ));
                    }
                    Some(_) => Some(date),
                }
            }
        };
        meeting.reporter = ctx.name(m, "reporter")?.map(|(s, _)| s);
        meeting.commendation = ctx.boolean(m, "commendation")?.unwrap_or(false);
    }

    let mut speaker = Speaker::default();
    if let Some(s) = ctx.table(&top, "speaker")? {
        speaker.name = ctx.name(&s, "name")?.map(|(s, _)| s);
        speaker.role = ctx.name(&s, "role")?.map(|(s, _)| s);
    }

    let mut outline = Outline {
        points: DEFAULT_POINTS,
        focus: Vec::new(),
        length: DEFAULT_LENGTH,
        minutes: None,
        rate: DEFAULT_RATE,
    };
    if let Some(o) = ctx.table(&top, "outline")? {
        if let Some(p) = ctx.integer(&o, "points", &POINTS, "a number of points")? {
            outline.points = p;
        }
        let length = ctx.integer(&o, "length", &LENGTHS, "a length in characters")?;
        if let Some(l) = length {
            outline.length = l;
        }
        if let Some(r) = ctx.integer(&o, "rate", &RATES, "a speaking rate in characters a minute")? {
            outline.rate = r;
        }
        if let Some(m) = ctx.integer(&o, "minutes", &MINUTES, "a speaking time in minutes")? {
            if length.is_some() {
                let span = o.table.get("minutes").map_or(o.span.clone(), toml::Spanned::span);
                return Err(ctx.error(
                    span,
                    "outline.minutes",
                    "outline gives both length and minutes".into(),
                    "give one: length in characters, or minutes (sized at outline.rate characters a minute, default 220)",
                ));
            }
            outline.minutes = Some(m);
            outline.length = m * outline.rate;
        }
        outline.focus = focus(&ctx, &o)?;
    }
    let avoid = avoid(&ctx, &top)?;

    let figures = figures(&ctx, &top)?;

    let style = match ctx.table(&top, "style")? {
        None => None,
        Some(s) => {
            let font = |key: &str| ctx.name(&s, key).map(|o| o.map(|(f, _)| f));
            Some(DocFonts {
                title: font("title")?,
                byline: font("byline")?,
                body: font("body")?,
                heading1: font("heading1")?,
                heading2: font("heading2")?,
                page_number: font("page_number")?,
            })
        }
    };

    Ok(Brief {
        kind,
        year,
        organisation: Organisation {
            name: org_name,
            level,
            short,
        },
        meeting,
        speaker,
        outline,
        figures,
        style,
        avoid,
    })
}

/// `avoid = ["2025讲话.txt"]`: files that must exist, relative to the brief's folder.
fn avoid(ctx: &Ctx<'_>, top: &Tbl<'_, '_>) -> Result<Vec<std::path::PathBuf>> {
    let Some(v) = top.table.get("avoid") else {
        return Ok(Vec::new());
    };
    let DeValue::Array(items) = v.get_ref() else {
        return Err(ctx.wrong_type(top, "avoid", v, "an array of file names"));
    };
    let folder = ctx.path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("avoid[{i}]");
        let DeValue::String(name) = item.get_ref() else {
            return Err(ctx.error(
                item.span(),
                &field,
                format!(
                    "{field} must be a file name in quotes, not {}",
                    type_name(item.get_ref())
                ),
                "write it like avoid = [\"2025讲话.txt\"]",
            ));
        };
        let path = folder.join(name.trim());
        if !path.is_file() {
            return Err(ctx.error(
                item.span(),
                &field,
                format!("{field}: no such file {}", path.display()),
                "name an earlier speech (plain text, or a draft written by `jianggao generate --format json`), \
                 relative to the brief's folder",
            ));
        }
        out.push(path);
    }
    Ok(out)
}

fn focus(ctx: &Ctx<'_>, o: &Tbl<'_, '_>) -> Result<Vec<String>> {
    let Some(v) = o.table.get("focus") else {
        return Ok(Vec::new());
    };
    let DeValue::Array(items) = v.get_ref() else {
        return Err(ctx.wrong_type(o, "focus", v, "an array of theme names"));
    };
    let themes = crate::themes::names();
    let mut focus: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("outline.focus[{i}]");
        let DeValue::String(name) = item.get_ref() else {
            return Err(ctx.error(
                item.span(),
                &field,
                format!(
                    "{field} must be a theme's name in quotes, not {}",
                    type_name(item.get_ref())
                ),
                "write it like focus = [\"劳动竞赛\", \"困难职工帮扶\"]",
            ));
        };
        let name = name.trim();
        if !themes.contains(&name) {
            let near = nearest(name, themes.iter().copied())
                .map(|n| format!("did you mean {n}? "))
                .unwrap_or_default();
            let the = if near.is_empty() { "the" } else { "The" };
            return Err(ctx.error(
                item.span(),
                &field,
                format!("outline.focus: \"{name}\" is not a theme"),
                format!("{near}{the} themes are: {}", themes.join(", ")),
            ));
        }
        if focus.iter().any(|f| f == name) {
            return Err(ctx.error(
                item.span(),
                &field,
                format!("outline.focus: \"{name}\" is listed twice"),
                "name each theme once",
            ));
        }
        focus.push(name.to_string());
    }
    Ok(focus)
}

fn figures(ctx: &Ctx<'_>, top: &Tbl<'_, '_>) -> Result<Vec<Figure>> {
    let Some(v) = top.table.get("figures") else {
        return Ok(Vec::new());
    };
    let DeValue::Array(items) = v.get_ref() else {
        return Err(ctx.wrong_type(top, "figures", v, "a list of [[figures]] tables"));
    };
    let mut figures: Vec<Figure> = Vec::new();
    let mut label_lines: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("figures[{i}]");
        let DeValue::Table(table) = item.get_ref() else {
            return Err(ctx.error(
                item.span(),
                &field,
                format!("{field} must be a table, not {}", type_name(item.get_ref())),
                "write each figure as a [[figures]] table with label, value and unit",
            ));
        };
        let t = Tbl {
            schema: "figures",
            field: field.clone(),
            table,
            span: nth_header_span(ctx.text, "[[figures]]", i).unwrap_or(item.span()),
        };
        ctx.check_keys(&t)?;
        let Some((label, label_span)) = ctx.name(&t, "label")? else {
            return Err(ctx.missing(&t, "label", "what the figure measures"));
        };
        if let Some(j) = figures.iter().position(|f| f.label == label) {
            return Err(ctx.error(
                label_span,
                &format!("{field}.label"),
                format!(
                    "{field}.label = \"{label}\" repeats the label of figures[{j}] (line {})",
                    label_lines[j]
                ),
                "give each figure its own label, or remove the repeated one",
            ));
        }
        let Some((value, value_text, _)) = ctx.number(&t, "value")? else {
            return Err(ctx.missing(&t, "value", "the figure's value"));
        };
        let Some((unit, _)) = ctx.string(&t, "unit")? else {
            return Err(ctx.missing(&t, "unit", "the figure's unit (\"\" if it has none)"));
        };
        let growth = ctx.number(&t, "growth")?;
        label_lines.push(Place::of(ctx.text, label_span).line);
        figures.push(Figure {
            label,
            value,
            value_text,
            unit: unit.trim().to_string(),
            growth: growth.as_ref().map(|g| g.0),
            growth_text: growth.map(|(_, text, _)| text.trim_start_matches('-').to_string()),
        });
    }
    Ok(figures)
}

/// The span of the `n`-th line starting with `header`.
fn nth_header_span(text: &str, header: &str, n: usize) -> Option<Range<usize>> {
    let mut start = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(header) {
            if seen == n {
                let lead = line.len() - line.trim_start().len();
                return Some(start + lead..start + lead + header.len());
            }
            seen += 1;
        }
        start += line.len();
    }
    None
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

    fn ok(text: &str) -> Brief {
        parse(Path::new("b.toml"), text).unwrap_or_else(|e| panic!("{e}"))
    }

    const MINIMAL: &str = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"青山县\"\nlevel = \"县\"\n";

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("figuers", "figures"), 1);
        assert_eq!(edit_distance("nmae", "name"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("技术创兴", "技术创新"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(nearest("figuers", SCHEMA[0].1.iter().copied()), Some("figures"));
        assert_eq!(nearest("xyz", SCHEMA[0].1.iter().copied()), None);
    }

    #[test]
    fn dates_are_real_days() {
        assert_eq!(date_year("2026-02-26"), Some(2026));
        assert_eq!(date_year("2024-02-29"), Some(2024));
        assert_eq!(date_year("2026-02-29"), None);
        assert_eq!(date_year("2026-13-01"), None);
        assert_eq!(date_year("2026-2-6"), None);
        assert_eq!(date_year("２０２６-02-26"), None);
    }

    #[test]
    fn defaults_fill_what_the_brief_leaves_out() {
        let b = ok(MINIMAL);
        assert_eq!(b.outline.points, DEFAULT_POINTS);
        assert_eq!(b.outline.length, DEFAULT_LENGTH);
        assert_eq!(b.meeting.name, "全县工会工作会议");
        assert!(b.figures.is_empty() && b.style.is_none() && b.meeting.date.is_none());
        let b = ok(&MINIMAL.replace("\"县\"\n", "\"企业\"\n"));
        assert_eq!(b.organisation.short, DEFAULT_ENTERPRISE_SHORT);
        assert_eq!(b.meeting.name, "全公司工会工作会议");
    }

    #[test]
    fn numbers_in_other_notations_are_printed_plainly() {
        let b = ok(&format!(
            "{MINIMAL}[[figures]]\nlabel = \"a\"\nvalue = 1.5e2\nunit = \"个\"\ngrowth = +2.50\n[[figures]]\nlabel = \"b\"\nvalue = 0x10\nunit = \"个\"\n"
        ));
        assert_eq!(b.figures[0].value_text, "150");
        assert_eq!(b.figures[0].growth_text.as_deref(), Some("2.50"));
        assert_eq!(b.figures[1].value_text, "16");
    }

    #[test]
    fn a_bare_toml_date_is_accepted() {
        let b = ok(&format!("{MINIMAL}[meeting]\ndate = 2026-03-01\n"));
        assert_eq!(b.meeting.date.as_deref(), Some("2026-03-01"));
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let _ = parse(Path::new("b.toml"), &text);
        }

        #[test]
        fn damaged_briefs_never_panic(at in 0usize..400, cut in 0usize..40, insert in "[\\[\\]=\"#.a-z0-9 \n县企]{0,8}") {
            let full = "kind = \"work_report\"\nyear = 2026\n[organisation]\nname = \"青山煤矿\"\nlevel = \"企业\"\nshort = \"矿\"\n[meeting]\ndate = \"2026-02-26\"\n[outline]\nfocus = [\"维权\"]\n[[figures]]\nlabel = \"原煤产量\"\nvalue = 1200\nunit = \"万吨\"\ngrowth = -3.4\n[style]\nbody = \"仿宋\"\n";
            let chars: Vec<char> = full.chars().collect();
            let at = at.min(chars.len());
            let end = (at + cut).min(chars.len());
            let text: String = chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
            let _ = parse(Path::new("b.toml"), &text);
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
            "地区生产总值为116.5亿元，同比下降3.4%"
        );
        assert_eq!(figure(116.5, Some(0.0)).phrase(), "地区生产总值为116.5亿元，与上年持平");
        assert_eq!(figure(120.0, None).phrase(), "地区生产总值达到120亿元");
        assert_eq!(figure(0.0, None).phrase(), "地区生产总值为0亿元");
    }
}
