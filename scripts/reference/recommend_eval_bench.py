"""Timed pandas/numpy implementation of the recommendation leave-last-out evaluation, for
`npm run bench` (the app's evaluation, src/pipeline/recommendations.ts, against this one).

Run: /usr/bin/python3 scripts/reference/recommend_eval_bench.py [path] [repeats]
Cleans the file with scripts/reference/uci_clean.py (not timed: the app's evaluation starts
from its cleaned `sales` table too), then times the same protocol as recommend_uci.py
(which holds the golden values and states the definitions): hide each customer's latest
invoice (customers with >= 2 invoices), train popularity@5 and co-purchase@5 (pairs with
count >= 3 and support >= 0.001, lift > 1, 3 neighbours per product) on the rest, and
score hit rate and precision on the hidden invoices. Vectorised where pandas allows.
Prints one JSON line: {"seconds": [..per repeat..], "evaluated", "popularity", "copurchase"}.
"""
import json
import sys
import time
from collections import defaultdict

import numpy as np
import pandas as pd

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from uci_clean import clean_uci  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/online_retail_uci.csv.gz"
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
MIN_COUNT, MIN_SUPPORT, NEIGHBOURS, N = 3, 0.001, 3, 5
SERVICE = (r"^\s*(?:manual|samples?|discount|carriage|bank charges?|adjust(?:ment)?\b.*)\s*$"
           r"|\b(?:postage|shipping|delivery charges?|fees?|commission|gift ?vouchers?|versand(?:kosten)?|porto|frais de (?:port|livraison)|gastos de env[ií]o|env[ií]o|spedizione|verzendkosten|kargo)\b")

sales, _ = clean_uci(path)
sales = sales.rename(columns={"InvoiceNo": "tx", "Description": "product", "CustomerID": "customer"})
sales = sales[["tx", "product", "customer", "ts", "amount"]].copy()
service = sales["product"].notna() & sales["product"].str.contains(SERVICE, case=False, regex=True)
sales.loc[service, "product"] = None


def pair_table(lines):
    """Pairs above the thresholds: dict (a, b) -> count with a < b, item counts, baskets."""
    b = lines[lines["product"].notna()][["tx", "product"]].drop_duplicates()
    baskets = b["tx"].nunique()
    items = b.groupby("product").size()
    kept = items[(items >= MIN_COUNT) & (items / baskets >= MIN_SUPPORT)].sort_index()
    pid = {p: i for i, p in enumerate(kept.index)}
    k = len(kept)
    b = b[b["product"].isin(pid)]
    ids = b["product"].map(pid).to_numpy()
    keys = []
    for _, idx in b.groupby("tx").indices.items():
        v = np.sort(ids[idx])
        if len(v) < 2:
            continue
        i, j = np.triu_indices(len(v), 1)
        keys.append(v[i].astype(np.int64) * k + v[j])
    u, c = np.unique(np.concatenate(keys), return_counts=True)
    keep = (c >= MIN_COUNT) & (c / baskets >= MIN_SUPPORT)
    names = kept.index.to_numpy()
    return {(names[a], names[bb]): int(n) for a, bb, n in zip(u[keep] // k, u[keep] % k, c[keep])}, items, baskets


def evaluate():
    cs = sales[sales["customer"].notna()]
    tx = cs.groupby(["customer", "tx"], as_index=False)["ts"].min()
    tx = tx.sort_values(["customer", "ts", "tx"], ascending=[True, False, False])
    tx["txs"] = tx.groupby("customer")["tx"].transform("size")
    hidden = tx[tx["txs"] >= 2].groupby("customer").head(1)[["customer", "tx"]].assign(hidden=True)
    marked = sales.merge(hidden, on=["customer", "tx"], how="left")
    is_hidden = marked["hidden"].fillna(False).astype(bool).to_numpy()
    train, test = sales[~is_hidden], sales[is_hidden]
    truth = test[test["product"].notna()].groupby("customer")["product"].apply(set).to_dict()
    owned = train[train["customer"].notna() & train["product"].notna()].groupby("customer")["product"].apply(set).to_dict()

    def score(lists):
        hits = [len(set(lists.get(c, [])[:N]) & t) for c, t in truth.items()]
        return {"hit_rate": sum(h > 0 for h in hits) / len(truth), "precision": sum(h / N for h in hits) / len(truth), "hits": sum(hits)}

    pop = train[train["product"].notna()].groupby("product").agg(revenue=("amount", "sum"), lines=("amount", "size")).reset_index()
    pop = pop.sort_values(["revenue", "lines", "product"], ascending=[False, False, True])["product"].tolist()
    pop_lists = {}
    for c in truth:
        mine = owned.get(c, set())
        out = []
        for p in pop:
            if p not in mine:
                out.append(p)
                if len(out) == N:
                    break
        pop_lists[c] = out
    tpairs, titems, tbaskets = pair_table(train)
    rules = defaultdict(list)
    for (a, b), n in tpairs.items():
        lift = n * tbaskets / (titems[a] * titems[b])
        if lift > 1:
            rules[a].append((n / titems[a], lift, b))
            rules[b].append((n / titems[b], lift, a))
    for x in rules:
        rules[x] = sorted(rules[x], key=lambda r: (-r[0], -r[1], r[2]))[:NEIGHBOURS]
    cp_lists = {}
    for c in truth:
        mine = owned.get(c, set())
        s = defaultdict(float)
        for x in mine:
            for conf, _, y in rules.get(x, []):
                s[y] += conf
        cp_lists[c] = sorted((y for y in s if y not in mine), key=lambda y: (-round(s[y], 9), y))[:N]
    return len(truth), score(pop_lists), score(cp_lists)


seconds = []
for _ in range(repeats):
    t = time.perf_counter()
    evaluated, popularity, copurchase = evaluate()
    seconds.append(time.perf_counter() - t)
print(json.dumps({"seconds": seconds, "evaluated": evaluated, "popularity": popularity, "copurchase": copurchase}))
