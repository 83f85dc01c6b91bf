use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = jianggao::cli::Cli::parse();
    match jianggao::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(jianggao::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(if matches!(e, jianggao::Error::Usage(_)) { 2 } else { 1 })
        }
    }
}
