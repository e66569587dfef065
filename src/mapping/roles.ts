// The roles a column can play and how a column name suggests one. Names are matched
// after normalisation (camelCase split, punctuation to spaces, lower case), so
// `CustomerID`, `customer_id` and `Customer ID` all read "customer id".

/** A column's role. Canonical roles map to one `sales` column each; the rest are kept as extras or ignored. */
export type Role =
  | 'customer'
  | 'date'
  | 'amount'
  | 'quantity'
  | 'unit_price'
  | 'tx_id'
  | 'product'
  | 'category'
  | 'country'
  | 'region'
  | 'payment'
  | 'gender'
  | 'age'
  | 'income'
  | 'score'
  | 'dimension'
  | 'attribute'
  | 'ignore';

/** The value kind a role needs: numbers, dates, or anything. */
export type RoleKind = 'number' | 'date' | 'any' | 'text';

/** What the page shows for each role, in the order of the role picker. */
export const ROLE_INFO: readonly { role: Role; label: string; kind: RoleKind; help: string }[] = [
  { role: 'customer', label: 'Customer', kind: 'any', help: 'who bought: customer id, user name or e-mail' },
  { role: 'date', label: 'Date', kind: 'date', help: 'when the purchase happened' },
  { role: 'amount', label: 'Amount (line total)', kind: 'number', help: 'money for the row; negative means a return' },
  { role: 'quantity', label: 'Quantity', kind: 'number', help: 'items on the row' },
  { role: 'unit_price', label: 'Unit price', kind: 'number', help: 'price per item; amount = quantity × unit price' },
  { role: 'tx_id', label: 'Transaction id', kind: 'text', help: 'invoice / order / receipt number grouping lines into one purchase' },
  { role: 'product', label: 'Product', kind: 'text', help: 'product name or code' },
  { role: 'category', label: 'Category', kind: 'text', help: 'product category' },
  { role: 'country', label: 'Country', kind: 'text', help: 'country name or ISO code' },
  { role: 'region', label: 'Region / state', kind: 'text', help: 'region, state, city or location' },
  { role: 'payment', label: 'Payment method', kind: 'text', help: 'card, cash, wallet…' },
  { role: 'gender', label: 'Gender', kind: 'text', help: 'customer gender' },
  { role: 'age', label: 'Age', kind: 'number', help: 'customer age in years' },
  { role: 'income', label: 'Income', kind: 'number', help: 'customer income' },
  { role: 'score', label: 'Spending score', kind: 'number', help: 'a spending score such as 1–100' },
  { role: 'dimension', label: 'Other category', kind: 'any', help: 'kept for breakdowns' },
  { role: 'attribute', label: 'Other number', kind: 'number', help: 'kept as a numeric attribute' },
  { role: 'ignore', label: 'Ignore', kind: 'any', help: 'not used' },
];

/** Roles that at most one column may hold. */
export const SINGLE_ROLES: readonly Role[] = ROLE_INFO.map((r) => r.role).filter((r) => r !== 'dimension' && r !== 'attribute' && r !== 'ignore');

/** Normalises a column name: camelCase and digits split, punctuation to spaces, lower case. */
export function normaliseName(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Patterns per role, strongest first; the score is how sure a name makes us.
const NAME_PATTERNS: readonly { role: Role; re: RegExp; score: number }[] = [
  { role: 'customer', re: /^(customer|cust|client|user|member|buyer|shopper|account|consumer)( ?(id|no|nr|number|key|code|ref))$/, score: 100 },
  { role: 'customer', re: /^(customer|client|buyer|shopper|consumer)$/, score: 95 },
  { role: 'customer', re: /\b(customer|cust|client|member|buyer|shopper)\b.*\b(id|no|number|key|code)\b/, score: 90 },
  { role: 'customer', re: /^(user ?name|customer name|client name|e ?mail|email address|customer email|user)$/, score: 75 },
  { role: 'customer', re: /\b(customer|client)\b/, score: 60 },
  { role: 'date', re: /^(date|datetime|timestamp|time ?stamp|order date|invoice date|purchase date|transaction date|sale date|sales date|created at|order time|purchase time|transaction time|invoice time|date time)$/, score: 100 },
  { role: 'date', re: /\b(date|datetime|timestamp)\b/, score: 90 },
  { role: 'date', re: /\b(time|day|created|ordered|purchased)\b/, score: 60 },
  { role: 'amount', re: /^(amount|total|revenue|sales|sale amount|sales amount|line total|total amount|purchase amount|order total|order amount|net amount|gross amount|transaction amount|total price|total sales|spend|spent|value|sale value|price total|payment amount|paid)( usd| eur| gbp)?$/, score: 100 },
  { role: 'amount', re: /\b(amount|revenue|line total|total price|sales value|turnover)\b/, score: 90 },
  { role: 'amount', re: /\b(total|sales|spend|spent)\b/, score: 65 },
  { role: 'quantity', re: /^(quantity|qty|units|unit count|units sold|quantity sold|number of items|num items|items|pieces|pcs|count)$/, score: 100 },
  { role: 'quantity', re: /\b(quantity|qty|units)\b/, score: 85 },
  { role: 'unit_price', re: /^(unit ?price|price each|unit cost|item price|price per unit|unit price usd|price)( usd| eur| gbp)?$/, score: 100 },
  { role: 'unit_price', re: /\b(price|unit ?price|cost|rate)\b/, score: 70 },
  { role: 'tx_id', re: /^(invoice|invoice ?(id|no|nr|number|num)|transaction ?(id|no|nr|number|num)?|order ?(id|no|nr|number|num|ref|reference)|receipt ?(id|no|nr|number|num)?|basket ?(id|no)?|bill ?(id|no|number)|txn ?(id|no)?|tx ?id|sale ?(id|no))$/, score: 100 },
  { role: 'tx_id', re: /\b(invoice|transaction|order|receipt|basket|txn)\b.*\b(id|no|nr|number|num|ref|reference)\b/, score: 85 },
  { role: 'category', re: /^(category|product category|item category|categories|department|dept|product type|product line|product group|category name|main category|genre)$/, score: 100 },
  { role: 'category', re: /\b(category|categ|department)\b/, score: 85 },
  { role: 'product', re: /^(product|product name|item|item name|item purchased|description|product description|item description|article|article name|product title|title|sku name)$/, score: 100 },
  { role: 'product', re: /\b(product|item)\b.*\b(name|description|title)\b/, score: 90 },
  { role: 'product', re: /^(sku|stock ?code|product ?(id|code|no)|item ?(id|code|no)|article ?(id|no))$/, score: 70 },
  { role: 'product', re: /\b(product|item|sku|article)\b/, score: 55 },
  { role: 'country', re: /^(country|nation|country name|country code|country iso|iso country|ctry)$/, score: 100 },
  { role: 'country', re: /\bcountry\b/, score: 85 },
  { role: 'region', re: /^(region|state|province|location|city|area|territory|zone|county|market|store location|sales region|us state)$/, score: 100 },
  { role: 'region', re: /\b(region|state|province|location|city|territory)\b/, score: 75 },
  { role: 'payment', re: /^(payment|payment method|payment type|payment mode|pay method|paymethod|tender|tender type|card type|payment channel)$/, score: 100 },
  { role: 'payment', re: /\bpayment\b/, score: 85 },
  { role: 'gender', re: /^(gender|sex|genre sex|customer gender)$/, score: 100 },
  { role: 'gender', re: /\b(gender|sex)\b/, score: 85 },
  { role: 'age', re: /^(age|customer age|age years|age in years)$/, score: 100 },
  { role: 'age', re: /\bage\b(?! group| band| range)/, score: 75 },
  { role: 'income', re: /^(income|annual income|salary|annual salary|yearly income|household income|earnings)( k| usd| k usd| k \$)?$/, score: 100 },
  { role: 'income', re: /\b(income|salary|earnings)\b/, score: 85 },
  { role: 'score', re: /^(spending score|spend score|score)( 1 100)?$/, score: 100 },
  { role: 'score', re: /\bspending score\b/, score: 90 },
  // Other languages' exports (German, French, Spanish, Italian, Portuguese, Dutch, Turkish), matched after the
  // English names so an English name always wins; compound words (Kundennr, Einzelpreis) are whole names.
  { role: 'customer', re: /^(kunde|kunden ?(id|nr|nummer)|kundennr|kundennummer|client ?(id|no|n°)|id client|numéro client|cliente|id cliente|(codigo|código|numero|número) (de )?cliente|klant|klant ?(id|nr|nummer)|klantnummer|müşteri|musteri|müşteri (id|no)|musteri (id|no))$/, score: 95 },
  { role: 'date', re: /^(datum|bestelldatum|rechnungsdatum|kaufdatum|belegdatum|verkaufsdatum|fecha|fecha (de )?(compra|pedido|venta|factura)|date (de )?(commande|facture|achat|vente)|data|data (do |della |dell )?(pedido|compra|ordine|vendita|acquisto)|orderdatum|factuurdatum|tarih|sipariş tarihi|siparis tarihi|fatura tarihi)$/, score: 95 },
  { role: 'amount', re: /^(betrag|umsatz|gesamt|gesamtbetrag|gesamtpreis|summe|bruttobetrag|nettobetrag|montant|montant total|montant ttc|montant ht|importe|importe total|total (venta|pedido|factura)|importo|importo totale|valor|valor total|bedrag|totaalbedrag|omzet|tutar|toplam|toplam tutar)$/, score: 95 },
  { role: 'quantity', re: /^(menge|anzahl|stück|stueck|stückzahl|quantité|quantite|qté|qte|cantidad|cant|quantità|quantita|quantidade|qtd|aantal|hoeveelheid|adet|miktar)$/, score: 95 },
  { role: 'unit_price', re: /^(einzelpreis|stückpreis|stueckpreis|preis|preis pro stück|prix|prix unitaire|pu|precio|precio unitario|prezzo|prezzo unitario|preço|preco|preço unitário|preco unitario|prijs|stukprijs|eenheidsprijs|fiyat|birim fiyat)$/, score: 95 },
  { role: 'tx_id', re: /^(bestellung|bestellnr|bestellnummer|bestell ?(id|nr|nummer)|rechnung|rechnungsnr|rechnungsnummer|belegnr|belegnummer|beleg|auftragsnr|auftragsnummer|bon ?nr|bonnummer|commande|n° commande|numéro (de )?commande|facture|n° facture|numéro (de )?facture|ticket|pedido|n° pedido|numero (de )?pedido|número (de )?pedido|factura|numero (de )?factura|número (de )?factura|ordine|numero ordine|fattura|numero fattura|bestelnummer|bestelling|factuurnummer|bonnummer|sipariş|siparis|sipariş no|siparis no|fatura|fatura no|fiş no|fis no)$/, score: 95 },
  { role: 'product', re: /^(artikel|artikelname|artikelbezeichnung|bezeichnung|produkt|produktname|ware|produit|nom (du )?produit|désignation|designation|libellé|libelle|producto|nombre (del )?producto|artículo|articulo|descripción|descripcion|prodotto|articolo|descrizione|produto|descrição|descricao|omschrijving|ürün|urun|ürün adı|urun adi)$/, score: 95 },
  { role: 'product', re: /^(artikelnr|artikelnummer|artikel ?(id|nr)|produkt ?(id|nr)|sku|référence|reference|réf|ref|código|codigo|codice|artikelcode)$/, score: 70 },
  { role: 'category', re: /^(kategorie|warengruppe|produktkategorie|abteilung|catégorie|categorie|rayon|categoría|categoria|reparto|kategori|productgroep)$/, score: 95 },
  { role: 'country', re: /^(land|lieferland|pays|país|pais|paese|nazione|ülke|ulke)$/, score: 95 },
  { role: 'region', re: /^(bundesland|region|stadt|ort|filiale|ville|département|departement|ciudad|provincia|estado|città|citta|regione|cidade|stad|provincie|şehir|sehir|il|mağaza|magaza|shopping mall|mall|store|shop|branch)$/, score: 90 },
  { role: 'payment', re: /^(zahlungsart|zahlungsmethode|zahlweise|bezahlart|mode de paiement|moyen de paiement|paiement|forma de pago|método de pago|metodo de pago|pago|metodo di pagamento|pagamento|forma de pagamento|betaalmethode|ödeme|odeme|ödeme yöntemi|odeme yontemi)$/, score: 95 },
  { role: 'gender', re: /^(geschlecht|sexe|sexo|género|genero|genere|geslacht|cinsiyet)$/, score: 95 },
  { role: 'age', re: /^(alter|âge|edad|età|eta|idade|leeftijd|yaş|yas)$/, score: 95 },
];

/** Scores each role a column name suggests (0–100); roles not suggested are absent. */
export function nameScores(name: string): Map<Role, number> {
  const n = normaliseName(name);
  const out = new Map<Role, number>();
  for (const p of NAME_PATTERNS) {
    if (p.re.test(n) && (out.get(p.role) ?? 0) < p.score) out.set(p.role, p.score);
  }
  return out;
}
