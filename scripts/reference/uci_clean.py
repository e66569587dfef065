"""The canonical cleaning rules on UCI Online Retail, in pandas, shared by the reference scripts.

Independent of the app's SQL: dates parsed by pandas, exact duplicates over every raw
column (after dropping unparseable dates), amount = Quantity x UnitPrice, returns are
amount < 0 or quantity < 0, zero amounts dropped; then (net=True, the app's default)
returns are netted against the purchases they return (scripts/reference/uci_returns.py):
sales amount and qty become net per line, gross_amount keeps the original, and lines
returned in full leave the sales.
"""
import pandas as pd

DEFAULT_PATH = "tests/fixtures/online_retail_uci.csv.gz"


def clean_uci(path=DEFAULT_PATH, net=True):
    """Returns (sales, returns) data frames with ts, day, qty and amount columns added."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    raw["ts"] = pd.to_datetime(raw["InvoiceDate"], errors="coerce")
    df = raw[raw["ts"].notna()]
    df = df[~df.duplicated(subset=[c for c in raw.columns if c != "ts"])].copy()
    df["qty"] = pd.to_numeric(df["Quantity"], errors="coerce")
    df["amount"] = df["qty"] * pd.to_numeric(df["UnitPrice"], errors="coerce")
    df = df[df["amount"].notna()]
    ret = (df["amount"] < 0) | (df["qty"] < 0)
    returns = df[ret].copy()
    sales = df[~ret]
    sales = sales[sales["amount"] != 0].copy()
    sales["day"] = sales["ts"].dt.normalize()
    returns["day"] = returns["ts"].dt.normalize()
    if net:
        from uci_returns import match_returns

        sales, returns = match_returns(sales, returns)
    return sales, returns
