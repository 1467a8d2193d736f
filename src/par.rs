//! Work spread over the cores with its results kept in order, so what the
//! loader and the search return never depends on which thread finished
//! first.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The threads work may use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over every item on up to `threads` threads, each taking the next
/// item when it finishes one and keeping a `state` of its own (buffers to
/// reuse); the results come back in the items' order. A panic in a worker
/// is passed on rather than losing its results.
pub fn map_in_order<T, S, R>(
    items: &[T],
    threads: usize,
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = threads.min(items.len());
    if threads <= 1 {
        let mut s = state();
        return items.iter().map(|item| f(&mut s, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut s = state();
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(&mut s, item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_whatever_the_threads() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [0, 1, 2, 3, 64] {
            let out = map_in_order(&items, threads, Vec::<u64>::new, |seen, &x| {
                seen.push(x);
                // Uneven work, so the threads finish out of order.
                std::hint::black_box((0..x % 7 * 1000).sum::<u64>());
                x
            });
            assert_eq!(out, items, "on {threads} threads");
        }
        assert!(map_in_order(&[] as &[u8], 4, || (), |_, &x| x).is_empty());
    }

    #[test]
    fn each_thread_keeps_its_own_state() {
        let items = vec![1; 100];
        let counts = map_in_order(
            &items,
            4,
            || 0usize,
            |n, _| {
                *n += 1;
                *n
            },
        );
        // Every count a thread hands back is its own running count.
        assert_eq!(counts.len(), 100);
        assert!(counts.iter().all(|&n| (1..=100).contains(&n)));
        assert!(counts.iter().filter(|&&n| n == 1).count() <= 4);
    }
}
