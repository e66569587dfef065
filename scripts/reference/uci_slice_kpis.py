#!/usr/bin/env python3
"""Headline figures of tests/fixtures/formats/uci_slice.csv under the app's cleaning rules
(uci_clean.py), for tests/e2e/real-files.spec.ts: every format of these rows must show them.
Run: /usr/bin/python3 scripts/reference/uci_slice_kpis.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from uci_clean import clean_uci  # noqa: E402

path = os.path.join(HERE, '..', '..', 'tests', 'fixtures', 'formats', 'uci_slice.csv')
sales, _ = clean_uci(path)  # net of matched returns
purchases, _ = clean_uci(path, net=False)  # every purchase as bought
print('gross_sales', round(float(purchases['amount'].sum()), 2))
print('transactions', sales['InvoiceNo'].nunique())
print('customers', sales.loc[sales['CustomerID'].notna(), 'CustomerID'].nunique())
print('first_day', sales['day'].min().date(), 'last_day', sales['day'].max().date(), 'days', sales['day'].nunique())
