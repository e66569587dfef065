"""Independent pandas computation of the rule-based and RFM segments on UCI Online Retail.

Run: /usr/bin/python3 scripts/reference/segments_uci.py [path]
Applies the cleaning of scripts/reference/uci_clean.py (returns netted against their
purchases, uci_returns.py), then prints the golden values
asserted in tests/sql/segments.test.ts and tests/sql/rfm.test.ts. Definitions follow
src/sql/segments.ts and src/sql/rfm.ts:
  visits        distinct InvoiceNo per customer
  spend         sum of amount (Quantity x UnitPrice) per customer
  recency       last sales date (day precision) minus the customer's last purchase day
  spend cut     Series.quantile(0.9): linear interpolation, numpy's default
  threshold     mean of visits; "frequent" = visits strictly above it
  Champion      spend >= cut and frequent; Big Spender: spend >= cut only;
                Frequent Buyer: frequent only; Regular: neither
  RFM scores    SQL ntile(5) reproduced by hand: sort by the value (recency descending,
                visits and spend ascending), ties by CustomerID ascending, then the first
                n mod 5 buckets hold one row more than the others
  RFM segment   R x F grid (see RFM_MAP below); Lost = R 1 and F 1
"""
import sys

import numpy as np
import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/online_retail_uci.csv.gz"

# --- the canonical cleaning (uci_clean.py) -------------------------------------------
from uci_clean import clean_uci

sales, _ = clean_uci(path)

# --- customers -------------------------------------------------------------------------
cs = sales[sales["CustomerID"].notna()]
cust = cs.groupby("CustomerID").agg(visits=("InvoiceNo", "nunique"), spend=("amount", "sum"), last=("day", "max"))
cust["recency"] = (sales["day"].max() - cust["last"]).dt.days
cust = cust.reset_index()
n = len(cust)
print("customers", n)

# --- rule-based segments ---------------------------------------------------------------
cut = cust["spend"].quantile(0.9)
mean_visits = cust["visits"].mean()
big = cust["spend"] >= cut
frequent = cust["visits"] > mean_visits
cust["rule"] = np.select([big & frequent, big, frequent], ["Champion", "Big Spender", "Frequent Buyer"], "Regular")
print("spend_cut", round(cut, 6), "mean_visits", round(mean_visits, 6))
total = cust["spend"].sum()
for seg in ["Champion", "Big Spender", "Frequent Buyer", "Regular"]:
    g = cust[cust["rule"] == seg]
    print("rule", repr(seg), len(g), "revenue", round(g["spend"].sum(), 2), "share_revenue", round(g["spend"].sum() / total, 6),
          "mean_visits", round(g["visits"].mean(), 6))
# a user threshold and quantile: top 20% by spend and more than 10 transactions
cut80 = cust["spend"].quantile(0.8)
big80, freq10 = cust["spend"] >= cut80, cust["visits"] > 10
print("rule_q0.8_t10", "spend_cut", round(cut80, 6), "Champion", int((big80 & freq10).sum()), "Big Spender", int((big80 & ~freq10).sum()),
      "Frequent Buyer", int((~big80 & freq10).sum()), "Regular", int((~big80 & ~freq10).sum()))


# --- RFM -------------------------------------------------------------------------------
def ntile5(frame: pd.DataFrame, col: str, ascending: bool) -> pd.Series:
    """SQL ntile(5) over (ORDER BY col [DESC], CustomerID): bucket sizes q+1 (first n % 5) then q."""
    order = frame.sort_values([col, "CustomerID"], ascending=[ascending, True]).index
    k = len(order)
    q, extra = divmod(k, 5)
    i = np.arange(k)
    big_rows = extra * (q + 1)
    bucket = np.where(i < big_rows, i // (q + 1) + 1, extra + (i - big_rows) // max(q, 1) + 1)
    return pd.Series(bucket, index=order).reindex(frame.index)


cust["r"] = ntile5(cust, "recency", ascending=False)
cust["f"] = ntile5(cust, "visits", ascending=True)
cust["m"] = ntile5(cust, "spend", ascending=True)

RFM_MAP = [  # (segment, R scores, F scores); first match wins, so Lost comes before Hibernating
    ("Lost", {1}, {1}),
    ("Hibernating", {1, 2}, {1, 2}),
    ("At Risk", {1, 2}, {3, 4}),
    ("Can't Lose Them", {1, 2}, {5}),
    ("About to Sleep", {3}, {1, 2}),
    ("Need Attention", {3}, {3}),
    ("Loyal", {3, 4}, {4, 5}),
    ("Promising", {4}, {1}),
    ("New", {5}, {1}),
    ("Potential Loyalist", {4, 5}, {2, 3}),
    ("Champions", {5}, {4, 5}),
]


def segment(r: int, f: int) -> str:
    return next(name for name, rs, fs in RFM_MAP if r in rs and f in fs)


cust["segment"] = [segment(r, f) for r, f in zip(cust["r"], cust["f"])]
for score in ["r", "f", "m"]:
    print("score_sizes", score, cust[score].value_counts().sort_index().tolist())
order = ["Champions", "Loyal", "Potential Loyalist", "New", "Promising", "Need Attention", "About to Sleep", "At Risk",
         "Can't Lose Them", "Hibernating", "Lost"]
for seg in order:
    g = cust[cust["segment"] == seg]
    print("rfm", repr(seg), len(g), "revenue", round(g["spend"].sum(), 2), "mean_recency", round(g["recency"].mean(), 6),
          "mean_visits", round(g["visits"].mean(), 6))
print("rfm_555", int(((cust["r"] == 5) & (cust["f"] == 5) & (cust["m"] == 5)).sum()))
print("rfm_111", int(((cust["r"] == 1) & (cust["f"] == 1) & (cust["m"] == 1)).sum()))
print("customer 12346 absent:", "12346" not in set(cust["CustomerID"]))
for cid in ["12347", "14646", "16446", "18102"]:
    row = cust[cust["CustomerID"] == cid].iloc[0]
    print("customer", cid, f"{row['r']}{row['f']}{row['m']}", row["segment"], "recency", row["recency"], "visits", row["visits"])

# --- the win-back finding under Country = France (issue 13): segments stay those of the whole
# data; only customers with France sales count, with their France spend, against France revenue
fr = cs[cs["Country"] == "France"].groupby("CustomerID")["amount"].sum().rename("fr_spend").reset_index()
frs = fr.merge(cust[["CustomerID", "segment"]], on="CustomerID")
risk = frs[frs["segment"].isin(["At Risk", "Can't Lose Them"])]
print("france_customers", len(frs), "france_at_risk", len(risk), "revenue", round(risk["fr_spend"].sum(), 2),
      "share", round(risk["fr_spend"].sum() / frs["fr_spend"].sum(), 6))
whole = cust[cust["segment"].isin(["At Risk", "Can't Lose Them"])]
print("whole_at_risk", len(whole), "revenue", round(whole["spend"].sum(), 2), "share", round(whole["spend"].sum() / cust["spend"].sum(), 6))
