//! Command handlers: one module per subcommand, turning parsed arguments into library calls.

pub mod brief;
pub mod diff;
pub mod generate;
pub mod mine;
pub mod phrases;
