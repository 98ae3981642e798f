//! Slow and many clients against the real listener: connections that never finish their
//! headers or their body are closed, a body that stops coming is cut off long before the
//! request's time limit, a body declared over the route's limit is refused before it is read,
//! and connections over the cap, of all clients or of one, are closed at once while other
//! clients are still served.

use crate::support;

use portal::server::listen::{serve, ConnectionLimits};
use portal::server::router;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};

const LIMITS: ConnectionLimits = ConnectionLimits {
    header_read: Duration::from_secs(1),
    request: Duration::from_secs(8),
    max_connections: 6,
    max_per_client: 3,
    body_idle: Duration::from_secs(1),
};

/// A portal listening on a loopback port with [`LIMITS`].
async fn listening() -> SocketAddr {
    let app = router(support::state_with_site(&support::scratch_dir("site")).await);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app, LIMITS, Vec::new(), std::future::pending()));
    address
}

/// A connection to `address` from the loopback address 127.0.0.`client`: another client.
async fn connect_from(client: u8, address: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::new(127, 0, 0, client)), 0)).unwrap();
    socket.connect(address).await.unwrap()
}

/// A connection from 127.0.0.`client` that the server has surely taken: it has answered a
/// probe on it, and keeps it open for the next request.
async fn held(client: u8, address: SocketAddr) -> TcpStream {
    let mut stream = connect_from(client, address).await;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").await.unwrap();
    let mut answer = [0u8; 512];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer)).await.unwrap().unwrap();
    assert!(answer[..read].starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer[..read]));
    stream
}

/// Reads until the server closes the connection (at most 10 s); returns what it sent and when
/// it closed, measured from `since`.
async fn until_closed(stream: &mut TcpStream, since: Instant) -> (String, Duration) {
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received)).await;
    assert!(read.is_ok(), "the server kept the connection open for 10 s");
    (String::from_utf8_lossy(&received).into_owned(), since.elapsed())
}

/// The health probe from 127.0.0.`client` on a connection of its own: the status line, or
/// nothing when the connection was closed unanswered.
async fn probe(client: u8, address: SocketAddr) -> String {
    let mut stream = connect_from(client, address).await;
    let _ = stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await;
    let (received, _) = until_closed(&mut stream, Instant::now()).await;
    received.lines().next().unwrap_or_default().to_string()
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

/// A body that stops coming is cut off after the body's idle time (1 s), not at the request's
/// time limit (8 s).
#[tokio::test]
async fn a_client_whose_body_stops_coming_is_answered_and_closed_long_before_the_time_limit() {
    let address = listening().await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    let head = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                Origin: http://127.0.0.1\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 1000\r\n\r\nemail=a";
    stream.write_all(head.as_bytes()).await.unwrap();
    let (received, after) = until_closed(&mut stream, started).await;
    assert!(after < Duration::from_secs(4), "closed after {after:?}");
    assert!(received.starts_with("HTTP/1.1 4"), "{received}");
}

/// A form that says it is 10 MB long is refused with the translated page before any of its
/// body is sent, and the connection closed (`tests/integration/attachments.rs` does the same
/// for an upload over what an application's files may take).
#[tokio::test]
async fn a_body_declared_over_the_routes_limit_is_refused_at_once() {
    let address = listening().await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    let head = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                Origin: http://127.0.0.1\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 10000000\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let (received, after) = until_closed(&mut stream, started).await;
    assert!(received.starts_with("HTTP/1.1 413"), "{received}");
    assert!(received.contains("<html"), "the translated page: {received}");
    assert!(after < Duration::from_secs(1), "answered after {after:?}");
}

/// One client holding its share cannot open more; another client is served, the health probe
/// included.
#[tokio::test]
async fn one_client_cannot_take_every_connection() {
    let address = listening().await;
    let mut mine = Vec::new();
    for _ in 0..LIMITS.max_per_client {
        mine.push(held(1, address).await);
    }
    let started = Instant::now();
    let mut over = connect_from(1, address).await;
    let (received, after) = until_closed(&mut over, started).await;
    assert!(received.is_empty() && after < Duration::from_millis(500), "{received:?} after {after:?}");
    assert_eq!(probe(2, address).await, "HTTP/1.1 200 OK", "another client is served");
}

#[tokio::test]
async fn connections_over_the_cap_are_closed_at_once_and_the_rest_still_served() {
    let address = listening().await;
    let mut idle = Vec::new();
    for client in [1, 2] {
        for _ in 0..LIMITS.max_per_client {
            idle.push(held(client, address).await);
        }
    }
    let mut over = connect_from(3, address).await;
    let started = Instant::now();
    let (received, after) = until_closed(&mut over, started).await;
    assert!(received.is_empty() && after < Duration::from_millis(500), "{received:?} after {after:?}");
    drop(idle);
    // The server sees the closed connections in its own time: ask until it has.
    for _ in 0..100 {
        if probe(3, address).await == "HTTP/1.1 200 OK" {
            return;
        }
    }
    panic!("no connection was served after the others closed");
}
