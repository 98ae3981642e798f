//! The administrator's command, run as an administrator runs it, on a database of its own
//! (SQLite, or PostgreSQL in the test command's second pass).

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn portal(data_dir: &std::path::Path, database: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .env("PORTAL_DATA_DIR", data_dir)
        .env("PORTAL_DATABASE_URL", database)
        .env("PORTAL_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the portal binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn create_staff_makes_one_account_and_explains_refusals() {
    let data = std::env::temp_dir().join(format!("portal-admin-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let database = portal::server::db::scratch::url().await;
    let portal = |args: &[&str], stdin: &str| portal(&data, &database, args, stdin);

    let created = portal(&["admin", "create-staff", "virkailija@example.fi"], "tuulinen lokakuun aamu\n");
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    assert!(String::from_utf8_lossy(&created.stdout).contains("Created an account (staff) for virkailija@example.fi"));
    let employer =
        portal(&["admin", "create-account", "employer", "tyonantaja@example.fi"], "tuulinen lokakuun aamu\n");
    assert!(String::from_utf8_lossy(&employer.stdout).contains("Created an account (employer)"));
    let staff_by_other_name =
        portal(&["admin", "create-account", "staff", "toinen@example.fi"], "tuulinen lokakuun aamu\n");
    assert_eq!(staff_by_other_name.status.code(), Some(2), "staff are made with create-staff only");

    let again = portal(&["admin", "create-staff", "virkailija@example.fi"], "tuulinen lokakuun aamu\n");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let weak = portal(&["admin", "create-staff", "toinen@example.fi"], "lyhyt\n");
    assert_eq!(weak.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 8 characters"));

    let unknown = portal(&["admin", "delete-everything"], "");
    assert_eq!(unknown.status.code(), Some(2), "an unknown command does nothing");
    let _ = std::fs::remove_dir_all(&data);
}

#[tokio::test]
async fn the_demonstration_accounts_are_refused_on_a_production_deployment() {
    let data = std::env::temp_dir().join(format!("portal-admin-cli-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let database = portal::server::db::scratch::url().await;
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal"));
    let refused = command
        .args(["admin", "seed-demo"])
        .env("PORTAL_DATA_DIR", &data)
        .env("PORTAL_DATABASE_URL", &database)
        .envs(PRODUCTION.iter().copied())
        .env("PORTAL_LOG", "warn")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("development instance only"));
    assert!(!data.exists(), "nothing was made");
    let seeded = portal(&data, &database, &["admin", "seed-demo"], "");
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    assert!(String::from_utf8_lossy(&seeded.stdout).contains("hakija@demo.example.fi"));
    let _ = std::fs::remove_dir_all(&data);
}

/// A production configuration: everything that keeps it safe.
const PRODUCTION: &[(&str, &str)] = &[
    ("PORTAL_ENV", "production"),
    ("PORTAL_PUBLIC_URL", "https://portal.example.fi"),
    ("PORTAL_SECRET_KEY", "abababababababababababababababababababababababababababababababab"),
    ("PORTAL_SMTP_URL", "smtps://portal:salainen@smtp.example.fi"),
    ("PORTAL_MAIL_DKIM_KEY_FILE", "/etc/portal/dkim.pem"),
    ("PORTAL_CLAMD", "127.0.0.1:3310"),
    ("PORTAL_PAYMENT_URL", "https://services.paytrail.com"),
    ("PORTAL_PAYMENT_MERCHANT", "375917"),
    ("PORTAL_PAYMENT_SECRET", "SAIPPUAKAUPPIAS"),
    ("PORTAL_CASE_BACKEND_URL", "https://cases.example.fi"),
    ("PORTAL_CASE_BACKEND_SECRET", "a shared secret of the case backend"),
    ("PORTAL_MANDATES_URL", "https://asiointivaltuustarkastus.suomi.fi"),
    ("PORTAL_MANDATES_CLIENT_ID", "portal"),
    ("PORTAL_MANDATES_KEY", "a key of the e-Authorizations checksums"),
    ("PORTAL_MANDATES_OAUTH_PASSWORD", "an OAuth password"),
];

/// The server, started as production without a malware scanner, does not start: uploads would
/// be accepted unscanned. (Waited for at most 60 s, then stopped: a server that started would
/// fail the test, not hang it.)
#[test]
fn a_production_server_without_clamd_does_not_start() {
    let data = crate::support::scratch_dir("production-without-clamd");
    let mut server = Command::new(env!("CARGO_BIN_EXE_portal"))
        .env("PORTAL_DATA_DIR", &data)
        .env("PORTAL_BIND", "127.0.0.1:0")
        .envs(PRODUCTION.iter().copied().filter(|(name, _)| *name != "PORTAL_CLAMD"))
        .env("PORTAL_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            server.kill().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let output = server.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(status.is_some_and(|status| !status.success()), "it started: {said}");
    assert!(said.contains("PORTAL_CLAMD") && said.contains("malware"), "{said}");
    let _ = std::fs::remove_dir_all(&data);
}
