//! The ceiling of `benches/forms.sh`: a bare axum server that answers every request with the
//! bytes of one saved page, as fast as this machine serves HTML at all. Not part of the portal.
//!   cargo run --release --features ssr --example ceiling -- PAGE.html 127.0.0.1:3210

use axum::response::Html;
use axum::Router;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(page), Some(address)) = (args.next(), args.next()) else {
        eprintln!("usage: ceiling PAGE.html ADDRESS");
        std::process::exit(2);
    };
    let html: &'static str = Box::leak(std::fs::read_to_string(page)?.into_boxed_str());
    let app = Router::new().fallback(move || async move { Html(html) });
    axum::serve(tokio::net::TcpListener::bind(address).await?, app).await
}
