//! The service's mail is DKIM-signed (issue 27): a message the portal sends carries a
//! signature that an independent verifier — dkimpy, from PyPI, not the signing code — finds
//! good with the public key as DNS would publish it, and bad once the message is changed.

use portal::i18n::Lang;
use portal::server::mail::{Kind, Letter, Mailer, Signer};
use std::path::Path;
use std::process::Command;

/// A new RSA key pair made with openssl: the private key's file (PKCS#1 PEM) and the public
/// key as a DNS record's `p=` (base64 of its DER).
fn key_pair(dir: &Path) -> (std::path::PathBuf, String) {
    let private = dir.join("dkim.pem");
    let made = Command::new("openssl").args(["genrsa", "-traditional", "-out"]).arg(&private).arg("2048").output();
    assert!(made.as_ref().is_ok_and(|out| out.status.success()), "openssl genrsa: {made:?}");
    let public =
        Command::new("openssl").args(["rsa", "-pubout", "-outform", "DER", "-in"]).arg(&private).output().unwrap();
    assert!(public.status.success());
    use base64::Engine;
    (private, base64::engine::general_purpose::STANDARD.encode(public.stdout))
}

/// dkimpy's verdict on the message `eml`, with `record` as the TXT of
/// `portal._domainkey.example.fi`.
fn verified(python: &str, eml: &[u8], record: &str) -> bool {
    const VERIFY: &str = r#"
import sys, dkim
message = sys.stdin.buffer.read()
record = sys.argv[1].encode()
def dns(name, timeout=5):
    return record if name.rstrip(b".") == b"portal._domainkey.example.fi" else None
print("good" if dkim.verify(message, dnsfunc=dns) else "bad")
"#;
    use std::io::Write;
    let mut child = Command::new(python)
        .args(["-c", VERIFY, record])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(eml).unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(out.status.success() && (said == "good" || said == "bad"), "dkimpy: {said} {out:?}");
    said == "good"
}

#[tokio::test]
async fn a_sent_message_is_signed_and_an_independent_verifier_finds_it_good() {
    let Ok(python) = std::env::var("PORTAL_TEST_DKIMPY") else {
        portal::server::test_servers::skip_without("smtp", "PORTAL_TEST_DKIMPY");
        return;
    };
    let dir = crate::support::scratch_dir("dkim");
    let (key, public) = key_pair(&dir);
    let signer = Signer::from_file(&key, "portal", "Maahanmuuton verkkoasiointi <no-reply@example.fi>").unwrap();
    let mailbox = dir.join("mail");
    let mailer =
        Mailer::file(mailbox.clone(), "Maahanmuuton verkkoasiointi <no-reply@example.fi>", Some(signer)).unwrap();
    let mail = Letter::new("maria@example.fi", Lang::Fi, Kind::News, &[]).render("portal.example.fi", "K7MX-43RN-CWPA");
    mailer.send(mail).await.unwrap();
    let file = std::fs::read_dir(&mailbox).unwrap().next().unwrap().unwrap().path();
    let eml = std::fs::read(file).unwrap();
    let text = String::from_utf8_lossy(&eml).to_string();
    assert!(text.contains("DKIM-Signature:") && text.contains("d=example.fi") && text.contains("s=portal"), "{text}");
    let record = format!("v=DKIM1; k=rsa; p={public}");
    assert!(verified(&python, &eml, &record), "the signature holds: {text}");
    // Changed on the way (a word of the body, or the subject), it no longer does.
    let tampered = text.replacen("Hei", "Moi", 1);
    assert!(!verified(&python, tampered.as_bytes(), &record), "a changed body fails");
    // And a key other than the one published is no good either.
    let (_, other) = key_pair(&crate::support::scratch_dir("dkim-other"));
    assert!(!verified(&python, &eml, &format!("v=DKIM1; k=rsa; p={other}")));
    let _ = std::fs::remove_dir_all(&dir);
}
