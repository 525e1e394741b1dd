//! The view's big collections as persistent sorted trees, so that a copy of a view (what the
//! undo history keeps for every step) shares everything the next change leaves alone: a
//! change copies only the few tree nodes on the paths to what it touched, and a copy costs a
//! pointer. With 100,000 shown addresses a step then keeps a few KiB instead of a whole copy
//! of the view (about 2.5 MiB; figures in BENCHMARKS.md, `cargo xtask bench undo`).
//!
//! The trees are `rpds`'s red-black trees (`RedBlackTreeMapSync`): kept up to date, MIT
//! licensed, plain Rust that builds for wasm32, with atomic counts so a view stays `Send +
//! Sync`. `im`'s B-trees were the other choice; `im` is MPL-2.0 and no longer released (its
//! fork `imbl` is MPL-2.0 too). Storing diffs was the third: it keeps the plain `BTreeMap`s but
//! still clones and compares the whole view at every step, only to throw the copy away.
//!
//! `Map` and `Set` keep the `BTreeMap`/`BTreeSet` surface the view uses, iterate in key order
//! as those do (exports stay byte for byte the same), and keep a tree untouched when a change
//! changes nothing (inserting what is there, removing what is not, a `retain` that keeps
//! everything): the tree is then still the one the history holds, and comparing the two is a
//! pointer comparison. Trees that differ are compared in one ordered pass.

use std::fmt;

use rpds::{RedBlackTreeMapSync, RedBlackTreeSetSync};

/// A sorted map whose copies share their unchanged parts.
#[derive(Clone)]
pub(super) struct Map<K: Ord, V>(RedBlackTreeMapSync<K, V>);

/// A sorted set whose copies share their unchanged parts.
#[derive(Clone)]
pub(super) struct Set<T: Ord>(RedBlackTreeSetSync<T>);

impl<K: Ord, V> Default for Map<K, V> {
    fn default() -> Self {
        Map(RedBlackTreeMapSync::new_sync())
    }
}

impl<K: Ord + Clone, V: Clone + PartialEq> Map<K, V> {
    pub fn len(&self) -> usize {
        self.0.size()
    }

    pub fn contains_key(&self, key: &K) -> bool {
        self.0.contains_key(key)
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.get(key)
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.0.iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.0.keys()
    }

    /// Sets `key` to `value` (the tree is left as it is when it holds that already).
    pub fn insert(&mut self, key: K, value: V) {
        if self.0.get(&key) != Some(&value) {
            self.0.insert_mut(key, value);
        }
    }

    /// Removes `key`; false when it was not there.
    pub fn remove(&mut self, key: &K) -> bool {
        self.0.contains_key(key) && self.0.remove_mut(key)
    }

    /// Keeps only the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        let gone: Vec<K> = self
            .0
            .iter()
            .filter(|(k, v)| !keep(k, v))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &gone {
            self.0.remove_mut(k);
        }
    }
}

impl<K: Ord + Clone, V: Clone + PartialEq> FromIterator<(K, V)> for Map<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = Map::default();
        for (k, v) in iter {
            map.0.insert_mut(k, v);
        }
        map
    }
}

impl<K: Ord, V: PartialEq> PartialEq for Map<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.0.ptr_eq(&other.0)
            || (self.0.size() == other.0.size() && self.0.iter().eq(other.0.iter()))
    }
}

impl<K: Ord, V: Eq> Eq for Map<K, V> {}

impl<K: Ord + fmt::Debug, V: fmt::Debug> fmt::Debug for Map<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

impl<T: Ord> Default for Set<T> {
    fn default() -> Self {
        Set(RedBlackTreeSetSync::new_sync())
    }
}

impl<T: Ord + Clone> Set<T> {
    pub fn len(&self) -> usize {
        self.0.size()
    }

    pub fn contains(&self, value: &T) -> bool {
        self.0.contains(value)
    }

    /// Values in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.0.iter()
    }

    /// Adds `value`; false when it was there already (and the tree is left as it is).
    pub fn insert(&mut self, value: T) -> bool {
        if self.0.contains(&value) {
            return false;
        }
        self.0.insert_mut(value);
        true
    }

    /// Removes `value`; false when it was not there.
    pub fn remove(&mut self, value: &T) -> bool {
        self.0.contains(value) && self.0.remove_mut(value)
    }

    /// Keeps only the values `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let gone: Vec<T> = self.0.iter().filter(|v| !keep(v)).cloned().collect();
        for v in &gone {
            self.0.remove_mut(v);
        }
    }

    pub fn clear(&mut self) {
        if !self.0.is_empty() {
            self.0 = RedBlackTreeSetSync::new_sync();
        }
    }
}

impl<T: Ord + Clone> Extend<T> for Set<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for v in iter {
            self.insert(v);
        }
    }
}

impl<T: Ord> PartialEq for Set<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0.ptr_eq(&other.0)
            || (self.0.size() == other.0.size() && self.0.iter().eq(other.0.iter()))
    }
}

impl<T: Ord> Eq for Set<T> {}

impl<T: Ord + fmt::Debug> fmt::Debug for Set<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_that_changes_nothing_keeps_the_shared_tree() {
        let map: Map<u32, char> = (0..100).map(|i| (i, 'a')).collect();
        let mut copy = map.clone();
        copy.insert(5, 'a');
        assert!(!copy.remove(&1000));
        copy.retain(|_, _| true);
        assert!(copy.0.ptr_eq(&map.0), "no node was copied");
        copy.insert(5, 'b');
        assert!(!copy.0.ptr_eq(&map.0) && copy != map);
        assert_eq!(map.get(&5), Some(&'a'), "the original is untouched");

        let set: Set<u32> = {
            let mut s = Set::default();
            s.extend(0..100);
            s
        };
        let mut copy = set.clone();
        assert!(!copy.insert(3));
        assert!(!copy.remove(&1000));
        copy.retain(|_| true);
        assert!(copy.0.ptr_eq(&set.0));
        let mut empty: Set<u32> = Set::default();
        let before = empty.clone();
        empty.clear();
        assert!(empty.0.ptr_eq(&before.0));
    }

    #[test]
    fn equal_contents_compare_equal_and_iterate_in_order() {
        let a: Map<u32, u8> = [(3, 1), (1, 1), (2, 2)].into_iter().collect();
        let mut b: Map<u32, u8> = [(1, 1), (2, 2)].into_iter().collect();
        assert_ne!(a, b);
        b.insert(3, 1);
        assert_eq!(a, b, "built apart, same entries");
        assert_eq!(a.keys().copied().collect::<Vec<_>>(), [1, 2, 3]);
        b.insert(3, 2);
        assert_ne!(a, b, "same keys, another value");
        b.retain(|k, _| *k != 3);
        assert_eq!(b.len(), 2);
        assert_eq!(format!("{b:?}"), "{1: 1, 2: 2}");
        let mut s: Set<u32> = Set::default();
        s.extend([9, 4, 7]);
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [4, 7, 9]);
        s.retain(|v| *v != 7);
        assert_eq!(format!("{s:?}"), "{4, 9}");
    }
}
