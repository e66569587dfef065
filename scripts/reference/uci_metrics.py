"""Independent pandas computation of the customer, business and trend figures on UCI Online Retail.

Run: /usr/bin/python3 scripts/reference/uci_metrics.py [path]
Applies the cleaning of scripts/reference/uci_clean.py (returns netted against their
purchases, uci_returns.py), then prints the golden values
asserted in tests/pipeline/uci-metrics.test.ts. Definitions follow src/sql/*.ts:
  visits        distinct InvoiceNo per customer; repeat customer = visits > 1
  recency       last sales date in the data minus the customer's last purchase date (days)
  tenure        last minus first purchase date; mean days between = tenure / (distinct days - 1)
  transaction   time = its earliest line; gaps are calendar days between consecutive transactions
  Pareto top p% = spend of the top ceil(n * p / 100) customers / total customer spend
"""
import math
import sys

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/online_retail_uci.csv.gz"

# --- the canonical cleaning (uci_clean.py) -------------------------------------------
from uci_clean import clean_uci

sales, returns = clean_uci(path)  # net of matched returns (uci_returns.py)
purchases, _ = clean_uci(path, net=False)  # every purchase as bought: gross sales
print("rows_clean", len(sales))

# --- customers -------------------------------------------------------------------------
cs = sales[sales["CustomerID"].notna()]
cust = cs.groupby("CustomerID").agg(
    visits=("InvoiceNo", "nunique"),
    spend=("amount", "sum"),
    items=("qty", "sum"),
    first=("day", "min"),
    last=("day", "max"),
    days=("day", "nunique"),
)
as_of = sales["day"].max()
cust["recency"] = (as_of - cust["last"]).dt.days
cust["tenure"] = (cust["last"] - cust["first"]).dt.days
cust["mdb"] = (cust["tenure"] / (cust["days"] - 1)).where(cust["days"] > 1)
n = len(cust)
print("customers", n, "repeat_customers", int((cust["visits"] > 1).sum()))
print("repeat_rate", round((cust["visits"] > 1).sum() / n, 6))
print("median_recency", cust["recency"].median(), "mean_recency", round(cust["recency"].mean(), 4))
print("mean_spend", round(cust["spend"].mean(), 4), "median_spend", round(cust["spend"].median(), 4))
print("mean_of_mean_days_between", round(cust["mdb"].mean(), 4), "customers_with_mdb", int(cust["mdb"].notna().sum()))
top = cust.sort_values(["spend", "visits"], ascending=[False, False]).head(3)
for cid, r in top.iterrows():
    print("top_spend", cid, round(r["spend"], 2), int(r["visits"]), "recency", int(r["recency"]), "items", r["items"], "tenure", int(r["tenure"]))
topv = cust.reset_index().sort_values(["visits", "spend", "CustomerID"], ascending=[False, False, True]).head(3)
for _, r in topv.iterrows():
    print("top_visits", r["CustomerID"], int(r["visits"]), round(r["spend"], 2))

# favourite product of the top customer: most lines, then spend, then name ascending
c0 = cs[cs["CustomerID"] == top.index[0]]
fav = c0.groupby("Description").agg(n=("amount", "size"), spend=("amount", "sum")).reset_index()
fav = fav.sort_values(["n", "spend", "Description"], ascending=[False, False, True]).iloc[0]
print("favourite_product", top.index[0], fav["Description"], int(fav["n"]))

# --- Pareto shares: top ceil(n * p / 100) customers -------------------------------------
ranked = cust["spend"].sort_values(ascending=False).to_numpy()
for p in (1, 10, 20):
    k = math.ceil(n * p / 100)
    print(f"top{p}pct", k, round(ranked[:k].sum() / ranked.sum(), 6))

# --- transactions and their gaps (lag) -------------------------------------------------
tx = cs.groupby(["CustomerID", "InvoiceNo"]).agg(ts=("ts", "min"), amount=("amount", "sum")).reset_index()
tx = tx.sort_values(["CustomerID", "ts", "InvoiceNo"])
tx["gap"] = (tx["ts"].dt.normalize() - tx.groupby("CustomerID")["ts"].shift().dt.normalize()).dt.days
print("customer_transactions", len(tx), "mean_gap", round(tx["gap"].mean(), 6), "gaps", int(tx["gap"].notna().sum()))

# --- days ------------------------------------------------------------------------------
daily = sales.groupby("day").agg(revenue=("amount", "sum"), tx=("InvoiceNo", "nunique"))
best, worst = daily["revenue"].idxmax(), daily["revenue"].idxmin()
print("days", len(daily))
print("best_day", best.date(), round(daily.loc[best, "revenue"], 2), int(daily.loc[best, "tx"]))
print("worst_day", worst.date(), round(daily.loc[worst, "revenue"], 2), int(daily.loc[worst, "tx"]))
# partial first/last day (src/sql/trends.ts coverageCte): with times of day and 28+ sales days,
# the last day is partial when its latest sale is earlier than the 10% quantile (lower, as
# quantile_disc) of every day's latest sale; the first when its earliest sale is later than the
# 90% quantile (higher) of every day's earliest sale. Best/worst days leave partial days out.
t = sales.assign(tod=sales["ts"] - sales["ts"].dt.normalize()).groupby("day")["tod"].agg(["min", "max"])
late_start = t["min"].sort_values().iloc[math.ceil(0.9 * len(t)) - 1]
early_end = t["max"].sort_values().iloc[math.ceil(0.1 * len(t)) - 1]
first_partial = len(t) >= 28 and t["min"].iloc[0] > late_start
last_partial = len(t) >= 28 and t["max"].iloc[-1] < early_end
print("first_day_partial", bool(first_partial), "last_day_partial", bool(last_partial), "last_day_ends", t["max"].iloc[-1], "early_end", early_end)
fulld = daily.iloc[(1 if first_partial else 0) : len(daily) - (1 if last_partial else 0)]
fb, fw = fulld["revenue"].idxmax(), fulld["revenue"].idxmin()
print("best_full_day", fb.date(), round(fulld.loc[fb, "revenue"], 2), int(fulld.loc[fb, "tx"]))
print("worst_full_day", fw.date(), round(fulld.loc[fw, "revenue"], 2), int(fulld.loc[fw, "tx"]))
cal = pd.date_range(daily.index.min(), daily.index.max(), freq="D")
full = daily["revenue"].reindex(cal, fill_value=0.0)
print("calendar_days", len(cal), "zero_days", int((full == 0).sum()))
ma7 = full.rolling(7, min_periods=1).mean()
print("ma7_2011-12-09", round(ma7.loc["2011-12-09"], 4), "ma7_2010-12-01", round(ma7.loc["2010-12-01"], 4))

# --- weekdays (0 = Monday) -------------------------------------------------------------
wd = sales.groupby(sales["day"].dt.dayofweek).agg(revenue=("amount", "sum"), tx=("InvoiceNo", "nunique"))
cal_wd = pd.Series(cal.dayofweek).value_counts()
for d, name in [(3, "Thursday"), (5, "Saturday"), (6, "Sunday")]:
    rev = wd["revenue"].get(d, 0.0)
    print("weekday", name, round(rev, 2), int(wd["tx"].get(d, 0)), "per_day", round(rev / cal_wd.get(d, 0), 4), "calendar_days", int(cal_wd.get(d, 0)))

# --- weeks (start Monday) and months ---------------------------------------------------
week = sales["day"] - pd.to_timedelta(sales["day"].dt.dayofweek, unit="D")
weekly = sales.groupby(week)["amount"].sum()
wcal = pd.date_range(weekly.index.min(), weekly.index.max(), freq="7D")
print("weeks", len(wcal), "first_week", wcal[0].date(), round(weekly.iloc[0], 2))
month = sales["ts"].dt.to_period("M")
monthly = sales.groupby(month).agg(revenue=("amount", "sum"), customers=("CustomerID", "nunique"), tx=("InvoiceNo", "nunique"))
for m in ("2010-12", "2011-01", "2011-11", "2011-12"):
    r = monthly.loc[m]
    print("month", m, round(r["revenue"], 2), int(r["customers"]), int(r["tx"]))
dec = monthly.loc[["2010-12", "2011-12"], "revenue"]
print("month_of_year_12_avg", round(dec.mean(), 4))
# only complete months count: the data starts on 1 Dec 2010 and ends on 9 Dec 2011, so only December 2010
print("month_of_year_12_avg_complete", round(monthly.loc[["2010-12"], "revenue"].mean(), 4), "years", 1)
hours = sales.groupby([sales["ts"].dt.dayofweek, sales["ts"].dt.hour])["amount"].sum()
print("busiest_hour_cell", hours.idxmax(), round(hours.max(), 2))

# --- new vs returning, cohorts ---------------------------------------------------------
cm = cs["ts"].dt.to_period("M")
first = cs.groupby("CustomerID")["ts"].min().dt.to_period("M")
is_new = cm == cs["CustomerID"].map(first)
for m in ("2011-01", "2011-11"):
    sel = cm == pd.Period(m)
    print("new_vs_returning", m, cs.loc[sel & is_new, "CustomerID"].nunique(), cs.loc[sel & ~is_new, "CustomerID"].nunique(),
          round(cs.loc[sel & is_new, "amount"].sum(), 2), round(cs.loc[sel & ~is_new, "amount"].sum(), 2))
for cohort in ("2010-12", "2011-01"):
    members = first[first == pd.Period(cohort)].index
    size = len(members)
    for off in (1, 2):
        active = cs[cs["CustomerID"].isin(members) & (cm == pd.Period(cohort) + off)]["CustomerID"].nunique()
        print("cohort", cohort, "size", size, "offset", off, active, round(active / size, 6))

# --- business KPIs: November 2011 against the 30 days before --------------------------
# gross = purchases as bought; tx, customers, aov (net value / tx), items from the net sales
def period(f, t):
    s = sales[(sales["day"] >= f) & (sales["day"] <= t)]
    g = purchases[(purchases["day"] >= f) & (purchases["day"] <= t)]
    r = returns[(returns["day"] >= f) & (returns["day"] <= t)]
    c = s[s["CustomerID"].notna()].groupby("CustomerID")["InvoiceNo"].nunique()
    txn = s["InvoiceNo"].nunique()
    return dict(gross=round(g["amount"].sum(), 2), returns=round(r["amount"].sum(), 2), tx=txn, customers=len(c),
                aov=round(s["amount"].sum() / txn, 4), items_per_tx=round(s["qty"].sum() / txn, 4), repeat_rate=round((c > 1).sum() / len(c), 6))
print("kpis 2011-11-01..2011-11-30", period(pd.Timestamp("2011-11-01"), pd.Timestamp("2011-11-30")))
print("kpis 2011-10-02..2011-10-31", period(pd.Timestamp("2011-10-02"), pd.Timestamp("2011-10-31")))

# --- breakdowns ------------------------------------------------------------------------
by_country = sales.groupby(sales["Country"].fillna("(missing)")).agg(revenue=("amount", "sum"), lines=("amount", "size"),
                                                                     tx=("InvoiceNo", "nunique"), customers=("CustomerID", "nunique"))
by_country = by_country.sort_values("revenue", ascending=False)
for c, r in by_country.head(2).iterrows():
    print("country", c, round(r["revenue"], 2), int(r["lines"]), int(r["tx"]), int(r["customers"]), round(r["revenue"] / sales["amount"].sum(), 6))
