//! A case: the graph under investigation with its title, notes and seeds, and how a second
//! source merges into it.

use super::labels::Book;
use super::story::Story;
use super::{Category, Facts, Graph, NodeId, Transfer, TransferId};
use crate::model::Investigation;

/// Everything a case file holds.
#[derive(Clone, Debug, Default)]
pub struct Case {
    pub title: String,
    pub notes: String,
    pub graph: Graph,
    /// Where the investigation starts (e.g. the hacked wallet).
    pub seeds: Vec<NodeId>,
    /// The investigation saved with the data (view, positions, notes), when the file had one.
    pub investigation: Option<Investigation>,
    /// The guided tour a teaching case carries, if any.
    pub story: Option<Story>,
    /// The label book the case is shown with (not saved; see `Book`).
    pub book: Book,
    /// US-dollar values, transaction senders and memos the files gave.
    pub facts: Facts,
    /// The files the case was built from, in the order they were read.
    pub sources: Vec<super::Source>,
}

/// What merging one case into another did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub new_nodes: usize,
    pub new_transfers: usize,
    /// Transfers the open case already had (same chain, tx, index, endpoints, asset, amount).
    pub duplicate_transfers: usize,
}

/// What applying a label list did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabelReport {
    pub applied: usize,
    /// Addresses the case had labelled from its own files, which keep their label.
    pub kept_own: usize,
    /// Listed addresses the case does not contain.
    pub not_in_case: usize,
}

/// How many transfers a merge takes from the other case before giving back their room.
const GIVE_BACK_EVERY: usize = 1 << 16;

/// The label source of a label the investigator typed in.
pub const EDITED_LABEL_SOURCE: &str = "edited in hopscope";

impl Case {
    /// The name of an address everywhere (`labels::name`): its label, the book's, or its
    /// short form; empty for an id the case lacks.
    pub fn name(&self, id: NodeId) -> String {
        self.graph
            .node(id)
            .map(|n| super::labels::name(n, &self.book))
            .unwrap_or_default()
    }

    /// Sets (or with an empty text, clears) a node's label as the investigator typed it. An
    /// edited label is kept over any label list added later.
    pub fn edit_label(&mut self, id: NodeId, label: &str) {
        if let Some(node) = self.graph.node_mut(id) {
            let label = label.trim();
            node.label = (!label.is_empty()).then(|| label.to_owned());
            node.label_source = node.label.as_ref().map(|_| EDITED_LABEL_SOURCE.to_owned());
        }
    }

    /// Labels the case's addresses from a label list (a case of labelled nodes, see
    /// `format::label_list::label_list_as_case`). A label the case's own files gave is kept; one from an
    /// earlier list is replaced; addresses not in the case are not added.
    pub fn apply_labels(&mut self, list: &Case) -> LabelReport {
        let mut report = LabelReport::default();
        for (_, listed) in list.graph.nodes() {
            let Some(id) = self.graph.node_by_address(&listed.address) else {
                report.not_in_case += 1;
                continue;
            };
            let Some(node) = self.graph.node_mut(id) else {
                continue;
            };
            let edited = node.label_source.as_deref() == Some(EDITED_LABEL_SOURCE);
            if node.label.is_some() && (node.label_source.is_none() || edited) {
                report.kept_own += 1;
                continue;
            }
            node.label.clone_from(&listed.label);
            node.label_source.clone_from(&listed.label_source);
            if node.category == Category::Unknown {
                node.category = listed.category;
            }
            report.applied += 1;
        }
        report
    }

    /// Merges `other` into this case. Addresses already present keep what they have and gain
    /// what they lacked (a label, a category other than unknown, tags); a transfer already
    /// present is stored once; seeds are united; the open case's title stays.
    pub fn merge(&mut self, mut other: Case) -> MergeReport {
        let mut report = MergeReport::default();
        self.graph
            .reserve(other.graph.n_nodes(), other.graph.n_transfers());
        // The other case's ids to this one's, by index (flat: a merged export has a million).
        let mut id_map: Vec<Option<NodeId>> = vec![None; other.graph.node_bound()];
        for (other_id, node) in other.graph.nodes() {
            let (id, is_new) = self.graph.add_node(node.clone());
            if is_new {
                report.new_nodes += 1;
            } else if let Some(existing) = self.graph.node_mut(id) {
                if existing.label.is_none() {
                    existing.label = node.label.clone();
                    existing.label_source = node.label_source.clone();
                }
                if existing.category == Category::Unknown {
                    existing.category = node.category;
                }
                for tag in &node.tags {
                    if !existing.tags.contains(tag) {
                        existing.tags.push(tag.clone());
                    }
                }
            }
            if let Some(slot) = id_map.get_mut(other_id.index()) {
                *slot = Some(id);
            }
        }
        let node_of = |n: NodeId| id_map.get(n.index()).copied().flatten();
        self.graph.begin_source();
        let mut transfer_map: Vec<Option<TransferId>> = vec![None; other.graph.n_transfers()];
        // The other case's transfers are taken one by one from the end of a reversed list,
        // whose room is given back every so often, so the added file's transfers are freed
        // as this case takes them (this case made room for all of them first).
        let mut incoming = other.graph.drain_transfers();
        incoming.reverse();
        for (k, slot) in transfer_map.iter_mut().enumerate() {
            let Some(transfer) = incoming.pop() else {
                break;
            };
            if k % GIVE_BACK_EVERY == GIVE_BACK_EVERY - 1 {
                incoming.shrink_to_fit();
            }
            let (Some(from), Some(to)) = (node_of(transfer.from), node_of(transfer.to)) else {
                continue;
            };
            let id = match self.graph.add_transfer(Transfer {
                from,
                to,
                ..transfer
            }) {
                Ok(id) => {
                    report.new_transfers += 1;
                    id
                }
                Err(id) => {
                    report.duplicate_transfers += 1;
                    id
                }
            };
            *slot = Some(id);
        }
        // Room made for transfers that turned out to be duplicates is given back.
        self.graph.give_back_slack();
        self.facts.merge(
            &other.facts,
            |t| transfer_map.get(t.index()).copied().flatten(),
            node_of,
        );
        for source in other.sources {
            if !self.sources.contains(&source) {
                self.sources.push(source);
            }
        }
        let mut seeds: std::collections::HashSet<NodeId> = self.seeds.iter().copied().collect();
        for seed in other.seeds {
            if let Some(id) = node_of(seed) {
                if seeds.insert(id) {
                    self.seeds.push(id);
                }
            }
        }
        if self.title.trim().is_empty() {
            self.title = other.title;
        }
        if !other.notes.trim().is_empty() && !self.notes.contains(other.notes.trim()) {
            if !self.notes.is_empty() {
                self.notes.push_str("\n\n");
            }
            self.notes.push_str(other.notes.trim());
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Address, Amount, Asset, Chain, Node, TxHash};

    fn case_of(addresses: &[&str], transfers: &[(usize, usize, u64)]) -> Case {
        let mut case = Case::default();
        let ids: Vec<NodeId> = addresses
            .iter()
            .map(|a| {
                case.graph
                    .add_node(Node {
                        address: Address::new(a),
                        chain: Chain::new("ethereum"),
                        label: None,
                        label_source: None,
                        category: Category::Unknown,
                        tags: vec![],
                    })
                    .0
            })
            .collect();
        for &(from, to, n) in transfers {
            let added = case.graph.add_transfer(Transfer {
                tx: TxHash::from(format!("0x{n:064x}")),
                from: ids[from],
                to: ids[to],
                amount: Amount::parse(&n.to_string()).unwrap_or_default(),
                asset: Asset::new("ETH"),
                timestamp: Some(n as i64),
                chain: None,
                block: None,
                fee: None,
                index: Some(0),
            });
            assert!(added.is_ok());
        }
        case.graph.seal();
        case
    }

    /// A merge past the point where it gives back the added file's room: every transfer comes
    /// over in order with its ends mapped, duplicates once, dollar values to the right ids.
    #[test]
    fn a_big_merge_keeps_order_duplicates_and_facts() {
        let n = 2 * GIVE_BACK_EVERY + 123;
        let mut open = case_of(&["0xa", "0xb"], &[(0, 1, 1), (1, 0, 2)]);
        // The other case names the same addresses the other way round, and repeats one of
        // the open case's transfers (tx 2, b → a).
        let rows: Vec<(usize, usize, u64)> = (0..n as u64)
            .map(|k| {
                if k == 5 {
                    (0, 1, 2)
                } else {
                    ((k % 2) as usize, 1 - (k % 2) as usize, 1000 + k)
                }
            })
            .collect();
        let mut other = case_of(&["0xb", "0xa"], &rows);
        other
            .facts
            .set_usd(TransferId(7), Amount::parse("12.5").unwrap_or_default());
        let report = open.merge(other);
        assert_eq!(report.duplicate_transfers, 1);
        assert_eq!(report.new_transfers, n - 1);
        assert_eq!(open.graph.n_transfers(), 2 + n - 1);
        let (a, b) = (
            open.graph.node_by_text("0xa").unwrap(),
            open.graph.node_by_text("0xb").unwrap(),
        );
        // The other's k-th transfer (k past the duplicate) is the open case's (2 + k - 1)-th.
        for k in [0usize, 4, 6, GIVE_BACK_EVERY, n - 1] {
            let id = if k < 5 { 2 + k } else { 1 + k };
            let t = &open.graph.transfers()[id];
            assert_eq!(t.tx, TxHash::from(format!("0x{:064x}", 1000 + k as u64)));
            let (from, to) = if k % 2 == 0 { (b, a) } else { (a, b) };
            assert_eq!((t.from, t.to), (from, to), "transfer {k}");
        }
        assert_eq!(
            open.facts.usd(TransferId(8)).map(|v| v.to_string()),
            Some("12.5".to_owned()),
            "the other's transfer 7 is the open case's 8 (one duplicate before it)"
        );
    }
}
