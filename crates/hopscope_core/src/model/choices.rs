//! The investigator's choices that a case file saves and the analysis reads, as plain data: how
//! the trace divides stolen value (`Method`), what mixer pools and bridges do with it (`Pools`),
//! and which way money must move for a flow to count (`Flowing`). They live here, below both
//! the file format and the analysis, so that neither has to import the other.

/// What happens to stolen value that reaches a mixer pool or a bridge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pools {
    /// It stays there, except what accepted links (and bridge hops) carry on.
    #[default]
    Absorb,
    /// They are ordinary addresses: haircut or FIFO over their transfers in the data.
    Ordinary,
}

/// How the trace divides what an address sends between the stolen and the clean part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// In proportion to what the address holds (haircut).
    #[default]
    Haircut,
    /// First in, first out.
    Fifo,
}

/// Which way the money must be moving, relative to the seeds, for a flow to count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flowing {
    #[default]
    Both,
    /// Only flows out of addresses the seeds' money can reach: where the stolen funds went.
    FromSeeds,
    /// Only flows into addresses from which money reaches the seeds: who funded them.
    ToSeeds,
}
