//! The servers the test command starts for the tests that need them (PostgreSQL, clamd, SMTP, the
//! object store). Such a test skips in a plain `cargo test`; under the test command, which
//! names the servers it started in `PORTAL_TEST_SERVERS`, a missing server fails it instead:
//! there, a test that did not reach its server did not test what it names.

/// Skips the test that needs `server` (named by `variable`, which is not set), or fails it when
/// the test command said it started that server.
pub fn skip_without(server: &str, variable: &str) {
    let started = std::env::var("PORTAL_TEST_SERVERS").unwrap_or_default();
    if started.split_whitespace().any(|name| name == server) {
        panic!("{variable} is not set, though the test command started {server} for this pass");
    }
    eprintln!("skipped: {variable} is not set ({server} runs under scripts/test.sh)");
}
