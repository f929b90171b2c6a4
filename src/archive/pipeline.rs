//! Works on every article of one or more archives in parallel, with memory bounded
//! whatever the archives' size, and hands the results back in reading order.
//!
//! One thread reads the archives ([`read_all`]) and hands articles, unparsed, to a
//! bounded queue; worker threads do the work on them (parse and check them, or render
//! their pages); the calling thread puts the results back in reading order and hands
//! them to its callback. The reader may run at most [`WINDOW_PER_JOB`] articles per
//! worker ahead of the callback, so what is held at any time is a few articles per core.
//! What a reader cannot read, and a panic while working on an article, are handed back
//! in their place, and the run goes on.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

use super::{Item, Problem, Unit, read_all};

/// Articles the reader may run ahead of the callback, per worker.
pub const WINDOW_PER_JOB: usize = 16;

/// What the pipeline hands back for one thing read, in reading order.
#[derive(Debug)]
pub enum Done<T> {
    /// The work's result for an article.
    Unit(T),
    /// Something a reader could not read (a missing file, a bad line): no article.
    Problem(Problem),
    /// The work panicked on an article (a bug).
    Panicked {
        /// The article's name (see [`Unit::name`]).
        name: String,
        /// The panic's message ("unknown" when it was not text).
        message: String,
    },
}

/// The worker threads for `requested` (0: one per core).
pub fn jobs(requested: usize) -> usize {
    match requested {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// Reads `paths` and runs `work` on each article on `jobs` threads (at least one),
/// handing every result to `take` in reading order on the calling thread.
///
/// # Errors
/// The first error `take` returns: reading and working stop, and it is returned.
pub fn run<T: Send, E>(
    paths: &[PathBuf],
    jobs: usize,
    work: &(dyn Fn(&Unit) -> T + Sync),
    take: &mut dyn FnMut(Done<T>) -> Result<(), E>,
) -> Result<(), E> {
    let jobs = jobs.max(1);
    let window = (jobs * WINDOW_PER_JOB) as u64;
    let (item_tx, item_rx) = mpsc::sync_channel::<(u64, Item)>(jobs * 2);
    let item_rx = Mutex::new(item_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, Done<T>)>();
    let gate = Gate::default();
    std::thread::scope(|s| {
        let gate = &gate;
        s.spawn(move || {
            let mut seq = 0u64;
            read_all(paths, &mut |item| {
                if !gate.admit(seq, window) || item_tx.send((seq, item)).is_err() {
                    return false;
                }
                seq += 1;
                true
            });
        });
        for _ in 0..jobs {
            let (done_tx, item_rx) = (done_tx.clone(), &item_rx);
            s.spawn(move || {
                loop {
                    let next = item_rx.lock().expect("queue").recv();
                    let Ok((seq, item)) = next else { break };
                    // After a stop, the queue is drained so the reader is not left blocked.
                    if !gate.stopped() {
                        let _ = done_tx.send((seq, work_on(item, work)));
                    }
                }
            });
        }
        drop(done_tx);
        reassemble(done_rx, gate, take)
    })
}

/// Runs `work` on an item, turning a panic into [`Done::Panicked`].
fn work_on<T>(item: Item, work: &(dyn Fn(&Unit) -> T + Sync)) -> Done<T> {
    let unit = match item {
        Item::Problem(p) => return Done::Problem(p),
        Item::Unit(u) => u,
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&unit))) {
        Ok(t) => Done::Unit(t),
        Err(panic) => Done::Panicked {
            name: unit.name,
            message: panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into()),
        },
    }
}

/// Hands the results to `take` in reading order, opening the gate as they are taken.
fn reassemble<T, E>(
    results: mpsc::Receiver<(u64, Done<T>)>,
    gate: &Gate,
    take: &mut dyn FnMut(Done<T>) -> Result<(), E>,
) -> Result<(), E> {
    let mut pending: BTreeMap<u64, Done<T>> = BTreeMap::new();
    let mut next = 0u64;
    for (seq, done) in results.iter() {
        pending.insert(seq, done);
        while let Some(done) = pending.remove(&next) {
            if let Err(e) = take(done) {
                gate.stop();
                return Err(e);
            }
            next += 1;
            gate.taken(next);
        }
    }
    Ok(())
}

/// How many results the callback has taken, for the reader to wait on; or a stop.
#[derive(Default)]
struct Gate {
    taken: Mutex<u64>,
    moved: Condvar,
    stop: AtomicBool,
}

impl Gate {
    /// Waits until item `seq` (counted from 0) is less than `window` items ahead of the
    /// callback. False when the run was stopped.
    fn admit(&self, seq: u64, window: u64) -> bool {
        let mut taken = self.taken.lock().expect("gate");
        while seq >= *taken + window && !self.stopped() {
            taken = self.moved.wait(taken).expect("gate");
        }
        !self.stopped()
    }

    fn taken(&self, n: u64) {
        *self.taken.lock().expect("gate") = n;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        // Under the lock, so a reader between its check and its wait still wakes.
        let _taken = self.taken.lock().expect("gate");
        self.moved.notify_all();
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// A directory archive of `n` articles, `000.txt` onwards (never parsed here).
    fn archive(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            std::fs::write(dir.path().join(format!("{i:03}.txt")), "text").unwrap();
        }
        dir
    }

    #[test]
    fn results_come_back_in_reading_order_and_a_panic_is_one_result() {
        let dir = archive(100);
        let paths = [dir.path().to_path_buf(), dir.path().join("missing")];
        let work = |u: &Unit| {
            // Uneven work, so that workers finish out of order.
            let i: u64 = u.name[u.name.len() - 7..][..3].parse().unwrap();
            std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 500));
            assert!(i != 13, "boom");
            i
        };
        let mut got = Vec::new();
        run(&paths, 4, &work, &mut |d| {
            got.push(d);
            Ok::<_, ()>(())
        })
        .unwrap();
        assert_eq!(got.len(), 101);
        for (i, d) in got[..100].iter().enumerate() {
            match d {
                Done::Unit(n) => assert_eq!(*n, i as u64),
                Done::Panicked { name, message } => {
                    assert_eq!(i, 13);
                    assert!(name.ends_with("013.txt") && message == "boom", "{d:?}");
                }
                Done::Problem(p) => panic!("{p}"),
            }
        }
        assert!(matches!(&got[100], Done::Problem(p) if p.at.ends_with("missing")));
    }

    #[test]
    fn an_error_from_the_callback_stops_the_run() {
        let dir = archive(200);
        let worked = AtomicUsize::new(0);
        let work = |_: &Unit| worked.fetch_add(1, Ordering::Relaxed);
        let mut taken = 0;
        let result = run(&[dir.path().to_path_buf()], 1, &work, &mut |_| {
            taken += 1;
            if taken == 5 { Err("full disk") } else { Ok(()) }
        });
        assert_eq!(result, Err("full disk"));
        assert_eq!(taken, 5);
        // The reader stays within its window of the callback.
        assert!(worked.load(Ordering::Relaxed) <= 5 + WINDOW_PER_JOB + 2);
    }
}
