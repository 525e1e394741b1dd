//! Shared helpers of the benchmarks: deterministic generated inputs and the process's peak
//! memory.

use hopscope_core::layout::SplitMix64;

/// An Etherscan-style "normal transactions" CSV export with `n_rows` value transfers among
/// `n_addresses` addresses, the same for the same arguments.
pub fn etherscan_csv(n_rows: usize, n_addresses: usize, seed: u64) -> String {
    let mut rng = SplitMix64::new(seed);
    let mut out = String::with_capacity(n_rows * 330);
    out.push_str("\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"ContractAddress\",\"Value_IN(ETH)\",\"Value_OUT(ETH)\",\"CurrentValue @ $2084.3165498016/Eth\",\"TxnFee(ETH)\",\"TxnFee(USD)\",\"Historical $Price/Eth\",\"Status\",\"ErrCode\",\"Method\"\n");
    let address = |i: u64| format!("0x{:040x}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 8);
    for row in 0..n_rows {
        let from = rng.next_u64() % n_addresses as u64;
        let to = rng.next_u64() % n_addresses as u64;
        let wei = rng.next_u64() % 100_000_000_000;
        let time = 1_700_000_000 + row as u64 * 12;
        out.push_str(&format!(
            "\"0x{:016x}{:016x}{:016x}{:016x}\",\"{}\",\"{time}\",\"2023-11-14 22:13:20\",\"{}\",\"{}\",\"\",\"0\",\"{}.{:08}\",\"1.0\",\"0.00021\",\"0.44\",\"2084.31\",\"\",\"\",\"Transfer\"\n",
            rng.next_u64(), rng.next_u64(), rng.next_u64(), row,
            18_000_000 + row / 10,
            address(from), address(to),
            wei / 100_000_000, wei % 100_000_000,
        ));
    }
    out
}

/// Peak resident memory of this process in MiB (Linux `VmHWM`), if known.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// A global allocator that counts: the bytes handed out and not yet taken back (`live`), and
/// the most that ever were (`peak`). A benchmark binary installs it with
/// `#[global_allocator] static GLOBAL: hopscope_bench::Counting = hopscope_bench::Counting;`.
pub struct Counting;

static ALLOCATED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static FREED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn counted(added: usize, taken: usize) {
    use std::sync::atomic::Ordering::Relaxed;
    let allocated = ALLOCATED.fetch_add(added, Relaxed) + added;
    let freed = FREED.fetch_add(taken, Relaxed) + taken;
    PEAK.fetch_max(allocated.saturating_sub(freed), Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only counters are added.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        counted(layout.size(), 0);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        counted(0, layout.size());
        // SAFETY: as above.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        counted(layout.size(), 0);
        // SAFETY: as above.
        unsafe { std::alloc::System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        counted(new_size, layout.size());
        // SAFETY: as above.
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

/// Bytes allocated and not yet freed (with `Counting` installed).
pub fn live() -> usize {
    use std::sync::atomic::Ordering::Relaxed;
    ALLOCATED.load(Relaxed).saturating_sub(FREED.load(Relaxed))
}

/// The most bytes ever live at once since the last `reset_peak`.
pub fn peak() -> usize {
    PEAK.load(std::sync::atomic::Ordering::Relaxed)
}

/// Starts counting the peak again from what is live now.
pub fn reset_peak() {
    PEAK.store(live(), std::sync::atomic::Ordering::Relaxed);
}
