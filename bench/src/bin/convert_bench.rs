//! Finding conversions (issue 19) in a generated case of N transfers (1,000,000 by default): a
//! seed funds 20,000 addresses that pay each other ETH in time order; one transfer in 10 is half
//! of a swap at one of 50 DEX pools (USDT in, ETH back in one transaction), one in 200 a
//! swap-and-send (the output to a third address), one in 500 a THORChain-style deposit with a
//! memo and its payout with an `OUT:` memo. Prints one line:
//! `convert transfers=N conversions=C find_ms=F trace_across_ms=A trace_one_asset_ms=S`
//! (the best of 3 runs each): `convert::conversions`, and the haircut trace from the seed across
//! them and kept to one asset.

use std::time::Instant;

use hopscope_core::convert::conversions;
use hopscope_core::layout::SplitMix64;
use hopscope_core::model::{
    Address, Amount, Asset, Category, Chain, Graph, Node, Transfer, TxHash,
};
use hopscope_core::trace::{trace_across, trace_through, Method};
use hopscope_core::{Case, NodeId};

fn main() {
    let arg = std::env::args().nth(1);
    // A case file instead of a number: its seeds and most common asset (e.g. the case the
    // browser benchmark `investigate` writes to target/e2e/).
    let (case, seed) = match arg.as_deref().map(|a| (a, a.parse::<usize>())) {
        Some((path, Err(_))) => {
            let text = std::fs::read_to_string(path).expect("a readable case file");
            let case = hopscope_core::parse_case(&text).expect("a case").value;
            let seed = case.seeds[0];
            (case, seed)
        }
        Some((_, Ok(n))) => generated(n),
        None => generated(1_000_000),
    };
    let best = |f: &mut dyn FnMut() -> usize| {
        let mut best = f64::INFINITY;
        let mut out = 0;
        for _ in 0..3 {
            let t = Instant::now();
            out = f();
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        (best, out)
    };
    let (find_ms, n_conv) = best(&mut || conversions(&case, &[]).len());
    let list = conversions(&case, &[]);
    let eth = Asset::new("ETH");
    let (across_ms, _) = best(&mut || {
        trace_across(&case, &[seed], &eth, Method::Haircut, &[], &[], &list)
            .received
            .len()
    });
    let (strict_ms, _) = best(&mut || {
        trace_through(&case, &[seed], &eth, Method::Haircut, &[], &[])
            .received
            .len()
    });
    println!(
        "convert transfers={} conversions={n_conv} find_ms={find_ms:.0} trace_across_ms={across_ms:.0} trace_one_asset_ms={strict_ms:.0}",
        case.graph.n_transfers()
    );
}

fn generated(n: usize) -> (Case, NodeId) {
    let mut graph = Graph::new();
    let add = |graph: &mut Graph, name: String, category: Category| {
        graph
            .add_node(Node {
                address: Address::new(&name),
                chain: Chain::new("ethereum"),
                label: None,
                label_source: None,
                category,
                tags: vec![],
            })
            .0
    };
    let seed = add(&mut graph, "seed".into(), Category::Hacker);
    let users: Vec<NodeId> = (0..20_000)
        .map(|i| add(&mut graph, format!("0xuser{i:035}"), Category::Unknown))
        .collect();
    let pools: Vec<NodeId> = (0..50)
        .map(|i| add(&mut graph, format!("0xpool{i:035}"), Category::Unknown))
        .collect();
    let router = add(&mut graph, "0xrouter".into(), Category::Defi);
    let thor = add(&mut graph, "0xthorchain".into(), Category::Defi);
    let mut memos = Vec::new();
    let mut rng = SplitMix64::new(19);
    let mut pick = |m: usize| (rng.next_u64() % m as u64) as usize;
    let mut time = 1_700_000_000i64;
    let mut k = 0usize;
    let mut push = |graph: &mut Graph, tx: String, from, to, amount: u64, asset: &Asset| {
        time += 1;
        let _ = graph.add_transfer(Transfer {
            tx: TxHash::from(tx),
            from,
            to,
            amount: Amount::from_base_units(&amount.to_string(), 6).unwrap_or_default(),
            asset: asset.clone(),
            timestamp: Some(time),
            chain: None,
            block: None,
            fee: None,
            index: None,
        });
    };
    let (eth, usdt, btc) = (Asset::new("ETH"), Asset::new("USDT"), Asset::new("BTC"));
    for &u in users.iter().take(100) {
        push(
            &mut graph,
            format!("0xfund{k}"),
            seed,
            u,
            1_000_000_000,
            &eth,
        );
        k += 1;
    }
    while graph.n_transfers() < n {
        k += 1;
        let a = users[pick(users.len())];
        let roll = pick(1000);
        let amount = 1 + pick(5_000_000) as u64;
        let tx = format!("0x{k:064x}");
        if roll < 50 {
            // A swap through a pool and the router: USDT in, WETH to the router, ETH back.
            let p = pools[pick(pools.len())];
            push(&mut graph, tx.clone(), a, p, amount * 3000, &usdt);
            push(
                &mut graph,
                tx.clone(),
                p,
                router,
                amount,
                &Asset::new("WETH"),
            );
            push(&mut graph, tx, router, a, amount, &eth);
        } else if roll < 55 {
            // Swap and send: the output goes to another address.
            let p = pools[pick(pools.len())];
            let b = users[pick(users.len())];
            push(&mut graph, tx.clone(), a, p, amount, &eth);
            push(&mut graph, tx, p, b, amount * 3000, &usdt);
        } else if roll < 57 {
            // A THORChain deposit and, a few minutes later, its payout.
            let b = users[pick(users.len())];
            push(&mut graph, tx.clone(), a, thor, amount, &eth);
            let out = format!("{k:064x}b");
            push(&mut graph, out.clone(), thor, b, amount / 20, &btc);
            let dest = graph
                .node(b)
                .map(|n| n.address.as_str().to_owned())
                .unwrap_or_default();
            memos.push((tx.clone(), format!("=:BTC.BTC:{dest}")));
            memos.push((out, format!("OUT:{}", &tx[2..])));
        } else {
            let b = users[pick(users.len())];
            push(&mut graph, tx, a, b, amount, &eth);
        }
    }
    let mut case = Case {
        title: "convert bench".into(),
        graph,
        ..Case::default()
    };
    for (tx, memo) in memos {
        case.facts.set_memo(&TxHash::from(tx), &memo);
    }
    (case, seed)
}
