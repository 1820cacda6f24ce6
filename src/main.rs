//! The `zwgk` binary: everything happens in the library's `cli` module; this maps the
//! outcome to the process exit code.

fn main() {
    std::process::exit(zwgk::cli::main_with(std::env::args_os()));
}
