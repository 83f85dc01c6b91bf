//! Drafts per second, in process: `cargo bench --bench generate`.
//!
//! `draft` makes one draft of a prepared brief for a new seed each time (the work of
//! `--variants`); `brief+draft` also prepares the brief (slot values, frame templates, the bank's
//! candidate lists), as one `jianggao generate` run does. The bank is the embedded one when it
//! holds phrases, otherwise the test fixture bank.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use jianggao::bank::Bank;
use jianggao::compose::Composer;
use jianggao::render::Templates;

/// The allocator the binary uses, so that the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bank() -> Bank {
    let embedded = Bank::embedded().expect("embedded bank");
    if embedded.phrases.len() >= 100 {
        return embedded;
    }
    Bank::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compose_bank")).expect("fixture bank")
}

fn drafts(c: &mut Criterion) {
    let bank = bank();
    let templates = Templates::embedded().expect("templates");
    for name in ["county", "enterprise_report"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.toml"));
        let brief = jianggao::brief::load(&path).expect("brief");
        let composer = Composer::new(&brief, &bank, &templates).expect("composer");
        let mut seed = 0u64;
        c.bench_function(&format!("{name}/draft"), |b| {
            b.iter(|| {
                seed += 1;
                black_box(composer.draft(black_box(seed)))
            });
        });
        c.bench_function(&format!("{name}/brief+draft"), |b| {
            b.iter(|| {
                seed += 1;
                let composer = Composer::new(&brief, &bank, &templates).expect("composer");
                black_box(composer.draft(black_box(seed)))
            });
        });
    }
}

criterion_group!(benches, drafts);
criterion_main!(benches);
