//! Mining speed and memory: the bundled corpus, then synthetic archives of about 50 MB and 100 MB
//! built from it (each copy with its years and level words changed, so that near-duplicate
//! detection has real work to do). Reports MB/s and peak resident memory (VmHWM) per size.
//!
//! Run: `cargo bench --bench mine` (sizes in MB can be given: `cargo bench --bench mine -- 20 40`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use jianggao::mine::{self, Options};

/// The allocator the binary uses, so that the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect()
}

/// Writes copies of the corpus under `dir` until `mb` megabytes are written; returns the bytes.
fn build_archive(dir: &Path, mb: usize, corpus: &[(String, String)]) -> usize {
    let levels = [("县", "市"), ("县", "区"), ("市", "县"), ("矿", "厂")];
    let mut written = 0;
    let mut copy = 0usize;
    while written < mb * 1_000_000 {
        let sub = dir.join(format!("{:04}", copy / 100));
        std::fs::create_dir_all(&sub).ok();
        for (name, text) in corpus {
            let (from, to) = levels[copy % levels.len()];
            let year = format!("{}", 1995 + copy % 40);
            let body = text.replace("20xx", &year).replace(from, to);
            let path = sub.join(format!("{copy:05}_{name}"));
            if std::fs::write(&path, &body).is_ok() {
                written += body.len();
            }
        }
        copy += 1;
    }
    written
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn reset_peak() {
    // Linux: writing 5 to clear_refs resets the process's peak resident set size.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if args.is_empty() { vec![50, 100] } else { args };
    let corpus = corpus();

    let started = Instant::now();
    let mined = mine::mine(
        &[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")],
        Options::default(),
        |_, _| {},
    );
    println!(
        "bundled corpus: {} files, {} phrases in {:.1} ms",
        mined.files,
        mined.phrases.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );

    for mb in sizes {
        let Ok(dir) = tempfile::tempdir() else {
            eprintln!("no temporary folder");
            return;
        };
        let bytes = build_archive(dir.path(), mb, &corpus);
        reset_peak();
        let before = peak_kib().unwrap_or(0);
        let started = Instant::now();
        let mined = mine::mine(&[dir.path().to_path_buf()], Options::default(), |_, _| {});
        let secs = started.elapsed().as_secs_f64();
        let peak = peak_kib().unwrap_or(0);
        println!(
            "archive {:>6.1} MB: {} files, {} phrases kept, {:.2} s, {:.1} MB/s, peak memory {:.0} MB (before {:.0} MB)",
            bytes as f64 / 1e6,
            mined.files,
            mined.phrases.len(),
            secs,
            bytes as f64 / 1e6 / secs,
            peak as f64 / 1024.0,
            before as f64 / 1024.0
        );
    }
}
