//! Mining: classify the paragraphs of a corpus, cut them into reusable units, generalise them into
//! slotted phrases, drop the defective, and write the phrase bank.
//!
//! The pipeline is deterministic: inputs are read in sorted order, units are considered in corpus
//! order, and the first of a set of duplicates is the one kept.

pub mod classify;
pub mod dedupe;
pub mod family;
pub mod generalise;
pub mod units;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::bank::{Bank, Label, Phrase};
use crate::corpus::{Document, Flag, Input};
use crate::error::{Error, Result};
use generalise::{Census, Frame, Outcome};

/// One paragraph as `mine --explain` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// The file's path as given (or found under a folder given).
    pub source: String,
    /// 1-based line in that file.
    pub line: usize,
    pub text: String,
    pub label: Label,
    pub themes: Vec<String>,
    /// Whether at least one phrase of the bank comes from this paragraph.
    pub kept: bool,
    /// Why it was dropped, or how it was kept and generalised.
    pub reason: String,
}

/// What mining produced.
#[derive(Debug, Default)]
pub struct Mined {
    /// The phrases, in corpus order.
    pub phrases: Vec<Phrase>,
    /// One record per paragraph (only when asked for).
    pub records: Vec<Record>,
    /// Files skipped, with why.
    pub warnings: Vec<String>,
    /// Files mined.
    pub files: usize,
    /// Bytes of text mined.
    pub bytes: usize,
}

/// Options of a mining run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Keep one record per paragraph for `--explain`.
    pub records: bool,
}

/// Labels of the paragraphs of one decoded document, speech by speech.
#[must_use]
pub fn label_document(doc: &Document) -> Vec<Label> {
    let mut labels = Vec::with_capacity(doc.paragraphs.len());
    for range in &doc.speeches {
        labels.extend(classify::classify(&doc.paragraphs[range.clone()]));
    }
    labels
}

/// (line, label) of every paragraph of one file.
pub fn label_file(path: &Path) -> Result<Vec<(usize, Label)>> {
    let input = Input {
        path: path.to_path_buf(),
        name: path.display().to_string(),
    };
    let doc = crate::corpus::load(input).map_err(|e| Error::Message(format!("{}: {e}", path.display())))?;
    let labels = label_document(&doc);
    Ok(doc.paragraphs.iter().map(|p| p.line).zip(labels).collect())
}

/// The label scores of the paragraph at `line` of a file, for auditing the rules (empty when the
/// paragraph's label was fixed by position or form rather than scored).
#[must_use]
pub fn scores_of(path: &Path, line: usize) -> String {
    let input = Input {
        path: path.to_path_buf(),
        name: path.display().to_string(),
    };
    let Ok(doc) = crate::corpus::load(input) else {
        return String::new();
    };
    for range in &doc.speeches {
        let paras = &doc.paragraphs[range.clone()];
        let (_, scores) = classify::classify_scored(paras);
        if let Some(k) = paras.iter().position(|p| p.line == line) {
            return scores[k].map_or_else(String::new, |s| {
                Label::ALL
                    .iter()
                    .zip(s)
                    .filter(|(_, v)| *v > 0.0)
                    .map(|(l, v)| format!("{l}={v:.1}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        }
    }
    String::new()
}

fn flag_reason(flag: Flag) -> &'static str {
    match flag {
        Flag::Junk => "site junk",
        Flag::Repeat => "repeats the line before it",
        Flag::Separator => "title of a speech in a collection",
        Flag::TooLong => "too long to be a paragraph of a speech",
    }
}

fn unit_name(unit: crate::bank::Unit) -> &'static str {
    use crate::bank::Unit;
    match unit {
        Unit::Salutation => "salutation",
        Unit::Opening => "opening paragraph",
        Unit::Heading => "point heading",
        Unit::Intro => "section intro",
        Unit::Subpoint => "sub-point",
        Unit::Body => "body paragraph",
        Unit::Closing => "closing",
    }
}

/// Mines the files under `paths` (files, or folders read recursively in sorted order).
/// `progress` is called once per file, after it is read.
pub fn mine(paths: &[PathBuf], options: Options, mut progress: impl FnMut(usize, usize)) -> Mined {
    let (inputs, mut warnings) = crate::corpus::collect_inputs(paths);
    let total = inputs.len();
    let mut docs = Vec::with_capacity(total);
    let mut bytes = 0;
    for (k, input) in inputs.into_iter().enumerate() {
        let shown = input.path.display().to_string();
        match crate::corpus::load(input) {
            Ok(doc) => {
                bytes += doc.paragraphs.iter().map(|p| p.text.len() + 1).sum::<usize>();
                docs.push(doc);
            }
            Err(why) => warnings.push(format!("{shown}: skipped: {why}")),
        }
        progress(k + 1, total);
    }
    let labels: Vec<Vec<Label>> = docs.iter().map(label_document).collect();

    let speeches: Vec<Vec<&str>> = docs
        .iter()
        .flat_map(|d| {
            d.speeches.iter().map(|r| {
                d.paragraphs[r.clone()]
                    .iter()
                    .filter(|p| p.flag.is_none())
                    .map(|p| p.text.as_str())
                    .collect()
            })
        })
        .collect();
    let census = Census::build(&speeches);

    let mut dedupe = dedupe::Deduper::new();
    let mut mined = Mined {
        warnings,
        files: docs.len(),
        bytes,
        ..Mined::default()
    };
    for (doc, labels) in docs.iter().zip(&labels) {
        let shown = doc.input.path.display().to_string();
        for range in &doc.speeches {
            let paras = &doc.paragraphs[range.clone()];
            let labels = &labels[range.clone()];
            let texts: Vec<&str> = paras
                .iter()
                .filter(|p| p.flag.is_none())
                .map(|p| p.text.as_str())
                .collect();
            let mut facts = generalise::speech_facts(&texts);
            let kind = units::detect_kind(paras, labels);
            let family = units::detect_family(paras);
            facts.kind = facts.kind.or(Some(kind));
            facts.family = facts.family.or(Some(family));
            let kind = facts.kind.unwrap_or(kind);
            let family = facts.family.unwrap_or(family);

            let mut reasons: Vec<Vec<String>> = vec![Vec::new(); paras.len()];
            let mut kept = vec![false; paras.len()];
            for cand in units::units(paras, labels) {
                let p = &paras[cand.para];
                let source = format!("{}:{}", doc.input.name, p.line);
                let frame = match cand.section {
                    Label::Achievements | Label::Problems => Frame::Review,
                    _ => Frame::Plan,
                };
                let what = format!("{} ({})", unit_name(cand.unit), cand.section);
                if matches!(cand.unit, crate::bank::Unit::Body | crate::bank::Unit::Intro)
                    && let Err(why) = units::stands_alone(&cand.text)
                {
                    reasons[cand.para].push(format!("{what} dropped: {why}"));
                    continue;
                }
                let cut = match cand.unit {
                    crate::bank::Unit::Opening | crate::bank::Unit::Closing => generalise::Cut::CLAUSES,
                    crate::bank::Unit::Body | crate::bank::Unit::Intro => generalise::Cut::SENTENCES,
                    _ => generalise::Cut::STRICT,
                };
                match generalise::generalise_unit(&cand.text, &facts, &census, frame, cut) {
                    Outcome::Dropped { reason } => reasons[cand.para].push(format!("{what} dropped: {reason}")),
                    Outcome::Kept {
                        text,
                        slots,
                        era,
                        notes,
                    } => {
                        if let Some(first) = dedupe.check(&text, &source) {
                            reasons[cand.para].push(format!("{what} dropped: duplicate of {first}"));
                            continue;
                        }
                        kept[cand.para] = true;
                        let mut why = format!("{what} kept");
                        if !notes.is_empty() {
                            why.push_str(": ");
                            why.push_str(&notes.join("; "));
                        }
                        reasons[cand.para].push(why);
                        let lead = (cand.unit == crate::bank::Unit::Subpoint).then(|| units::lead(&text));
                        let level_family = family::phrase_family(&text, family);
                        mined.phrases.push(Phrase {
                            id: crate::bank::phrase_id(cand.section, &text),
                            section: cand.section,
                            unit: cand.unit,
                            themes: units::themes(&text),
                            text,
                            lead,
                            slots,
                            kind,
                            level_family,
                            era,
                            source,
                        });
                    }
                }
            }
            if options.records {
                for (i, (p, &label)) in paras.iter().zip(labels).enumerate() {
                    let reason = if !reasons[i].is_empty() {
                        reasons[i].join(" | ")
                    } else if let Some(flag) = p.flag {
                        flag_reason(flag).to_string()
                    } else {
                        match label {
                            Label::Heading => "heading without content of its own".to_string(),
                            Label::Other => "not part of a speech's sections".to_string(),
                            _ => "no reusable unit".to_string(),
                        }
                    };
                    mined.records.push(Record {
                        source: shown.clone(),
                        line: p.line,
                        text: p.text.clone(),
                        label,
                        themes: if p.flag.is_none() {
                            units::themes(&p.text)
                        } else {
                            Vec::new()
                        },
                        kept: kept[i],
                        reason,
                    });
                }
            }
        }
    }
    mined
}

/// The bank files for `phrases` (one per section, sorted by id).
pub fn bank_files(phrases: &[Phrase]) -> Result<Vec<(String, Vec<u8>)>> {
    Ok(Bank::to_files(phrases)?
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect())
}

/// Writes `phrases` as the bank folder `out`, replacing it whole once every file is written.
pub fn write_bank(phrases: &[Phrase], out: &Path) -> Result<()> {
    crate::fsutil::replace_dir(out, &bank_files(phrases)?)
}

/// Counts of phrases by section, in section order.
#[must_use]
pub fn counts(phrases: &[Phrase]) -> Vec<(Label, usize)> {
    Label::SECTIONS
        .iter()
        .map(|s| (*s, phrases.iter().filter(|p| p.section == *s).count()))
        .collect()
}
