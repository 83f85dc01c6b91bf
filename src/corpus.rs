//! Reading an archive of speeches: decode (UTF-8 or GB18030/GBK), clean (site junk, HTML
//! remnants, stray spaces, half-width punctuation), and split (speeches, paragraphs, heading
//! numbers).
//!
//! A paragraph is one non-empty line of the source file; its `line` is 1-based in that file.
//! The cleaning rules are data (`data/clean.toml`).

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Files larger than this are not speeches; they are named and skipped.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Lines longer than this (in characters) are not paragraphs of a speech: they are kept for
/// `--explain` but never become phrases.
pub const MAX_PARAGRAPH_CHARS: usize = 6000;

#[derive(Deserialize)]
struct CleanFile {
    junk_lines: Vec<String>,
    junk_sentences: Vec<String>,
    junk_sentence_hint: String,
    html: Vec<(String, String)>,
    #[serde(default)]
    misspellings: Vec<(String, String)>,
    speech_separator: String,
}

/// Compiled cleaning rules.
struct Rules {
    junk_lines: Vec<Regex>,
    junk_sentences: Vec<Regex>,
    junk_sentence_hint: Regex,
    html: Vec<(String, String)>,
    /// Misspellings and what they stand for, found in one pass.
    misspellings: (aho_corasick::AhoCorasick, Vec<String>),
    separator: Regex,
}

fn compile(pattern: &str, what: &str) -> Result<Regex> {
    Regex::new(pattern).map_err(|e| Error::Message(format!("data/{what}: bad pattern `{pattern}`: {e}")))
}

fn rules() -> Result<&'static Rules> {
    static RULES: OnceLock<std::result::Result<Rules, String>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            let load = || -> Result<Rules> {
                let file: CleanFile = toml::from_str(include_str!("../data/clean.toml"))
                    .map_err(|e| Error::Message(format!("data/clean.toml: {e}")))?;
                Ok(Rules {
                    junk_lines: file
                        .junk_lines
                        .iter()
                        .map(|p| compile(p, "clean.toml"))
                        .collect::<Result<_>>()?,
                    junk_sentences: file
                        .junk_sentences
                        .iter()
                        .map(|p| compile(p, "clean.toml"))
                        .collect::<Result<_>>()?,
                    junk_sentence_hint: compile(&file.junk_sentence_hint, "clean.toml")?,
                    html: file.html,
                    misspellings: (
                        aho_corasick::AhoCorasick::builder()
                            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                            .build(file.misspellings.iter().map(|(from, _)| from))
                            .map_err(|e| Error::Message(format!("data/clean.toml: misspellings: {e}")))?,
                        file.misspellings.into_iter().map(|(_, to)| to).collect(),
                    ),
                    separator: compile(&file.speech_separator, "clean.toml")?,
                })
            };
            load().map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Message(e.clone()))
}

// ---------------------------------------------------------------------------------------------
// Read

/// Decodes the bytes of a speech file: UTF-8 (with or without BOM), or a legacy Chinese encoding
/// guessed by chardetng (GBK/GB18030, Big5). Returns the text and the encoding's name, or why the
/// file cannot be read as text.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, &'static str), String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file".into());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (holds NUL bytes)".into());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, name) = match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let guess = detector.guess(Some(b"cn"), false);
            let encoding = if guess == encoding_rs::GBK {
                encoding_rs::GB18030
            } else {
                guess
            };
            match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(s) => (s.into_owned(), encoding.name()),
                None => return Err(format!("not decodable as UTF-8 or {}", encoding.name())),
            }
        }
    };
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let total = text.chars().count().max(1);
    if control * 20 > total {
        return Err("binary file (too many control characters)".into());
    }
    let han = text.chars().filter(|c| is_han(*c)).count();
    if han == 0 {
        return Err(format!("no Chinese text (decoded as {name})"));
    }
    Ok((text, name))
}

/// Reads and decodes one file; `Err` holds the warning to show (the file is skipped).
pub fn read(path: &Path) -> std::result::Result<(String, &'static str), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("too large ({} bytes; at most {MAX_FILE_BYTES})", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    decode(&bytes)
}

/// One input file to mine: its path as given (or found under a folder given) and the name used
/// in phrase sources (the path relative to the folder given, or the file name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub name: String,
}

/// The files under `paths`: files as given, folders recursed in sorted order (hidden entries
/// skipped). Paths that do not exist are returned as warnings.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, path, &mut inputs, &mut warnings);
        } else if path.is_file() {
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            inputs.push(Input {
                path: path.clone(),
                name,
            });
        } else {
            warnings.push(format!("{}: skipped: no such file or folder", path.display()));
        }
    }
    (inputs, warnings)
}

fn walk(root: &Path, dir: &Path, inputs: &mut Vec<Input>, warnings: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            warnings.push(format!("{}: skipped: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            // A link to this folder or one above it would be walked again and again.
            let looped = path.is_symlink()
                && match (path.canonicalize(), dir.canonicalize()) {
                    (Ok(target), Ok(here)) => here.starts_with(target),
                    _ => false,
                };
            if looped {
                warnings.push(format!("{}: skipped: a link to a folder it is in", path.display()));
                continue;
            }
            walk(root, &path, inputs, warnings);
        } else if !path.is_file() {
            let why = if path.is_symlink() {
                "a link to nothing"
            } else {
                "not a regular file"
            };
            warnings.push(format!("{}: skipped: {why}", path.display()));
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            inputs.push(Input { path, name });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Clean

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Chinese characters and full-width punctuation: the context in which punctuation becomes
/// full-width and spaces are stray.
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFEF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·' | '×')
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// A numbered heading (一、… / （一）…) of 4 to 40 characters without a full stop, a space, and
/// more text: a heading and its body on one line.
static HEADING_THEN_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))[^。！？：:\s]{4,40}) +(\S.{10,})$")
        .expect("static regex")
});

/// Where in `cleaned` (the line `raw` cleaned) a point's heading ends that the source ran into
/// its body with only a space between (四、夯实基础、真抓实干,在加强自身建设中塑造新形象 为贯彻
/// 落实…): the byte offset of the body. Cleaning drops the space; units end the heading there.
fn heading_end(raw: &str, cleaned: &str) -> Option<usize> {
    let flat: String = raw.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    let c = HEADING_THEN_BODY.captures(flat.trim())?;
    let head = normalise_punctuation(&c[1]);
    cleaned.starts_with(&head).then_some(head.len())
}

/// Cleans one line: HTML remnants, junk sentences, stray spaces, half-width punctuation.
pub fn clean_line(line: &str) -> String {
    let Ok(rules) = rules() else {
        return line.trim().to_string();
    };
    let mut text = line.to_string();
    if text.contains(['&', ';', '\\', '<']) {
        for (from, to) in &rules.html {
            if text.contains(from.as_str()) {
                text = text.replace(from.as_str(), to);
            }
        }
    }
    let text: String = text
        .chars()
        .map(|c| if c.is_whitespace() || c.is_control() { ' ' } else { c })
        .collect();
    let mut text = text.trim().to_string();
    let hinted = rules.junk_sentence_hint.is_match(&text);
    for re in rules.junk_sentences.iter().filter(|_| hinted) {
        if re.is_match(&text) {
            text = re.replace_all(&text, "").trim().to_string();
        }
    }
    let text = normalise_punctuation(&text);
    let (found, right) = &rules.misspellings;
    if found.is_match(&text) {
        found.replace_all(&text, right)
    } else {
        text
    }
}

/// Drops spaces next to Chinese text and turns half-width punctuation in Chinese context into
/// full-width (, : ; ! ? ( ) and paired ASCII quotes). Punctuation between digits (1,300; 10:30)
/// is kept.
pub fn normalise_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let prev_solid = |i: usize| chars[..i].iter().rev().find(|c| **c != ' ').copied();
    let next_solid = |i: usize| chars[i + 1..].iter().find(|c| **c != ' ').copied();
    let near_cjk = |i: usize| prev_solid(i).is_some_and(is_cjk) || next_solid(i).is_some_and(is_cjk);

    // Parentheses: convert a matched pair when it or its surroundings are Chinese.
    let mut convert_paren = vec![false; n];
    let mut stack = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '(' | '（' => stack.push(i),
            ')' | '）' => {
                if let Some(open) = stack.pop() {
                    let inside = chars[open + 1..i].iter().any(|c| is_cjk(*c));
                    let outside = prev_solid(open).is_some_and(is_cjk) || next_solid(i).is_some_and(is_cjk);
                    if inside || outside {
                        convert_paren[open] = true;
                        convert_paren[i] = true;
                    }
                }
            }
            _ => {}
        }
    }
    let has_cjk = chars.iter().any(|c| is_han(*c));
    let mut quote_open = true;
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ' ' => {
                let p = prev_solid(i);
                let q = next_solid(i);
                let stray = p.is_none_or(is_cjk) || q.is_none_or(is_cjk) || out.ends_with(' ');
                if !stray {
                    out.push(' ');
                }
            }
            '(' | ')' => out.push(if convert_paren[i] {
                full_width(c).unwrap_or(c)
            } else {
                c
            }),
            ',' | ':' | ';' | '!' | '?' => {
                let between_digits = i > 0
                    && i + 1 < n
                    && chars[i - 1].is_ascii_digit()
                    && chars[i + 1].is_ascii_digit()
                    && matches!(c, ',' | ':');
                if !between_digits && near_cjk(i) {
                    out.push(full_width(c).unwrap_or(c));
                } else {
                    out.push(c);
                }
            }
            // A hyphen inside a Chinese word is a web source's filter dodge (和-谐).
            '-' if i > 0 && i + 1 < n && is_han(chars[i - 1]) && is_han(chars[i + 1]) => {}
            '"' if has_cjk => {
                out.push(if quote_open { '“' } else { '”' });
                quote_open = !quote_open;
            }
            _ => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Split

/// How a paragraph is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumStyle {
    /// 第一部分
    Part,
    /// 一、
    Chapter,
    /// （一）
    Paren,
    /// 1. / 1、
    Arabic,
    /// （1）
    ParenArabic,
    /// 第一， / 首先， / 其次，
    Ordinal,
    /// 一是 / 一要 / 一是要
    Inline,
}

impl NumStyle {
    /// The heading level of the style (0 = highest).
    #[must_use]
    pub fn level(self) -> u8 {
        match self {
            NumStyle::Part => 0,
            NumStyle::Chapter => 1,
            NumStyle::Paren => 2,
            NumStyle::Arabic => 3,
            NumStyle::ParenArabic => 4,
            NumStyle::Ordinal => 5,
            NumStyle::Inline => 6,
        }
    }
}

/// A paragraph's leading number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub style: NumStyle,
    /// 1 for 一 / 1 / 首先.
    pub ordinal: u32,
    /// Byte length of the number and its separator at the start of the text.
    pub len: usize,
}

/// The value of a Chinese numeral 一…九十九.
#[must_use]
pub fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['两'] => Some(2),
        ['十'] => Some(10),
        [d] => digit(*d).filter(|v| *v > 0),
        ['十', d] => digit(*d).map(|v| 10 + v),
        [t, '十'] => digit(*t).map(|v| v * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

fn numbering_patterns() -> &'static [(NumStyle, Regex)] {
    static P: OnceLock<Vec<(NumStyle, Regex)>> = OnceLock::new();
    P.get_or_init(|| {
        let cn = "[一二三四五六七八九十]{1,3}";
        let list = [
            (NumStyle::Part, format!("^第({cn})部分[、，：:．.]?\\s*")),
            (NumStyle::Paren, format!("^[（(]({cn})[）)][、，．.]?\\s*")),
            (NumStyle::ParenArabic, "^[（(](\\d{1,2})[）)][、，．.]?\\s*".to_string()),
            (NumStyle::Chapter, format!("^({cn})[、，．.]\\s*")),
            (NumStyle::Arabic, "^(\\d{1,2})[.．、](\\s*)".to_string()),
            (NumStyle::Ordinal, format!("^(第{cn}|首先|其次|再次)[，、：:]\\s*")),
            (NumStyle::Inline, format!("^({cn})(是要|是|要)")),
        ];
        list.into_iter()
            .filter_map(|(s, p)| Regex::new(&p).ok().map(|r| (s, r)))
            .collect()
    })
}

/// The number a paragraph starts with, if any.
#[must_use]
pub fn numbering(text: &str) -> Option<Numbering> {
    for (style, re) in numbering_patterns() {
        let Some(caps) = re.captures(text) else { continue };
        let whole = caps.get(0)?;
        let num = caps.get(1)?.as_str();
        let ordinal = match style {
            NumStyle::Arabic | NumStyle::ParenArabic => num.parse().ok()?,
            NumStyle::Ordinal => match num {
                "首先" => 1,
                "其次" => 2,
                "再次" => 3,
                _ => cn_value(num.trim_start_matches('第'))?,
            },
            _ => cn_value(num)?,
        };
        let rest = &text[whole.end()..];
        // "1.5亿元" or "2020年" are not numbers of a point.
        if *style == NumStyle::Arabic && rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if rest.chars().count() < 2 {
            continue;
        }
        return Some(Numbering {
            style: *style,
            ordinal,
            len: whole.end(),
        });
    }
    None
}

/// Why a paragraph is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Site junk (小编/范文 blurbs, 推荐栏目…).
    Junk,
    /// The same line as the paragraph before it.
    Repeat,
    /// A title line that starts a new speech of a collection file (…篇三).
    Separator,
    /// Too long to be a paragraph of a speech.
    TooLong,
}

/// One paragraph: a non-empty line of the source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// 1-based line number in the source file.
    pub line: usize,
    /// The cleaned text.
    pub text: String,
    pub flag: Option<Flag>,
    pub numbering: Option<Numbering>,
    /// Where a heading the source ran into the body on one line ends (see [`heading_end`]).
    pub heading_end: Option<usize>,
}

impl Paragraph {
    /// The text after the paragraph's number, a heading run into it ended with 。.
    #[must_use]
    pub fn unit_body(&self) -> std::borrow::Cow<'_, str> {
        let start = self.numbering.map_or(0, |n| n.len);
        match self.heading_end {
            Some(end) if end > start && self.text.is_char_boundary(end) => {
                std::borrow::Cow::Owned(format!("{}。{}", &self.text[start..end], &self.text[end..]))
            }
            _ => std::borrow::Cow::Borrowed(self.body()),
        }
    }

    /// The text after the paragraph's number.
    #[must_use]
    pub fn body(&self) -> &str {
        match self.numbering {
            Some(n) => &self.text[n.len..],
            None => &self.text,
        }
    }
}

/// A decoded, cleaned and split source file.
#[derive(Debug, Clone)]
pub struct Document {
    pub input: Input,
    pub encoding: &'static str,
    pub paragraphs: Vec<Paragraph>,
    /// The speeches of the file, as ranges of `paragraphs`.
    pub speeches: Vec<std::ops::Range<usize>>,
}

/// Cleans and splits decoded text into paragraphs and speeches.
#[must_use]
pub fn split(input: Input, encoding: &'static str, text: &str) -> Document {
    let rules = rules().ok();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut starts = vec![0usize];
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let line = i + 1;
        if raw.chars().count() > MAX_PARAGRAPH_CHARS {
            let cut: String = raw.chars().take(200).collect();
            paragraphs.push(Paragraph {
                line,
                text: cut,
                flag: Some(Flag::TooLong),
                numbering: None,
                heading_end: None,
            });
            continue;
        }
        let cleaned = clean_line(raw);
        let mut flag = None;
        let junk = |text: &str| rules.is_some_and(|r| r.junk_lines.iter().any(|re| re.is_match(text)));
        if cleaned.is_empty() || junk(&cleaned) || junk(raw) {
            flag = Some(Flag::Junk);
        } else if paragraphs
            .last()
            .is_some_and(|p| p.text == cleaned || similar_title(&p.text, &cleaned))
        {
            flag = Some(Flag::Repeat);
        } else if rules.is_some_and(|r| r.separator.is_match(&cleaned)) {
            flag = Some(Flag::Separator);
            if !paragraphs.is_empty() {
                starts.push(paragraphs.len());
            }
        }
        let numbering = if flag.is_none() { numbering(&cleaned) } else { None };
        let heading_end = numbering.and_then(|_| heading_end(raw, &cleaned));
        paragraphs.push(Paragraph {
            line,
            text: if cleaned.is_empty() {
                raw.trim().to_string()
            } else {
                cleaned
            },
            flag,
            numbering,
            heading_end,
        });
    }
    starts.dedup();
    let mut speeches = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(paragraphs.len());
        if s < e {
            speeches.push(s..e);
        }
    }
    Document {
        input,
        encoding,
        paragraphs,
        speeches,
    }
}

/// Two short title-like lines where one is the other with a little more or less at the end.
fn similar_title(a: &str, b: &str) -> bool {
    let short = a.chars().count().min(b.chars().count());
    (6..=60).contains(&short) && (a.starts_with(b) || b.starts_with(a))
}

/// Reads, decodes, cleans and splits one input; `Err` holds the warning (file skipped).
pub fn load(input: Input) -> std::result::Result<Document, String> {
    let (text, encoding) = read(&input.path)?;
    Ok(split(input, encoding, &text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_becomes_full_width_in_chinese_context() {
        assert_eq!(
            normalise_punctuation("召开十一届六次全委(扩大)会议"),
            "召开十一届六次全委（扩大）会议"
        );
        assert_eq!(
            normalise_punctuation("回顾总结 20xx年的工作, 谢谢大家!"),
            "回顾总结20xx年的工作，谢谢大家！"
        );
        assert_eq!(
            normalise_punctuation("“ 大干新三年，再创新辉煌 ” 的开局之年"),
            "“大干新三年，再创新辉煌”的开局之年"
        );
        assert_eq!(normalise_punctuation("共1,300人,10:30开会"), "共1,300人，10:30开会");
        assert_eq!(normalise_punctuation("使用 Word 和 Excel"), "使用Word和Excel");
        assert_eq!(normalise_punctuation("举办\"夕阳红\"演出"), "举办“夕阳红”演出");
    }

    fn input() -> Input {
        Input {
            path: "x.txt".into(),
            name: "x.txt".into(),
        }
    }

    #[test]
    fn a_heading_run_into_its_body_ends_at_the_space() {
        let raw = "四、夯实基础、真抓实干,在加强自身建设中塑造新形象 为贯彻落实会议精神,全县各级工会要加强组织领导。";
        let doc = split(input(), "UTF-8", raw);
        let p = &doc.paragraphs[0];
        assert_eq!(
            p.text,
            "四、夯实基础、真抓实干，在加强自身建设中塑造新形象为贯彻落实会议精神，全县各级工会要加强组织领导。",
            "the paragraph as classified is as cleaned"
        );
        assert_eq!(
            p.unit_body(),
            "夯实基础、真抓实干，在加强自身建设中塑造新形象。为贯彻落实会议精神，全县各级工会要加强组织领导。"
        );
        for plain in [
            "一、 加强领导，提高认识，切实把工会工作摆上重要位置。",
            "汉 寿县各级工会要认真贯彻落实会议精神。",
        ] {
            let doc = split(input(), "UTF-8", plain);
            assert_eq!(doc.paragraphs[0].unit_body(), doc.paragraphs[0].body());
        }
    }

    #[test]
    fn html_remnants_and_junk_sentences_are_cleaned() {
        assert_eq!(clean_line("times;times;*同志讲话"), "×××同志讲话");
        let line = "同志们好。下面就是小编给大家整理的讲话稿，仅供参考。";
        assert_eq!(clean_line(line), "同志们好。");
        let line = "向全县职工致以崇高的敬意！推荐栏目：述职报告";
        assert_eq!(clean_line(line), "向全县职工致以崇高的敬意！");
        // Misspellings are set right; their look-alikes in proper words stay.
        assert_eq!(
            clean_line("进一步宏扬劳模精神，努力为为职工办实事。"),
            "进一步弘扬劳模精神，努力为职工办实事。"
        );
        assert_eq!(clean_line("成为为职工服务的好帮手。"), "成为为职工服务的好帮手。");
    }

    #[test]
    fn numbers_are_recognised() {
        fn n(t: &str) -> Option<(NumStyle, u32, &str)> {
            numbering(t).map(|n| (n.style, n.ordinal, &t[n.len..]))
        }
        assert_eq!(
            n("一、工会组织地位重要"),
            Some((NumStyle::Chapter, 1, "工会组织地位重要"))
        );
        assert_eq!(n("（三）注重以人为本"), Some((NumStyle::Paren, 3, "注重以人为本")));
        assert_eq!(n("(一)、围绕中心"), Some((NumStyle::Paren, 1, "围绕中心")));
        assert_eq!(n("12.要加强"), Some((NumStyle::Arabic, 12, "要加强")));
        assert_eq!(n("2、安全教育"), Some((NumStyle::Arabic, 2, "安全教育")));
        assert_eq!(n("第二部分20xx年工作打算"), Some((NumStyle::Part, 2, "20xx年工作打算")));
        assert_eq!(
            n("其次，经济发展新常态"),
            Some((NumStyle::Ordinal, 2, "经济发展新常态"))
        );
        assert_eq!(
            n("三是要加大人才培养力度"),
            Some((NumStyle::Inline, 3, "加大人才培养力度"))
        );
        assert_eq!(n("二要党工共建"), Some((NumStyle::Inline, 2, "党工共建")));
        assert_eq!(n("1.5亿元的投入"), None);
        assert_eq!(n("一年来，全县"), None);
    }

    #[test]
    fn collection_files_split_into_speeches() {
        let text =
            "以下是小编为大家收集的优秀范文，欢迎大家分享阅读\n讲话篇一\n同志们：\n内容。\n\n讲话篇二\n同志们：\n";
        let doc = split(
            Input {
                path: "x.txt".into(),
                name: "x.txt".into(),
            },
            "UTF-8",
            text,
        );
        assert_eq!(doc.paragraphs.len(), 6);
        assert_eq!(doc.paragraphs[0].flag, Some(Flag::Junk));
        assert_eq!(doc.paragraphs[1].flag, Some(Flag::Separator));
        assert_eq!(doc.paragraphs[4].line, 6);
        assert_eq!(doc.speeches, vec![0..1, 1..4, 4..6]);
    }

    #[test]
    fn decoding_gbk_and_refusing_binary() {
        let (gbk, _, _) = encoding_rs::GBK.encode("同志们：今天召开全县工会工作会议。");
        let (text, name) = decode(&gbk).expect("GBK decodes");
        assert!(text.starts_with("同志们"));
        assert_eq!(name, "gb18030");
        assert!(decode(b"").is_err());
        assert!(decode(b"\x00\x01\x02binary").is_err());
        assert_eq!(cn_value("十六"), Some(16));
        assert_eq!(cn_value("二十"), Some(20));
    }
}
