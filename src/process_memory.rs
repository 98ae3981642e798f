//! The server binary's own memory at rest (issue 28), set up before `main` runs: a
//! constructor (`.init_array`) runs before Rust's runtime makes its first allocation, so the
//! settings hold for the whole life of the process.
//!
//! - **The allocator returns what it frees.** mimalloc (chosen for rendering's thousands of
//!   small allocations) by default commits whole arenas as it reserves them on a system that
//!   overcommits, and purges freed pages 10 ms later, in bulk: 22 MiB resident at idle and
//!   42 MiB after one login (Argon2's 19 MiB block kept). With arenas committed as they are
//!   used and freed pages purged at once, 9 MiB at idle, and a login's block goes back.
//!   An operator's `MIMALLOC_*` variables still decide, as mimalloc reads them after this.
//!
//! The rest of the resident memory at idle, 18 MiB, is the program's code mapped from its file
//! (16 of its 30 MiB of code: the kernel maps 64 KiB around each page a fault touches, and
//! start-up runs a little code from everywhere). It is shared with the page cache and dropped
//! first under pressure; advising the mapping as read at random did not change it (the kernel
//! maps around faults whatever the advice), so nothing here tries. `benches/footprint.sh`
//! measures both (idle after start, after a login).

/// mimalloc 3's options (`mimalloc.h`, `mi_option_e`): the build's version is checked by the
/// tests, as the numbers are its own.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

#[used]
#[link_section = ".init_array"]
static BEFORE_MAIN: extern "C" fn() = set_allocator_options;

/// Sets the options an operator did not set. Nothing here allocates: an allocation would
/// make mimalloc's first arena before the options are set.
extern "C" fn set_allocator_options() {
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

#[cfg(test)]
mod tests {
    /// The option numbers above are mimalloc 3's.
    #[test]
    fn the_allocator_is_mimalloc_3() {
        let version = unsafe { libmimalloc_sys::mi_version() };
        assert_eq!(version / 10_000, 3, "mimalloc {version}: check the option numbers in process_memory.rs");
    }
}
