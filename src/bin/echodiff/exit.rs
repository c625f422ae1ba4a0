//! Exit statuses of the `echodiff` command.

/// Success (and, without `--exit-code`, whatever was found).
pub const OK: u8 = 0;
/// `--exit-code` and at least one echo was found; or a failed `check`.
pub const FOUND: u8 = 1;
/// An error: bad arguments, unreadable or undecodable input.
pub const ERROR: u8 = 2;
