// Example queries one click away. They read only canonical columns, so they run on any
// loaded file (a column whose role is unmapped is NULL, never missing); each one suits
// a chart type of the one-click chart.

/** An example query and the menu label it goes by. */
export interface Example {
  label: string;
  sql: string;
}

/** The examples, the first being the editor's default text. */
export const EXAMPLES: readonly Example[] = [
  {
    label: 'Revenue by category',
    sql: `-- Revenue by category, largest first
SELECT category,
  sum(amount) AS revenue,
  count(DISTINCT tx_id) AS orders,
  count(DISTINCT customer_id) AS customers
FROM sales
GROUP BY category
ORDER BY revenue DESC`,
  },
  {
    label: 'Top customers',
    sql: `-- The 100 customers who spent most
SELECT customer_id,
  sum(amount) AS spend,
  count(DISTINCT tx_id) AS orders,
  min(ts)::DATE AS first_purchase,
  max(ts)::DATE AS last_purchase
FROM sales
WHERE customer_id IS NOT NULL
GROUP BY customer_id
ORDER BY spend DESC
LIMIT 100`,
  },
  {
    label: 'Monthly revenue, 3-month moving average',
    sql: `-- Revenue per month with window functions: moving average and change on the month before
WITH monthly AS (
  SELECT date_trunc('month', ts)::DATE AS month, sum(amount) AS revenue
  FROM sales
  WHERE ts IS NOT NULL
  GROUP BY ALL
)
SELECT month,
  revenue,
  avg(revenue) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS revenue_3m_avg,
  revenue / lag(revenue) OVER (ORDER BY month) - 1 AS change_vs_prev_month
FROM monthly
ORDER BY month`,
  },
  {
    label: 'New customers per month',
    sql: `-- Customers by the month of their first purchase
WITH firsts AS (
  SELECT customer_id, min(ts) AS first_purchase
  FROM sales
  WHERE customer_id IS NOT NULL AND ts IS NOT NULL
  GROUP BY customer_id
)
SELECT date_trunc('month', first_purchase)::DATE AS month, count(*) AS new_customers
FROM firsts
GROUP BY ALL
ORDER BY month`,
  },
  {
    label: 'Basket value distribution',
    sql: `-- Value of each transaction (its chart is a histogram)
SELECT sum(amount) AS basket_value
FROM sales
GROUP BY tx_id`,
  },
  {
    label: 'Spend vs orders per customer',
    sql: `-- One row per customer (its chart is a scatter)
SELECT count(DISTINCT tx_id) AS orders, sum(amount) AS spend
FROM sales
WHERE customer_id IS NOT NULL
GROUP BY customer_id`,
  },
  {
    label: 'Repeat customers by country',
    sql: `-- From the customers table: share of customers who came back, by country
SELECT country,
  count(*) AS customers,
  avg((visits > 1)::INT) AS repeat_rate,
  median(spend) AS median_spend
FROM customers
GROUP BY country
ORDER BY customers DESC`,
  },
  {
    label: 'Products bought together',
    sql: `-- Pairs of products in the same transaction
WITH items AS (SELECT DISTINCT tx_id, product FROM sales WHERE product IS NOT NULL)
SELECT a.product AS product_a, b.product AS product_b, count(*) AS baskets
FROM items a
JOIN items b ON a.tx_id = b.tx_id AND a.product < b.product
GROUP BY ALL
ORDER BY baskets DESC
LIMIT 20`,
  },
  {
    label: 'Profile every column of sales',
    sql: `SUMMARIZE sales`,
  },
];

/** The editor's text before the analyst types anything. */
export const DEFAULT_SQL = (EXAMPLES[0] as Example).sql;
