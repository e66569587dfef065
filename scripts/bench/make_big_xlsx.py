"""A big workbook for the Excel reader benchmark (scripts/bench/xlsx.bench.ts): N rows (default
520,000) × 16 columns, the UCI Online Retail lines (recycled) plus eight derived columns (an amount,
text, a discount, a store number, a second date, a unique reference, a weight), two title rows
above the header (header in row 3). openpyxl write-only mode (inline strings); ~46 MB, ~390 MB of
sheet XML.

Run: /usr/bin/python3 scripts/bench/make_big_xlsx.py N OUT.xlsx
"""
import csv
import datetime as dt
import gzip
import os
import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

N = int(sys.argv[1]) if len(sys.argv) > 1 else 520_000
out = sys.argv[2] if len(sys.argv) > 2 else 'big.xlsx'
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'fixtures', 'online_retail_uci.csv.gz')
wb = Workbook(write_only=True)
ws = wb.create_sheet('Orders')
ws.append(['Sales export (wide)'])
ws.append([])
with gzip.open(SRC, 'rt') as f:
    r = csv.reader(f)
    h = next(r)
    ws.append(h + ['Amount', 'Region', 'Channel', 'Discount', 'Store', 'Shipped', 'Ref', 'Weight'])
    i = 0
    while i < N:
        for row in r:
            if i >= N: break
            inv, code, desc, qty, date, price, cust, country = row
            t = dt.datetime.strptime(date, '%Y-%m-%d %H:%M:%S')
            d = WriteOnlyCell(ws, value=t); d.number_format = 'yyyy-mm-dd hh:mm:ss'
            s = WriteOnlyCell(ws, value=t + dt.timedelta(days=2)); s.number_format = 'yyyy-mm-dd'
            q = int(qty); p = float(price)
            ws.append([int(inv) if inv.isdigit() else inv, int(code) if code.isdigit() else code, desc or None, q, d, p, int(float(cust)) if cust else None, country,
                       round(q * p, 2), ['North', 'South', 'East', 'West'][i % 4], 'web' if i % 3 else 'store', (i % 7) / 100, 100 + i % 50, s, f'R{i:07d}', (i % 1000) / 10])
            i += 1
        f.seek(0); next(r)
wb.save(out)
