// The 50 states, DC and the five inhabited territories of us-atlas (states-10m), keyed by
// the 2-digit FIPS code us-atlas uses as geometry id. Aliases are the AP/GPO abbreviations
// ("Ky.", "Calif.", "N. Dak.") that are not already the USPS code once punctuation is ignored.

/** One state or territory: `fips` is the us-atlas join key; `territory` ones are not drawn by albersUsa. */
export interface UsState {
  fips: string;
  usps: string;
  name: string;
  aliases: readonly string[];
  territory: boolean;
}

type Entry = readonly [fips: string, usps: string, name: string, ...aliases: string[]];

const STATES: readonly Entry[] = [
  ['01', 'AL', 'Alabama', 'Ala.'],
  ['02', 'AK', 'Alaska', 'Alas.'],
  ['04', 'AZ', 'Arizona', 'Ariz.'],
  ['05', 'AR', 'Arkansas', 'Ark.'],
  ['06', 'CA', 'California', 'Calif.', 'Cal.'],
  ['08', 'CO', 'Colorado', 'Colo.', 'Col.'],
  ['09', 'CT', 'Connecticut', 'Conn.'],
  ['10', 'DE', 'Delaware', 'Del.'],
  ['11', 'DC', 'District of Columbia', 'Washington, D.C.', 'Washington DC', 'Wash. D.C.', 'D.C.'],
  ['12', 'FL', 'Florida', 'Fla.'],
  ['13', 'GA', 'Georgia', 'Ga.'],
  ['15', 'HI', 'Hawaii', "Hawai'i"],
  ['16', 'ID', 'Idaho'],
  ['17', 'IL', 'Illinois', 'Ill.'],
  ['18', 'IN', 'Indiana', 'Ind.'],
  ['19', 'IA', 'Iowa'],
  ['20', 'KS', 'Kansas', 'Kan.', 'Kans.'],
  ['21', 'KY', 'Kentucky', 'Ky.'],
  ['22', 'LA', 'Louisiana', 'La.'],
  ['23', 'ME', 'Maine'],
  ['24', 'MD', 'Maryland', 'Md.'],
  ['25', 'MA', 'Massachusetts', 'Mass.'],
  ['26', 'MI', 'Michigan', 'Mich.'],
  ['27', 'MN', 'Minnesota', 'Minn.'],
  ['28', 'MS', 'Mississippi', 'Miss.'],
  ['29', 'MO', 'Missouri', 'Mo.'],
  ['30', 'MT', 'Montana', 'Mont.'],
  ['31', 'NE', 'Nebraska', 'Neb.', 'Nebr.'],
  ['32', 'NV', 'Nevada', 'Nev.'],
  ['33', 'NH', 'New Hampshire', 'N.H.'],
  ['34', 'NJ', 'New Jersey', 'N.J.'],
  ['35', 'NM', 'New Mexico', 'N.M.', 'N. Mex.'],
  ['36', 'NY', 'New York', 'N.Y.', 'New York State'],
  ['37', 'NC', 'North Carolina', 'N.C.', 'N. Carolina'],
  ['38', 'ND', 'North Dakota', 'N.D.', 'N. Dak.', 'N. Dakota'],
  ['39', 'OH', 'Ohio'],
  ['40', 'OK', 'Oklahoma', 'Okla.'],
  ['41', 'OR', 'Oregon', 'Ore.', 'Oreg.'],
  ['42', 'PA', 'Pennsylvania', 'Pa.', 'Penn.', 'Penna.'],
  ['44', 'RI', 'Rhode Island', 'R.I.'],
  ['45', 'SC', 'South Carolina', 'S.C.', 'S. Carolina'],
  ['46', 'SD', 'South Dakota', 'S.D.', 'S. Dak.', 'S. Dakota'],
  ['47', 'TN', 'Tennessee', 'Tenn.'],
  ['48', 'TX', 'Texas', 'Tex.'],
  ['49', 'UT', 'Utah'],
  ['50', 'VT', 'Vermont', 'Vt.'],
  ['51', 'VA', 'Virginia', 'Va.'],
  ['53', 'WA', 'Washington', 'Wash.', 'Washington State'],
  ['54', 'WV', 'West Virginia', 'W. Va.', 'W. Virginia'],
  ['55', 'WI', 'Wisconsin', 'Wis.', 'Wisc.'],
  ['56', 'WY', 'Wyoming', 'Wyo.'],
];

// FIPS ≥ 60: present in us-atlas but outside the lower 48 + Alaska + Hawaii that albersUsa draws
const TERRITORIES: readonly Entry[] = [
  ['60', 'AS', 'American Samoa'],
  ['66', 'GU', 'Guam'],
  ['69', 'MP', 'Northern Mariana Islands', 'Commonwealth of the Northern Mariana Islands', 'N. Mariana Is.', 'CNMI'],
  ['72', 'PR', 'Puerto Rico'],
  ['78', 'VI', 'U.S. Virgin Islands', 'United States Virgin Islands', 'Virgin Islands', 'US Virgin Islands', 'USVI'],
];

/** The 50 states + DC (territory: false) and the 5 us-atlas territories (territory: true); FIPS unique. */
export const US_STATES: readonly UsState[] = [
  ...STATES.map(([fips, usps, name, ...aliases]) => ({ fips, usps, name, aliases, territory: false })),
  ...TERRITORIES.map(([fips, usps, name, ...aliases]) => ({ fips, usps, name, aliases, territory: true })),
];
