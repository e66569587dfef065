// Which DuckDB-WASM build a browser runs: kept apart from db.ts (which imports the wasm files
// through Vite) so that the e2e tests can apply the same rule to the browser they drive.

/**
 * Fewest cores for which the multithreaded (coi) build is offered; below (one core), a
 * cross-origin isolated page runs the single-threaded eh build. The trade-off on 2 cores,
 * measured in headless Chromium on this machine: the coi runtime instantiates the 33 MB module
 * in its pool of helper workers before the first query, so a cold start takes 3-4 s longer
 * (engine ready after 6.5-7.1 s against 3.4-3.6 s; sample on screen after 12.7-13.0 s against
 * 9.0-9.1 s), but once running it is faster (`npm run bench -- --quick`, same hour: UCI to KPIs
 * 9.1 s against 9.3-9.9 s, 1M lines 10.7 s against 12.1-12.9 s, filter change p95 at 1M 2.3 s
 * against 3.1-3.4 s, the slowest tab at 1M 12.2 s against 18.2-18.9 s). The analysis is what a
 * user waits for most, so two cores get threads; one core gains nothing from them.
 */
export const MIN_CORES_FOR_THREADS = 2;

/** Whether a browser reporting `cores` (navigator.hardwareConcurrency) is offered the multithreaded build. */
export function usesThreadedBuild(cores: number | undefined): boolean {
  return (cores ?? 1) >= MIN_CORES_FOR_THREADS;
}

/** The build a page runs: "coi" (multithreaded) when cross-origin isolated with enough cores, else "eh". */
export function duckdbVariant(crossOriginIsolated: boolean, cores: number | undefined): 'coi' | 'eh' {
  return crossOriginIsolated && usesThreadedBuild(cores) ? 'coi' : 'eh';
}
