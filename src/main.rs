//! The `zwgk` binary: everything happens in the library's `cli` module; this sets the
//! allocator up and maps the outcome to the process exit code.

fn main() {
    tune_allocator();
    std::process::exit(zwgk::cli::main_with(std::env::args_os()));
}

/// Fixes the size from which glibc gives an allocation pages of its own, returned to the
/// system as soon as it is freed. Left alone, glibc raises that size as large blocks are
/// freed (up to 32 MiB), and the polars frames of a large run then stay in its heaps
/// once freed: the province benchmark peaked at 744 MiB instead of 560 MiB, in the same
/// time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn tune_allocator() {
    const MMAP_THRESHOLD: libc::c_int = 256 * 1024;
    // SAFETY: mallopt only sets a parameter of the allocator, before any other thread
    // starts; were it refused (it returns 0), the default would stay.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Other allocators return large blocks on their own.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
