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
        .env("PORTAL_PUBLIC_URL", "https://portal.example.fi")
        .env("PORTAL_SECRET_KEY", "ab".repeat(32))
        .env("PORTAL_PAYMENT_URL", "https://services.paytrail.com")
        .env("PORTAL_PAYMENT_MERCHANT", "375917")
        .env("PORTAL_PAYMENT_SECRET", "SAIPPUAKAUPPIAS")
        .env("PORTAL_CASE_BACKEND_URL", "https://cases.example.fi")
        .env("PORTAL_CASE_BACKEND_SECRET", "a shared secret of the case backend")
        .env("PORTAL_LOG", "warn")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("local run only"));
    assert!(!data.exists(), "nothing was made");
    let seeded = portal(&data, &database, &["admin", "seed-demo"], "");
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    assert!(String::from_utf8_lossy(&seeded.stdout).contains("hakija@demo.example.fi"));
    let _ = std::fs::remove_dir_all(&data);
}
