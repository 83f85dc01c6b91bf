//! `jianggao diff`: which phrases two drafts share, section by section.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::Result;
use crate::record::{self, Record};

/// Phrase id → (section, paragraph text) of a draft, in order.
fn phrases(r: &Record) -> Vec<(&str, &str, &str)> {
    r.sections
        .iter()
        .flat_map(|s| {
            s.paragraphs.iter().flat_map(move |p| {
                p.phrases
                    .iter()
                    .map(move |id| (id.as_str(), s.role.as_str(), p.text.as_str()))
            })
        })
        .collect()
}

/// The comparison of drafts `a` and `b` as text.
#[must_use]
pub fn compare(a_name: &str, a: &Record, b_name: &str, b: &Record) -> String {
    let pa = phrases(a);
    let pb = phrases(b);
    let in_b = |id: &str| pb.iter().find(|(i, _, _)| *i == id).map(|(_, s, _)| *s);
    let in_a = |id: &str| pa.iter().any(|(i, _, _)| *i == id);
    let mut out = String::new();
    let _ = writeln!(out, "A: {a_name} (seed {}, {})", a.seed, a.kind);
    let _ = writeln!(out, "B: {b_name} (seed {}, {})", b.seed, b.kind);
    let mut shared_a = 0;
    for s in &a.sections {
        let ids: Vec<(&str, &str)> = s
            .paragraphs
            .iter()
            .flat_map(|p| p.phrases.iter().map(move |id| (id.as_str(), p.text.as_str())))
            .collect();
        if ids.is_empty() && s.role == "title" {
            continue;
        }
        let shared: Vec<(&str, &str, &str)> = ids
            .iter()
            .filter_map(|&(id, text)| in_b(id).map(|where_b| (id, where_b, text)))
            .collect();
        shared_a += shared.len();
        let _ = writeln!(out, "\n{}: {} of {} phrases shared", s.role, shared.len(), ids.len());
        for (id, where_b, text) in shared {
            let place = if where_b == s.role {
                String::new()
            } else {
                format!(" (B: {where_b})")
            };
            let _ = writeln!(out, "  {id}{place}\n    {text}");
        }
    }
    let shared_b = pb.iter().filter(|(id, _, _)| in_a(id)).count();
    let _ = writeln!(out, "\nsummary:");
    let _ = writeln!(out, "  A {a_name}: {shared_a} of {} phrases shared with B", pa.len());
    let _ = writeln!(out, "  B {b_name}: {shared_b} of {} phrases shared with A", pb.len());
    out
}

/// Runs `jianggao diff`.
pub fn run(a: &Path, b: &Path) -> Result<()> {
    let ra = record::load(a)?;
    let rb = record::load(b)?;
    let text = compare(&a.display().to_string(), &ra, &b.display().to_string(), &rb);
    crate::report::print(&text)
}
