#!/usr/bin/env node
// Deterministic generator of the built-in sample: two years of an online shop's
// transaction lines (CSV), with realistic rhythms and a few planted quality problems.
//
//   node scripts/generate-sample.mjs [--rows N] [--out PATH] [--seed S] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--customers N]
//
// --rows is the approximate number of sale TRANSACTIONS (baskets, 1–5 lines each); the
// default writes public/sample.csv.gz. PATH ending in .gz is gzip, anything else plain CSV.
// Plain Node 20 ESM, no dependencies. Same arguments → byte-identical CSV on any machine
// (own PRNG, integer-cent money, no locale or time-zone formatting). The .gz bytes are
// identical for the same zlib build; the gzip header carries no mtime or name and its OS
// byte is pinned to 255 ("unknown") so macOS and Linux agree there too.
//
// How it works, in the order of the code:
//   1. a fixed catalogue (categories, products, unit prices, bought-together pairs);
//   2. a daily weight: weekday × season × holidays × growth, which spreads --rows over days;
//   3. customers acquired over time, each with an age, country, payment preference,
//      favourite categories, a heavy-tailed purchase rate and a lifetime (churn);
//   4. day by day: pick the day's buyers among active customers (weighted by rate),
//      give each a time from the weekday × hour profile, build baskets, plant problems,
//      schedule returns on later days, and stream the lines out sorted by time.

import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';

const HEADER =
  'Transaction_ID,User_Name,Age,Country,Product_Category,Product_Name,Quantity,Purchase_Amount,Payment_Method,Transaction_Date';

const DEFAULTS = { rows: 55000, seed: 'basket-lens', start: '2024-01-01', end: '2025-12-31', out: 'public/sample.csv.gz' };

// ─── Random numbers ──────────────────────────────────────────────────────────────────────
// sfc32 seeded through cyrb128 of the seed string: any string or number is a seed.

function cyrb128(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function createRandom(seed) {
  let [a, b, c, d] = cyrb128(String(seed));
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const rnd = {
    next,
    /** Uniform integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** Standard normal (Box–Muller, one value per call). */
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    /** Exponential with the given mean. */
    exp: (mean) => -Math.log(1 - next()) * mean,
    /** Index drawn from non-negative weights (linear scan: the lists here are short). */
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
  return rnd;
}

/** Index in a cumulative-weight array (last value = total) by binary search. */
function pickCumulative(cum, x) {
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ─── Catalogue ──────────────────────────────────────────────────────────────────────────
// [name, unit price, season?]; season: 'winter' | 'summer' | 'xmas' shifts the product's
// weight by month. Prices are fixed: amount = quantity × price, always.

const CATALOGUE = {
  Electronics: [
    ['Smartphone Nova 12 128GB', 649.0], ['Smartphone Nova 12 Pro 256GB', 949.0], ['Budget Smartphone A5 64GB', 179.0],
    ['Phone Case, Clear', 14.99], ['Tempered Glass Screen Protector', 9.99], ['USB-C Fast Charger 30W', 24.99],
    ['USB-C Cable 2m', 9.99], ['Wireless Earbuds', 79.99], ['Noise-Cancelling Headphones', 249.0],
    ['Bluetooth Speaker Mini', 39.99], ['Laptop 14" Ultrabook 16GB', 1099.0], ['Laptop Sleeve 14"', 24.99],
    ['Wireless Mouse', 19.99], ['Mechanical Keyboard', 89.99], ['Monitor 27" QHD', 279.0], ['Tablet 10" 64GB', 329.0],
    ['Tablet Folio Cover', 29.99], ['Smartwatch Active 2', 199.0], ['Games Console S', 449.0],
    ['Extra Wireless Controller', 59.99], ['Mirrorless Camera Kit', 1299.0], ['SD Card 128GB', 19.99],
    ['E-Reader 6" Glow', 139.99], ['Power Bank 20000mAh', 34.99], ['4K Smart TV 55"', 599.0], ['HDMI Cable 2m', 8.99],
    ['AA Batteries, 12 Pack', 7.99],
  ],
  Books: [
    ['The Silent Harbour', 8.99], ['Harbour Lights (Silent Harbour #2)', 9.99], ['Midnight in Lisbon', 9.99],
    ['The Last Orchard', 8.49], ['Salt and Iron: A Novel', 10.99], ["The Cartographer's Daughter", 9.49],
    ['Learning Python, 6th Edition', 54.99], ['Data Science from Scratch', 39.99], ['The Joy of Slow Cooking', 22.0],
    ['Everyday Baking', 18.99], ['Mountain Trails of Europe', 16.99], ["Children's Picture Atlas", 12.99],
    ["The Dragon Who Couldn't Sleep", 6.99], ['Mindful Mornings', 11.99], ['Personal Finance Made Simple', 14.99],
    ['A Brief History of Tea', 12.49], ['Star Atlas for Beginners', 19.99], ['The Garden Year', 21.99],
    ['Crossword Collection Vol. 3', 7.99], ['Mystery Box Set, Books 1-3', 24.99], ['Christmas Cookbook', 17.99, 'xmas'],
  ],
  Clothing: [
    ['Cotton T-Shirt', 12.99], ['Slim Fit Jeans', 39.99], ['Hooded Sweatshirt', 34.99], ['Wool Jumper', 49.99, 'winter'],
    ['Rain Jacket', 69.99], ['Winter Parka', 149.0, 'winter'], ['Leather Belt', 24.99], ['Ankle Socks, 5 Pack', 9.99],
    ['Running Shoes', 89.99], ['Leather Chelsea Boots', 119.0, 'winter'], ['Summer Dress', 44.99, 'summer'],
    ['Linen Shirt', 34.99, 'summer'], ['Chino Shorts', 27.99, 'summer'], ['Knit Beanie', 14.99, 'winter'],
    ['Leather Gloves', 29.99, 'winter'], ['Silk Scarf', 39.99], ['Swim Shorts', 22.99, 'summer'], ['Pyjama Set', 29.99],
    ['Christmas Jumper', 29.99, 'xmas'],
  ],
  'Home & Kitchen': [
    ['Drip Coffee Maker', 49.99], ['Espresso Machine', 299.0], ['Milk Frother', 24.99], ['Electric Kettle', 29.99],
    ['2-Slice Toaster', 34.99], ['Air Fryer 5.5L', 89.99], ['Stand Mixer', 249.0], ["Chef's Knife 20cm", 44.99],
    ['Non-Stick Frying Pan 28cm', 32.99], ['Cast Iron Casserole 24cm', 89.0], ['Cotton Bath Towel Set', 34.99],
    ['Duvet Cover, Double', 39.99], ['Scented Candle', 14.99], ['Storage Jars, Set of 3', 19.99],
    ['Robot Vacuum Cleaner', 349.0], ['Cordless Stick Vacuum', 199.0], ['Blender 600W', 49.99], ['Water Filter Jug', 24.99],
    ['Replacement Water Filters, 3 Pack', 17.99], ['Coffee Grinder', 39.99], ['Reusable Shopping Bag', 2.99],
  ],
  Beauty: [
    ['Hydrating Face Cream 50ml', 18.99], ['Vitamin C Serum 30ml', 24.99], ['Gentle Cleanser 200ml', 9.99],
    ['SPF 50 Sunscreen 100ml', 12.99, 'summer'], ['Argan Oil Shampoo 250ml', 8.99], ['Argan Oil Conditioner 250ml', 8.99],
    ['Matte Lipstick', 14.99], ['Volume Mascara', 12.99], ['Eau de Parfum 50ml', 64.99], ['Hair Dryer 2000W', 49.99],
    ['Electric Toothbrush', 59.99], ['Toothbrush Heads, 4 Pack', 19.99], ['Hand Cream Trio', 12.99],
    ['Nail Polish Set', 16.99], ['Beard Trimmer', 39.99], ['Makeup Brush Set', 22.99], ['Bath Gift Set', 24.99, 'xmas'],
  ],
  'Sports & Outdoors': [
    ['Yoga Mat 6mm', 24.99], ['Yoga Blocks, Pair', 14.99], ['Adjustable Dumbbells 20kg', 129.0], ['Resistance Bands Set', 19.99],
    ['Insulated Water Bottle 750ml', 19.99], ['2-Person Tent', 119.0, 'summer'], ['Sleeping Bag 3-Season', 59.99, 'summer'],
    ['Camping Stove', 34.99, 'summer'], ['Hiking Backpack 40L', 79.99], ['Trekking Poles, Pair', 39.99],
    ['Road Bike Helmet', 49.99], ['Bike Lights Set', 24.99], ['Football Size 5', 19.99], ['Tennis Racket', 89.99, 'summer'],
    ['Tennis Balls, 4 Pack', 6.99, 'summer'], ['Fitness Tracker Band', 49.99], ['Foam Roller', 17.99],
  ],
  'Toys & Games': [
    ['Building Bricks Starter Set', 29.99], ['Building Bricks Castle', 89.99], ['Wooden Train Set', 49.99],
    ['Plush Teddy Bear', 19.99], ['Strategy Board Game', 39.99], ['Board Game Expansion Pack', 24.99],
    ['Family Card Game', 12.99], ['1000-Piece Jigsaw Puzzle', 16.99], ['Remote Control Car', 44.99], ["Doll's House", 119.0],
    ['Art & Craft Kit', 24.99], ['Science Experiment Kit', 29.99], ['Console Game: Kart Racer', 49.99],
    ['Console Game: Galaxy Quest', 54.99], ['Water Blaster', 14.99, 'summer'], ['Advent Calendar', 24.99, 'xmas'],
  ],
  Groceries: [
    ['Coffee Beans, 1kg', 21.99], ['Ground Coffee, 500g', 8.99], ['Green Tea, 50 Bags', 4.49], ['Breakfast Tea, 240 Bags', 8.99],
    ['Organic Pasta, 500g', 1.89], ['Tomato & Basil Pasta Sauce', 2.49], ['Extra Virgin Olive Oil, 1L', 9.99],
    ['Basmati Rice, 2kg', 5.49], ['Dark Chocolate 85%', 2.29], ['Granola, 750g', 4.99], ['Mixed Nuts, 500g', 7.49],
    ['Sparkling Water, 12 x 500ml', 5.99], ['Oat Milk, 1L', 1.99], ['Honey, 340g', 5.49], ['Protein Bars, Box of 12', 17.99],
    ['Christmas Hamper', 59.99, 'xmas'],
  ],
  Garden: [
    ['Cordless Lawn Mower', 249.0, 'summer'], ['Hedge Trimmer', 89.99, 'summer'], ['Garden Hose 30m', 34.99, 'summer'],
    ['Hose Spray Gun', 12.99, 'summer'], ['Garden Gloves', 9.99], ['Pruning Shears', 19.99], ['Multi-Purpose Compost, 50L', 7.99],
    ['Tomato Seeds', 2.49], ['Herb Seed Collection', 8.99], ['Terracotta Pot 30cm', 14.99], ['Solar Garden Lights, 10 Pack', 29.99],
    ['Bird Feeder', 19.99], ['Wild Bird Seed, 2kg', 8.99], ['Rattan Garden Chair', 129.0, 'summer'],
    ['Charcoal BBQ Grill', 149.0, 'summer'], ['BBQ Charcoal, 5kg', 12.99, 'summer'],
  ],
  'Pet Supplies': [
    ['Dry Dog Food, 12kg', 49.99], ['Dog Treats, 500g', 6.99], ['Dog Lead', 14.99], ['Dog Bed Large', 49.99], ['Chew Toy', 7.99],
    ['Dry Cat Food, 4kg', 21.99], ['Wet Cat Food, 12 Pouches', 7.49], ['Cat Litter, 10L', 8.99], ['Cat Scratching Post', 34.99],
    ['Cat Toy Set', 9.99], ['Aquarium Starter Kit', 79.99], ['Fish Flakes', 4.99], ['Small Animal Hay, 1kg', 5.99],
    ['Pet Grooming Brush', 12.99],
  ],
};

// Products bought together: [anchor, companion, probability the companion joins a basket holding the anchor].
const PAIRS = [
  ['Smartphone Nova 12 128GB', 'Phone Case, Clear', 0.55], ['Smartphone Nova 12 128GB', 'Tempered Glass Screen Protector', 0.4],
  ['Smartphone Nova 12 Pro 256GB', 'Phone Case, Clear', 0.55], ['Smartphone Nova 12 Pro 256GB', 'Tempered Glass Screen Protector', 0.45],
  ['Smartphone Nova 12 Pro 256GB', 'USB-C Fast Charger 30W', 0.3], ['Budget Smartphone A5 64GB', 'Phone Case, Clear', 0.45],
  ['Budget Smartphone A5 64GB', 'SD Card 128GB', 0.25], ['USB-C Fast Charger 30W', 'USB-C Cable 2m', 0.4],
  ['Laptop 14" Ultrabook 16GB', 'Laptop Sleeve 14"', 0.5], ['Laptop 14" Ultrabook 16GB', 'Wireless Mouse', 0.4],
  ['Mechanical Keyboard', 'Wireless Mouse', 0.35], ['Monitor 27" QHD', 'HDMI Cable 2m', 0.45], ['4K Smart TV 55"', 'HDMI Cable 2m', 0.4],
  ['Tablet 10" 64GB', 'Tablet Folio Cover', 0.55], ['Mirrorless Camera Kit', 'SD Card 128GB', 0.6],
  ['Games Console S', 'Extra Wireless Controller', 0.55], ['Games Console S', 'Console Game: Kart Racer', 0.45],
  ['Games Console S', 'Console Game: Galaxy Quest', 0.3], ['Remote Control Car', 'AA Batteries, 12 Pack', 0.5],
  ['The Silent Harbour', 'Harbour Lights (Silent Harbour #2)', 0.45], ['Everyday Baking', 'The Joy of Slow Cooking', 0.2],
  ['Slim Fit Jeans', 'Leather Belt', 0.3], ['Slim Fit Jeans', 'Cotton T-Shirt', 0.35], ['Running Shoes', 'Ankle Socks, 5 Pack', 0.4],
  ['Winter Parka', 'Knit Beanie', 0.35], ['Winter Parka', 'Leather Gloves', 0.3], ['Knit Beanie', 'Leather Gloves', 0.2],
  ['Espresso Machine', 'Coffee Beans, 1kg', 0.6], ['Espresso Machine', 'Milk Frother', 0.4], ['Coffee Grinder', 'Coffee Beans, 1kg', 0.55],
  ['Drip Coffee Maker', 'Ground Coffee, 500g', 0.55], ['Milk Frother', 'Oat Milk, 1L', 0.3],
  ['Water Filter Jug', 'Replacement Water Filters, 3 Pack', 0.5], ['Stand Mixer', 'Everyday Baking', 0.3],
  ['Argan Oil Shampoo 250ml', 'Argan Oil Conditioner 250ml', 0.6], ['Electric Toothbrush', 'Toothbrush Heads, 4 Pack', 0.45],
  ['Hydrating Face Cream 50ml', 'Gentle Cleanser 200ml', 0.3], ['Vitamin C Serum 30ml', 'Hydrating Face Cream 50ml', 0.3],
  ['Yoga Mat 6mm', 'Yoga Blocks, Pair', 0.5], ['2-Person Tent', 'Sleeping Bag 3-Season', 0.55], ['2-Person Tent', 'Camping Stove', 0.35],
  ['Road Bike Helmet', 'Bike Lights Set', 0.45], ['Tennis Racket', 'Tennis Balls, 4 Pack', 0.6],
  ['Strategy Board Game', 'Board Game Expansion Pack', 0.35], ['Building Bricks Castle', 'Building Bricks Starter Set', 0.2],
  ['Organic Pasta, 500g', 'Tomato & Basil Pasta Sauce', 0.6], ['Granola, 750g', 'Oat Milk, 1L', 0.3],
  ['Garden Hose 30m', 'Hose Spray Gun', 0.55], ['Charcoal BBQ Grill', 'BBQ Charcoal, 5kg', 0.6], ['Bird Feeder', 'Wild Bird Seed, 2kg', 0.55],
  ['Tomato Seeds', 'Multi-Purpose Compost, 50L', 0.4], ['Herb Seed Collection', 'Terracotta Pot 30cm', 0.35],
  ['Cordless Lawn Mower', 'Garden Gloves', 0.3], ['Pruning Shears', 'Garden Gloves', 0.3],
  ['Dry Dog Food, 12kg', 'Dog Treats, 500g', 0.5], ['Dry Cat Food, 4kg', 'Cat Litter, 10L', 0.5], ['Dry Cat Food, 4kg', 'Wet Cat Food, 12 Pouches', 0.4],
  ['Aquarium Starter Kit', 'Fish Flakes', 0.6], ['Dog Bed Large', 'Chew Toy', 0.3],
];

// Category facts: share of lines, share of lines returned, monthly factor (Jan..Dec), repeat-buy habit.
const CATEGORY_INFO = {
  Electronics: { share: 0.14, returns: 0.026, season: [0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.0, 1.5, 1.4] },
  Books: { share: 0.12, returns: 0.005, season: [1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 1.0, 1.2] },
  Clothing: { share: 0.15, returns: 0.045, season: [1.3, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 0.9, 1.1, 1.1, 1.1, 1.1] },
  'Home & Kitchen': { share: 0.13, returns: 0.02, season: [1.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.2, 1.2] },
  Beauty: { share: 0.1, returns: 0.008, repeat: 0.35, season: [0.9, 1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.4] },
  'Sports & Outdoors': { share: 0.08, returns: 0.025, season: [1.5, 1.2, 1.1, 1.1, 1.2, 1.2, 1.1, 1.0, 0.9, 0.8, 0.8, 0.8] },
  'Toys & Games': { share: 0.07, returns: 0.02, season: [0.7, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 1.1, 1.9, 2.6] },
  Groceries: { share: 0.11, returns: 0, repeat: 0.5, season: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.3] },
  Garden: { share: 0.05, returns: 0.02, season: [0.3, 0.4, 0.9, 1.8, 2.2, 2.0, 1.7, 1.3, 0.8, 0.5, 0.3, 0.3] },
  'Pet Supplies': { share: 0.05, returns: 0.008, repeat: 0.55, season: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1] },
};

const PRODUCT_SEASON = {
  winter: [2.2, 1.8, 1.0, 0.6, 0.3, 0.2, 0.2, 0.3, 0.7, 1.3, 2.0, 2.3],
  summer: [0.3, 0.4, 0.8, 1.4, 2.0, 2.4, 2.4, 2.0, 1.0, 0.5, 0.3, 0.3],
  xmas: [0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.4, 2.5, 6.0],
};

// ─── People ─────────────────────────────────────────────────────────────────────────────

const NAMES = {
  en: {
    first: 'olivia amelia isla ava emily sophie grace mia poppy ella lily evie chloe jessica sarah emma hannah lucy charlotte megan rachel laura oliver george harry jack jacob noah charlie thomas oscar william james leo alfie henry joshua daniel samuel ethan liam ryan michael david john robert peter paul mark andrew chris matthew',
    last: 'smith jones taylor brown williams wilson johnson davies robinson wright thompson evans walker white roberts green hall wood jackson clarke murphy kelly miller davis anderson moore lee harris clark lewis young king scott baker hughes edwards turner parker cooper morris',
  },
  ie: {
    first: 'aoife ciara niamh saoirse siobhan grainne orla emma sarah kate sean conor cian oisin darragh padraig eoin liam jack james patrick michael',
    last: 'murphy kelly byrne ryan walsh obrien oconnor doyle mccarthy gallagher doherty kennedy lynch murray quinn moore mclaughlin carroll',
  },
  de: {
    first: 'lukas leon finn jonas paul felix maximilian elias noah ben jan tim tobias florian stefan anna lena lea hannah laura sarah julia lisa marie sophie katharina johanna emma mia clara',
    last: 'mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch richter klein wolf schroeder neumann schwarz zimmermann braun krueger hartmann lange werner krause',
  },
  fr: {
    first: 'lucas hugo louis jules gabriel arthur nathan theo raphael paul antoine nicolas julien camille lea manon chloe emma ines jade louise alice lina sarah juliette claire marie pauline',
    last: 'martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel garcia david bertrand roux vincent fournier morel girard andre mercier dupont lambert bonnet fontaine',
  },
  nl: {
    first: 'daan sem lucas levi finn milan thijs jesse bram lars ruben sanne emma julia sophie lotte fleur anouk eva lisa isa noor femke iris',
    last: 'dejong jansen devries vandenberg vandijk bakker janssen visser smit meijer deboer mulder degroot bos vos peters hendriks vanleeuwen dekker brouwer',
  },
  es: {
    first: 'hugo martin lucas mateo daniel pablo alejandro alvaro adrian diego javier carlos sergio lucia sofia martina maria paula julia valeria alba carmen laura elena marta sara',
    last: 'garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez diaz moreno alvarez munoz romero alonso navarro torres dominguez',
  },
  it: {
    first: 'leonardo francesco alessandro lorenzo mattia andrea gabriele riccardo tommaso matteo marco luca giulia sofia aurora alice ginevra emma giorgia beatrice chiara francesca martina sara elena',
    last: 'rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti deluca mancini costa giordano rizzo lombardi moretti barbieri fontana',
  },
};
for (const k of Object.keys(NAMES)) NAMES[k] = { first: NAMES[k].first.split(' '), last: NAMES[k].last.split(' ') };

// Country: share of customers, name lists, payment-method shares (the customer's usual one is drawn from these).
const PAY = ['Credit Card', 'Debit Card', 'PayPal', 'Apple Pay', 'Google Pay', 'Cash on Delivery', 'iDEAL', 'Klarna'];
const COUNTRIES = [
  { name: 'United Kingdom', share: 0.36, names: ['en'], pay: [28, 36, 18, 11, 4, 1, 0, 2] },
  { name: 'Germany', share: 0.14, names: ['de'], pay: [14, 12, 36, 6, 3, 9, 0, 20] },
  { name: 'France', share: 0.11, names: ['fr'], pay: [48, 10, 20, 10, 4, 6, 0, 2] },
  { name: 'United States', share: 0.09, names: ['en'], pay: [50, 18, 16, 12, 4, 0, 0, 0] },
  { name: 'Netherlands', share: 0.07, names: ['nl'], pay: [10, 6, 14, 5, 2, 2, 58, 3] },
  { name: 'Spain', share: 0.07, names: ['es'], pay: [38, 20, 20, 6, 4, 12, 0, 0] },
  { name: 'Italy', share: 0.06, names: ['it'], pay: [36, 12, 28, 6, 3, 15, 0, 0] },
  { name: 'Ireland', share: 0.05, names: ['ie', 'en'], pay: [30, 38, 16, 12, 3, 1, 0, 0] },
  { name: 'Belgium', share: 0.03, names: ['nl', 'fr'], pay: [30, 30, 18, 8, 4, 6, 2, 2] },
];

// ─── Calendar ───────────────────────────────────────────────────────────────────────────

const DAY_MS = 86400000;
const pad2 = (n) => (n < 10 ? '0' + n : '' + n);

function parseDay(s, what) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || new Date(t).getUTCDate() !== +m[3]) throw new Error(`invalid ${what}: ${JSON.stringify(s)} (want YYYY-MM-DD)`);
  return t;
}

/** Black Friday (day after the fourth Thursday of November) as UTC ms. */
function blackFriday(year) {
  const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThu = 1 + ((4 - nov1 + 7) % 7);
  return Date.UTC(year, 10, firstThu + 21 + 1);
}

const WEEKDAY = [1.2, 0.95, 0.88, 0.9, 0.95, 1.05, 1.3]; // Sun..Sat
// Midpoint factor per month (interpolated daily): January sales, summer dip, Q4 peak.
const MONTH = [1.0, 0.82, 0.88, 0.9, 0.92, 0.85, 0.78, 0.8, 0.92, 0.98, 1.22, 1.38];

/** Special-day factor on top of weekday × month: sales, Black Friday week, Christmas. */
function holiday(t) {
  const d = new Date(t);
  const y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
  const bf = blackFriday(y);
  const fromBf = Math.round((t - bf) / DAY_MS);
  if (fromBf === 0) return { f: 3.4, tag: 'bf' };
  if (fromBf === 1) return { f: 1.9, tag: 'bfw' };
  if (fromBf === 2) return { f: 1.6, tag: 'bfw' };
  if (fromBf === 3) return { f: 2.4, tag: 'bfw' }; // Cyber Monday
  if (fromBf >= -4 && fromBf < 0) return { f: 1.25, tag: 'bfw' };
  if (m === 0 && day === 1) return { f: 0.55 };
  if (m === 0 && day <= 14) return { f: 1.45 - 0.03 * day, tag: 'jan' };
  if (m === 11) {
    if (day === 24) return { f: 0.7 };
    if (day === 25) return { f: 0.35 };
    if (day === 26) return { f: 1.9, tag: 'boxing' };
    if (day >= 27) return { f: 1.15 };
    if (day <= 20) return { f: 1.1 };
  }
  return { f: 1 };
}

function monthFactor(t) {
  const d = new Date(t);
  const m = d.getUTCMonth(), day = d.getUTCDate();
  const dim = new Date(Date.UTC(d.getUTCFullYear(), m + 1, 0)).getUTCDate();
  const pos = (day - 0.5) / dim - 0.5; // -0.5..0.5 around the month's midpoint
  const other = pos < 0 ? MONTH[(m + 11) % 12] : MONTH[(m + 1) % 12];
  return MONTH[m] + (other - MONTH[m]) * Math.abs(pos);
}

// Hour-of-day profile (weekday), then weekend and Friday-evening shapes.
const HOURS = [0.22, 0.11, 0.06, 0.04, 0.04, 0.07, 0.2, 0.45, 0.7, 0.88, 1.0, 1.05, 1.25, 1.2, 1.0, 0.95, 1.0, 1.1, 1.3, 1.5, 1.55, 1.35, 0.9, 0.48];
function hourProfile(dow, tag) {
  const h = HOURS.slice();
  if (dow === 0 || dow === 6) {
    for (let i = 6; i <= 8; i++) h[i] *= 0.55;
    for (let i = 9; i <= 17; i++) h[i] *= 1.35;
  }
  if (dow === 5) for (let i = 17; i <= 23; i++) h[i] *= 1.4;
  if (dow === 6) { h[0] *= 1.4; h[1] *= 1.4; h[23] *= 1.2; }
  if (tag === 'bf') { h[0] *= 7; h[1] *= 4; h[2] *= 2; }
  return h;
}

// ─── Options ────────────────────────────────────────────────────────────────────────────

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' },
      start: { type: 'string' }, end: { type: 'string' }, customers: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('usage: node scripts/generate-sample.mjs [--rows N] [--out PATH(.csv|.gz)] [--seed S] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--customers N]\n');
    process.exit(0);
  }
  const rows = values.rows === undefined ? DEFAULTS.rows : Number(values.rows);
  if (!Number.isInteger(rows) || rows < 10) throw new Error(`invalid --rows: ${values.rows} (want an integer ≥ 10)`);
  const start = parseDay(values.start ?? DEFAULTS.start, '--start');
  const end = parseDay(values.end ?? DEFAULTS.end, '--end');
  if (end < start) throw new Error(`invalid --end: before --start`);
  const customers = values.customers === undefined ? Math.max(20, Math.round(rows / 12)) : Number(values.customers);
  if (!Number.isInteger(customers) || customers < 1) throw new Error(`invalid --customers: ${values.customers}`);
  return { rows, start, end, customers, seed: values.seed ?? DEFAULTS.seed, out: values.out ?? DEFAULTS.out };
}

// ─── Model ──────────────────────────────────────────────────────────────────────────────

const csvField = (s) => (/[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
const money = (cents) => (cents < 0 ? '-' : '') + Math.floor(Math.abs(cents) / 100) + '.' + pad2(Math.abs(cents) % 100);

function buildCatalogue(rnd) {
  const cats = Object.keys(CATALOGUE);
  const products = [];
  const byName = new Map();
  cats.forEach((cat, ci) => {
    CATALOGUE[cat].forEach(([name, price, season], i) => {
      const cents = Math.round(price * 100);
      // Popularity: cheaper items sell more often, plus a fixed per-product taste.
      const pop = Math.pow(30 / Math.max(price, 3), 0.45) * Math.exp(0.5 * rnd.normal()) * (i < 3 ? 1.3 : 1);
      const p = { id: products.length, cat: ci, catName: cat, name, field: csvField(name), catField: csvField(cat), cents, season, pop, pairs: [] };
      products.push(p);
      byName.set(name, p);
    });
  });
  for (const [a, b, prob] of PAIRS) {
    const pa = byName.get(a), pb = byName.get(b);
    if (!pa || !pb) throw new Error(`pair names an unknown product: ${!pa ? a : b}`);
    pa.pairs.push({ p: pb, prob });
  }
  // Per category and month: the products' cumulative weights.
  const perCatMonth = cats.map((_, ci) => {
    const list = products.filter((p) => p.cat === ci);
    return Array.from({ length: 12 }, (_, m) => {
      let acc = 0;
      const cum = list.map((p) => (acc += p.pop * (p.season ? PRODUCT_SEASON[p.season][m] : 1)));
      return { list, cum };
    });
  });
  const catInfo = cats.map((c) => CATEGORY_INFO[c]);
  if (catInfo.some((c) => !c)) throw new Error('a catalogue category lacks CATEGORY_INFO');
  const gifts = products.filter((p) => p.cents <= 1000);
  return { cats, products, perCatMonth, catInfo, gifts };
}

function makeNamer(rnd) {
  const used = new Set();
  return (locale, age, endYear) => {
    const { first, last } = NAMES[locale];
    const f = rnd.pick(first), l = rnd.pick(last);
    const yy = pad2((endYear - age) % 100);
    for (let attempt = 0; ; attempt++) {
      const r = rnd.next();
      const num = r < 0.3 ? '' : r < 0.55 ? yy : r < 0.85 ? String(1 + rnd.int(99)) : String(100 + rnd.int(900));
      const s = rnd.next();
      let name =
        s < 0.5 ? `${f}.${l}${num}` : s < 0.65 ? `${f}${l}${num}` : s < 0.75 ? `${f}_${l}${num}` : s < 0.9 ? `${f[0]}${l}${num}` : `${f}${num || yy}`;
      if (attempt > 3) name += rnd.int(10000);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

function drawAge(rnd) {
  for (;;) {
    // Skewed to the 25–45 core with a long tail to 80.
    const a = Math.round(rnd.next() < 0.75 ? 36 + 10 * rnd.normal() : 55 + 13 * rnd.normal());
    if (a >= 18 && a <= 80) return a;
  }
}

/** Category weight multipliers by age: who tends to buy what. */
function ageTaste(cat, age) {
  switch (cat) {
    case 'Electronics': return age < 35 ? 1.35 : age > 60 ? 0.7 : 1;
    case 'Beauty': return age < 40 ? 1.3 : 0.85;
    case 'Garden': return age > 50 ? 2.0 : age < 30 ? 0.35 : 1;
    case 'Toys & Games': return age >= 28 && age <= 50 ? 1.7 : 0.6;
    case 'Books': return age > 50 ? 1.35 : 1;
    default: return 1;
  }
}

function makeCustomers(rnd, opts, cat, dayWeights) {
  const D = dayWeights.length;
  const n = opts.customers;
  const endYear = new Date(opts.end).getUTCFullYear();
  const namer = makeNamer(rnd);
  const shares = cat.catInfo.map((c) => c.share);
  // Acquisition days: 22% are already customers on day 0, the rest arrive in proportion to traffic.
  let acc = 0;
  const cum = dayWeights.map((w) => (acc += w));
  const acq = Array.from({ length: n }, () => (rnd.next() < 0.22 ? -1 : pickCumulative(cum, rnd.next() * acc))).sort((a, b) => a - b);
  return acq.map((a, i) => {
    const country = COUNTRIES[rnd.weighted(COUNTRIES.map((c) => c.share))];
    const age = drawAge(rnd);
    const name = namer(rnd.pick(country.names), age, endYear);
    // Favourite categories (1–3) carry ~80% of purchases; the rest follows overall shares.
    const k = 1 + rnd.weighted([0.35, 0.45, 0.2]);
    const taste = cat.cats.map((c, ci) => shares[ci] * ageTaste(c, age));
    const pref = taste.map((t) => 0.2 * t);
    const tasteSum = taste.reduce((s, t) => s + t, 0);
    for (let j = 0; j < k; j++) {
      const fav = rnd.weighted(taste);
      pref[fav] += (0.8 * tasteSum * (0.5 + rnd.next())) / k;
      taste[fav] = 0;
    }
    const existing = a < 0;
    const start = existing ? 0 : a;
    const oneOff = !existing && rnd.next() < 0.3;
    const life = oneOff ? 0 : Math.ceil(rnd.exp(420));
    return {
      i, name, nameField: csvField(name), age: String(age), countryField: csvField(country.name), country,
      pay: rnd.weighted(country.pay), pref, rate: Math.exp(0.8 * rnd.normal()),
      acq: existing ? -1 : a, start, end: Math.min(D - 1, start + life), owned: null, seen: false,
    };
  });
}

// ─── Generation ─────────────────────────────────────────────────────────────────────────

const BAD_DATES = ['not recorded', '2024-13-45', '', 'N/A', '2025-02-30 25:61:00', 'unknown', '00/00/0000', '#VALUE!'];
const LINES_PER_BASKET = [0.54, 0.26, 0.11, 0.06, 0.03];

/** Picks k distinct integers from [0, n). */
function pickDistinct(rnd, n, k) {
  const set = new Set();
  k = Math.min(k, n);
  while (set.size < k) set.add(rnd.int(n));
  return set;
}

function* generate(opts, stats) {
  const rnd = createRandom(opts.seed);
  const cat = buildCatalogue(rnd);
  const D = Math.round((opts.end - opts.start) / DAY_MS) + 1;
  const days = Array.from({ length: D }, (_, d) => {
    const t = opts.start + d * DAY_MS;
    const dt = new Date(t);
    const h = holiday(t);
    const growth = 1 + 0.16 * (d / 365);
    return {
      t, month: dt.getUTCMonth(), dow: dt.getUTCDay(), tag: h.tag,
      date: `${dt.getUTCFullYear()}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}`,
      w: WEEKDAY[dt.getUTCDay()] * monthFactor(t) * h.f * growth,
    };
  });
  const customers = makeCustomers(rnd, opts, cat, days.map((d) => d.w));

  // Daily transaction counts (noisy, never fewer than that day's new customers).
  const wSum = days.reduce((s, d) => s + d.w, 0);
  const acquiredOn = Array.from({ length: D }, () => []);
  for (const c of customers) if (c.acq >= 0) acquiredOn[c.acq].push(c);
  const counts = days.map((d, i) => {
    const lambda = (opts.rows * d.w) / wSum;
    return Math.max(acquiredOn[i].length, Math.round(lambda + Math.sqrt(lambda) * rnd.normal()));
  });
  const T = counts.reduce((s, n) => s + n, 0);
  // Planted problems that need an exact count are placed on chosen transactions.
  const badDateTx = pickDistinct(rnd, T, Math.max(3, Math.round((opts.rows * 30) / 60000)));
  const giftTx = pickDistinct(rnd, T, Math.max(2, Math.round((opts.rows * 12) / 60000)));
  const GUEST = 0.0075, DUPLICATE = 0.0042;

  const returnsOn = Array.from({ length: D }, () => []);
  let active = customers.filter((c) => c.acq < 0);
  let next = 0; // next customer by acquisition order (existing ones first)
  while (next < customers.length && customers[next].acq < 0) next++;
  let txOrdinal = 0, txSeq = 100000, retSeq = 100000;

  const catWeights = new Float64Array(cat.cats.length);
  const guestPref = cat.catInfo.map((x) => x.share);
  const pickProduct = (c, m, exclude) => {
    for (let tries = 0; tries < 6; tries++) {
      const pref = c ? c.pref : guestPref;
      for (let k = 0; k < catWeights.length; k++) catWeights[k] = pref[k] * cat.catInfo[k].season[m];
      const ci = rnd.weighted(catWeights);
      let p;
      const repeat = cat.catInfo[ci].repeat ?? 0;
      const owned = c?.owned?.[ci];
      if (owned && owned.length && rnd.next() < repeat) p = rnd.pick(owned);
      else {
        const { list, cum } = cat.perCatMonth[ci][m];
        p = list[pickCumulative(cum, rnd.next() * cum[cum.length - 1])];
      }
      if (!exclude.includes(p)) return p;
    }
    return null;
  };
  const quantity = (p) => {
    if (p.cents >= 15000) return 1;
    const r = rnd.next();
    switch (p.catName) {
      case 'Groceries': return r < 0.5 ? 1 : r < 0.75 ? 2 : r < 0.87 ? 3 : r < 0.95 ? 4 : 6;
      case 'Pet Supplies': return r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
      case 'Books': return r < 0.93 ? 1 : 2;
      case 'Beauty': return r < 0.78 ? 1 : r < 0.95 ? 2 : 3;
      default: return r < 0.86 ? 1 : r < 0.97 ? 2 : 3;
    }
  };

  for (let d = 0; d < D; d++) {
    const day = days[d];
    // Active set: drop the churned, add today's arrivals.
    if (d > 0) active = active.filter((c) => c.end >= d);
    const arrivals = [];
    while (next < customers.length && customers[next].acq === d) arrivals.push(customers[next++]);
    for (const c of arrivals) active.push(c);
    let acc = 0;
    const cum = new Float64Array(active.length);
    for (let i = 0; i < active.length; i++) cum[i] = acc += active[i].rate;

    // Who buys today: each newcomer once, the rest drawn by purchase rate (a few are guests).
    const buyers = arrivals.slice();
    for (let i = buyers.length; i < counts[d]; i++) {
      buyers.push(rnd.next() < GUEST || active.length === 0 ? null : active[pickCumulative(cum, rnd.next() * acc)]);
    }
    const hours = hourProfile(day.dow, day.tag);
    const txs = buyers.map((c) => ({ c, sec: 3600 * rnd.weighted(hours) + 60 * rnd.int(60) + rnd.int(60), ord: txOrdinal++ }));
    txs.sort((a, b) => a.sec - b.sec);

    // Each group is one transaction's lines (or one return line), keyed by second of the day.
    const groups = [];
    for (const tx of txs) {
      const c = tx.c;
      const country = c ? c.country : COUNTRIES[rnd.weighted(COUNTRIES.map((x) => x.share))];
      const payI = c && rnd.next() < 0.85 ? c.pay : rnd.weighted(country.pay);
      const payment = rnd.next() < (day.month === 0 ? 0.06 : 0.02) ? 'Gift Card' : PAY[payI];
      if (c && !c.seen) {
        c.seen = true;
        stats.customers++;
      }
      // Basket: first product by taste, then companions of what is in it, or more by taste.
      let n = 1 + rnd.weighted(LINES_PER_BASKET);
      const basket = [];
      const first = pickProduct(c, day.month, basket);
      basket.push(first);
      if (n === 1 && first.pairs.length && rnd.next() < 0.5) n = 2;
      while (basket.length < n) {
        let p = null;
        for (const b of basket) {
          for (const pr of b.pairs) if (!basket.includes(pr.p) && rnd.next() < pr.prob) { p = pr.p; break; }
          if (p) break;
        }
        p ??= pickProduct(c, day.month, basket);
        if (!p) break;
        basket.push(p);
      }
      const id = 'T' + ++txSeq;
      const ts = `${day.date} ${pad2(Math.floor(tx.sec / 3600))}:${pad2(Math.floor(tx.sec / 60) % 60)}:${pad2(tx.sec % 60)}`;
      const who = c ? `${c.nameField},${c.age},${c.countryField}` : `,,${csvField(country.name)}`;
      const badLine = badDateTx.has(tx.ord) ? rnd.int(basket.length) : -1;
      const lines = [];
      basket.forEach((p, li) => {
        const q = quantity(p);
        const cents = q * p.cents;
        const date = li === badLine ? BAD_DATES[stats.badDates++ % BAD_DATES.length] : ts;
        const line = `${id},${who},${p.catField},${p.field},${q},${money(cents)},${payment},${csvField(date)}\n`;
        lines.push(line);
        stats.saleLines++;
        if (!c) stats.guestLines++;
        if (rnd.next() < DUPLICATE) {
          lines.push(line);
          stats.duplicates++;
        }
        if (c && cat.catInfo[p.cat].repeat) (c.owned ??= {})[p.cat] ??= [];
        if (c && cat.catInfo[p.cat].repeat && !c.owned[p.cat].includes(p)) c.owned[p.cat].push(p);
        // A return, some days later, of all or part of the line.
        if (c && rnd.next() < cat.catInfo[p.cat].returns) {
          const rd = d + 2 + Math.floor(rnd.exp(9));
          if (rd < D) {
            const rq = q > 1 && rnd.next() < 0.3 ? 1 + rnd.int(q - 1) : q;
            returnsOn[rd].push({ c, p, q: rq, payment });
          }
        }
      });
      if (giftTx.has(tx.ord)) {
        const g = rnd.pick(cat.gifts.filter((x) => !basket.includes(x)));
        lines.push(`${id},${who},${g.catField},${g.field},1,0.00,${payment},${csvField(ts)}\n`);
        stats.saleLines++;
        stats.zeroAmount++;
        if (!c) stats.guestLines++;
      }
      groups.push({ sec: tx.sec, text: lines.join('') });
      stats.sales++;
    }
    const rets = returnsOn[d].map((r) => ({ ...r, sec: 3600 * rnd.weighted(HOURS) + 60 * rnd.int(60) + rnd.int(60) }));
    rets.sort((x, y) => x.sec - y.sec); // return ids in time order, like sale ids
    for (const r of rets) {
      const sec = r.sec;
      const ts = `${day.date} ${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
      const text = `R${++retSeq},${r.c.nameField},${r.c.age},${r.c.countryField},${r.p.catField},${r.p.field},${-r.q},${money(-r.q * r.p.cents)},${r.payment},${ts}\n`;
      groups.push({ sec, text });
      stats.returns++;
    }
    returnsOn[d] = null;
    groups.sort((a, b) => a.sec - b.sec); // stable: sales before same-second returns
    for (const g of groups) yield g.text;
  }
}

// ─── Output ─────────────────────────────────────────────────────────────────────────────

/** Chunks the generated text into ~1 MB strings, counting bytes and lines. */
async function* chunks(opts, stats) {
  let buf = [HEADER + '\n'];
  let size = 0;
  for (const text of generate(opts, stats)) {
    buf.push(text);
    size += text.length;
    if (size >= 1 << 20) {
      const s = buf.join('');
      stats.bytes += Buffer.byteLength(s);
      yield s;
      buf = [];
      size = 0;
    }
  }
  const s = buf.join('');
  stats.bytes += Buffer.byteLength(s);
  yield s;
}

/** Pins the gzip header's OS byte (offset 9) to 255 "unknown" so the file does not depend on the platform. */
function pinGzipOs() {
  let offset = 0;
  return new Transform({
    transform(chunk, _enc, cb) {
      if (offset <= 9 && offset + chunk.length > 9) {
        chunk = Buffer.from(chunk);
        if (offset === 0 && (chunk[4] | chunk[5] | chunk[6] | chunk[7]) !== 0) return cb(new Error('gzip header has an mtime'));
        chunk[9 - offset] = 0xff;
      }
      offset += chunk.length;
      cb(null, chunk);
    },
  });
}

async function main() {
  const t0 = performance.now();
  const opts = readOptions(process.argv.slice(2));
  const stats = { sales: 0, returns: 0, saleLines: 0, duplicates: 0, badDates: 0, guestLines: 0, zeroAmount: 0, bytes: 0, customers: 0 };
  mkdirSync(dirname(opts.out), { recursive: true });
  const gz = opts.out.endsWith('.gz');
  const file = createWriteStream(opts.out);
  if (gz) await pipeline(Readable.from(chunks(opts, stats)), createGzip({ level: 9 }), pinGzipOs(), file);
  else await pipeline(Readable.from(chunks(opts, stats)), file);
  const lines = stats.saleLines + stats.duplicates + stats.returns;
  const pct = (n) => ((100 * n) / lines).toFixed(2) + '%';
  const mb = (n) => (n / 1e6).toFixed(2) + ' MB';
  const day = (t) => new Date(t).toISOString().slice(0, 10);
  process.stderr.write(
    `Wrote ${opts.out} (seed ${JSON.stringify(opts.seed)}): ${lines} rows plus header, ${stats.sales + stats.returns} transactions ` +
      `(${stats.sales} sales, ${stats.returns} returns), ${stats.customers} customers, ${day(opts.start)} to ${day(opts.end)}; ` +
      `planted: ${stats.duplicates} exact duplicate rows (${pct(stats.duplicates)}), ${stats.returns} return rows (${pct(stats.returns)}), ` +
      `${stats.badDates} unparseable dates, ${stats.guestLines} guest rows with empty User_Name (${pct(stats.guestLines)}), ` +
      `${stats.zeroAmount} zero-amount gift rows; ${mb(stats.bytes)} CSV` +
      (gz ? `, ${mb(file.bytesWritten)} gzip` : '') + `; ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`generate-sample: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
