//! `echodiff scan`: echoes between collections (issue 5; placeholder until it lands).

use clap::Args as ClapArgs;

/// Arguments of `echodiff scan`.
#[derive(Debug, ClapArgs)]
pub struct ScanArgs {
    /// Directories or files to scan.
    pub paths: Vec<String>,
}

/// Run `echodiff scan`.
pub fn run(_args: &ScanArgs) -> anyhow::Result<u8> {
    anyhow::bail!("echodiff scan is not available in this build")
}
