//! How far reading a file has got, so the app can draw a progress bar: the streaming readers
//! (tables, XML) report the byte offset they have reached, and the callback is called at most
//! once per `STEP` bytes so a million-row file costs a few dozen calls, not a million.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

/// Bytes between two reports.
pub const STEP: usize = 1 << 20;

struct Inner {
    report: Box<dyn Fn(usize)>,
    next: Cell<usize>,
}

/// A progress callback, or none (the default). Cloning shares the callback.
#[derive(Clone, Default)]
pub struct Progress(Option<Rc<Inner>>);

impl Progress {
    /// Calls `report(bytes_done)` as reading passes each `STEP` bytes.
    pub fn new(report: impl Fn(usize) + 'static) -> Self {
        Progress(Some(Rc::new(Inner {
            report: Box::new(report),
            next: Cell::new(STEP),
        })))
    }

    /// Tells the callback that reading has reached byte `done`, if a step has passed since
    /// the last report.
    pub fn reached(&self, done: usize) {
        if let Some(inner) = &self.0 {
            if done >= inner.next.get() {
                inner.next.set(done - done % STEP + STEP);
                (inner.report)(done);
            }
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(callback)"
        } else {
            "Progress(none)"
        })
    }
}

/// Two progress values are equal when both are none or both share one callback.
impl PartialEq for Progress {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Progress {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_once_per_step() {
        let seen = Rc::new(std::cell::RefCell::new(Vec::new()));
        let sink = seen.clone();
        let progress = Progress::new(move |done| sink.borrow_mut().push(done));
        for done in (0..5 * STEP).step_by(4096) {
            progress.reached(done);
        }
        progress.reached(10 * STEP + 7);
        assert_eq!(
            *seen.borrow(),
            vec![STEP, 2 * STEP, 3 * STEP, 4 * STEP, 10 * STEP + 7]
        );
        Progress::default().reached(STEP);
    }
}
