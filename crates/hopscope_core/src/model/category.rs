//! The fixed list of address categories a case may use.

use std::fmt;
use std::str::FromStr;

/// What kind of actor an address belongs to. The list is fixed by the case format v1.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Category {
    Exchange,
    Mixer,
    Bridge,
    Hacker,
    Victim,
    Defi,
    Otc,
    Gambling,
    Sanctioned,
    #[default]
    Unknown,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Exchange,
        Category::Mixer,
        Category::Bridge,
        Category::Hacker,
        Category::Victim,
        Category::Defi,
        Category::Otc,
        Category::Gambling,
        Category::Sanctioned,
        Category::Unknown,
    ];

    /// The name used in case files.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Exchange => "exchange",
            Category::Mixer => "mixer",
            Category::Bridge => "bridge",
            Category::Hacker => "hacker",
            Category::Victim => "victim",
            Category::Defi => "defi",
            Category::Otc => "otc",
            Category::Gambling => "gambling",
            Category::Sanctioned => "sanctioned",
            Category::Unknown => "unknown",
        }
    }

    /// The name shown to people.
    pub fn title(self) -> &'static str {
        match self {
            Category::Exchange => "Exchange",
            Category::Mixer => "Mixer",
            Category::Bridge => "Bridge",
            Category::Hacker => "Hacker",
            Category::Victim => "Victim",
            Category::Defi => "DeFi",
            Category::Otc => "OTC desk",
            Category::Gambling => "Gambling",
            Category::Sanctioned => "Sanctioned",
            Category::Unknown => "Unknown",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                format!(
                    "unknown category \"{s}\"; expected one of {}",
                    names.join(", ")
                )
            })
    }
}
