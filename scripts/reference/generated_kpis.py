"""KPIs of a file from the project's generator (scripts/generate-sample.mjs), in pandas.

Run: /usr/bin/python3 scripts/reference/generated_kpis.py FILE.csv
An independent check of the command line at scale (README, "Command line"): the canonical
rules as scripts/reference/sample_returns.py applies them (unparseable dates out, exact
duplicate lines out, missing amounts out, returns = negative amount or quantity, zero
amounts out), returns netted against their purchases (scripts/reference/uci_returns.py, the
rule's sentence in pandas), then the Overview's figures. Sums are in whole cents (exact).
"""
import sys

import pandas as pd

sys.path.insert(0, "scripts/reference")
from uci_returns import match_returns


def cents(x):
    return int((x * 100).round().astype("int64").sum()) / 100

path = sys.argv[1]
raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
print("rows_read", len(raw))
raw["ts"] = pd.to_datetime(raw["Transaction_Date"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
df = raw[raw["ts"].notna()]
print("bad_dates", len(raw) - len(df))
dup = df.duplicated(subset=[c for c in raw.columns if c != "ts"])
print("duplicates", int(dup.sum()))
df = df[~dup].copy()
df["qty"] = pd.to_numeric(df["Quantity"], errors="coerce")
df["amount"] = pd.to_numeric(df["Purchase_Amount"], errors="coerce")
df = df[df["amount"].notna()]
ret = (df["amount"] < 0) | (df["qty"] < 0)
returns, sales = df[ret], df[~ret]
sales = sales[sales["amount"] != 0]
print("gross_sales", cents(sales["amount"]), "returns", cents(returns["amount"]), "net_sales", round(cents(sales["amount"]) + cents(returns["amount"]), 2))
print("gross_lines", len(sales), "return_rows", len(returns))
net, r = match_returns(sales, returns, customer="User_Name", product="Product_Name", tx="Transaction_ID")
print("returns_matched", cents(r["matched_value"]))
tx = net["Transaction_ID"].nunique()
print("lines", len(net), "items", int(net["qty"].sum()))
print("transactions", tx, "customers", net["User_Name"].nunique(), "aov", round(cents(sales["amount"]) / tx, 2), round(cents(net["amount"]) / tx, 2))
print("rows_without_customer", int(net["User_Name"].isna().sum()))
days = net["ts"].dt.normalize()
print("first", days.min().date(), "last", days.max().date(), "days", days.nunique())
