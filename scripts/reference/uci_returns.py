"""Returns netted against what they return, in pandas, written from the rule's sentence alone.

The rule (README, "Returns"):
  Each return line is matched to the same customer's purchases of the same product made at
  or before it, latest purchase first, up to the quantity bought and not already returned;
  returns are processed in time order; a return without a customer (or product) stays
  unmatched. Without a product column the key is the customer alone, and without both a
  product and a quantity the matching is on value (amount) instead of quantity.
Ties: purchases at the same time go latest-invoice first (InvoiceNo descending), then the
higher unit price, then the larger quantity; returns at the same time go by InvoiceNo, then
quantity, then amount, ascending. A purchase's matched value is the returned quantity times
its unit price (its amount / quantity); a purchase returned in full leaves the sales.

Run: /usr/bin/python3 scripts/reference/uci_returns.py [path]
The figures it prints are the goldens of tests/pipeline/uci-returns.test.ts.
"""
import sys
from collections import defaultdict

import pandas as pd


def match_returns(sales, returns, customer="CustomerID", product="Description", tx="InvoiceNo"):
    """Returns (net_sales, returns) after matching.

    net_sales: the sales with gross_amount (the original amount), returned_qty, returned_amount,
    and amount / qty made net; lines returned in full are removed.
    returns: the returns with matched_qty and matched_value (the return's own value of the
    matched part, negative).
    """
    s = sales.copy()
    r = returns.copy()
    s["gross_amount"] = s["amount"]
    s["returned_qty"] = 0.0
    s["returned_amount"] = 0.0
    r["matched_qty"] = 0.0
    r["matched_value"] = 0.0

    # candidate purchases per (customer, product), only for keys that have a return
    keyed = r[r[customer].notna() & r[product].notna() & (r["qty"] < 0)]
    keys = set(zip(keyed[customer], keyed[product]))
    cand = s[[k in keys for k in zip(s[customer], s[product])]]
    pools = defaultdict(list)  # key -> [[ts, tx, unit_price, qty, index, remaining]]
    for idx, row in cand.iterrows():
        pools[(row[customer], row[product])].append(
            [row["ts"], row[tx], row["amount"] / row["qty"], row["qty"], idx, row["qty"]]
        )
    # latest first: sort once, descending on (ts, invoice, unit price, quantity)
    for pool in pools.values():
        pool.sort(key=lambda p: (p[0], p[1], p[2], p[3]), reverse=True)

    order = keyed.sort_values(["ts", tx, "qty", "amount"], kind="mergesort")
    returned = defaultdict(float)
    for ridx, row in order.iterrows():
        want = -row["qty"]
        got = 0.0
        for p in pools.get((row[customer], row[product]), []):
            if want <= 0:
                break
            if p[0] > row["ts"] or p[5] <= 0:
                continue
            take = min(want, p[5])
            p[5] -= take
            want -= take
            got += take
            returned[p[4]] += take
        if got > 0:
            r.at[ridx, "matched_qty"] = got
            r.at[ridx, "matched_value"] = row["amount"] * got / -row["qty"]

    for idx, q in returned.items():
        s.at[idx, "returned_qty"] = q
        full = q >= s.at[idx, "qty"]
        s.at[idx, "returned_amount"] = s.at[idx, "amount"] if full else q * s.at[idx, "amount"] / s.at[idx, "qty"]
    s["amount"] = s["gross_amount"] - s["returned_amount"]
    s["qty"] = s["qty"] - s["returned_qty"]
    s = s[s["returned_qty"] < s["qty"] + s["returned_qty"]].copy()
    return s, r


if __name__ == "__main__":
    sys.path.insert(0, "scripts/reference")
    from uci_clean import clean_uci

    path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/online_retail_uci.csv.gz"
    gross_sales, returns = clean_uci(path, net=False)
    sales, r = match_returns(gross_sales, returns)
    matched = r["matched_qty"] > 0
    print("gross_sales", round(gross_sales["amount"].sum(), 2))
    print("returns_value", round(r["amount"].sum(), 2), "returns_rows", len(r))
    print("net_revenue_in_sales", round(sales["amount"].sum(), 2))
    print("net_sales_kpi", round(gross_sales["amount"].sum() + r["amount"].sum(), 2))
    print("matched_rows", int(matched.sum()), "matched_value", round(r["matched_value"].sum(), 2))
    unmatched_value = r["amount"].sum() - r["matched_value"].sum()
    print("unmatched_rows", int((~matched).sum()), "unmatched_value", round(unmatched_value, 2))
    print("sale_side_returned_amount", round(gross_sales["amount"].sum() - sales["amount"].sum(), 2))
    print("rows_clean", len(sales), "fully_returned_lines", len(gross_sales) - len(sales))
    tx = sales["InvoiceNo"].nunique()
    print("transactions", tx, "customers", sales["CustomerID"].nunique(), "days", sales["ts"].dt.date.nunique())
    print("aov", round(sales["amount"].sum() / tx, 2))
    cust = sales[sales["CustomerID"].notna()].groupby("CustomerID")["amount"].sum()
    top = cust.reset_index().sort_values(["amount", "CustomerID"], ascending=[False, True]).head(10)
    for _, row in top.iterrows():
        print("top_customer", row["CustomerID"], round(row["amount"], 2))
    for cid in ("12346", "16446"):
        print("customer", cid, round(cust.get(cid, 0.0), 2))
    prod = sales.groupby("Description")["amount"].sum().reset_index().sort_values(["amount", "Description"], ascending=[False, True])
    for _, row in prod.head(10).iterrows():
        print("top_product", repr(row["Description"]), round(row["amount"], 2))
    day = sales.groupby(sales["ts"].dt.date)["amount"].sum().sort_values(ascending=False)
    print("best_day", day.index[0], round(day.iloc[0], 2))
