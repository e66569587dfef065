"""Independent pandas computation of the foundation figures on UCI Online Retail.

Run: /usr/bin/python3 scripts/reference/uci_cleaning.py [path]
The numbers it prints are the golden values in tests/pipeline/uci.test.ts.
"""
import sys
import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/online_retail_uci.csv.gz"
raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
print("rows_in", len(raw))
raw["ts"] = pd.to_datetime(raw["InvoiceDate"], errors="coerce")
bad_date = raw["ts"].isna()
df = raw[~bad_date]
dup = df.duplicated(subset=[c for c in raw.columns if c != "ts"])
print("bad_date", int(bad_date.sum()), "duplicates", int(dup.sum()))
df = df[~dup].copy()
df["amount"] = pd.to_numeric(df["Quantity"], errors="coerce") * pd.to_numeric(df["UnitPrice"], errors="coerce")
missing = df["amount"].isna()
print("missing_amount", int(missing.sum()))
df = df[~missing]
ret = (df["amount"] < 0) | (pd.to_numeric(df["Quantity"]) < 0)
print("returns_rows", int(ret.sum()), "returns_value", round(df.loc[ret, "amount"].sum(), 2))
returns = df[ret].copy()
df = df[~ret]
zero = df["amount"] == 0
print("zero_rows", int(zero.sum()))
sales = df[~zero].copy()
gross = sales["amount"].sum()
print("gross_sales", round(gross, 2))
# rule 4b: returns netted against the purchases they return (uci_returns.py); what is
# left counts as sales: lines returned in full leave, transactions are what remains
sys.path.insert(0, "scripts/reference")
from uci_returns import match_returns

sales["qty"] = pd.to_numeric(sales["Quantity"])
returns["qty"] = pd.to_numeric(returns["Quantity"])
sales, returns = match_returns(sales, returns)
print("rows_clean", len(sales), "missing_customer", int(sales["CustomerID"].isna().sum()))
tx = sales["InvoiceNo"].nunique()
print("sales_value", round(sales["amount"].sum(), 2), "transactions", tx, "customers", sales["CustomerID"].nunique())
print("aov", round(sales["amount"].sum() / tx, 2), "days", sales["ts"].dt.date.nunique())
