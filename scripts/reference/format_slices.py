"""Reference figures of the UCI format slice (tests/fixtures/formats/uci_slice.*), computed twice,
independently of our readers: with pandas from uci_slice.csv and with openpyxl from uci_slice.xlsx.
They must agree; the figures are asserted in tests/pipeline/read/xlsx-uci.test.ts (and any other
format reader's slice test can assert the same ones).

Run: /usr/bin/python3 scripts/reference/format_slices.py
"""
import os

import pandas as pd
from openpyxl import load_workbook

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, '..', '..', 'tests', 'fixtures', 'formats')


def figures(df):
    amount = df['Quantity'] * df['UnitPrice']
    return {
        'lines': len(df),
        'invoices': df['InvoiceNo'].nunique(),
        'cancel_lines': int(df['InvoiceNo'].str.startswith('C').sum()),
        'customers': df['CustomerID'].dropna().nunique(),
        'lines_without_customer': int(df['CustomerID'].isna().sum()),
        'stock_codes': df['StockCode'].nunique(),
        'quantity': int(df['Quantity'].sum()),
        'revenue': round(float(amount.sum()), 2),
        'revenue_positive': round(float(amount[amount > 0].sum()), 2),
        'first': str(df['InvoiceDate'].min()),
        'last': str(df['InvoiceDate'].max()),
        'countries': df['Country'].nunique(),
        'empty_descriptions': int(df['Description'].isna().sum()),
    }


csv = pd.read_csv(os.path.join(DIR, 'uci_slice.csv'), dtype={'InvoiceNo': str, 'StockCode': str, 'Description': str, 'Country': str}, parse_dates=['InvoiceDate'], keep_default_na=False, na_values={'CustomerID': [''], 'Description': ['']})

wb = load_workbook(os.path.join(DIR, 'uci_slice.xlsx'), read_only=True)
ws = wb['Online Retail']
rows = list(ws.iter_rows(values_only=True))
head, body = rows[0], rows[1:]
xl = pd.DataFrame(body, columns=head)
for c in ('InvoiceNo', 'StockCode'):
    xl[c] = xl[c].map(lambda v: None if v is None else str(v))
xl['InvoiceDate'] = pd.to_datetime(xl['InvoiceDate'])

a, b = figures(csv), figures(xl)
for k in a:
    print(f'{k:24} {a[k]!s:24} {b[k]!s:24} {"" if a[k] == b[k] else "DIFFERENT"}')
assert a == b, 'the CSV and the xlsx slice disagree'
