//! The one integration test binary: every case runs the real `zwgk` binary on a
//! workspace written in a temporary folder, and reads what it wrote back.

// Test support code panics on purpose: a failed setup is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod annex;
mod cells;
mod files;
mod harness;
mod init;
mod inspect;
mod report;
mod run;
mod samples;
mod template;
