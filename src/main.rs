//! The portal's server and its administrator's commands.
//!
//!   portal                              serve (the default)
//!   portal admin create-staff EMAIL     create a staff account; the password is read from
//!                                       standard input (never the command line, where it
//!                                       would stay in the shell's history)
//!   portal admin create-account ROLE EMAIL
//!                                       the same for an applicant or employer account
//!                                       (ROLE `applicant` or `employer`), e.g. for a demo
//!   portal admin set-identity-code EMAIL CODE
//!                                       record the personal identity code verified for an
//!                                       employer's account (its mandates are asked about it)
//!   portal admin seed-demo              create the demonstration accounts of a local run
//!                                       (scripts/run.sh); never on a real deployment
//!   portal admin reseal-secrets         seal every secret at rest under the current
//!                                       PORTAL_SECRET_KEY (after a key rotation)

use portal::server::accounts::admin;
use portal::server::accounts::users::Role;
use portal::server::config::{Config, LogFormat};
use portal::server::{db, router, AppState};
use std::io::IsTerminal;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

mod process_memory;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str =
    "usage: portal [admin create-staff EMAIL | admin create-account applicant|employer EMAIL | admin set-identity-code EMAIL CODE | admin seed-demo | admin reseal-secrets]";

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let config = Config::from_env()?;
    init_logging(config.log_format);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => serve(config).await.map(|()| ExitCode::SUCCESS),
        ["admin", "create-staff", email] => create_account(config, Role::Staff, email).await,
        ["admin", "seed-demo"] => seed_demo(config).await,
        ["admin", "set-identity-code", email, code] => set_identity_code(config, email, code).await,
        ["admin", "reseal-secrets"] => reseal_secrets(config).await,
        ["admin", "create-account", role @ ("applicant" | "employer"), email] => {
            create_account(config, Role::parse(role).expect("a role name"), email).await
        }
        _ => {
            eprintln!("{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    // A form definition that names a missing question must not reach applicants.
    let problems: Vec<String> = portal::forms::catalogue::Catalogue::published()
        .all()
        .flat_map(|def| {
            portal::forms::check::structure_problems(def).into_iter().map(move |p| format!("{}: {p}", def.kind))
        })
        .collect();
    if !problems.is_empty() {
        anyhow::bail!("the application forms are not sound:\n{}", problems.join("\n"));
    }
    std::fs::create_dir_all(&config.data_dir)?;
    let pool = db::connect(&config.database_url).await?;
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let public_url = config.public_url.clone();
    let mail_goes = match &config.smtp_url {
        Some(_) => "E-mail it sends goes out through the SMTP server of PORTAL_SMTP_URL".to_string(),
        None => format!("E-mail it sends is written to {}", config.data_dir.join("mail").display()),
    };
    if config.is_exposed_development() {
        let warning = format!(
            "WARNING: a development instance listening on {}, which others can reach: its payments are \
             tests and it is not fit for real applications (PORTAL_ENV=production is for real deployments)",
            config.bind
        );
        tracing::warn!("{warning}");
        eprintln!("{warning}");
    }
    let state = AppState::new(config, pool.clone())?;
    // Secrets kept before they were sealed, or under a key since rotated, are sealed anew.
    let resealed = portal::server::accounts::two_factor::reseal_all(&pool, &state.secrets).await?;
    if resealed > 0 {
        tracing::info!(resealed, "sealed secrets at rest under the current key");
    }
    // Each run of a scheduled job happens on one instance (see server::jobs). A job cut off by
    // the shutdown is one statement that the database finishes or rolls back.
    let jobs = tokio::spawn(portal::server::jobs::run_forever(state.clone()));
    // The queue's worker (mail, deliveries) stops claiming at the shutdown, finishes what it
    // runs (each job bounded by its own time limit) and gives back what it could not.
    let (stop_worker, stopping) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(portal::server::queue::run(state.clone(), stopping));
    let metrics = match state.config.metrics_bind {
        Some(bind) => Some(tokio::spawn(portal::server::metrics::serve(state.clone(), bind).await?)),
        None => None,
    };
    let connections = state.config.connections;
    let proxies = state.config.trusted_proxies.clone();
    let instance = state.config.instance.clone();
    let app = router(state);
    tracing::info!(%public_url, %instance, "listening");
    println!("The portal is running at {public_url}/ (Ctrl+C stops it)");
    println!("{mail_goes}");
    process_memory::forget_start_up_pages();
    portal::server::listen::serve(listener, app, connections, proxies, shutdown_signal()).await?;
    let _ = stop_worker.send(true);
    let _ = worker.await;
    jobs.abort();
    if let Some(metrics) = metrics {
        metrics.abort();
    }
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn create_account(config: Config, role: Role, email: &str) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&config.data_dir)?;
    let pool = db::connect(&config.database_url).await?;
    let password = read_password()?;
    let outcome = admin::create_account(&pool, role, email, password).await?;
    pool.close().await;
    Ok(match outcome {
        Ok(_) => {
            println!("Created an account ({}) for {email}.", role.as_str());
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("No account was created: {problem}.");
            ExitCode::FAILURE
        }
    })
}

async fn set_identity_code(config: Config, email: &str, code: &str) -> anyhow::Result<ExitCode> {
    let pool = db::connect(&config.database_url).await?;
    let outcome = admin::set_identity_code(&pool, email, code).await?;
    pool.close().await;
    Ok(match outcome {
        Ok(true) => {
            println!("Recorded the identity code of {email}.");
            ExitCode::SUCCESS
        }
        Ok(false) => {
            eprintln!("No employer account has the address {email}.");
            ExitCode::FAILURE
        }
        Err(problem) => {
            eprintln!("Nothing was recorded: {problem}.");
            ExitCode::FAILURE
        }
    })
}

async fn reseal_secrets(config: Config) -> anyhow::Result<ExitCode> {
    let secrets = portal::server::secrets::SecretBox::from_config(&config)?;
    let pool = db::connect(&config.database_url).await?;
    let resealed = portal::server::accounts::two_factor::reseal_all(&pool, &secrets).await?;
    pool.close().await;
    println!("Sealed {resealed} secrets under the current key; the previous keys are no longer needed.");
    Ok(ExitCode::SUCCESS)
}

async fn seed_demo(config: Config) -> anyhow::Result<ExitCode> {
    // The demonstration password is published: never on a real deployment.
    if config.is_production() {
        eprintln!("seed-demo is for a development instance only: PORTAL_ENV is production");
        return Ok(ExitCode::from(2));
    }
    std::fs::create_dir_all(&config.data_dir)?;
    let pool = db::connect(&config.database_url).await?;
    let created = admin::seed_demo(&pool).await?;
    pool.close().await;
    println!("Demonstration accounts ({created} new), password \"{}\":", admin::DEMO_PASSWORD);
    for (role, email) in admin::DEMO_ACCOUNTS {
        println!("  {:<10} {email}", role.as_str());
    }
    println!("  (staff set up two-step login with an authenticator app at first login)");
    Ok(ExitCode::SUCCESS)
}

/// The password from a terminal without echo, or the first line of piped input. Only the line
/// ending is removed; the password is otherwise taken exactly as given.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password("Password for the new account: ")?);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let line = line.strip_suffix('\n').unwrap_or(&line);
    Ok(line.strip_suffix('\r').unwrap_or(line).to_string())
}

/// `PORTAL_LOG` filters (default `info`); `PORTAL_LOG_FORMAT=json` for log collectors.
fn init_logging(format: LogFormat) {
    // What the PDF parser says about an uploaded file is about the uploader's file, not the
    // service (the uploader is told why it was refused): off, unless PORTAL_LOG names it.
    let spec = std::env::var("PORTAL_LOG").unwrap_or_else(|_| "info".to_string());
    let spec = if spec.contains("lopdf") { spec } else { format!("{spec},lopdf=off") };
    let filter = EnvFilter::try_new(spec).unwrap_or_else(|_| EnvFilter::new("info,lopdf=off"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Pretty => builder.init(),
    }
}

/// Resolves on Ctrl+C or SIGTERM; requests in flight are then finished before exit.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
