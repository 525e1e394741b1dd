//! A global allocator that counts: the bytes handed out and not yet taken back (`live`), and
//! the most that ever were (`peak`). The benchmarks install it, and so does the browser app,
//! whose wasm memory only grows: its size says what the instance ever held, these counters
//! what it holds now (`window.hopscopeTest.memory()`).

/// A binary installs it with
/// `#[global_allocator] static GLOBAL: hopscope_core::counting::Counting = hopscope_core::counting::Counting;`.
pub struct Counting;

/// Bytes live now: one counter (not handed-out minus taken-back totals, which would wrap
/// past 4 GiB of traffic in a 32-bit wasm instance).
static LIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn counted(added: usize, taken: usize) {
    use std::sync::atomic::Ordering::Relaxed;
    let live = if added >= taken {
        LIVE.fetch_add(added - taken, Relaxed)
            .wrapping_add(added - taken)
    } else {
        LIVE.fetch_sub(taken - added, Relaxed)
            .wrapping_sub(taken - added)
    };
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only counters are added
// (for what it handed out: a refused request counts nothing).
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let p = unsafe { std::alloc::System.alloc(layout) };
        if !p.is_null() {
            counted(layout.size(), 0);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        counted(0, layout.size());
        // SAFETY: as above.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if !p.is_null() {
            counted(layout.size(), 0);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            counted(new_size, layout.size());
        }
        p
    }
}

/// Bytes allocated and not yet freed (with `Counting` installed).
pub fn live() -> usize {
    LIVE.load(std::sync::atomic::Ordering::Relaxed)
}

/// The most bytes ever live at once since the last `reset_peak`.
pub fn peak() -> usize {
    PEAK.load(std::sync::atomic::Ordering::Relaxed)
}

/// Starts counting the peak again from what is live now.
pub fn reset_peak() {
    PEAK.store(live(), std::sync::atomic::Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    #[test]
    fn live_goes_up_and_down_without_wrapping() {
        super::counted(100, 0);
        super::counted(0, 40);
        super::counted(10, 70);
        // Other tests' allocations are not counted here (no global allocator in tests).
        assert_eq!(super::live(), 0);
        assert!(super::peak() >= 100);
    }
}
