"""Independent pandas computation of product rankings with service lines left out, on UCI Online Retail.

Run: /usr/bin/python3 scripts/reference/service_lines_uci.py [path]
Applies the canonical cleaning (uci_clean.py), then prints the golden values asserted in
tests/pipeline/service-lines.test.ts:
  product board   top products by revenue (sum of amount), service lines left out
                  (ties: lines, then name); the same under Country = France
  service lines   each service line's revenue, and their total
  favourite       a customer's product with most lines (ties: more spend, then name),
                  service lines never count; how many customers had a service line as
                  favourite when they did count
"""
import sys

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/online_retail_uci.csv.gz"
from uci_clean import clean_uci

sales, _ = clean_uci(path)
SERVICE = (r"^\s*(?:manual|samples?|discount|carriage|bank charges?|adjust(?:ment)?\b.*)\s*$"
           r"|\b(?:postage|shipping|delivery charges?|fees?|commission|gift ?vouchers?|versand(?:kosten)?|porto|frais de (?:port|livraison)|gastos de env[ií]o|env[ií]o|spedizione|verzendkosten|kargo)\b")
p = sales["Description"]
service = p.notna() & p.str.contains(SERVICE, case=False, regex=True)


def board(df, n=5):
    g = df.groupby("Description").agg(revenue=("amount", "sum"), lines=("amount", "size")).reset_index()
    g = g.sort_values(["revenue", "lines", "Description"], ascending=[False, False, True])
    return [(r.Description, round(r.revenue, 2)) for r in g.head(n).itertuples()]


print("all lines, top 3 (services in):", board(sales[p.notna()], 3))
print("products top 5:", board(sales[p.notna() & ~service]))
fr = sales["Country"] == "France"
print("France, services in, top 3:", board(sales[fr & p.notna()], 3))
print("France products top 3:", board(sales[fr & p.notna() & ~service], 3))
s = sales[service].groupby("Description")["amount"].sum().sort_values(ascending=False)
print("service lines:", [(k, round(v, 2)) for k, v in s.items()])
print("service total", round(s.sum(), 2), "of", round(sales["amount"].sum(), 2))
fs = sales[service & fr].groupby("Description")["amount"].sum()
print("France service total", round(fs.sum(), 2))


def favourites(df):
    c = df[df["CustomerID"].notna()].groupby(["CustomerID", "Description"]).agg(n=("amount", "size"), spend=("amount", "sum")).reset_index()
    c = c.sort_values(["CustomerID", "n", "spend", "Description"], ascending=[True, False, False, True])
    return c.drop_duplicates("CustomerID").set_index("CustomerID")["Description"]


before = favourites(sales[p.notna()])
after = favourites(sales[p.notna() & ~service])
bad = before[before.str.contains(SERVICE, case=False, regex=True)]
print("customers whose favourite was a service line:", len(bad), "e.g.", bad.head(3).to_dict())
print("their favourites now:", {k: after.get(k) for k in bad.head(3).index})
print("favourites now that are service lines:", int(after.str.contains(SERVICE, case=False, regex=True).sum()))
