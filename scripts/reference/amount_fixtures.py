"""Writes the small price-reading fixtures in tests/fixtures/amount/ and prints, with pandas,
the figures the tests assert (gross sales under the right reading). Deterministic (seeded).

    /usr/bin/python3 scripts/reference/amount_fixtures.py
"""
import os
import numpy as np
import pandas as pd

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'amount')
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(13)


def write(name, df):
    df.to_csv(os.path.join(OUT, name), index=False)


# 1. Istanbul-like: price is the line total = unit price of the category x quantity; one row per customer
unit = {'Clothing': 300.08, 'Shoes': 600.17, 'Books': 15.15, 'Cosmetics': 40.66,
        'Food & Beverage': 5.23, 'Toys': 35.84, 'Technology': 1050.0, 'Souvenir': 11.73}
n = 400
cats = rng.choice(list(unit), n, p=[.35, .1, .05, .15, .15, .1, .05, .05])
qty = rng.integers(1, 6, n)
price = np.round([unit[c] * q for c, q in zip(cats, qty)], 2)
days = rng.integers(0, 700, n)
dates = pd.Timestamp('2021-01-01') + pd.to_timedelta(days, 'D')
ist = pd.DataFrame({
    'invoice_no': [f'I{100000 + i}' for i in range(n)],
    'customer_id': [f'C{200000 + i}' for i in range(n)],
    'gender': rng.choice(['Female', 'Male'], n),
    'age': rng.integers(18, 70, n),
    'category': cats,
    'quantity': qty,
    'price': [f'{p:.2f}' for p in price],
    'payment_method': rng.choice(['Cash', 'Credit Card', 'Debit Card'], n),
    'invoice_date': [d.strftime('%d/%m/%Y') for d in dates],
    'shopping_mall': rng.choice(['Kanyon', 'Mall of Istanbul', 'Metrocity', 'Zorlu Center'], n),
})
write('istanbul-like.csv', ist)
p = ist.price.astype(float)
print('istanbul-like: gross (price is line total) = %.2f, quantity x price = %.2f, items = %d, orders = %d'
      % (p.sum(), (p * ist.quantity).sum(), ist.quantity.sum(), ist.invoice_no.nunique()))

# 2. UCI-like: same product, same unit price, various quantities (a few quantity discounts)
prices = {'85123A': 2.55, '71053': 3.39, '84406B': 2.75, '22752': 7.65, '21730': 4.25, '22633': 1.85,
          '84029G': 3.39, '22960': 4.25, '21754': 5.95, '47566': 4.95}
desc = {k: f'PRODUCT {k}' for k in prices}
rows = []
for i in range(500):
    # four lines per invoice, four different products (no duplicate lines)
    if i % 4 == 0:
        basket = rng.choice(list(prices), 4, replace=False)
    code = basket[i % 4]
    q = int(rng.choice([1, 2, 3, 4, 6, 8, 12, 24, 48]))
    up = prices[code] * (0.85 if q >= 24 else 1.0)
    rows.append((f'{536000 + i // 4}', code, desc[code], q, (pd.Timestamp('2011-01-03') + pd.Timedelta(days=int(i // 8))).strftime('%Y-%m-%d %H:%M:%S'),
                 f'{up:.2f}', f'{12000 + int(rng.integers(0, 60))}.0', 'United Kingdom'))
uci = pd.DataFrame(rows, columns=['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])
write('uci-like.csv', uci)
print('uci-like: gross (quantity x unit price) = %.2f' % (uci.Quantity * uci.UnitPrice.astype(float)).sum())

# 3. price = quantity x another numeric column (no product or category to compare within)
rows = []
for i in range(200):
    each = round(float(rng.uniform(2, 80)), 2)
    q = int(rng.integers(1, 7))
    rows.append((f'O{i}', f'c{int(rng.integers(0, 40))}', f'2024-0{1 + i % 9}-1{i % 10}', q, f'{each:.2f}', f'{each * q:.2f}'))
times = pd.DataFrame(rows, columns=['order_id', 'customer', 'order_date', 'quantity', 'per_item', 'price'])
write('price-times-column.csv', times)
print('price-times-column: gross (price is line total) = %.2f' % times.price.astype(float).sum())

# 4. amount column present and equal to quantity x price (price is a unit price)
rows = []
for i in range(200):
    pr = round(float(rng.uniform(1, 50)), 2)
    q = int(rng.integers(1, 5))
    rows.append((f'O{i}', f'c{int(rng.integers(0, 40))}', f'2024-03-{1 + i % 28:02d}', rng.choice(['Pen', 'Book', 'Lamp', 'Mug']), q, f'{pr:.2f}', f'{pr * q:.2f}'))
amt = pd.DataFrame(rows, columns=['order_id', 'customer', 'order_date', 'product', 'quantity', 'price', 'amount'])
write('amount-column.csv', amt)
print('amount-column: gross (amount) = %.2f' % amt.amount.astype(float).sum())

# 5. one row per customer: spend per customer as price next to items bought, per category
unit5 = {'Books': 12.0, 'Garden': 45.5, 'Kitchen': 23.9, 'Toys': 9.75}
rows = []
for i in range(120):
    c = rng.choice(list(unit5))
    q = int(rng.integers(1, 9))
    rows.append((i + 1, rng.choice(['F', 'M']), int(rng.integers(18, 75)), c, q, f'{unit5[c] * q:.2f}'))
cust = pd.DataFrame(rows, columns=['customer_id', 'gender', 'age', 'category', 'quantity', 'price'])
write('per-customer.csv', cust)
print('per-customer: gross (price is line total) = %.2f' % cust.price.astype(float).sum())

# 6. mixed evidence: half the rows of each product carry a unit price, half a line total
unit6 = {'Pen': 1.5, 'Book': 12.0, 'Lamp': 30.0, 'Mug': 6.0, 'Cable': 9.0, 'Chair': 80.0}
rows = []
for i in range(300):
    prod = rng.choice(list(unit6))
    q = int(rng.integers(1, 6))
    pr = unit6[prod] * (q if i % 2 else 1)
    rows.append((f'O{i}', f'c{int(rng.integers(0, 30))}', f'2024-05-{1 + i % 28:02d}', prod, q, f'{pr:.2f}'))
mixed = pd.DataFrame(rows, columns=['order_id', 'customer', 'order_date', 'product', 'quantity', 'price'])
write('mixed.csv', mixed)
pm = mixed.price.astype(float)
print('mixed: sum(price) = %.2f, sum(quantity x price) = %.2f' % (pm.sum(), (pm * mixed.quantity).sum()))
