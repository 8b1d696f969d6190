//! The one way into image decoding: at most `limit` images at once per node, because each one
//! may hold a few hundred MB while it is decoded, scaled and re-encoded (see
//! [`super::service::MAX_DECODED_BYTES`]). Uploads beyond the limit wait their turn; none is
//! dropped. The counts are there for tests and operators.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Cheap to clone: clones share the permits and the counts.
#[derive(Clone)]
pub struct DecodeGate {
    inner: Arc<Inner>,
}

struct Inner {
    permits: Arc<Semaphore>,
    limit: usize,
    waiting: AtomicUsize,
    running: AtomicUsize,
    peak: AtomicUsize,
    started: AtomicU64,
}

impl std::fmt::Debug for DecodeGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecodeGate")
            .field("limit", &self.limit())
            .field("waiting", &self.waiting())
            .field("running", &self.running())
            .finish()
    }
}

/// Takes one back off a count when dropped, so a cancelled or panicking decode is not counted
/// for ever.
struct Counted<'a>(&'a AtomicUsize);

impl<'a> Counted<'a> {
    fn new(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Counted(count)
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl DecodeGate {
    /// `limit` decodes at once (at least one).
    pub fn new(limit: usize) -> Self {
        let limit = limit.max(1);
        DecodeGate {
            inner: Arc::new(Inner {
                permits: Arc::new(Semaphore::new(limit)),
                limit,
                waiting: AtomicUsize::new(0),
                running: AtomicUsize::new(0),
                peak: AtomicUsize::new(0),
                started: AtomicU64::new(0),
            }),
        }
    }

    pub fn limit(&self) -> usize {
        self.inner.limit
    }

    /// Decodes waiting for a turn now.
    pub fn waiting(&self) -> usize {
        self.inner.waiting.load(Ordering::SeqCst)
    }

    /// Decodes running now.
    pub fn running(&self) -> usize {
        self.inner.running.load(Ordering::SeqCst)
    }

    /// The most decodes that ever ran at once.
    pub fn peak(&self) -> usize {
        self.inner.peak.load(Ordering::SeqCst)
    }

    /// Decodes started since the node started (images refused from their header are not).
    pub fn started(&self) -> u64 {
        self.inner.started.load(Ordering::SeqCst)
    }

    /// Takes every turn: nothing decodes until the answer is dropped (tests use it to hold
    /// uploads at the gate).
    pub async fn hold_all(&self) -> OwnedSemaphorePermit {
        let n = u32::try_from(self.inner.limit).unwrap_or(u32::MAX);
        self.inner
            .permits
            .clone()
            .acquire_many_owned(n)
            .await
            .expect("the gate's semaphore is never closed")
    }

    /// Runs `work` on the blocking pool once a turn is free. The turn is held by the blocking
    /// task itself, so an upload whose client goes away still counts until its decode ends.
    pub async fn run<T, F>(&self, work: F) -> Result<T, tokio::task::JoinError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit = {
            let _waiting = Counted::new(&self.inner.waiting);
            self.inner
                .permits
                .clone()
                .acquire_owned()
                .await
                .expect("the gate's semaphore is never closed")
        };
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _running = Counted::new(&inner.running);
            inner
                .peak
                .fetch_max(inner.running.load(Ordering::SeqCst), Ordering::SeqCst);
            inner.started.fetch_add(1, Ordering::SeqCst);
            work()
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_held_gate_lets_nothing_run_and_every_waiter_runs_after() {
        let gate = DecodeGate::new(2);
        let held = gate.hold_all().await;
        let tasks: Vec<_> = (0..5)
            .map(|i| {
                let gate = gate.clone();
                tokio::spawn(async move { gate.run(move || i * 2).await.unwrap() })
            })
            .collect();
        while gate.waiting() < 5 {
            tokio::task::yield_now().await;
        }
        assert_eq!((gate.running(), gate.started()), (0, 0));
        drop(held);
        let mut got = Vec::new();
        for t in tasks {
            got.push(t.await.unwrap());
        }
        assert_eq!(got, [0, 2, 4, 6, 8]);
        assert_eq!((gate.waiting(), gate.running(), gate.started()), (0, 0, 5));
        assert!((1..=2).contains(&gate.peak()), "{}", gate.peak());
    }
}
