"""The built-in sample (public/sample.csv.gz) after the canonical rules and rule 4b, in pandas.

Run: /usr/bin/python3 scripts/reference/sample_returns.py
Prints the customer count the Customers table (and its CSV export) shows in
tests/e2e/dashboard.spec.ts, and the top category's net revenue the SQL console shows in
tests/e2e/console.spec.ts: customers left with a net purchase once returns are matched
to their purchases (scripts/reference/uci_returns.py, the same rule).
"""
import sys

import pandas as pd

sys.path.insert(0, "scripts/reference")
from uci_returns import match_returns

raw = pd.read_csv("public/sample.csv.gz", dtype=str, keep_default_na=False, na_values=[""])
raw["ts"] = pd.to_datetime(raw["Transaction_Date"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
df = raw[raw["ts"].notna()]
df = df[~df.duplicated(subset=[c for c in raw.columns if c != "ts"])].copy()
df["qty"] = pd.to_numeric(df["Quantity"], errors="coerce")
df["amount"] = pd.to_numeric(df["Purchase_Amount"], errors="coerce")
df = df[df["amount"].notna()]
ret = (df["amount"] < 0) | (df["qty"] < 0)
returns, sales = df[ret].copy(), df[~ret]
sales = sales[sales["amount"] != 0].copy()
print("customers_gross", sales["User_Name"].nunique(), "returns", len(returns))
net, r = match_returns(sales, returns, customer="User_Name", product="Product_Name", tx="Transaction_ID")
print("returns_matched", int((r["matched_qty"] > 0).sum()), "unmatched", int((r["matched_qty"] == 0).sum()))
print("customers_net", net["User_Name"].nunique(), "transactions_net", net["Transaction_ID"].nunique())
by_cat = net.groupby("Product_Category")["amount"].sum().sort_values(ascending=False)
print("top_category_net", by_cat.index[0], round(by_cat.iloc[0], 2), "gross", round(sales[sales["Product_Category"] == by_cat.index[0]]["amount"].sum(), 2))
