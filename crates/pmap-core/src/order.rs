//! One stable sort for the whole widget.
//!
//! `slice::sort_by` is generic over its comparator, so every call site compiles its own copy of
//! the standard library's driftsort (four or five functions, about 3 kB of wasm each). Forty
//! call sites cost 175 kB of the module. [`sort_by`] instead sorts a list of positions with one
//! type-erased comparator, then moves the items into place, so the sort itself is compiled
//! once; each call site adds only a few hundred bytes.
//!
//! Cost: O(n log n) comparisons, each one indirect call, then O(n) swaps, and one `Vec<usize>`
//! of n positions. Stable, like `slice::sort_by`. `sort_unstable` on plain numbers is left to
//! the standard library: it is compiled a few times only, and the search's hot loops use it.
//!
//! ```
//! use pmap_core::order;
//! let mut v = vec![("b", 2), ("a", 2), ("c", 1)];
//! order::sort_by(&mut v, |x, y| x.1.cmp(&y.1));
//! assert_eq!(v, [("c", 1), ("b", 2), ("a", 2)]); // stable: b stays before a
//! order::sort(&mut v);
//! assert_eq!(v, [("a", 2), ("b", 2), ("c", 1)]);
//! order::sort_by_key(&mut v, |x| std::cmp::Reverse(x.1));
//! assert_eq!(v, [("a", 2), ("b", 2), ("c", 1)]);
//! ```
use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` would.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut at: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut at, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut at);
}

/// Sorts `v` stably by a key, as `v.sort_by_key(key)` would.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order, as `v.sort()` would.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one compiled copy of the sort: positions, compared through a trait object.
#[allow(clippy::disallowed_methods)]
fn sort_positions(at: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    at.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that the item at `k` is the one that was at `at[k]`, following each cycle
/// of the permutation once (O(n) swaps). `at` is used up.
fn permute<T>(v: &mut [T], at: &mut [usize]) {
    for start in 0..at.len() {
        let mut cur = start;
        // Position `cur` wants the item now at `at[cur]`; the item that was at `start` travels
        // along the cycle until the cycle closes on it.
        while at[cur] != start {
            let next = at[cur];
            v.swap(cur, next);
            at[cur] = cur;
            cur = next;
        }
        at[cur] = cur;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the standard library's stable sort, on lists with many ties (so stability
    /// shows), from a small deterministic generator.
    #[test]
    #[allow(clippy::disallowed_methods)]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for n in [0usize, 1, 2, 3, 7, 20, 33, 100, 1000] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std_sorted = v;
            sort_by_key(&mut ours, |x| x.0);
            std_sorted.sort_by_key(|x| x.0);
            assert_eq!(ours, std_sorted, "n = {n}");
        }
    }

    /// A permutation with one long cycle and a fixed point, worked by hand: at = [2, 0, 1, 3]
    /// asks for [v[2], v[0], v[1], v[3]].
    #[test]
    fn permute_follows_cycles() {
        let mut v = ['a', 'b', 'c', 'd'];
        permute(&mut v, &mut [2, 0, 1, 3]);
        assert_eq!(v, ['c', 'a', 'b', 'd']);
    }
}
