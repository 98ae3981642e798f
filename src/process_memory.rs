//! The server binary's own memory at rest (issue 28).
//!
//! - **The allocator returns what it frees**, set up before `main` runs: a constructor
//!   (`.init_array`) runs before Rust's runtime makes its first allocation, so the settings
//!   hold for the whole life of the process. mimalloc (chosen for rendering's thousands of
//!   small allocations) by default commits whole arenas as it reserves them on a system that
//!   overcommits, and purges freed pages 10 ms later, in bulk: 22 MiB resident at idle and
//!   42 MiB after one login (Argon2's 19 MiB block kept). With arenas committed as they are
//!   used and freed pages purged at once, 9 MiB at idle, and a login's block goes back.
//!   An operator's `MIMALLOC_*` variables still decide, as mimalloc reads them after this.
//!
//! - **Start-up's code is let go.** The rest of the resident memory is the program's code and
//!   read-only data, mapped from its file: the kernel maps 64 KiB around each page a fault
//!   touches, so start-up (the configuration, the forms' soundness, the migrations), running a
//!   little code from everywhere, left 22 MiB of it mapped. [`forget_start_up_pages`] unmaps it
//!   once start-up is over; the pages stay in the page cache, and what serving runs is mapped
//!   again from there (one request maps about 7 MiB of it). Advising the mapping as read at
//!   random does not narrow the 64 KiB (the kernel maps around faults whatever the advice).
//!
//! `benches/footprint.sh` measures both (idle after start, after a login).

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

/// Unmaps the pages of the program's code and read-only data that start-up touched, once it
/// is over (the configuration read, the forms' soundness checked, the database migrated): they
/// stay in the page cache, and what serving runs is mapped again from there as it runs. Only
/// the program file's own mappings are touched, and of those only the ones neither writable nor
/// changed by this process (no anonymous pages; relocated data has them), so what reads back
/// is what was there.
pub fn forget_start_up_pages() {
    use std::os::unix::fs::MetadataExt;
    let Ok(program) = std::fs::metadata("/proc/self/exe") else { return };
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else { return };
    let mut mapping: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let fields: Vec<&str> = line.split_ascii_whitespace().take(5).collect();
        match fields.as_slice() {
            [range, perms, _offset, _device, inode] if !range.ends_with(':') => {
                let read_only = !perms.contains('w') && perms.ends_with('p');
                let ours = inode.parse::<u64>().ok() == Some(program.ino());
                let bounds = range.split_once('-').and_then(|(start, end)| {
                    Some((usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?))
                });
                mapping = bounds.filter(|_| read_only && ours);
            }
            ["Anonymous:", "0", ..] => {
                if let Some((start, end)) = mapping.take() {
                    // SAFETY: a private, read-only mapping of the program's file, which stays
                    // mapped for the process's life and was never written (no anonymous page):
                    // dropping its pages changes no byte of it.
                    unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Written at run time (writable data), and pointers the loader relocated (read-only once
    /// relocated, with anonymous pages): both must read the same after the pages are forgotten.
    static WRITTEN: AtomicUsize = AtomicUsize::new(0);
    static RELOCATED: [&str; 3] = ["yksi", "kaksi", "kolme"];

    fn resident_file_kib() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|line| line.starts_with("RssFile:")).unwrap();
        line.split_ascii_whitespace().nth(1).unwrap().parse().unwrap()
    }

    #[test]
    fn forgotten_pages_read_back_as_they_were() {
        WRITTEN.store(42, Ordering::SeqCst);
        let before = resident_file_kib();
        super::forget_start_up_pages();
        let after = resident_file_kib();
        assert!(after < before, "the program's pages were unmapped: {before} KiB, then {after} KiB");
        assert_eq!(WRITTEN.load(Ordering::SeqCst), 42);
        assert_eq!(std::hint::black_box(&RELOCATED).join(" "), "yksi kaksi kolme");
    }

    /// The option numbers above are mimalloc 3's.
    #[test]
    fn the_allocator_is_mimalloc_3() {
        let version = unsafe { libmimalloc_sys::mi_version() };
        assert_eq!(version / 10_000, 3, "mimalloc {version}: check the option numbers in process_memory.rs");
    }
}
