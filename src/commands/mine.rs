//! `jianggao mine`

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{ExplainFormat, MineArgs};
use crate::error::{Error, Result};
use crate::mine::{self, Options, Record};

/// Runs `jianggao mine`.
pub fn run(args: &MineArgs, quiet: bool) -> Result<()> {
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("mining {bar:30} {pos}/{len} files") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mined = mine::mine(&args.paths, Options { records: args.explain }, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    for warning in &mined.warnings {
        eprintln!("warning: {warning}");
    }
    if args.explain {
        return print_records(&mined.records, args.format);
    }
    if mined.files == 0 {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::Message(format!(
            "no speech could be read from {}; the phrase bank {} was not written",
            paths.join(", "),
            args.out.display()
        )));
    }
    mine::write_bank(&mined.phrases, &args.out)?;
    if !quiet {
        let counts: Vec<String> = mine::counts(&mined.phrases)
            .into_iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        eprintln!(
            "mined {} files: {} phrases ({}) → {}",
            mined.files,
            mined.phrases.len(),
            counts.join(", "),
            args.out.display()
        );
    }
    Ok(())
}

fn stdout_error(source: std::io::Error) -> Error {
    Error::Io {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

fn print_records(records: &[Record], format: ExplainFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        ExplainFormat::Json => {
            serde_json::to_writer_pretty(&mut out, records).map_err(|e| Error::Message(e.to_string()))?;
            writeln!(out).map_err(stdout_error)?;
        }
        ExplainFormat::Text => {
            for r in records {
                let excerpt: String = r.text.chars().take(24).collect();
                writeln!(
                    out,
                    "{}:{}\t{}\t{}\t{}\t{}\t{}",
                    r.source,
                    r.line,
                    r.label,
                    if r.kept { "kept" } else { "dropped" },
                    if r.themes.is_empty() {
                        "-".to_string()
                    } else {
                        r.themes.join(",")
                    },
                    excerpt,
                    r.reason
                )
                .map_err(stdout_error)?;
            }
        }
    }
    out.flush().map_err(stdout_error)
}
