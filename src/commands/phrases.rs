//! `jianggao phrases`: list, search and inspect the stock phrases of a bank.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use crate::bank::{Bank, Kind, Label, LevelFamily, Phrase, SLOTS, display_text};
use crate::cli::{ExplainFormat, PhraseFilter, PhrasesArgs, PhrasesCommand};
use crate::error::{Error, Result};
use crate::report;

/// Runs `jianggao phrases`.
pub fn run(args: &PhrasesArgs, _quiet: bool) -> Result<()> {
    let bank = load_bank(args.bank.as_deref())?;
    match &args.action {
        None => report::print(&list(&bank, &args.filter)?),
        Some(PhrasesCommand::Show { id, corpus }) => {
            report::print(&show(&bank, id, args.bank.as_deref(), corpus.as_deref())?)
        }
        Some(PhrasesCommand::Stats) => report::print(&stats(&bank)),
    }
}

/// The bank in `dir`, or the built-in one.
pub fn load_bank(dir: Option<&Path>) -> Result<Bank> {
    match dir {
        Some(dir) => Bank::load(dir),
        None => Bank::embedded(),
    }
}

/// A validated filter of phrases.
#[derive(Debug, Default)]
struct Filter {
    section: Option<Label>,
    theme: Option<String>,
    kind: Option<Kind>,
    level_family: Option<LevelFamily>,
    year: Option<u32>,
    grep: Option<String>,
}

impl Filter {
    fn keeps(&self, p: &Phrase) -> bool {
        self.section.is_none_or(|s| p.section == s)
            && self.theme.as_ref().is_none_or(|t| p.themes.contains(t))
            && self.kind.is_none_or(|k| p.kind == k)
            && self.level_family.is_none_or(|f| p.level_family == f)
            && self.year.is_none_or(|y| p.era.fits(y))
            && self.grep.as_ref().is_none_or(|g| {
                p.text.contains(g.as_str())
                    || display_text(&p.text).contains(g.as_str())
                    || p.lead.as_ref().is_some_and(|l| l.contains(g.as_str()))
            })
    }
}

fn usage(what: &str, value: &str, allowed: &[&str]) -> Error {
    let near = crate::brief::nearest(value, allowed.iter().copied())
        .map(|n| format!("did you mean {n}? "))
        .unwrap_or_default();
    Error::Usage(format!(
        "{what} `{value}` is not known; {near}use one of: {}",
        allowed.join(", ")
    ))
}

/// The themes a filter may name: the lexicon's, then any others the bank uses, in order.
fn known_themes(bank: &Bank) -> Vec<String> {
    let mut themes: Vec<String> = crate::themes::names().into_iter().map(str::to_string).collect();
    let mut extra: Vec<String> = bank
        .phrases
        .iter()
        .flat_map(|p| p.themes.iter())
        .filter(|t| !themes.contains(t))
        .cloned()
        .collect();
    extra.sort();
    extra.dedup();
    themes.extend(extra);
    themes
}

fn validate(bank: &Bank, f: &PhraseFilter) -> Result<Filter> {
    let sections: Vec<&str> = Label::SECTIONS.iter().map(|l| l.as_str()).collect();
    let section = match &f.section {
        None => None,
        Some(s) => Some(
            Label::parse(s)
                .filter(|l| Label::SECTIONS.contains(l))
                .ok_or_else(|| usage("--section", s, &sections))?,
        ),
    };
    if let Some(t) = &f.theme {
        let themes = known_themes(bank);
        if !themes.contains(t) {
            let names: Vec<&str> = themes.iter().map(String::as_str).collect();
            return Err(usage("--theme", t, &names));
        }
    }
    let kind = match f.kind.as_deref() {
        None => None,
        Some("leader_speech") => Some(Kind::LeaderSpeech),
        Some("work_report") => Some(Kind::WorkReport),
        Some(other) => return Err(usage("--kind", other, &["leader_speech", "work_report"])),
    };
    let level_family = match f.level_family.as_deref() {
        None => None,
        Some("government") => Some(LevelFamily::Government),
        Some("enterprise") => Some(LevelFamily::Enterprise),
        Some("common") => Some(LevelFamily::Common),
        Some(other) => {
            return Err(usage("--level-family", other, &["government", "enterprise", "common"]));
        }
    };
    if let Some(y) = f.year
        && !crate::brief::YEARS.contains(&y)
    {
        return Err(Error::Usage(format!(
            "--year {y} is out of range; use a year from {} to {}",
            crate::brief::YEARS.start(),
            crate::brief::YEARS.end()
        )));
    }
    Ok(Filter {
        section,
        theme: f.theme.clone(),
        kind,
        level_family,
        year: f.year,
        grep: f.grep.clone().filter(|g| !g.is_empty()),
    })
}

/// The phrases a filter keeps, in bank order, at most `limit`.
fn select<'b>(bank: &'b Bank, f: &PhraseFilter) -> Result<Vec<&'b Phrase>> {
    let filter = validate(bank, f)?;
    Ok(bank
        .phrases
        .iter()
        .filter(|p| filter.keeps(p))
        .take(f.limit.unwrap_or(usize::MAX))
        .collect())
}

/// A phrase as a JSON object.
#[must_use]
pub fn phrase_json(p: &Phrase) -> serde_json::Value {
    json!({
        "id": p.id,
        "section": p.section.as_str(),
        "text": p.text,
        "display": display_text(&p.text),
        "slots": p.slots,
        "themes": p.themes,
        "kind": p.kind.as_str(),
        "level_family": p.level_family.as_str(),
        "era": {"from": p.era.from, "to": p.era.to},
        "source": p.source,
    })
}

fn list(bank: &Bank, f: &PhraseFilter) -> Result<String> {
    let phrases = select(bank, f)?;
    match f.format {
        ExplainFormat::Json => {
            let items: Vec<serde_json::Value> = phrases.iter().map(|p| phrase_json(p)).collect();
            let mut s = serde_json::to_string_pretty(&items).map_err(|e| Error::Message(e.to_string()))?;
            s.push('\n');
            Ok(s)
        }
        ExplainFormat::Text => {
            let themes: Vec<String> = phrases
                .iter()
                .map(|p| {
                    if p.themes.is_empty() {
                        "-".to_string()
                    } else {
                        p.themes.join(",")
                    }
                })
                .collect();
            let id_w = phrases.iter().map(|p| p.id.len()).max().unwrap_or(0);
            let theme_w = themes.iter().map(|t| t.width()).max().unwrap_or(0);
            let mut out = String::new();
            for (p, themes) in phrases.iter().zip(&themes) {
                let _ = writeln!(
                    out,
                    "{:<id_w$}  {:<12}  {}  {}",
                    p.id,
                    p.section.as_str(),
                    pad_to(themes, theme_w),
                    display_text(&p.text)
                );
            }
            Ok(out)
        }
    }
}

/// Where the corpus file of a phrase's source may be.
fn source_candidates(file: &str, bank_dir: Option<&Path>, corpus: Option<&Path>) -> Vec<PathBuf> {
    let given = PathBuf::from(file);
    let name = given.file_name().map(PathBuf::from).unwrap_or_else(|| given.clone());
    let mut out = Vec::new();
    if let Some(c) = corpus {
        out.push(c.join(&given));
        out.push(c.join(&name));
    }
    out.push(given.clone());
    if let Some(parent) = bank_dir.and_then(Path::parent) {
        out.push(parent.join(&given));
        out.push(parent.join("corpus").join(&name));
    }
    out.push(PathBuf::from("corpus").join(&name));
    out
}

/// Reads a corpus file as text: UTF-8, or GB18030 when it is not.
fn read_corpus_text(path: &Path) -> Option<String> {
    const MAX: u64 = 64 << 20;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => Some(encoding_rs::GB18030.decode(e.as_bytes()).0.into_owned()),
    }
}

/// The paragraph at `line` (1-based) with the paragraphs before and after it, numbered.
fn surrounding(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line.checked_sub(1).filter(|&i| i < lines.len())?;
    let before = (0..at).rev().find(|&i| !lines[i].trim().is_empty());
    let after = (at + 1..lines.len()).find(|&i| !lines[i].trim().is_empty());
    let width = (after.unwrap_or(at) + 1).to_string().len();
    let mut out = String::new();
    for i in [before, Some(at), after].into_iter().flatten() {
        let mark = if i == at { '>' } else { ' ' };
        let _ = writeln!(out, "  {mark} {:>width$} │ {}", i + 1, lines[i].trim_end());
    }
    Some(out)
}

fn show(bank: &Bank, id: &str, bank_dir: Option<&Path>, corpus: Option<&Path>) -> Result<String> {
    let matches: Vec<&Phrase> = bank.phrases.iter().filter(|p| p.id.starts_with(id)).collect();
    let p = match bank.phrases.iter().find(|p| p.id == id) {
        Some(p) => p,
        None => match matches.as_slice() {
            [one] => *one,
            [] => {
                return Err(Error::Message(format!(
                    "no phrase has the id `{id}`; `jianggao phrases` lists the ids (the first column)"
                )));
            }
            many => {
                let ids: Vec<&str> = many.iter().take(5).map(|p| p.id.as_str()).collect();
                return Err(Error::Usage(format!(
                    "`{id}` is the start of {} ids ({}{}); give more of it",
                    many.len(),
                    ids.join(", "),
                    if many.len() > 5 { ", …" } else { "" }
                )));
            }
        },
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.id);
    let unit = format!("{:?}", p.unit).to_lowercase();
    let _ = writeln!(out, "section:      {} ({unit})", p.section.as_str());
    let _ = writeln!(out, "kind:         {}", p.kind.as_str());
    let _ = writeln!(out, "level family: {}", p.level_family.as_str());
    let _ = writeln!(out, "era:          {}–{}", p.era.from, p.era.to);
    let themes = if p.themes.is_empty() {
        "-".to_string()
    } else {
        p.themes.join(", ")
    };
    let _ = writeln!(out, "themes:       {themes}");
    let _ = writeln!(out, "text:         {}", display_text(&p.text));
    if let Some(lead) = &p.lead {
        let _ = writeln!(out, "lead:         {}", display_text(lead));
    }
    if p.slots.is_empty() {
        let _ = writeln!(out, "slots:        none");
    } else {
        let _ = writeln!(out, "slots:");
        for slot in &p.slots {
            match SLOTS.iter().find(|(name, _, _)| name == slot) {
                Some((name, meaning, shown)) => {
                    let pad = 10usize.saturating_sub(shown.width());
                    let _ = writeln!(out, "  {shown}{:pad$}{name:<16}{meaning}", "");
                }
                None => {
                    let _ = writeln!(out, "  {slot} (not a slot of the vocabulary)");
                }
            }
        }
    }
    let _ = writeln!(out, "source:       {}", p.source);
    if let Some((file, line)) = p.source.rsplit_once(':')
        && let Ok(line) = line.trim().parse::<usize>()
    {
        let found = source_candidates(file, bank_dir, corpus)
            .into_iter()
            .find_map(|path| read_corpus_text(&path).map(|text| (path, text)));
        match found.and_then(|(path, text)| surrounding(&text, line).map(|s| (path, s))) {
            Some((path, context)) => {
                let _ = writeln!(out, "\nin {}:", path.display());
                out.push_str(&context);
            }
            None => {
                let _ = writeln!(
                    out,
                    "(the corpus file {file} is not at hand; run from the folder that holds it, or give --corpus DIR)"
                );
            }
        }
    }
    Ok(out)
}

fn pad_to(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// The section × theme table of counts. A phrase with several themes counts once under each.
fn stats(bank: &Bank) -> String {
    let mut rows: Vec<String> = known_themes(bank)
        .into_iter()
        .filter(|t| bank.phrases.iter().any(|p| p.themes.contains(t)))
        .collect();
    let none = "(no theme)".to_string();
    rows.push(none.clone());
    let count = |theme: &str, section: Option<Label>| {
        bank.phrases
            .iter()
            .filter(|p| section.is_none_or(|s| p.section == s))
            .filter(|p| {
                if theme == none {
                    p.themes.is_empty()
                } else {
                    p.themes.iter().any(|t| t == theme)
                }
            })
            .count()
    };
    let head_w = rows.iter().map(|r| r.width()).max().unwrap_or(0).max("theme".len());
    let mut out = String::new();
    let _ = write!(out, "{}", pad_to("theme", head_w));
    for s in Label::SECTIONS {
        let _ = write!(out, "  {:>w$}", s.as_str(), w = s.as_str().len());
    }
    let _ = writeln!(out, "  {:>5}", "total");
    for theme in rows.iter().chain(std::iter::once(&"all phrases".to_string())) {
        let all = theme == "all phrases";
        let _ = write!(out, "{}", pad_to(theme, head_w));
        for s in Label::SECTIONS {
            let n = if all {
                bank.phrases.iter().filter(|p| p.section == s).count()
            } else {
                count(theme, Some(s))
            };
            let _ = write!(out, "  {n:>w$}", w = s.as_str().len());
        }
        let total = if all { bank.phrases.len() } else { count(theme, None) };
        let _ = writeln!(out, "  {total:>5}");
    }
    out
}
