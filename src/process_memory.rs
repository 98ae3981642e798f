//! The server binary's own memory at rest (issue 28), set up before `main` runs: a
//! constructor (`.init_array`) runs before Rust's runtime makes its first allocation, so both
//! settings hold for the whole life of the process.
//!
//! - **The allocator returns what it frees.** mimalloc (chosen for rendering's thousands of
//!   small allocations) by default commits whole arenas as it reserves them on a system that
//!   overcommits, and purges freed pages 10 ms later, in bulk: 22 MiB resident at idle and
//!   42 MiB after one login (Argon2's 19 MiB block kept). With arenas committed as they are
//!   used and freed pages purged at once, 9 MiB at idle, and a login's block goes back.
//!   An operator's `MIMALLOC_*` variables still decide, as mimalloc reads them after this.
//! - **Code is mapped as it runs.** The kernel maps the program's code around every page a
//!   fault touches (64 KiB at a time), so a start-up that runs a little code from everywhere
//!   had 16 MiB of the 30 MiB of code resident, most of it never run again. Advised that the
//!   code is read at random, it maps only the pages run.
//!
//! `benches/footprint.sh` measures both (idle after start, after a login).

/// mimalloc 3's options (`mimalloc.h`, `mi_option_e`): the build's version is checked by the
/// tests, as the numbers are its own.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

#[used]
#[link_section = ".init_array"]
static BEFORE_MAIN: extern "C" fn() = before_main;

extern "C" fn before_main() {
    set_allocator_options();
    map_code_as_run();
}

/// Sets the options an operator did not set. Nothing here allocates: an allocation would
/// make mimalloc's first arena before the options are set.
fn set_allocator_options() {
    use libmimalloc_sys::mi_option_set;
    // SAFETY: getenv reads the environment before any thread exists; the options are plain
    // integers.
    unsafe {
        if libc::getenv(c"MIMALLOC_ARENA_EAGER_COMMIT".as_ptr()).is_null() {
            mi_option_set(ARENA_EAGER_COMMIT, 0);
        }
        if libc::getenv(c"MIMALLOC_PURGE_DELAY".as_ptr()).is_null() {
            mi_option_set(PURGE_DELAY, 0);
        }
    }
}

/// Advises the kernel that the program's code and constant data (from the start of the
/// executable to the end of its initialised data) are read at random: no mapping around a
/// fault. Best effort: a system that does not take the advice only maps more.
fn map_code_as_run() {
    extern "C" {
        static __executable_start: u8;
        static etext: u8;
    }
    // SAFETY: only the symbols' addresses are taken, never their contents; madvise with
    // MADV_RANDOM changes no memory.
    unsafe {
        let page = libc::sysconf(libc::_SC_PAGESIZE).max(4096) as usize;
        let start = std::ptr::addr_of!(__executable_start) as usize & !(page - 1);
        let end = std::ptr::addr_of!(etext) as usize;
        libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_RANDOM);
    }
}

#[cfg(test)]
mod tests {
    /// The option numbers above are mimalloc 3's.
    #[test]
    fn the_allocator_is_mimalloc_3() {
        let version = unsafe { libmimalloc_sys::mi_version() };
        assert_eq!(version / 10_000, 3, "mimalloc {version}: check the option numbers in process_memory.rs");
    }
}
