"""Independent pandas/numpy computation of the recommendation figures on UCI Online Retail.

Run: /usr/bin/python3 scripts/reference/recommend_uci.py [path]
Applies the cleaning of scripts/reference/uci_clean.py (returns netted against their
purchases, uci_returns.py), then prints the golden values
asserted in tests/pipeline/recommendations.test.ts. Definitions follow src/sql/pairs.ts,
src/sql/recommend.ts and src/sql/recommend-eval.ts:
  products      Descriptions that are not service lines: names matching SERVICE below
                (postage, carriage, fees, manual adjustments, vouchers) count as no product
  basket        an InvoiceNo as the set of its distinct products
  support       baskets with the pair / baskets with at least one product
  pairs kept    count >= 3 and support >= 0.001 (products below that never pair)
  leave-last-out  each customer with >= 2 invoices hides the invoice with the latest
                time (its earliest line; ties -> larger InvoiceNo); the rest is training
  popularity@5  top 5 training products by revenue (ties: lines, then name) not bought
  co-purchase@5 rules x -> y with lift > 1, each x keeps its 3 best (confidence, lift,
                name); score(y) = sum of confidence over the customer's products; top 5 by
                score (rounded to 1e-9), then name; bought products left out
"""
import sys
from collections import defaultdict

import numpy as np
import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/online_retail_uci.csv.gz"
MIN_COUNT, MIN_SUPPORT, NEIGHBOURS, N = 3, 0.001, 3, 5

# --- the canonical cleaning (uci_clean.py) -------------------------------------------
from uci_clean import clean_uci

sales, _ = clean_uci(path)
sales = sales.rename(columns={"InvoiceNo": "tx", "Description": "product", "CustomerID": "customer"})
sales = sales[["tx", "product", "customer", "ts", "amount"]]
# service lines are no products (src/sql/products.ts states the same rule in SQL)
SERVICE = (r"^\s*(?:manual|samples?|discount|carriage|bank charges?|adjust(?:ment)?\b.*)\s*$"
           r"|\b(?:postage|shipping|delivery charges?|fees?|commission|gift ?vouchers?|versand(?:kosten)?|porto|frais de (?:port|livraison)|gastos de env[ií]o|env[ií]o|spedizione|verzendkosten|kargo)\b")
service = sales["product"].notna() & sales["product"].str.contains(SERVICE, case=False, regex=True)
print("service lines", int(service.sum()))
sales.loc[service, "product"] = None


def pair_table(lines):
    """Pairs above the thresholds: dict (a, b) -> count with a < b, item counts, baskets."""
    b = lines[lines["product"].notna()][["tx", "product"]].drop_duplicates()
    baskets = b["tx"].nunique()
    k_per_basket = b.groupby("tx").size()
    print("basket stats: candidate_pairs", int((k_per_basket * (k_per_basket - 1) // 2).sum()),
          "max_products_per_basket", int(k_per_basket.max()))
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
    pairs = {(names[a], names[bb]): int(n) for a, bb, n in zip(u[keep] // k, u[keep] % k, c[keep])}
    return pairs, items, baskets, int(len(u))


# --- pairs on the whole data -----------------------------------------------------------
pairs, items, baskets, distinct_pairs = pair_table(sales)
print("baskets", baskets, "products", len(items), "pairs_kept", len(pairs), "distinct_pairs_counted", distinct_pairs)
for a, b in [("BLUE KNITTED EGG COSY", "PINK KNITTED EGG COSY"), ("JUMBO BAG PINK POLKADOT", "JUMBO BAG RED RETROSPOT")]:
    n = pairs[(a, b)]
    print("pair", repr(a), repr(b), "count", n, "count_a", int(items[a]), "count_b", int(items[b]),
          "support %.12f" % (n / baskets), "conf_ab %.12f" % (n / items[a]), "conf_ba %.12f" % (n / items[b]),
          "lift %.9f" % (n * baskets / (items[a] * items[b])))
top_count = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print("top_by_count", top_count)

# --- leave-last-out --------------------------------------------------------------------
cs = sales[sales["customer"].notna()]
tx = cs.groupby(["customer", "tx"], as_index=False)["ts"].min()
tx = tx.sort_values(["customer", "ts", "tx"], ascending=[True, False, False])
tx["txs"] = tx.groupby("customer")["tx"].transform("size")
hidden = tx[tx["txs"] >= 2].groupby("customer").head(1)[["customer", "tx"]]
hid = set(zip(hidden["customer"], hidden["tx"]))
is_hidden = pd.Series([(c, t) in hid for c, t in zip(sales["customer"], sales["tx"])], index=sales.index)
train, test = sales[~is_hidden], sales[is_hidden]
truth = test[test["product"].notna()].groupby("customer")["product"].apply(set).to_dict()
print("evaluated", len(truth))
owned = train[train["customer"].notna() & train["product"].notna()].groupby("customer")["product"].apply(set).to_dict()


def score(lists):
    hits = [len(set(lists.get(c, [])[:N]) & t) for c, t in truth.items()]
    return sum(h > 0 for h in hits) / len(truth), sum(h / N for h in hits) / len(truth), sum(hits)


# popularity: revenue, then lines, then name
pop = train[train["product"].notna()].groupby("product").agg(revenue=("amount", "sum"), lines=("amount", "size")).reset_index()
pop = pop.sort_values(["revenue", "lines", "product"], ascending=[False, False, True])["product"].tolist()
pop_lists = {c: [p for p in pop if p not in owned.get(c, set())][:N] for c in truth}
print("popularity hit_rate %.12f precision %.12f hits %d" % score(pop_lists))

# co-purchase on training pairs
tpairs, titems, tbaskets, _ = pair_table(train)
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
    ranked = sorted((y for y in s if y not in mine), key=lambda y: (-round(s[y], 9), y))
    cp_lists[c] = ranked[:N]
print("copurchase hit_rate %.12f precision %.12f hits %d covered %d" % (*score(cp_lists), sum(1 for v in cp_lists.values() if v)))
