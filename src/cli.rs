//! The command line: clap definitions and dispatch. Handlers live in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::Result;

/// Drafts Chinese speeches for trade-union work meetings from a phrase bank mined out of real speeches.
#[derive(Debug, Parser)]
#[command(name = "jianggao", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  jianggao generate examples/county.toml --seed 42\n  jianggao mine corpus --out phrasebank\n  jianggao phrases --section opening --limit 5"
)]
pub struct Cli {
    /// Print nothing but the requested output and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Mine a corpus of speeches into a phrase bank.
    #[command(
        after_help = "Examples:\n  jianggao mine\n  jianggao mine corpus/ my-archive/ --out phrasebank/\n  jianggao mine --explain --format json corpus/000_592489f94325e6aa.txt"
    )]
    Mine(MineArgs),
    /// Generate a speech draft from a TOML brief.
    #[command(
        after_help = "Examples:\n  jianggao generate examples/county.toml\n  jianggao generate examples/county.toml --seed 42 --variants 3\n  jianggao generate examples/city.toml --format json -o draft.json\n  jianggao generate examples/county.toml --seed 42 --reroll 2 --reroll closing\n  jianggao generate examples/county.toml --keep draft.json --reroll opening\n  jianggao generate examples/county.toml --seed 7 --avoid last-year.txt"
    )]
    Generate(GenerateArgs),
    /// List, search and inspect the stock phrases.
    #[command(
        after_help = "Examples:\n  jianggao phrases --section opening\n  jianggao phrases --theme 劳动竞赛 --grep 竞赛 --format json\n  jianggao phrases show opening-0123456789abcdef\n  jianggao phrases stats"
    )]
    Phrases(PhrasesArgs),
    /// Write and check briefs.
    #[command(
        subcommand,
        after_help = "Examples:\n  jianggao brief init > brief.toml\n  jianggao brief init --kind work_report --level 企业\n  jianggao brief check brief.toml"
    )]
    Brief(BriefCommand),
    /// Compare two drafts: the phrases they share, section by section.
    #[command(
        after_help = "Examples:\n  jianggao diff a.json b.json\n  jianggao diff draft-42.json draft-43.json --quiet"
    )]
    Diff {
        /// A draft written by `jianggao generate --format json`.
        a: PathBuf,
        /// Another draft to compare it with.
        b: PathBuf,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  jianggao completions bash > ~/.local/share/bash-completion/completions/jianggao\n  jianggao completions zsh > ~/.zfunc/_jianggao\n  jianggao completions fish > ~/.config/fish/completions/jianggao.fish"
    )]
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Examples:\n  jianggao man > jianggao.1\n  jianggao man | man -l -")]
    Man,
}

/// Output formats of `mine --explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExplainFormat {
    #[default]
    Text,
    Json,
}

/// `jianggao mine`
#[derive(Debug, Args)]
pub struct MineArgs {
    /// Files or folders of speeches (folders are read recursively, in sorted order).
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// The phrase bank folder to write.
    #[arg(long, default_value = "phrasebank")]
    pub out: PathBuf,
    /// Print one record per paragraph (label, themes, kept or why dropped) instead of writing a bank.
    #[arg(long)]
    pub explain: bool,
    /// Format of --explain.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

/// Draft output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    Text,
    Md,
    Json,
    Docx,
}

/// `jianggao generate`
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The brief (TOML).
    pub brief: PathBuf,
    /// Seed: the same seed gives the same draft byte for byte. Without it a random seed is chosen and reported.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Number of drafts, with seeds N, N+1, …
    #[arg(long, default_value_t = 1)]
    pub variants: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Overwrite existing output files.
    #[arg(long)]
    pub force: bool,
    /// Use the phrase bank in this folder instead of the built-in one.
    #[arg(long)]
    pub bank: Option<PathBuf>,
    /// Use the templates in this folder instead of the built-in ones.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Font names for --format docx: a TOML file with keys title, byline, body, heading1, heading2, page_number
    /// (overrides the brief's [style] table).
    #[arg(long, value_name = "FILE")]
    pub style: Option<PathBuf>,
    /// Compose this section again with a new stream, leaving every other section as it was: a point's
    /// number (a task's in a work report), opening, closing, review or plan. Repeat it or separate by commas.
    #[arg(long, value_name = "SECTION", value_delimiter = ',')]
    pub reroll: Vec<String>,
    /// Rebuild the draft recorded in this JSON file (from --format json), every section from its recorded seed.
    #[arg(long, value_name = "FILE.json")]
    pub keep: Option<PathBuf>,
    /// Earlier speeches (text, or drafts from --format json) whose wording the draft must not repeat.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub avoid: Vec<PathBuf>,
}

/// `jianggao phrases`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PhrasesArgs {
    #[command(subcommand)]
    pub action: Option<PhrasesCommand>,
    #[command(flatten)]
    pub filter: PhraseFilter,
    /// Use the phrase bank in this folder instead of the built-in one.
    #[arg(long, global = true)]
    pub bank: Option<PathBuf>,
}

/// Filters of `jianggao phrases`.
#[derive(Debug, Args, Default)]
pub struct PhraseFilter {
    /// Only this section.
    #[arg(long, value_parser = ["salutation", "opening", "achievements", "significance", "tasks", "leadership", "problems", "closing"])]
    pub section: Option<String>,
    /// Only phrases tagged with this theme.
    #[arg(long)]
    pub theme: Option<String>,
    /// Only phrases from this kind of speech.
    #[arg(long, value_parser = ["leader_speech", "work_report"])]
    pub kind: Option<String>,
    /// Only phrases of this level family: government (县, 市, 区), enterprise, or common (either).
    #[arg(long, value_parser = ["government", "enterprise", "common"])]
    pub level_family: Option<String>,
    /// Only phrases whose era fits this year.
    #[arg(long)]
    pub year: Option<u32>,
    /// Only phrases containing this text.
    #[arg(long)]
    pub grep: Option<String>,
    /// At most this many phrases.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

/// `jianggao phrases show|stats`
#[derive(Debug, Subcommand)]
pub enum PhrasesCommand {
    /// Show one phrase, its slots and where it came from.
    #[command(
        after_help = "Examples:\n  jianggao phrases show opening-0123456789abcdef\n  jianggao phrases show opening-0123 --corpus corpus/"
    )]
    Show {
        /// The phrase id (or enough of its start to be unique).
        id: String,
        /// The folder holding the corpus the bank was mined from, to show the source paragraph.
        #[arg(long)]
        corpus: Option<PathBuf>,
    },
    /// Counts of phrases by section and theme.
    #[command(after_help = "Examples:\n  jianggao phrases stats\n  jianggao phrases stats --bank my-bank/")]
    Stats,
}

/// `jianggao brief …`
#[derive(Debug, Subcommand)]
pub enum BriefCommand {
    /// Print a complete, commented example brief.
    #[command(
        after_help = "Examples:\n  jianggao brief init > brief.toml\n  jianggao brief init --kind work_report --level 市 > report.toml"
    )]
    Init {
        /// The kind of speech.
        #[arg(long, default_value = "leader_speech", value_parser = ["leader_speech", "work_report"])]
        kind: String,
        /// The organisation's level.
        #[arg(long, default_value = "县", value_parser = ["县", "市", "区", "企业"])]
        level: String,
    },
    /// Validate a brief and show the plan it leads to.
    #[command(
        after_help = "Examples:\n  jianggao brief check brief.toml\n  jianggao brief check examples/county.toml --bank my-bank/"
    )]
    Check {
        /// The brief (TOML).
        file: PathBuf,
        /// Use the phrase bank in this folder instead of the built-in one (for the warnings).
        #[arg(long)]
        bank: Option<PathBuf>,
    },
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Mine(args) => crate::commands::mine::run(&args, cli.quiet),
        Command::Generate(args) => crate::commands::generate::run(&args, cli.quiet),
        Command::Phrases(args) => crate::commands::phrases::run(&args, cli.quiet),
        Command::Brief(cmd) => crate::commands::brief::run(&cmd, cli.quiet),
        Command::Diff { a, b } => crate::commands::diff::run(&a, &b),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    }
}

/// Writes the completion script of `shell` to stdout.
fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "jianggao", &mut out);
    crate::report::print(&String::from_utf8_lossy(&out))
}

/// Writes the man page (roff) to stdout: synopsis, options, subcommands and examples.
fn man() -> Result<()> {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|source| crate::error::Error::Io {
            path: "<stdout>".into(),
            source,
        })?;
    crate::report::print(&String::from_utf8_lossy(&out))
}
