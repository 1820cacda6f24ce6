//! The one integration test binary: every case runs the real `zwgk` binary on a
//! workspace written in a temporary folder, and reads what it wrote back.

// Test support code panics on purpose: a failed setup is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]
// A test program: `pub` only shares an item between its own files.
#![allow(unreachable_pub)]

mod annex;
mod assess;
mod assess_cases;
mod cache;
mod catalogue;
mod cells;
mod contacts;
mod files;
mod forms;
mod harness;
mod hostile;
mod init;
mod inspect;
mod notice;
mod paper;
mod print;
mod report;
mod run;
mod samples;
mod template;
mod verdicts;
mod watch;
