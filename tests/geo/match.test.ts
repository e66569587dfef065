import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COUNTRIES, KOSOVO_ID } from '../../src/geo/countries';
import { US_STATES } from '../../src/geo/us-states';
import { countryKeys, geoKind, matchCountry, matchRows, matchState, normalise, stateKeys } from '../../src/geo/match';
import type { Topology } from '../../src/geo/atlas';

const atlas = (path: string): Topology => JSON.parse(readFileSync(new URL(`../../node_modules/${path}`, import.meta.url), 'utf8')) as Topology;
const world50 = atlas('world-atlas/countries-50m.json').objects['countries']?.geometries ?? [];
const world110 = atlas('world-atlas/countries-110m.json').objects['countries']?.geometries ?? [];
const bundled = (JSON.parse(readFileSync(new URL('../../src/geo/world-countries.json', import.meta.url), 'utf8')) as Topology).objects['countries']?.geometries ?? [];
const states10 = atlas('us-atlas/states-10m.json').objects['states']?.geometries ?? [];

// ISO 3166-1 numeric codes written out by hand from the standard, not read from our table
const UCI: Record<string, string | null> = {
  'United Kingdom': '826', France: '250', Australia: '036', Netherlands: '528', Germany: '276', Norway: '578', EIRE: '372', Switzerland: '756',
  Spain: '724', Poland: '616', Portugal: '620', Italy: '380', Belgium: '056', Lithuania: '440', Japan: '392', Iceland: '352', 'Channel Islands': null,
  Denmark: '208', Cyprus: '196', Sweden: '752', Austria: '040', Israel: '376', Finland: '246', Bahrain: '048', Greece: '300', 'Hong Kong': '344',
  Singapore: '702', Lebanon: '422', 'United Arab Emirates': '784', 'Saudi Arabia': '682', 'Czech Republic': '203', Canada: '124', Unspecified: null,
  Brazil: '076', USA: '840', 'European Community': null, Malta: '470', RSA: '710',
};

describe('matchCountry', () => {
  it('the UCI Country column is exactly the 38 labels above', () => {
    const text = gunzipSync(readFileSync(new URL('../fixtures/online_retail_uci.csv.gz', import.meta.url))).toString('utf8');
    const labels = new Set<string>();
    // Country is the last column and never contains a comma
    for (const line of text.split('\n').slice(1)) if (line.trim()) labels.add(line.slice(line.lastIndexOf(',') + 1).trim());
    expect([...labels].sort()).toEqual(Object.keys(UCI).sort());
  });

  it('matches every real UCI country to its ISO numeric id and leaves the rest unmatched', () => {
    for (const [label, id] of Object.entries(UCI)) expect(matchCountry(label)?.id ?? null, label).toBe(id);
  });

  it('every matched UCI country has a shape in countries-50m and in the bundled map (110m alone lacks the small ones)', () => {
    const ids50 = new Set(world50.map((g) => String(g.id)));
    const ids110 = new Set(world110.map((g) => String(g.id)));
    const ours = new Set(bundled.map((g) => String(g.id)));
    const real = Object.values(UCI).filter((id): id is string => id !== null);
    expect(real.filter((id) => !ids50.has(id))).toEqual([]);
    expect(real.filter((id) => !ids110.has(id)).sort()).toEqual(['048', '344', '470', '702']);
    expect(real.filter((id) => !ours.has(id))).toEqual([]);
  });

  it('the bundled world map (scripts/geo/build-world.mjs) draws every country of 50m once: 110m shapes, the rest from 50m', () => {
    const ids = (gs: typeof bundled): string[] => [...new Set(gs.filter((g) => g.id !== undefined).map((g) => String(g.id)))].sort();
    expect(ids(bundled)).toEqual(ids(world50));
    // the 110m shapes come first and unchanged (same arcs), so the big countries are the coarse ones
    expect(bundled.slice(0, world110.length)).toEqual(world110);
    // far fewer points than 50m: the map is redrawn on every filter change
    const world = JSON.parse(readFileSync(new URL('../../src/geo/world-countries.json', import.meta.url), 'utf8')) as { arcs: unknown[][] };
    const fine = atlas('world-atlas/countries-50m.json') as unknown as { arcs: unknown[][] };
    const points = (t: { arcs: unknown[][] }): number => t.arcs.reduce((n, a) => n + a.length, 0);
    expect(points(world)).toBeLessThan(points(fine) / 5);
  });

  it('matches ISO alpha-2 and alpha-3 codes, any case', () => {
    for (const code of ['GB', 'GBR', 'gb', 'gbr']) expect(matchCountry(code)?.id).toBe('826');
    for (const code of ['DE', 'DEU', 'de']) expect(matchCountry(code)?.id).toBe('276');
    expect(matchCountry('US')?.id).toBe('840');
    expect(matchCountry('ZAF')?.id).toBe('710');
  });

  it('knows the aliases real exports use', () => {
    const cases: [string, string][] = [
      ['Republic of Ireland', '372'], ['Éire', '372'], ['U.S.', '840'], ['U.S.A.', '840'], ['United States of America', '840'], ['US', '840'],
      ['UK', '826'], ['U.K.', '826'], ['Great Britain', '826'], ['England', '826'], ['Scotland', '826'], ['Wales', '826'], ['Northern Ireland', '826'],
      ['Czechia', '203'], ['Korea, South', '410'], ['South Korea', '410'], ['Republic of Korea', '410'], ['Korea (Republic of)', '410'],
      ["Korea, Democratic People's Republic of", '408'], ['Russia', '643'], ['Russian Federation', '643'], ['Türkiye', '792'], ['Turkey', '792'],
      ['Turkiye', '792'], ['Holland', '528'], ['The Netherlands', '528'], ['Netherlands (the)', '528'], ['Viet Nam', '704'], ["Côte d'Ivoire", '384'],
      ["Cote d'Ivoire", '384'], ['COTE D’IVOIRE', '384'], ['Ivory Coast', '384'], ['Macedonia', '807'], ['North Macedonia', '807'],
      ['Swaziland', '748'], ['Eswatini', '748'], ['Burma', '104'], ['Myanmar', '104'], ['Hong Kong SAR, China', '344'], ['Bahamas, The', '044'],
      ['Gambia, The', '270'], ['Congo, Dem. Rep.', '180'], ['Congo (Kinshasa)', '180'], ['Congo', '178'], ['Bolivia (Plurinational State of)', '068'],
      ['Iran, Islamic Republic of', '364'], ['Trinidad & Tobago', '780'], ['St Lucia', '662'], ['St. Kitts & Nevis', '659'], ['Cayman Is', '136'],
      ['  united   kingdom ', '826'], ['São Tomé and Príncipe', '678'], ['Sao Tome and Principe', '678'], ['Kosovo', KOSOVO_ID], ['Deutschland', '276'],
    ];
    for (const [label, id] of cases) expect(matchCountry(label)?.id, label).toBe(id);
    expect(matchCountry('Eire')?.name).toBe('Ireland');
  });

  it('does not match regions, blanks or non-countries', () => {
    for (const label of ['Channel Islands', 'European Community', 'European Union', 'Unspecified', '', '(missing)', 'North', 'Europe', 'Online', 'Virgin Islands']) {
      expect(matchCountry(label), label).toBeNull();
    }
  });
});

describe('country and state tables', () => {
  it('lists all 249 ISO 3166-1 entries plus Kosovo, with unique codes', () => {
    expect(COUNTRIES).toHaveLength(250);
    for (const key of ['id', 'alpha2', 'alpha3', 'name'] as const) expect(new Set(COUNTRIES.map((c) => c[key])).size, key).toBe(250);
    for (const c of COUNTRIES) {
      expect(c.alpha2, c.name).toMatch(/^[A-Z]{2}$/);
      expect(c.alpha3, c.name).toMatch(/^[A-Z]{3}$/);
      if (c.numeric !== null) expect(c.numeric, c.name).toMatch(/^\d{3}$/);
    }
  });

  it('no key (name, alias, code) names two countries or two states', () => {
    const clashes = (groups: string[][]): string[] => {
      const owner = new Map<string, number>();
      const out: string[] = [];
      groups.forEach((keys, i) => {
        for (const k of new Set(keys.map(normalise))) {
          const o = owner.get(k);
          if (o !== undefined && o !== i) out.push(k);
          owner.set(k, i);
        }
      });
      return out;
    };
    expect(clashes(COUNTRIES.map(countryKeys))).toEqual([]);
    expect(clashes(US_STATES.map(stateKeys))).toEqual([]);
  });

  it('every id in the tables is a shape of its atlas where the atlas has that place, and every atlas shape with an id is in the table', () => {
    const ids50 = new Set(world50.map((g) => (g.id === undefined ? undefined : String(g.id))));
    const known = new Set(COUNTRIES.map((c) => c.id));
    // ISO entries world-atlas 50m does not draw (too small, or part of another shape, e.g. Réunion in France)
    const missing = COUNTRIES.filter((c) => !ids50.has(c.id) && c.id !== KOSOVO_ID).map((c) => c.alpha2).sort();
    expect(missing).toEqual(
      ['BQ', 'BV', 'CC', 'CX', 'GF', 'GI', 'GP', 'MQ', 'RE', 'SJ', 'TK', 'TV', 'UM', 'YT'].sort(),
    );
    for (const g of world50) {
      if (g.id === undefined) continue;
      expect(known.has(String(g.id)), `${g.id} ${g.properties?.name}`).toBe(true);
    }
    const fips = new Set(states10.map((g) => String(g.id)));
    expect(US_STATES.map((s) => s.fips).filter((f) => !fips.has(f))).toEqual([]);
    expect(states10.map((g) => String(g.id)).filter((f) => !US_STATES.some((s) => s.fips === f))).toEqual([]);
    expect(US_STATES.filter((s) => !s.territory)).toHaveLength(51);
  });

  it('every named atlas shape matches its own id by its atlas name', () => {
    for (const g of world50) {
      const name = g.properties?.name ?? '';
      // id-less shapes: Kosovo is given an id by loadAtlas; the others are not ISO entities
      if (g.id === undefined) {
        expect(['Kosovo', 'Somaliland', 'N. Cyprus', 'Indian Ocean Ter.', 'Siachen Glacier'], name).toContain(name);
        continue;
      }
      expect(matchCountry(name)?.id, name).toBe(String(g.id));
    }
    for (const g of states10) expect(matchState(g.properties?.name ?? '')?.id, g.properties?.name).toBe(String(g.id));
  });
});

describe('matchState', () => {
  it('matches names, USPS codes and AP abbreviations', () => {
    const cases: [string, string][] = [
      ['Kentucky', '21'], ['KY', '21'], ['Ky.', '21'], ['ky', '21'], ['California', '06'], ['Calif.', '06'], ['CA', '06'], ['New York', '36'],
      ['N.Y.', '36'], ['N. Dak.', '38'], ['North Dakota', '38'], ['District of Columbia', '11'], ['Washington, D.C.', '11'], ['DC', '11'],
      ['Washington', '53'], ['W. Va.', '54'], ['West Virginia', '54'], ['Puerto Rico', '72'], ['PR', '72'], ["Hawai'i", '15'], ['TEXAS', '48'],
    ];
    for (const [label, id] of cases) expect(matchState(label)?.id, label).toBe(id);
    expect(matchState('Ky.')?.name).toBe('Kentucky');
    for (const label of ['Ontario', 'United Kingdom', 'Midwest', 'XX', '']) expect(matchState(label), label).toBeNull();
  });
});

describe('geoKind', () => {
  const stateNames = US_STATES.filter((s) => !s.territory).map((s) => s.name);
  it('tells US states from countries from anything else', () => {
    expect(geoKind(stateNames)).toBe('us');
    expect(geoKind(US_STATES.map((s) => s.usps))).toBe('us');
    expect(geoKind(['Kentucky', 'Ohio', 'Texas', 'Georgia', 'Unknown'])).toBe('us');
    expect(geoKind(Object.keys(UCI))).toBe('world');
    expect(geoKind(['GB', 'FR', 'DE', 'US', 'CA'])).toBe('world');
    expect(geoKind(['Books', 'Toys', 'Garden', 'Georgia'])).toBeNull();
    expect(geoKind(['North', 'South', 'East', 'West'])).toBeNull();
    expect(geoKind([])).toBeNull();
    expect(geoKind(['(missing)'])).toBeNull();
  });

  it('weights labels when asked and breaks ties by preference', () => {
    // one real country holding nearly all rows outweighs three unknown labels
    expect(geoKind(['United Kingdom', 'A', 'B', 'C'])).toBeNull();
    expect(geoKind(['United Kingdom', 'A', 'B', 'C'], { weights: [97, 1, 1, 1] })).toBe('world');
    expect(geoKind(['CA', 'GA'])).toBe('world');
    expect(geoKind(['CA', 'GA'], { prefer: 'us' })).toBe('us');
  });
});

describe('matchRows', () => {
  it('joins labels to ids, merges spellings of one place and lists what is not on the map', () => {
    const rows = [
      { label: 'United Kingdom', revenue: 1000, customers: 50 },
      { label: 'England', revenue: 10, customers: 2 },
      { label: 'EIRE', revenue: 300, customers: 3 },
      { label: 'Channel Islands', revenue: 20086.29, customers: 9 },
      { label: 'Unspecified', revenue: 4749.79, customers: 4 },
      { label: 'Gibraltar', revenue: 5, customers: 1 },
      { label: null, revenue: 1, customers: null },
    ];
    const shapes = new Set(world50.map((g) => String(g.id)));
    const { matched, unmatched } = matchRows(rows, 'world', shapes);
    expect(matched).toEqual([
      { id: '826', name: 'United Kingdom', label: 'United Kingdom', labels: ['United Kingdom', 'England'], revenue: 1010, customers: 52 },
      { id: '372', name: 'Ireland', label: 'EIRE', labels: ['EIRE'], revenue: 300, customers: 3 },
    ]);
    expect(unmatched).toEqual([
      { label: 'Channel Islands', revenue: 20086.29, customers: 9, reason: 'unknown' },
      { label: 'Unspecified', revenue: 4749.79, customers: 4, reason: 'unknown' },
      { label: 'Gibraltar', revenue: 5, customers: 1, reason: 'no-shape' },
      { label: '(missing)', revenue: 1, customers: null, reason: 'unknown' },
    ]);
  });

  it('US rows: territories albersUsa cannot draw are not on the map', () => {
    const shapes = new Set(states10.map((g) => String(g.id)).filter((id) => id < '60'));
    const { matched, unmatched } = matchRows([{ label: 'KY', revenue: 5, customers: 1 }, { label: 'Puerto Rico', revenue: 2, customers: 1 }], 'us', shapes);
    expect(matched.map((r) => [r.id, r.name, r.label])).toEqual([['21', 'Kentucky', 'KY']]);
    expect(unmatched.map((r) => [r.label, r.reason])).toEqual([['Puerto Rico', 'no-shape']]);
  });
});
