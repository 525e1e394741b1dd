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

pub use hopscope_core::counting::{live, peak, reset_peak, Counting};
