#!/usr/bin/env python3
"""Reference figures for "every format gives the same figures" (tests/pipeline/read/formats.test.ts).

Reads tests/fixtures/formats/uci_slice.csv (the header and first 5,000 lines of the UCI Online
Retail file) with pandas, independently of the app, and prints: rows, distinct invoices,
distinct customers (CustomerID present), the sum of Quantity * UnitPrice over all lines and over
lines with Quantity > 0, and a few spot values the typed readers must reproduce.
Run: /usr/bin/python3 scripts/reference/format_slices_parquet_json.py
"""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, '..', '..', 'tests', 'fixtures', 'formats', 'uci_slice.csv')

df = pd.read_csv(CSV, dtype={'InvoiceNo': str, 'StockCode': str, 'CustomerID': 'float64'})
line = df['Quantity'] * df['UnitPrice']
print('rows', len(df))
print('distinct_invoices', df['InvoiceNo'].nunique())
print('distinct_customers', df['CustomerID'].dropna().nunique())
print('missing_customer_rows', int(df['CustomerID'].isna().sum()))
print('value_all', round(float(line.sum()), 2))
print('value_positive', round(float(line[df['Quantity'] > 0].sum()), 2))
print('quantity_sum', int(df['Quantity'].sum()))
print('first_date', pd.to_datetime(df['InvoiceDate']).min())
print('last_date', pd.to_datetime(df['InvoiceDate']).max())

# the nested JSON fixture holds the first 300 of these lines
head = df.head(300)
hl = head['Quantity'] * head['UnitPrice']
print('nested_rows', len(head))
print('nested_distinct_invoices', head['InvoiceNo'].nunique())
print('nested_distinct_customers', head['CustomerID'].dropna().nunique())
print('nested_value_all', round(float(hl.sum()), 2))
print('nested_value_positive', round(float(hl[head['Quantity'] > 0].sum()), 2))
