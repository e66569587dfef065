"""pandas cross-check of the hand-made rule-segment shop (tests/fixtures/segments/customers.ts).

Run: /usr/bin/python3 scripts/reference/segments_fixture.py
Confirms the hand-worked spend cuts (Series.quantile, linear) and segments asserted in
tests/sql/segments.test.ts: quantiles 0.9 / 0.5 / 0.75 / 0.95 and mean or fixed thresholds.
"""
import numpy as np
import pandas as pd

shop = pd.DataFrame(
    [("A", 2, 50), ("B", 1, 20), ("C", 5, 99.99), ("D", 3, 40), ("E", 1, 70), ("F", 4, 100),
     ("G", 3, 100), ("H", 2, 30), ("I", 7, 500), ("J", 4, 60), ("K", 1, 10)],
    columns=["id", "visits", "spend"],
).set_index("id")


def segments(q: float, threshold: float | None) -> None:
    cut = shop["spend"].quantile(q)
    t = shop["visits"].mean() if threshold is None else threshold
    high, frequent = shop["spend"] >= cut, shop["visits"] > t
    seg = pd.Series(np.select([high & frequent, high, frequent], ["Champion", "Big Spender", "Frequent Buyer"], "Regular"), index=shop.index)
    groups = {s: "".join(sorted(seg[seg == s].index)) for s in ["Champion", "Big Spender", "Frequent Buyer", "Regular"]}
    print(f"q={q} threshold={t!r} cut={cut!r}", groups)


segments(0.9, None)
segments(0.5, 2)
segments(0.75, None)
segments(0.95, None)
