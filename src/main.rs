use std::process::ExitCode;

use clap::Parser;
use jianggao::report;

/// mimalloc: drafts are built of many short strings, and it allocates them faster than the
/// system allocator (see the README's performance figures).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A bug must still end in a message, never in a panic report or a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("error: internal error in jianggao ({what}); please report it with the command you ran");
    }));
    let cli = match jianggao::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and --version go to stdout with status 0; usage errors to stderr with status 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match std::panic::catch_unwind(|| jianggao::cli::run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) if report::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            report::print_error(&e);
            ExitCode::from(report::exit_code(&e))
        }
        Err(_) => ExitCode::from(101),
    }
}
