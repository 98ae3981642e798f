//! Slow and many clients against the real listener: connections that never finish their
//! headers or their body are closed, and connections over the cap are closed at once.

use crate::support;

use portal::server::listen::{serve, ConnectionLimits};
use portal::server::router;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const LIMITS: ConnectionLimits =
    ConnectionLimits { header_read: Duration::from_secs(1), request: Duration::from_secs(2), max_connections: 4 };

/// A portal listening on a loopback port with [`LIMITS`].
async fn listening() -> std::net::SocketAddr {
    let app = router(support::state_with_site(&support::scratch_dir("site")).await);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app, LIMITS, std::future::pending()));
    address
}

/// Reads until the server closes the connection (at most 10 s); returns what it sent and when
/// it closed, measured from `since`.
async fn until_closed(stream: &mut TcpStream, since: Instant) -> (String, Duration) {
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received)).await;
    assert!(read.is_ok(), "the server kept the connection open for 10 s");
    (String::from_utf8_lossy(&received).into_owned(), since.elapsed())
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_closed() {
    let address = listening().await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").await.unwrap();
    let (_, after) = until_closed(&mut stream, started).await;
    assert!(after < Duration::from_secs(3), "closed after {after:?}");
}

#[tokio::test]
async fn a_client_that_never_finishes_its_body_is_answered_and_closed() {
    let address = listening().await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    let head = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                Origin: http://127.0.0.1\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 1000\r\n\r\nemail=a";
    stream.write_all(head.as_bytes()).await.unwrap();
    let (received, after) = until_closed(&mut stream, started).await;
    assert!(after < Duration::from_secs(4), "closed after {after:?}");
    assert!(received.starts_with("HTTP/1.1 408"), "{received}");
}

#[tokio::test]
async fn connections_over_the_cap_are_closed_at_once_and_the_rest_still_served() {
    let address = listening().await;
    let mut idle = Vec::new();
    for _ in 0..LIMITS.max_connections {
        idle.push(TcpStream::connect(address).await.unwrap());
    }
    // Let the server take them before the one over the cap.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut over = TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    let (received, after) = until_closed(&mut over, started).await;
    assert!(received.is_empty() && after < Duration::from_millis(500), "{received:?} after {after:?}");
    drop(idle);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut next = TcpStream::connect(address).await.unwrap();
    next.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await.unwrap();
    let (received, _) = until_closed(&mut next, Instant::now()).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received}");
}
