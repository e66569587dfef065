// What counts as a product to recommend or pair. Shop exports mix merchandise with service
// lines: postage, carriage, fees, manual adjustments, bank charges, vouchers. On UCI Online
// Retail "DOTCOM POSTAGE" is the top seller by revenue and "POSTAGE" sits in 1,126 baskets,
// so left in they lead the cold-start list and pair with everything foreign customers buy.
// They stay in sales, KPIs and customer spend (money is money); every product-level
// analysis skips them through isProductSql: product leaderboards, favourites, pairs,
// bundles, "also bought", recommendations and their evaluation, product growth. They are
// shown once, on their own, as "Service and fees" (serviceLinesSql in breakdowns.ts).

/**
 * Product names that are services, not merchandise (RE2, case-insensitive): whole names
 * such as "Manual", "SAMPLES", "Discount", "CARRIAGE", "Bank Charges", "Adjust bad debt",
 * or names holding the words postage, shipping, delivery charge, fee(s), commission or gift
 * voucher ("DOTCOM POSTAGE", "AMAZON FEE", "CRUK Commission"), and shipping in other languages
 * (Versandkosten, Porto, frais de port, envío, spedizione, verzendkosten, kargo). Word bounds keep
 * "BIRD FEEDER" and "MANUAL COFFEE GRINDER" products.
 */
export const SERVICE_PRODUCT_PATTERN =
  '^\\s*(?:manual|samples?|discount|carriage|bank charges?|adjust(?:ment)?\\b.*)\\s*$|\\b(?:postage|shipping|delivery charges?|fees?|commission|gift ?vouchers?|versand(?:kosten)?|porto|frais de (?:port|livraison)|gastos de env[ií]o|env[ií]o|spedizione|verzendkosten|kargo)\\b';

/** SQL predicate: `column` is a product (not NULL, not a service line). */
export function isProductSql(column = 'product'): string {
  return `(${column} IS NOT NULL AND NOT regexp_matches(${column}, '${SERVICE_PRODUCT_PATTERN}', 'i'))`;
}

/** SQL predicate: `column` is a service line (the complement of isProductSql among non-NULL names). */
export function isServiceSql(column = 'product'): string {
  return `(${column} IS NOT NULL AND regexp_matches(${column}, '${SERVICE_PRODUCT_PATTERN}', 'i'))`;
}
