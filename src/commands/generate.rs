//! `jianggao generate`

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::cli::{DraftFormat, GenerateArgs};
use crate::compose::Composer;
use crate::error::{Error, Result};
use crate::export::{self, Format};
use crate::render::Templates;

/// A seed from the clock and the process id, for runs without `--seed`; small enough to type.
fn random_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut bytes = nanos.to_le_bytes().to_vec();
    bytes.extend_from_slice(&std::process::id().to_le_bytes());
    crate::rng::fnv1a(&bytes) % 1_000_000_000
}

/// `draft.txt` → `draft-42.txt`.
fn variant_path(path: &Path, seed: u64) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{seed}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{seed}"),
    };
    path.with_file_name(name)
}

/// Rebuilds the draft recorded in `record`: the draft of its seed, its re-rolls replayed, and any
/// section whose recorded seed differs (a hand-made mix) composed from that seed.
fn keep(composer: &Composer<'_>, record: &crate::record::Record, path: &Path) -> Result<crate::draft::Draft> {
    let mut d = composer.rebuild(record.seed, &record.rerolls)?;
    for s in &record.sections {
        let now = d.sections.iter().find(|x| x.role == s.role).map(|x| x.seed);
        match now {
            Some(seed) if seed != s.seed => composer.reroll_with(&mut d, &s.role, s.seed)?,
            Some(_) => {}
            None => {
                return Err(Error::Message(format!(
                    "{}: the recorded section `{}` is not in a draft of this brief; was it made from another brief?",
                    path.display(),
                    s.role
                )));
            }
        }
    }
    if d.text != record.text {
        let differ: Vec<&str> = record
            .sections
            .iter()
            .filter(|s| {
                d.sections.iter().find(|x| x.role == s.role).is_none_or(|x| {
                    x.paragraphs.len() != s.paragraphs.len()
                        || x.paragraphs.iter().zip(&s.paragraphs).any(|(a, b)| a.text != b.text)
                })
            })
            .map(|s| s.role.as_str())
            .collect();
        let why = if !record.bank.is_empty() && record.bank != d.bank {
            "it was made from another phrase bank"
        } else {
            "the brief, templates or avoided speeches are not those it was made with"
        };
        d.warnings.push(format!(
            "the rebuilt draft differs from {} in {}: {why}",
            path.display(),
            if differ.is_empty() {
                "its text".to_string()
            } else {
                differ.join(", ")
            }
        ));
    }
    Ok(d)
}

/// Runs `jianggao generate`.
pub fn run(args: &GenerateArgs, quiet: bool) -> Result<()> {
    let format = match args.format {
        DraftFormat::Text => Some(Format::Text),
        DraftFormat::Md => Some(Format::Markdown),
        DraftFormat::Json => Some(Format::Json),
        DraftFormat::Docx => None,
    };
    if args.variants == 0 {
        return Err(Error::Usage("--variants must be at least 1".into()));
    }
    if format.is_none() && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "a .docx is a binary file and is not written to a terminal; use -o FILE.docx".into(),
        ));
    }
    let (brief, brief_warnings) = crate::brief::load_with_warnings(&args.brief)?;
    for w in &brief_warnings {
        crate::report::warn(w, quiet);
    }
    let fonts = match (&args.style, format) {
        (_, Some(_)) => None,
        (Some(path), None) => Some(crate::export::docx::load_style(path)?),
        (None, None) => Some(match &brief.style {
            Some(given) => crate::export::docx::DocFonts::with_brief(given),
            None => crate::export::docx::DocFonts::default(),
        }),
    };
    let render = |d: &crate::draft::Draft| -> Result<Vec<u8>> {
        match (format, &fonts) {
            (Some(f), _) => Ok(export::one(d, f)?.into_bytes()),
            (None, Some(fonts)) => crate::export::docx::to_docx(d, fonts),
            (None, None) => Err(Error::Message("no fonts for the Word document".into())),
        }
    };
    let bank = match &args.bank {
        Some(dir) => Bank::load(dir)?,
        None => Bank::embedded()?,
    };
    let templates = match &args.templates {
        Some(dir) => Templates::load(dir)?,
        None => Templates::embedded()?,
    };
    let revising = args.keep.is_some() || !args.reroll.is_empty();
    if revising && args.variants > 1 {
        return Err(Error::Usage(
            "--variants makes several drafts; --reroll and --keep revise one: leave out --variants".into(),
        ));
    }
    let kept = match &args.keep {
        Some(path) => Some(crate::record::load(path)?),
        None => None,
    };
    if let (Some(k), Some(s)) = (&kept, args.seed)
        && k.seed != s
    {
        return Err(Error::Usage(format!(
            "--seed {s} differs from the seed {} recorded in the --keep file; leave out --seed",
            k.seed
        )));
    }
    let seed = match (args.seed, &kept) {
        (Some(s), _) => s,
        (None, Some(k)) => k.seed,
        (None, None) => {
            let s = random_seed();
            if !quiet {
                eprintln!("seed: {s}");
            }
            s
        }
    };
    let mut avoid = crate::avoid::Avoid::default();
    for path in brief.avoid.iter().chain(&args.avoid) {
        avoid.add_file(path)?;
    }
    let composer = Composer::new(&brief, &bank, &templates)?.with_avoid(avoid);
    let drafts: Vec<_> = if revising {
        let mut d = match (&kept, &args.keep) {
            (Some(k), Some(path)) => keep(&composer, k, path)?,
            _ => composer.draft(seed),
        };
        for name in &args.reroll {
            let place = composer.resolve_place(&d, name)?;
            composer.reroll(&mut d, &place)?;
            if !quiet {
                let new = d.rerolls.last().map_or(0, |r| r.seed);
                eprintln!("re-rolled {place} (seed {new})");
            }
        }
        vec![d]
    } else {
        (0..u64::from(args.variants))
            .map(|i| composer.draft(seed.wrapping_add(i)))
            .collect()
    };
    if !quiet {
        let mut seen: Vec<&str> = Vec::new();
        for w in drafts.iter().flat_map(|d| d.warnings.iter()) {
            if !seen.contains(&w.as_str()) {
                seen.push(w);
                eprintln!("warning: {w}");
            }
        }
    }
    match &args.output {
        None => {
            let out = match format {
                Some(f) => export::many(&drafts, f)?.into_bytes(),
                None if drafts.len() == 1 => render(&drafts[0])?,
                None => {
                    return Err(Error::Usage(
                        "several Word documents need a file name: use -o FILE.docx".into(),
                    ));
                }
            };
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&out)
                .and_then(|()| stdout.flush())
                .map_err(|source| Error::Io {
                    path: PathBuf::from("<stdout>"),
                    source,
                })
        }
        Some(path) if drafts.len() == 1 => {
            let out = render(&drafts[0])?;
            crate::fsutil::write_atomic(path, &out, args.force)
        }
        Some(path) => {
            let files = drafts
                .iter()
                .map(|d| Ok((variant_path(path, d.seed), render(d)?)))
                .collect::<Result<Vec<_>>>()?;
            crate::fsutil::write_all_or_none(&files, args.force)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_paths_carry_the_seed() {
        assert_eq!(
            variant_path(Path::new("out/draft.txt"), 42),
            PathBuf::from("out/draft-42.txt")
        );
        assert_eq!(variant_path(Path::new("draft"), 7), PathBuf::from("draft-7"));
    }
}
