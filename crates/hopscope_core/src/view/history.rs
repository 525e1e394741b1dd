//! Undo and redo: the states before each change, and those undone, as whole copies, so undo
//! gives back exactly the earlier state. A copy of a `View` is cheap and small: its
//! collections are persistent trees that share what the change left alone (`shared.rs`), and
//! comparing the state before and after a change compares the untouched trees by pointer.

use std::collections::VecDeque;

/// How many steps are kept.
pub const LIMIT: usize = 200;

#[derive(Clone, Debug)]
pub struct History<T> {
    /// Oldest first.
    past: VecDeque<T>,
    future: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            past: VecDeque::new(),
            future: Vec::new(),
        }
    }
}

impl<T: Clone + PartialEq> History<T> {
    /// Changes `current` by `change`, remembering the state before it (nothing is kept when
    /// the change changed nothing). Returns what `change` returned.
    pub fn change<R>(&mut self, current: &mut T, change: impl FnOnce(&mut T) -> R) -> R {
        let before = current.clone();
        let result = change(current);
        if *current != before {
            self.past.push_back(before);
            if self.past.len() > LIMIT {
                self.past.pop_front();
            }
            self.future.clear();
        }
        result
    }

    /// Goes back one step; false when there is none.
    pub fn undo(&mut self, current: &mut T) -> bool {
        match self.past.pop_back() {
            Some(before) => {
                self.future.push(std::mem::replace(current, before));
                true
            }
            None => false,
        }
    }

    /// Goes forward again after an undo; false when there is nothing to redo.
    pub fn redo(&mut self, current: &mut T) -> bool {
        match self.future.pop() {
            Some(after) => {
                self.past.push_back(std::mem::replace(current, after));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
