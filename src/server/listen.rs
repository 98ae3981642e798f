//! Serving the router on a listener with the limits a public service needs against slow and
//! many clients (axum's own `serve` has none): a client must send its request headers within a
//! time, keep its body coming (no wait between two parts of it over another time), and finish
//! its whole request within a third; the number of open connections is capped, for all and for
//! one client address, and a connection over a cap is closed at once rather than left waiting.
//! Shutdown lets requests in flight finish.

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long and how many, from configuration (`docs/configuration.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// From the connection (or the end of the last request) to the end of the request's headers.
    pub header_read: Duration,
    /// From the end of the headers to the end of the response: reading the body and answering.
    pub request: Duration,
    /// Open connections at most.
    pub max_connections: usize,
    /// Open connections of one client address at most, so that one client cannot take them
    /// all (the health probes among them). The trusted proxies' addresses are not held to it:
    /// the proxy limits its clients (`docs/deployment/nginx.conf`).
    pub max_per_client: usize,
    /// The longest wait for the next part of a request's body, once the handler reads it: a
    /// client that sends a byte now and then is cut off long before the request's time limit.
    pub body_idle: Duration,
}

/// How long requests in flight get to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `shutdown` completes, then lets open requests finish.
/// Connections from `proxies` are not held to the per-client cap.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    proxies: Vec<ipnet::IpNet>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let app = app
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(http::StatusCode::REQUEST_TIMEOUT, limits.request));
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let per_client = Arc::new(PerClient::default());
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read);
    tokio::pin!(shutdown);
    loop {
        let (stream, client) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(error) => {
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tracing::warn!(max = limits.max_connections, "too many open connections: one closed");
            drop(stream);
            continue;
        };
        let ip = client.ip().to_canonical();
        let slot = if proxies.iter().any(|proxy| proxy.contains(&ip)) {
            None
        } else {
            let Some(slot) = per_client.take(ip, limits.max_per_client) else {
                tracing::warn!(max = limits.max_per_client, "too many open connections from one client: one closed");
                drop(stream);
                continue;
            };
            Some(slot)
        };
        let body_idle = limits.body_idle;
        let service = app.clone().map_request(move |request: http::Request<Incoming>| {
            let mut request = request.map(|body| Body::new(IdleLimited::new(body, body_idle)));
            request.extensions_mut().insert(ConnectInfo(client));
            request
        });
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or breaks the protocol ends only its own connection.
            let _ = connection.await;
            drop((permit, slot));
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still open after the shutdown grace were cut");
    }
    Ok(())
}

/// Open connections by client address.
#[derive(Default)]
struct PerClient(Mutex<HashMap<IpAddr, usize>>);

/// One open connection of a client, given back when dropped.
struct ClientSlot {
    clients: Arc<PerClient>,
    ip: IpAddr,
}

impl PerClient {
    /// A slot for `ip`, unless it holds `max` already.
    fn take(self: &Arc<Self>, ip: IpAddr, max: usize) -> Option<ClientSlot> {
        let mut open = self.0.lock().expect("the per-client counts");
        let count = open.entry(ip).or_default();
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(ClientSlot { clients: self.clone(), ip })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.clients.0.lock().expect("the per-client counts");
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// A request body that fails when its next part is longer than `idle` in coming. The clock
/// starts at the first read, so time the handler spends before reading does not count.
struct IdleLimited {
    inner: Incoming,
    idle: Duration,
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl IdleLimited {
    fn new(inner: Incoming, idle: Duration) -> IdleLimited {
        IdleLimited { inner, idle, deadline: None }
    }
}

impl hyper::body::Body for IdleLimited {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        let idle = this.idle;
        let deadline = this.deadline.get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                deadline.as_mut().reset(tokio::time::Instant::now() + idle);
                Poll::Ready(frame.map(|frame| frame.map_err(Into::into)))
            }
            Poll::Pending => match deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err("the request's body stopped coming".into()))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
