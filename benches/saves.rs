//! Saving a step, the load of `benches/forms.sh`: CONCURRENCY applicants at once (8 and 32 by
//! default), each signed in as themselves (PREFIX1@example.fi, PREFIX2@…) with a draft of their
//! own and a connection of their own, saving one step after another. Prints, per concurrency,
//! the saves per second and the latency, and a line `saves CONCURRENCY SAVES_PER_S P50_MS
//! P99_MS` for benches/forms.sh. Not part of the portal.
//!
//! Written in Rust on one thread so that the load costs the machine little: on 2 cores the
//! generator shares the CPU with the portal and its database, and a Node.js client (the first
//! version) took more CPU per save than the portal did, which the figure then measured.
//!   target/release/examples/saves BASE_URL PREFIX PASSWORD [REQUESTS]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::{Client, Response, StatusCode};

type Failed = Box<dyn std::error::Error + Send + Sync>;

/// One applicant signed in with a draft of their own, as a worker saves steps.
struct Applicant {
    client: Client,
    cookie: String,
    draft: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Failed> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, prefix, password, rest @ ..] = args.as_slice() else {
        eprintln!("usage: saves BASE_URL PREFIX PASSWORD [REQUESTS]");
        std::process::exit(2);
    };
    let total: usize = rest.first().map_or(Ok(2000), |n| n.parse())?;
    let concurrency: Vec<usize> = std::env::var("CONCURRENCY")
        .unwrap_or_else(|_| "8 32".into())
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let most = concurrency.iter().copied().max().unwrap_or(1);
    let mut applicants = Vec::new();
    for n in 1..=most {
        applicants.push(Arc::new(sign_in(base, &format!("{prefix}{n}@example.fi"), password).await?));
    }
    for workers in concurrency {
        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let tasks: Vec<_> = applicants[..workers]
            .iter()
            .map(|one| {
                let (one, next, base) = (one.clone(), next.clone(), base.clone());
                tokio::spawn(async move {
                    let mut timings = Vec::new();
                    while next.fetch_add(1, Ordering::Relaxed) < total {
                        let t = Instant::now();
                        save(&base, &one).await?;
                        timings.push(t.elapsed());
                    }
                    Ok::<_, Failed>(timings)
                })
            })
            .collect();
        let mut timings = Vec::new();
        for task in tasks {
            timings.extend(task.await??);
        }
        report(workers, timings, started.elapsed());
    }
    Ok(())
}

/// A form post as a browser on the portal's own pages sends it.
async fn post(client: &Client, url: String, fields: &[(&str, &str)], cookie: Option<&str>) -> Result<Response, Failed> {
    let origin = url.split('/').take(3).collect::<Vec<_>>().join("/");
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let mut request = client
        .post(url)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(ORIGIN, origin)
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    let response = request.send().await?;
    Ok(response)
}

fn location(response: &Response) -> &str {
    response.headers().get(LOCATION).and_then(|value| value.to_str().ok()).unwrap_or_default()
}

/// Signs `email` in on a connection of its own and starts a work-permit draft.
async fn sign_in(base: &str, email: &str, password: &str) -> Result<Applicant, Failed> {
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1)
        .timeout(Duration::from_secs(30))
        .build()?;
    let login = post(&client, format!("{base}/login"), &[("email", email), ("password", password)], None).await?;
    if login.status() != StatusCode::SEE_OTHER {
        return Err(format!("login of {email}: HTTP {}", login.status()).into());
    }
    // The session's cookie (the login also sets a marker that the browser was signed in).
    let cookie = login
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok()?.split(';').next())
        .find(|pair| pair.starts_with("session=") || pair.starts_with("__Host-session="))
        .ok_or_else(|| format!("login of {email}: no session cookie"))?
        .to_string();
    let started = post(&client, format!("{base}/apply/first-work"), &[], Some(&cookie)).await?;
    let draft = location(&started).strip_suffix("/steps/names").ok_or("a draft was not started")?.to_string();
    Ok(Applicant { client, cookie, draft })
}

/// Saves the names step; the answer is the way on to the next step.
async fn save(base: &str, one: &Applicant) -> Result<(), Failed> {
    let fields = [("surname", "VIRTANEN"), ("given-names", "MARIA")];
    let response = post(&one.client, format!("{base}{}/steps/names", one.draft), &fields, Some(&one.cookie)).await?;
    if response.status() != StatusCode::SEE_OTHER || !location(&response).ends_with("/steps/birth") {
        return Err(format!("save: HTTP {} to {}", response.status(), location(&response)).into());
    }
    Ok(())
}

fn report(workers: usize, mut timings: Vec<Duration>, took: Duration) {
    timings.sort();
    let at = |p: usize| timings[(timings.len() * p / 100).min(timings.len() - 1)].as_secs_f64() * 1000.0;
    let (p50, p99, max) = (at(50), at(99), at(100));
    let rate = timings.len() as f64 / took.as_secs_f64();
    let name = format!("save a step, {workers} at once");
    println!("{name:<26} n {:>5}  p50 {p50:>7.2} ms  p99 {p99:>7.2} ms  max {max:>7.2} ms  {rate:.0}/s", timings.len());
    println!("saves {workers} {rate:.0} {p50:.2} {p99:.2}");
}
