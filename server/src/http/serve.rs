//! The accept loop: HTTP/1.1 over hyper with a header-read timeout (which also ends keep-alive
//! connections left idle), a deadline for each request's body, a bound on open connections, the peer address for the per-client
//! limits, and a graceful shutdown. `axum::serve` has none of the first three: 500 half-sent
//! requests stayed open for 40 s, and 1,100 stopped all service on a 1,024-descriptor limit.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::http::body_deadline::DeadlineBody;

/// What one server allows its clients at the connection level.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// A request's headers must arrive within this long of the connection being ready for
    /// them; hyper counts the wait for the next request of a kept-alive connection too, so
    /// this is also the idle timeout.
    pub header_read_timeout: Duration,
    /// A request's whole body must arrive within this long of its headers (`body_deadline`):
    /// time for the largest upload (2 MiB) at about 40 KB/s.
    pub body_read_timeout: Duration,
    /// Connections served at once; more wait in the listen queue. Well under the usual
    /// 1,024-descriptor limit, so the database and the static files always have descriptors.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(15),
            body_read_timeout: Duration::from_secs(60),
            max_connections: 512,
        }
    }
}

/// How long after an accept error (out of descriptors, say) the next accept is tried.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);

/// How long connections in flight get to finish after the shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = open.clone().acquire_owned() => slot.context("connection slots")?,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let body_read_timeout = limits.body_read_timeout;
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request
                .map(|body| axum::body::Body::new(DeadlineBody::new(body, body_read_timeout)));
            request.extensions_mut().insert(ConnectInfo(peer));
            let mut router = router.clone();
            async move { tower_service::Service::call(&mut router, request).await }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the shutdown grace period");
    }
    Ok(())
}
