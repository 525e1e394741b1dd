//! The transaction graph: one node per address, every transfer kept in a list, and one visual
//! edge ("flow") per ordered pair of addresses that aggregates the parallel transfers between
//! them (count, total per asset, first and last time, worked out from its transfers).

use rustc_hash::FxHashMap as HashMap;

use petgraph::stable_graph::{EdgeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use petgraph::Direction;

use super::{Address, Amount, Asset, Category, Chain, NodeId, TransferId, TxHash};

/// An address and what is known about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub address: Address,
    pub chain: Chain,
    pub label: Option<String>,
    /// Where the label comes from when a label list (not the file the address came in) gave it.
    pub label_source: Option<String>,
    pub category: Category,
    pub tags: Vec<String>,
}

/// One movement of value from one address to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub tx: TxHash,
    pub from: NodeId,
    pub to: NodeId,
    pub amount: Amount,
    pub asset: Asset,
    /// UTC seconds since the Unix epoch; `None` when the source gives no time (e.g. a GEXF
    /// or GraphML graph).
    pub timestamp: Option<i64>,
    pub chain: Option<Chain>,
    pub block: Option<u64>,
    pub fee: Option<super::Packed>,
    /// Position within the transaction: log index (token transfers), output index (Bitcoin)
    /// or trace index (internal transfers), where the source gives one.
    pub index: Option<u32>,
}

/// What makes two records the same transfer: chain, transaction, endpoints, asset and amount,
/// plus which occurrence of those it is within its source. Within one source, records with the
/// same position in the transaction (log, output or trace index) are one transfer, and equal
/// records without a position are distinct (two equal payouts in one transaction); across
/// sources the nth occurrence matches the nth, so a token transfer from a CSV export (which
/// gives no log index) and from the API (which does) are stored once. Stored as a 128-bit hash
/// (a SipHash and an FxHash pass), so a million transfers do not keep a second copy of their
/// strings; a false match would need a 128-bit collision.
type TransferKey = u128;

/// A key and its occurrence number within its source: the key a transfer is stored under.
fn key_with(base: TransferKey, nth: u32) -> TransferKey {
    base.wrapping_add(u128::from(nth).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835))
}

/// All transfers from one address to another, aggregated into one visual edge. It holds only
/// which transfers it is: what they add up to (`Graph::sums`) is worked out from them when
/// asked, so a million single-transfer flows cost 12 bytes each in wasm, not a second copy of
/// their amounts and times.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    /// Held inline up to two (most flows of a big case are one or two transfers): no
    /// allocation of their own.
    pub transfers: smallvec::SmallVec<[TransferId; 2]>,
}

/// What a flow's transfers add up to (`Graph::sums`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlowSums {
    /// Exact, per asset.
    pub totals: Totals,
    /// Earliest and latest time among the transfers that have one.
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Set when a per-asset total no longer fits exactly; the total then holds the largest
    /// value that did.
    pub saturated: bool,
}

/// Totals per asset, in asset order: one asset (as most flows have) held inline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals(smallvec::SmallVec<[(Asset, Amount); 1]>);

impl Totals {
    pub fn iter(&self) -> impl Iterator<Item = (&Asset, &Amount)> {
        self.0.iter().map(|(a, v)| (a, v))
    }

    pub fn get(&self, asset: &Asset) -> Option<&Amount> {
        self.0
            .binary_search_by(|(a, _)| a.cmp(asset))
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds `amount` to `asset`'s total; `false` when the sum no longer fits (the total then
    /// stays as it was).
    fn add(&mut self, asset: &Asset, amount: Amount) -> bool {
        match self.0.binary_search_by(|(a, _)| a.cmp(asset)) {
            Ok(i) => match self.0[i].1.checked_add(amount) {
                Some(sum) => {
                    self.0[i].1 = sum;
                    true
                }
                None => false,
            },
            Err(i) => {
                self.0.insert(i, (asset.clone(), amount));
                true
            }
        }
    }
}

impl<'a> IntoIterator for &'a Totals {
    type Item = (&'a Asset, &'a Amount);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Asset, Amount)>,
        fn(&'a (Asset, Amount)) -> (&'a Asset, &'a Amount),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(a, v)| (a, v))
    }
}

impl std::ops::Index<&Asset> for Totals {
    type Output = Amount;

    fn index(&self, asset: &Asset) -> &Amount {
        self.get(asset).unwrap_or(&Amount::ZERO)
    }
}

impl Flow {
    pub fn n_transfers(&self) -> usize {
        self.transfers.len()
    }
}

/// The graph of a case. Nodes are unique by address.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    graph: StableDiGraph<Node, Flow, u32>,
    transfers: Vec<Transfer>,
    by_address: HashMap<Address, NodeId>,
    /// What adding transfers looks things up in (`Index`): built by the first `add_transfer`,
    /// dropped by `seal` once a read is over, so a case that is only looked at (the page's)
    /// does not keep it.
    index: Option<Box<Index>>,
    /// The transfers stored as a later occurrence (1, 2, …) of their key within their
    /// source, in id order (sparse: most transfers are the first), so the index can be built
    /// again with the keys they were stored under.
    nths: Vec<(TransferId, u32)>,
    /// Which source is being read (bumped by `begin_source`).
    source: u32,
}

/// The lookups adding a transfer needs: 40 bytes or so a transfer, which a read case can do
/// without.
#[derive(Clone, Debug, Default)]
struct Index {
    /// Stored transfers by key, with the source they came from.
    by_key: HashMap<TransferKey, (TransferId, u32)>,
    /// The flow of each ordered pair, so adding a transfer to a hub stays O(1).
    flow_of: HashMap<(NodeId, NodeId), EdgeIndex<u32>>,
    /// The occurrences of each transfer key seen more than once in the current source (file
    /// or merged case); keys seen once are not entered, so a million distinct rows cost
    /// nothing extra.
    seen_in_source: HashMap<TransferKey, Occurrences>,
}

/// How many distinct transfers with one key a source has given, and the occurrence number of
/// each position (index) among them, so the same position seen again is the same transfer.
#[derive(Clone, Debug, Default)]
struct Occurrences {
    next: u32,
    by_index: Vec<(u32, u32)>,
}

impl Occurrences {
    /// The occurrence number of a record: the one its index already has, else the next.
    fn number(&mut self, index: Option<u32>) -> u32 {
        if let Some(&(_, nth)) = index.and_then(|i| self.by_index.iter().find(|(x, _)| *x == i)) {
            return nth;
        }
        let nth = self.next;
        self.next += 1;
        if let Some(i) = index {
            self.by_index.push((i, nth));
        }
        nth
    }
}

impl Graph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a node, or returns the existing node with the same address (left unchanged).
    pub fn add_node(&mut self, node: Node) -> (NodeId, bool) {
        if let Some(&id) = self.by_address.get(&node.address) {
            return (id, false);
        }
        let address = node.address.clone();
        let id = NodeId(self.graph.add_node(node));
        self.by_address.insert(address, id);
        (id, true)
    }

    /// An empty graph with room for this many nodes and transfers (a graph rebuilt from its
    /// stored form, whose sizes are known).
    /// The room is taken only where the allocator has it: the sizes come from a stream that
    /// may be damaged, and a count no memory can hold must not stop the page.
    pub fn with_capacity(nodes: usize, transfers: usize) -> Self {
        let mut graph = Graph::default();
        graph.reserve(nodes, transfers);
        graph
    }

    /// Makes room for `nodes` more addresses and `transfers` more transfers (a merge of a
    /// read case), so the transfer list does not double past what it needs while they come;
    /// where the allocator has no room, it grows as it goes instead.
    pub fn reserve(&mut self, nodes: usize, transfers: usize) {
        // The transfers are the most of it; the petgraph part grows as it comes. Only room
        // the allocator has is taken (a damaged save's counts never abort the page).
        let _ = self.transfers.try_reserve_exact(transfers);
        let _ = self.by_address.try_reserve(nodes);
    }

    /// Gives back the transfer list's unused room when it is over an eighth of the list (room
    /// `reserve` made for a merge whose transfers were partly duplicates).
    pub fn give_back_slack(&mut self) {
        let (len, room) = (self.transfers.len(), self.transfers.capacity());
        if room - len > len / 8 {
            self.transfers.shrink_to_fit();
        }
    }

    /// Takes every transfer out, with the flows (the addresses stay): for a merge that
    /// consumes the graph it reads from, giving back its transfers' room as it goes.
    pub fn drain_transfers(&mut self) -> Vec<Transfer> {
        self.graph.clear_edges();
        self.index = None;
        self.nths.clear();
        std::mem::take(&mut self.transfers)
    }

    /// Gives back what the tables reserved while growing (after a file is read whole), and
    /// drops the lookups only adding transfers needs (`seal`).
    pub fn shrink_to_fit(&mut self) {
        self.graph.shrink_to_fit();
        self.transfers.shrink_to_fit();
        self.by_address.shrink_to_fit();
        self.nths.shrink_to_fit();
        self.seal();
    }

    /// Drops the lookups that adding transfers needs (a read is over). The next
    /// `add_transfer` builds them again, as a new source: records equal to stored ones are
    /// duplicates of them.
    pub fn seal(&mut self) {
        self.index = None;
    }

    /// Starts reading another source (e.g. a second file merged in): identical transfers
    /// without an index are counted afresh.
    pub fn begin_source(&mut self) {
        if let Some(index) = &mut self.index {
            index.seen_in_source = HashMap::default();
        }
        self.source += 1;
    }

    /// Adds a transfer between two existing nodes and folds it into their flow. The same
    /// transfer seen before (same chain, tx hash, index, endpoints, asset and amount; for
    /// transfers without an index also the same occurrence within its source) is not added
    /// again: `Err` holds the id of the one already stored.
    pub fn add_transfer(&mut self, transfer: Transfer) -> Result<TransferId, TransferId> {
        let mut index = match self.index.take() {
            Some(index) => index,
            None => self.build_index(),
        };
        let added = self.add_indexed(&mut index, transfer);
        self.index = Some(index);
        added
    }

    /// The lookups, built from what the graph holds; what is added next is a new source.
    fn build_index(&mut self) -> Box<Index> {
        let mut index = Box::<Index>::default();
        index.flow_of.reserve(self.graph.edge_count());
        for e in self.graph.edge_references() {
            index
                .flow_of
                .insert((NodeId(e.source()), NodeId(e.target())), e.id());
        }
        // Room for the transfers held and those room was made for (`reserve`,
        // `with_capacity`), so the map does not double, holding two tables, as they come.
        index.by_key.reserve(self.transfers.capacity());
        let mut nths = self.nths.iter().peekable();
        for (k, t) in self.transfers.iter().enumerate() {
            let id = TransferId(k as u32);
            let nth = match nths.peek() {
                Some(&&(at, nth)) if at == id => {
                    nths.next();
                    nth
                }
                _ => 0,
            };
            if let Some(base) = self.key_of(t) {
                index.by_key.insert(key_with(base, nth), (id, self.source));
            }
        }
        self.source += 1;
        index
    }

    fn add_indexed(
        &mut self,
        index: &mut Index,
        transfer: Transfer,
    ) -> Result<TransferId, TransferId> {
        let key = self.key_of(&transfer).map(|base| {
            let nth = self.occurrence_in_source(index, base, transfer.index);
            (key_with(base, nth), nth)
        });
        if let Some(&(existing, _)) = key.as_ref().and_then(|(k, _)| index.by_key.get(k)) {
            return Err(existing);
        }
        let transfer_id = TransferId(self.transfers.len() as u32);
        let flow_idx = match index.flow_of.get(&(transfer.from, transfer.to)) {
            Some(&edge_idx) => edge_idx,
            None => {
                let edge_idx = self
                    .graph
                    .add_edge(transfer.from.0, transfer.to.0, Flow::default());
                index.flow_of.insert((transfer.from, transfer.to), edge_idx);
                edge_idx
            }
        };
        if let Some((key, nth)) = key {
            index.by_key.insert(key, (transfer_id, self.source));
            if nth > 0 {
                self.nths.push((transfer_id, nth));
            }
        }
        self.push_into(flow_idx, transfer);
        Ok(transfer_id)
    }

    /// Stores a transfer and adds it to its flow.
    fn push_into(&mut self, flow_idx: EdgeIndex<u32>, transfer: Transfer) -> TransferId {
        let transfer_id = TransferId(self.transfers.len() as u32);
        if let Some(flow) = self.graph.edge_weight_mut(flow_idx) {
            flow.transfers.push(transfer_id);
        }
        self.transfers.push(transfer);
        transfer_id
    }

    /// Adds an empty flow between two existing nodes: a graph rebuilt from its stored form
    /// (`format::wire`) gets its flows in the order they were made, each pair once (a pair
    /// given twice makes two flows, never a panic), then its transfers with `push_transfer`.
    /// `None` for a node it lacks.
    pub fn push_flow(&mut self, from: NodeId, to: NodeId) -> Option<()> {
        self.node(from)?;
        self.node(to)?;
        self.graph.add_edge(from.0, to.0, Flow::default());
        // The lookups no longer match: built again when next needed.
        self.index = None;
        Some(())
    }

    /// Appends a transfer to the `flow`th flow (`push_flow`); no duplicate check (the stored
    /// form has none). `None` when there is no such flow or the transfer's ends are not the
    /// flow's.
    pub fn push_transfer(&mut self, flow: u32, transfer: Transfer) -> Option<TransferId> {
        let idx = EdgeIndex::new(flow as usize);
        let (from, to) = self.graph.edge_endpoints(idx)?;
        if (transfer.from.0, transfer.to.0) != (from, to) {
            return None;
        }
        self.index = None;
        Some(self.push_into(idx, transfer))
    }

    /// What a flow's transfers add up to: exact totals per asset, first and last time.
    pub fn sums(&self, flow: &Flow) -> FlowSums {
        let mut out = FlowSums::default();
        for transfer in flow.transfers.iter().filter_map(|&id| self.transfer(id)) {
            if let Some(t) = transfer.timestamp {
                out.first = Some(out.first.map_or(t, |f| f.min(t)));
                out.last = Some(out.last.map_or(t, |l| l.max(t)));
            }
            if !out.totals.add(&transfer.asset, transfer.amount) {
                out.saturated = true;
            }
        }
        out
    }

    /// The `k`th node in the order `node_ids` gives (nodes are never removed, so positions
    /// are indices).
    pub fn node_at(&self, k: usize) -> Option<(NodeId, &Node)> {
        let id = NodeId(petgraph::graph::NodeIndex::new(k));
        self.node(id).map(|n| (id, n))
    }

    /// The `k`th flow in the order `flows` gives (flows are never removed either).
    pub fn flow_at(&self, k: usize) -> Option<(NodeId, NodeId, &Flow)> {
        let idx = EdgeIndex::new(k);
        let (from, to) = self.graph.edge_endpoints(idx)?;
        Some((NodeId(from), NodeId(to), self.graph.edge_weight(idx)?))
    }

    /// The later occurrences of their key that transfers were stored as, for the stored form.
    pub fn occurrences(&self) -> &[(TransferId, u32)] {
        &self.nths
    }

    /// Sets what `occurrences` gave, for a graph rebuilt from its stored form; `None` when an
    /// entry names a transfer the graph lacks or they are out of order.
    pub fn set_occurrences(&mut self, nths: Vec<(TransferId, u32)>) -> Option<()> {
        let in_order = nths.windows(2).all(|w| w[0].0 < w[1].0);
        let in_range = nths.iter().all(|(id, _)| id.index() < self.transfers.len());
        (in_order && in_range).then(|| {
            self.index = None;
            self.nths = nths;
        })
    }

    /// Which occurrence (0, 1, …) of a transfer key this record is within the current source.
    fn occurrence_in_source(&self, index: &mut Index, base: TransferKey, at: Option<u32>) -> u32 {
        if let Some(seen) = index.seen_in_source.get_mut(&base) {
            return seen.number(at);
        }
        let mut seen = Occurrences::default();
        match index.by_key.get(&base) {
            // Never seen: the first, and nothing to count yet.
            None => return 0,
            // Stored by this source already: the same transfer if at the same position, else
            // the second occurrence.
            Some(&(first, source)) if source == self.source => {
                let first_index = self.transfers.get(first.index()).and_then(|t| t.index);
                if at.is_some() && at == first_index {
                    return 0;
                }
                seen.number(first_index);
            }
            // Stored by an earlier source: this source's first occurrence, a duplicate.
            Some(_) => {}
        }
        let nth = seen.number(at);
        index.seen_in_source.insert(base, seen);
        nth
    }

    fn key_of(&self, t: &Transfer) -> Option<TransferKey> {
        use std::hash::{Hash, Hasher};
        let from = self.node(t.from)?;
        let to = self.node(t.to)?;
        let chain = t.chain.as_ref().unwrap_or(&from.chain);
        let text = t.tx.as_str();
        let lowered;
        let tx: &str = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            lowered = text.to_ascii_lowercase();
            &lowered
        } else {
            &text
        };
        // SipHash and FxHash over the same fields: independent halves of one 128-bit key.
        fn feed<H: Hasher>(
            mut h: H,
            parts: (&Chain, &str, &Address, &Address, &Asset, Amount),
        ) -> u64 {
            parts.hash(&mut h);
            h.finish()
        }
        let parts = (chain, tx, &from.address, &to.address, &t.asset, t.amount);
        let sip = feed(std::collections::hash_map::DefaultHasher::new(), parts);
        let fx = feed(rustc_hash::FxHasher::default(), parts);
        Some((u128::from(sip) << 64) | u128::from(fx))
    }

    pub fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.graph.node_weight_mut(id.0)
    }

    pub fn node_by_address(&self, address: &Address) -> Option<NodeId> {
        self.by_address.get(address).copied()
    }

    /// The node of an address as written in a file (normalised the same way as `Address`).
    pub fn node_by_text(&self, raw: &str) -> Option<NodeId> {
        self.by_address
            .get(Address::normalized(raw).as_ref())
            .copied()
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.graph.node_weight(id.0)
    }

    pub fn transfer(&self, id: TransferId) -> Option<&Transfer> {
        self.transfers.get(id.index())
    }

    /// The chain a transfer is on: its own, else its sender's.
    pub fn chain_of<'g>(&'g self, t: &'g Transfer) -> Option<&'g Chain> {
        t.chain
            .as_ref()
            .or_else(|| self.node(t.from).map(|n| &n.chain))
    }

    pub fn transfers(&self) -> &[Transfer] {
        &self.transfers
    }

    pub fn n_nodes(&self) -> usize {
        self.graph.node_count()
    }

    pub fn n_transfers(&self) -> usize {
        self.transfers.len()
    }

    pub fn n_flows(&self) -> usize {
        self.graph.edge_count()
    }

    /// Node ids in insertion order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.graph.node_indices().map(NodeId)
    }

    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> + '_ {
        self.graph
            .node_indices()
            .filter_map(|idx| self.graph.node_weight(idx).map(|n| (NodeId(idx), n)))
    }

    /// Every flow as (source, target, flow).
    pub fn flows(&self) -> impl Iterator<Item = (NodeId, NodeId, &Flow)> + '_ {
        (&self.graph)
            .edge_references()
            .map(|e| (NodeId(e.source()), NodeId(e.target()), e.weight()))
    }

    /// Transfers leaving (`Direction::Outgoing`) or reaching (`Incoming`) a node, in time order.
    pub fn transfers_of(&self, node: NodeId, direction: Direction) -> Vec<TransferId> {
        let mut ids: Vec<TransferId> = self
            .graph
            .edges_directed(node.0, direction)
            .flat_map(|e| e.weight().transfers.iter().copied())
            .collect();
        ids.sort_by_key(|id| self.transfers[id.index()].timestamp);
        ids
    }

    /// The flows leaving (`Outgoing`) or reaching (`Incoming`) a node, each with the node at
    /// its other end.
    pub fn flows_of(
        &self,
        node: NodeId,
        direction: Direction,
    ) -> impl Iterator<Item = (NodeId, &Flow)> + '_ {
        self.graph.edges_directed(node.0, direction).map(move |e| {
            let other = if e.source() == node.0 {
                e.target()
            } else {
                e.source()
            };
            (NodeId(other), e.weight())
        })
    }

    /// One more than the largest node index: a size for arrays indexed by `NodeId::index`.
    pub fn node_bound(&self) -> usize {
        self.graph.node_bound()
    }

    /// Number of flows in or out of a node (a pair with flows both ways counts twice, a flow
    /// to itself once).
    pub fn degree(&self, node: NodeId) -> usize {
        self.graph.neighbors_undirected(node.0).count()
    }

    /// `degree` of every node, by node index, in one walk of the flows in storage order (a
    /// hub's flows chased one by one across a million are many cache misses each).
    pub fn degrees(&self) -> Vec<u32> {
        let mut out = vec![0u32; self.node_bound()];
        for edge in self.graph.edge_references() {
            let (a, b) = (edge.source(), edge.target());
            let ends: &[_] = if a == b { &[a] } else { &[a, b] };
            for end in ends {
                if let Some(d) = out.get_mut(end.index()) {
                    *d = d.saturating_add(1);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(address: &str) -> Node {
        Node {
            address: Address::new(address),
            chain: Chain::new("ethereum"),
            label: None,
            category: Category::Unknown,
            tags: vec![],
            label_source: None,
        }
    }

    fn transfer(g: &Graph, from: &str, to: &str, amount: &str, asset: &str, t: i64) -> Transfer {
        Transfer {
            tx: TxHash::from(format!("tx-{from}-{to}-{t}")),
            from: g.node_by_address(&Address::new(from)).unwrap(),
            to: g.node_by_address(&Address::new(to)).unwrap(),
            amount: Amount::parse(amount).unwrap(),
            asset: Asset(asset.into()),
            timestamp: Some(t),
            chain: None,
            block: None,
            fee: None,
            index: None,
        }
    }

    #[test]
    fn parallel_transfers_aggregate_into_one_flow() {
        let mut g = Graph::new();
        assert_eq!(g.node_by_text("a"), None);
        g.add_node(node("a"));
        assert!(g.node_by_text(" a ").is_some());
        g.add_node(node("b"));
        for (amount, asset, t) in [("1.5", "ETH", 30), ("2.5", "ETH", 10), ("100", "USDT", 20)] {
            let tr = transfer(&g, "a", "b", amount, asset, t);
            assert!(g.add_transfer(tr).is_ok());
        }
        let back = transfer(&g, "b", "a", "1", "ETH", 40);
        let back_id = g.add_transfer(back.clone()).unwrap();
        g.begin_source();
        assert_eq!(
            g.add_transfer(back),
            Err(back_id),
            "the same transfer is stored once"
        );

        assert_eq!(g.n_transfers(), 4);
        assert_eq!(g.n_flows(), 2, "a→b and b→a are separate directed flows");
        let (_, _, ab) = g
            .flows()
            .find(|(s, _, _)| g.node(*s).unwrap().address.as_str() == "a")
            .unwrap();
        assert_eq!(ab.n_transfers(), 3);
        let sums = g.sums(ab);
        assert_eq!(sums.totals[&Asset("ETH".into())].to_string(), "4");
        assert_eq!(sums.totals[&Asset("USDT".into())].to_string(), "100");
        assert_eq!((sums.first, sums.last), (Some(10), Some(30)));
        assert!(!sums.saturated);
    }

    #[test]
    fn degrees_in_one_walk_are_each_nodes_degree_self_flows_included() {
        let mut g = Graph::new();
        for a in ["a", "b", "c"] {
            g.add_node(node(a));
        }
        for (from, to, t) in [
            ("a", "b", 1),
            ("b", "a", 2),
            ("a", "a", 3),
            ("c", "c", 4),
            ("b", "c", 5),
        ] {
            let tr = transfer(&g, from, to, "1", "ETH", t);
            assert!(g.add_transfer(tr).is_ok());
        }
        let degrees = g.degrees();
        for (id, n) in g.nodes() {
            assert_eq!(
                degrees[id.index()] as usize,
                g.degree(id),
                "{}",
                n.address.as_str()
            );
        }
        // a: to b, from b, to itself; b: a twice and c; c: from b, to itself.
        assert_eq!(degrees[..3], [3, 3, 2]);
    }

    #[test]
    fn equal_transfers_without_index_are_distinct_within_a_source_and_deduped_across() {
        let mut g = Graph::new();
        g.add_node(node("a"));
        g.add_node(node("b"));
        let payout = transfer(&g, "a", "b", "5", "USDT", 7);
        assert!(g.add_transfer(payout.clone()).is_ok());
        assert!(
            g.add_transfer(payout.clone()).is_ok(),
            "a second equal payout in the same file"
        );
        g.begin_source();
        assert!(
            g.add_transfer(payout.clone()).is_err(),
            "the same two payouts from another file"
        );
        assert!(g.add_transfer(payout.clone()).is_err());
        assert!(g.add_transfer(payout).is_ok(), "a third one is new");
        assert_eq!(g.n_transfers(), 3);
    }

    #[test]
    fn a_sealed_graph_builds_its_lookups_again_with_the_same_keys() {
        let mut g = Graph::new();
        g.add_node(node("a"));
        g.add_node(node("b"));
        let payout = transfer(&g, "a", "b", "5", "USDT", 7);
        let other = transfer(&g, "b", "a", "1", "ETH", 9);
        for t in [&payout, &payout, &payout, &other] {
            assert!(g.add_transfer(t.clone()).is_ok());
        }
        assert_eq!(g.occurrences(), [(TransferId(1), 1), (TransferId(2), 2)]);
        g.shrink_to_fit();
        assert!(g.index.is_none(), "sealed: no lookups kept");
        // The same three payouts and the other transfer from a second file: all stored.
        g.begin_source();
        for t in [&payout, &other, &payout, &payout] {
            assert!(g.add_transfer(t.clone()).is_err());
        }
        assert!(
            g.add_transfer(payout.clone()).is_ok(),
            "a fourth one is new"
        );
        // Sealed with no new source begun: what comes next is still a new source.
        g.seal();
        assert!(g.add_transfer(payout.clone()).is_err());
        assert_eq!((g.n_transfers(), g.n_flows()), (5, 2));
        // Positions are indices: what a save walks a piece at a time.
        for (k, (id, n)) in g.nodes().enumerate() {
            assert_eq!(g.node_at(k), Some((id, n)));
        }
        for (k, flow) in g.flows().enumerate() {
            assert_eq!(g.flow_at(k), Some(flow));
        }
        assert_eq!((g.node_at(2), g.flow_at(2)), (None, None));
    }

    #[test]
    fn a_position_in_the_transaction_identifies_a_transfer_within_and_across_sources() {
        let mut g = Graph::new();
        g.add_node(node("a"));
        g.add_node(node("b"));
        let base = transfer(&g, "a", "b", "5", "USDT", 7);
        let at = |i: Option<u32>| Transfer {
            index: i,
            ..base.clone()
        };
        // An API response: logs 7 and 9 are two equal transfers; log 7 repeated (overlapping
        // pages) is the same one.
        assert!(g.add_transfer(at(Some(7))).is_ok());
        assert!(g.add_transfer(at(Some(9))).is_ok());
        assert!(g.add_transfer(at(Some(7))).is_err(), "log 7 again");
        assert!(g.add_transfer(at(Some(9))).is_err(), "log 9 again");
        // A CSV export of the same address gives no log index: its two rows are those two.
        g.begin_source();
        assert!(g.add_transfer(at(None)).is_err());
        assert!(g.add_transfer(at(None)).is_err());
        assert_eq!(g.n_transfers(), 2);
        // And the other way round: CSV first, then the API.
        let mut h = Graph::new();
        h.add_node(node("a"));
        h.add_node(node("b"));
        let base = transfer(&h, "a", "b", "5", "USDT", 7);
        let at = |i: Option<u32>| Transfer {
            index: i,
            ..base.clone()
        };
        assert!(h.add_transfer(at(None)).is_ok());
        h.begin_source();
        assert!(
            h.add_transfer(at(Some(3))).is_err(),
            "the CSV row, now with its log"
        );
        assert!(
            h.add_transfer(at(Some(4))).is_ok(),
            "a second equal log is new"
        );
        assert!(h.add_transfer(at(Some(3))).is_err());
        assert_eq!(h.n_transfers(), 2);
    }

    #[test]
    fn addresses_are_unique_and_evm_hex_is_case_insensitive() {
        let mut g = Graph::new();
        let (a, new_a) = g.add_node(node("0xAbCdEf0000000000000000000000000000000001"));
        let (b, new_b) = g.add_node(node("0xabcdef0000000000000000000000000000000001"));
        assert!(new_a && !new_b);
        assert_eq!(a, b);
        let (c, _) = g.add_node(node("bc1QxyZ"));
        assert_eq!(
            g.node(c).unwrap().address.as_str(),
            "bc1QxyZ",
            "non-hex kept verbatim"
        );
    }
}
