//! `echodiff check`: check texts against reference pairs (issue 4; placeholder until it lands).

use clap::Args as ClapArgs;

/// Arguments of `echodiff check`.
#[derive(Debug, ClapArgs)]
pub struct CheckArgs {
    /// The reference file (TOML).
    pub reference: String,
}

/// Run `echodiff check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<u8> {
    anyhow::bail!(
        "{}: echodiff check is not available in this build",
        args.reference
    )
}
