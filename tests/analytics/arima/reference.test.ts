// Our fixed-order fits against statsmodels 0.13.5 (SARIMAX / ARIMA, exact Gaussian
// likelihood by the Kalman filter). Every literal below was printed by
// scripts/reference/arima_statsmodels.py (numpy 1.24.2, scipy 1.10.1); the script fits
// the differenced series with a stationary start (statsmodels' simple_differencing,
// which is also R's arima likelihood) and takes forecasts from the levels model with the
// differencing in the state. A mean or drift is an exog column of ones on the
// differenced data, i.e. regression with ARMA errors as in R and statsmodels' ARIMA.
//
// Tolerances. Both sides maximise the same likelihood to a gradient of ~1e-7 or better,
// so the maxima agree far more closely than the statistics need (we see ~1e-7):
// - coefficients within 1e-3 absolute (about 1% of their standard errors, which are
//   0.08–0.2 here; the brief allows 0.02);
// - log-likelihood and AICc within 1e-4, sigma2 within 1e-4 relative;
// - standard errors within 1% relative (both are central-difference Hessians, with
//   different steps);
// - forecasts and interval bounds within 1e-4 relative (the brief allows 1%).
import { describe, expect, it } from 'vitest';
import airJson from '../../fixtures/arima/air-passengers.json';
import simJson from '../../fixtures/arima/simulated.json';
import { fitArima } from '../../../src/analytics/arima/index';
import type { ArimaResult, ArimaSpec } from '../../../src/analytics/arima/index';

const air = Float64Array.from(airJson.values);
const sim = simJson.series;

interface Golden {
  coef: [string, number, number][]; // name, value, standard error
  sigma2: number;
  logLik: number;
  aicc: number;
  nobs: number;
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

const spec = (p: number, d: number, q: number, P: number, D: number, Q: number, m: number, constant: boolean): ArimaSpec => ({ p, d, q, P, D, Q, m, constant });
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

function check(result: ArimaResult, g: Golden): void {
  if (!result.ok) throw new Error(result.reason);
  const { model, forecast } = result;
  expect(model.converged).toBe(true);
  expect(model.nobs).toBe(g.nobs);
  expect(model.table.map((c) => c.name)).toEqual(g.coef.map((c) => c[0]));
  g.coef.forEach(([, value, se], i) => {
    const c = model.table[i];
    expect(Math.abs((c?.value ?? Number.NaN) - value)).toBeLessThan(1e-3);
    expect(rel(c?.se ?? Number.NaN, se)).toBeLessThan(0.01);
  });
  expect(rel(model.sigma2, g.sigma2)).toBeLessThan(1e-4);
  expect(Math.abs(model.logLik - g.logLik)).toBeLessThan(1e-4);
  expect(Math.abs(model.aicc - g.aicc)).toBeLessThan(1e-4);
  const series: [Float64Array, number[]][] = [
    [forecast.mean, g.mean],
    [forecast.lower80, g.lower80],
    [forecast.upper80, g.upper80],
    [forecast.lower95, g.lower95],
    [forecast.upper95, g.upper95],
  ];
  for (const [got, want] of series) {
    expect(got.length).toBe(6);
    want.forEach((w, i) => expect(rel(got[i] as number, w)).toBeLessThan(1e-4));
  }
}

describe('seasonal models on AirPassengers (Box & Jenkins series G)', () => {
  it('matches the airline model (0,1,1)(0,1,1)[12] on log passengers', () => {
    const result = fitArima(Float64Array.from(air, Math.log), spec(0, 1, 1, 0, 1, 1, 12, false));
    check(result, {
      coef: [
        ['ma1', -0.40182312781317314, 0.08964465145980607],
        ['sma1', -0.5569364987933145, 0.07310510073025753],
      ],
      sigma2: 0.0013480989843707594,
      logLik: 244.69648683286084,
      aicc: -483.2039972877689,
      nobs: 131,
      mean: [6.110185595970106, 6.05377484178034, 6.17171376071347, 6.199300340748566, 6.232555976387718, 6.3687784190472545],
      lower80: [6.063131512709333, 5.998944916948156, 6.110081345843579, 6.131544983260866, 6.159186893158624, 6.2901956201694516],
      upper80: [6.157239679230878, 6.108604766612524, 6.233346175583362, 6.267055698236266, 6.305925059616811, 6.4473612179250575],
      lower95: [6.0382225856658955, 5.969919708022651, 6.077455116213367, 6.095677463600353, 6.120347646599103, 6.248596399262981],
      upper95: [6.182148606274316, 6.1376299755380295, 6.2659724052135735, 6.30292321789678, 6.344764306176333, 6.488960438831528],
    });
    if (!result.ok) return;
    // Same log L, AIC and SEs as R's arima(log(AirPassengers), …): 244.70, −483.40, 0.0896 / 0.0731.
    expect(result.model.aic).toBeCloseTo(-483.3929736657217, 4);
    // One-step-ahead predictions: statsmodels' fittedvalues at t = 13, 14, 143.
    expect(Math.abs((result.fitted[13] as number) - 4.797117884899734)).toBeLessThan(1e-6);
    expect(Math.abs((result.fitted[14] as number) - 4.934849890608252)).toBeLessThan(1e-6);
    expect(Math.abs((result.fitted[143] as number) - 6.0833945342000995)).toBeLessThan(1e-6);
    expect(Number.isNaN(result.fitted[12] as number)).toBe(true);
    expect((result.residuals[143] as number) + (result.fitted[143] as number)).toBeCloseTo(Math.log(432), 12);
  });

  it('matches (1,1,0)(1,1,0)[12]: a 13-state AR block with its stationary start', () => {
    check(fitArima(Float64Array.from(air, Math.log), spec(1, 1, 0, 1, 1, 0, 12, false)), {
      coef: [
        ['ar1', -0.37446433199603757, 0.08081898823112639],
        ['sar1', -0.46372002015792724, 0.0807944765355701],
      ],
      sigma2: 0.0014567666830338512,
      logLik: 240.40640947290098,
      aicc: -474.6238425678492,
      nobs: 131,
      mean: [6.113441728763523, 6.055602122873716, 6.172064290238395, 6.211794944825994, 6.251701712767453, 6.373027676961143],
      lower80: [6.064527964376028, 5.997906790724519, 6.103276822793738, 6.134666014459821, 6.16664842686401, 6.2808671743828635],
      upper80: [6.1623554931510185, 6.113297455022913, 6.240851757683052, 6.288923875192166, 6.336754998670895, 6.465188179539422],
      lower95: [6.038634581610588, 5.967364726791688, 6.066862937125493, 6.093836425053474, 6.1216239370310594, 6.2320803513076655],
      upper95: [6.188248875916458, 6.143839518955744, 6.2772656433512966, 6.329753464598514, 6.381779488503846, 6.51397500261462],
    });
  });

  it("matches (2,1,1)(0,1,0)[12] on raw passengers, R's auto.arima choice", () => {
    // R prints for this model: log likelihood = −504.92, AICc = 1018.17, s.e. 0.0888 / 0.0880 / 0.0292.
    check(fitArima(air, spec(2, 1, 1, 0, 1, 0, 12, false)), {
      coef: [
        ['ar1', 0.5959801155224078, 0.08884582801694486],
        ['ar2', 0.21427452383939563, 0.08797499817558188],
        ['ma1', -0.9818750992867907, 0.029109953580112254],
      ],
      sigma2: 129.31286676677715,
      logLik: -504.9240299361055,
      aicc: 1018.1655201896714,
      nobs: 131,
      mean: [445.6350270628836, 420.3951961568638, 449.1985864666745, 491.84027598697514, 503.39485625750547, 566.8628727876177],
      lower80: [431.0603442285746, 403.29025437400816, 429.9966227307654, 471.26702919273794, 481.807832748645, 544.5244282691777],
      upper80: [460.20970989719257, 437.5001379397194, 468.4005502025836, 512.4135227812124, 524.981879766366, 589.2013173060576],
      lower95: [423.34497318651023, 394.23544515394195, 419.83171714461736, 460.3762102046328, 470.3803527850632, 532.6991700510971],
      upper95: [467.92508093925693, 446.5549471597856, 478.56545578873164, 523.3043417693175, 536.4093597299477, 601.0265755241383],
    });
  });
});

describe('simulated series (tests/fixtures/arima/simulated.json)', () => {
  it('matches the airline model on the simulated seasonal series', () => {
    check(fitArima(sim.sarima, spec(0, 1, 1, 0, 1, 1, 12, false)), {
      coef: [
        ['ma1', -0.3816652805281091, 0.09822862353304049],
        ['sma1', -0.6697603472364902, 0.20295670569089092],
      ],
      sigma2: 3.616096596917219,
      logLik: -174.75520428034014,
      aicc: 355.8142060290347,
      nobs: 83,
      mean: [105.19221111269904, 103.9910987976208, 113.37714345225756, 111.98451127697456, 117.49754824984966, 119.28986042384899],
      lower80: [102.75294251510064, 101.12355874894021, 110.13746128189983, 108.41123614076118, 113.61926901374149, 115.1288744268316],
      upper80: [107.63147971029744, 106.85863884630137, 116.61682562261528, 115.55778641318794, 121.37582748595783, 123.45084642086638],
      lower95: [101.46167171931869, 99.60557474166772, 108.42247713529248, 106.51965854523566, 111.56623200075957, 112.9261814946567],
      upper95: [108.9227505060794, 108.37662285357386, 118.33180976922263, 117.44936400871346, 123.42886449893975, 125.65353935304128],
    });
  });

  it('matches ARMA(1,1) with a mean', () => {
    check(fitArima(sim.arma11, spec(1, 0, 1, 0, 0, 0, 1, true)), {
      coef: [
        ['ar1', 0.5957771966777077, 0.09591917909624577],
        ['ma1', 0.3484530900819104, 0.11675868231950834],
        ['mean', 49.991795067969264, 0.5571005251637655],
      ],
      sigma2: 3.43625646365503,
      logLik: -244.80815553577915,
      aicc: 497.9641371585148,
      nobs: 120,
      mean: [49.20706312827721, 49.52426967279607, 49.713254098657345, 49.825846710112714, 49.89292682053222, 49.93289162067079],
      lower80: [46.831432748819964, 46.256960929383524, 46.1831965944445, 46.20711110741254, 46.2432329769978, 46.27227209371013],
      upper80: [51.58269350773446, 52.79157841620862, 53.243311602870186, 53.44458231281289, 53.54262066406663, 53.593511147631446],
      lower95: [45.573849990781035, 44.527352158407886, 44.31449703134234, 44.291468194605095, 44.31120176143543, 44.33445717070933],
      upper95: [52.84027626577339, 54.52118718718426, 55.11201116597235, 55.36022522562033, 55.47465187962901, 55.53132607063225],
    });
  });

  it('matches AR(2) with a mean', () => {
    check(fitArima(sim.ar2, spec(2, 0, 0, 0, 0, 0, 1, true)), {
      coef: [
        ['ar1', 0.6011729625034508, 0.07577843095095393],
        ['ar2', -0.3810220765872558, 0.07545099711385203],
        ['mean', 98.95044705583877, 0.47676109382487547],
      ],
      sigma2: 20.672099438670674,
      logLik: -440.26156053102636,
      aicc: 888.7989831310182,
      nobs: 150,
      mean: [94.68654710420715, 99.35532903254293, 100.81849116716923, 99.91919569679786, 98.82106649978961, 98.50355234479903],
      lower80: [88.85977036011393, 92.55667915930704, 94.01888085905982, 92.97627189954751, 91.8321892916095, 91.51446881767474],
      upper80: [100.51332384830037, 106.15397890577881, 107.61810147527864, 106.8621194940482, 105.80994370796972, 105.49263587192333],
      lower95: [85.77526107294614, 88.95769131487717, 90.41938459111945, 89.30091005314995, 88.13250117890463, 87.81467148631822],
      upper95: [103.59783313546816, 109.75296675020869, 111.217597743219, 110.53748134044577, 109.50963182067458, 109.19243320327985],
    });
  });

  it('matches ARIMA(1,1,0) with drift (regression on time with ARIMA errors)', () => {
    check(fitArima(sim.ari_drift, spec(1, 1, 0, 0, 0, 0, 1, true)), {
      coef: [
        ['ar1', 0.5129455539105875, 0.08602377607668915],
        ['drift', -0.08731121339198945, 0.6680609026071945],
      ],
      sigma2: 10.704416275193363,
      logLik: -257.9750683482014,
      aicc: 522.2027682753501,
      nobs: 99,
      mean: [193.22721847514114, 193.90603437417562, 194.21170465683315, 194.32597155460888, 194.34205893710606, 194.30778557375604],
      lower80: [189.03428878106197, 186.30189974013297, 183.56844280214366, 181.0036729192048, 178.6441527189229, 176.47916877077685],
      upper80: [197.4201481692203, 201.51016900821827, 204.85496651152263, 207.64827019001297, 210.03996515528922, 212.13640237673522],
      lower95: [186.81468587711691, 182.27651402008527, 177.93424031277794, 173.9512740249133, 170.33418313442493, 167.04126913580416],
      upper95: [199.63975107316537, 205.53555472826596, 210.48916900088835, 214.70066908430448, 218.3499347397872, 221.5743020117079],
    });
  });
});
