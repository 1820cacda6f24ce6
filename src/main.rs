//! The `zwgk` binary: parse the command line, call the library, map the result to an exit code.

fn main() {}
