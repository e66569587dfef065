// The loaded dataset and everything derived from it, as runes state. One load at a time:
// a new load cancels the one in flight; a refused, failed or cancelled load leaves the
// previous dataset in place. A load (and a re-clean) builds every table, derived ones
// included, in a staging database and swaps it in at the end (engine/browser-connector
// stage()); every query of the load observes its signal, so Cancel frees the page at once.
// Large results are $state.raw (replaced, never deep-proxied).
import { mark, whenViewsSettled } from './activity';
import { abortError, isAbort, type Connector } from '../engine/connector';
import { activeDatabase, browserConnector as conn, derivedConnector, stage, type Staging } from '../engine/browser-connector';
import { dropFile, registerBytes, registerFile } from '../engine/files';
import { withRole, type Mapping } from '../mapping/detect';
import { detectDate } from '../mapping/dates';
import type { Role } from '../mapping/roles';
import { adoptStaged, analyse, buildCustomers, DatasetError, rereadRaw, type Analysis } from '../pipeline/dataset';
import { readSources, type ReadHost, type ReadReport, type Source, type SourceOptions } from '../pipeline/read/load';
import { ReadRefusal, sampleChoice, sampleOffer, type RetryChoice } from '../pipeline/read/refusal';
import { REJECTED_TABLE } from '../pipeline/read/load';
import { readError, toUserMessage, type UserMessage } from '../pipeline/messages';
import { toRows } from '../engine/rows';
import { decodeInWorker } from '../workers/reader-client';
import { refineDateOrder, refineDecimalSeparators, refinePriceConvention, type RawProfile } from '../pipeline/profile';
import { priceRolesKey } from '../pipeline/price-reading';
import { buildReport, type Report } from '../report/report';
import { DEFAULT_RULES, type CleanRules } from '../sql/clean';
import type { Kpis } from '../pipeline/kpis';
import { keepsRaw, releaseRaw, sampleAfterOutOfMemory } from '../pipeline/memory';
import { sampleEstimates, type SampleEstimates } from '../pipeline/sample';
import { additiveKpisFor, buildCube, kpisFor, type Cube } from '../pipeline/cube';
import { NO_FILTERS, type Filters } from './filters';
import { buildSegmentTables, restoreCustomers, snapshotCustomers } from '../pipeline/segments';
import type { RuleOptions } from '../sql/segments';

/** True when a mapping's price reading was measured for other columns than it now maps. */
function priceStale(m: Mapping): boolean {
  if (m.priceReading) return m.priceReading.roles !== priceRolesKey(m);
  return m.columns.some((c) => c.role === 'unit_price');
}

/** What the page is doing. */
export type Phase = 'starting' | 'reading' | 'analysing' | 'ready' | 'error';

/** Load progress as shown in the progress bar. */
export interface LoadProgress {
  label: string;
  bytesDone: number;
  bytesTotal: number;
  /** Rough row count so far (from the average line length of the first bytes), when known. */
  rowsEstimate: number | null;
  /** True for gzip files: DuckDB reports their progress only at the end. */
  compressed: boolean;
  /** When this load started (performance.now()), for the elapsed time. */
  startedAt: number;
}

/** Settings to apply while a dataset is read again (a kept dataset reopened): the mapping and rules it had, and the original file sizes. */
export interface Restore {
  mapping: Mapping | null;
  rules: CleanRules;
  /** Original size of each file (kept text is stored gzip-packed), for the read report. */
  sizes?: number[];
}

export type { UserMessage } from '../pipeline/messages';

const SAMPLE_URL = './sample.csv.gz';

/** Everything about the current dataset; one instance per page. */
export class DatasetState {
  phase = $state<Phase>('starting');
  name = $state('');
  progress = $state.raw<LoadProgress | null>(null);
  error = $state.raw<UserMessage | null>(null);
  profile = $state.raw<RawProfile | null>(null);
  mapping = $state.raw<Mapping | null>(null);
  detected = $state.raw<Mapping | null>(null);
  rules = $state.raw<CleanRules>(DEFAULT_RULES);
  analysis = $state.raw<Analysis | null>(null);
  loadMs = $state(0);
  /** Increments each time a new analysis and its derived tables (customers) are ready; views re-query on change. */
  revision = $state(0);
  /**
   * Increments when `sales` or the segment tables change (a new analysis is shown, new segment rules),
   * not when only the filters change: views that read `sales` alone follow `where` and this,
   * so the filtered customers table's rebuild does not make them query twice.
   */
  salesRevision = $state(0);
  /** The filters as a value (the source of `where`): the data cube router reads it. */
  filters: Filters = NO_FILTERS;
  /** The data cube of the current analysis, once built in the background after the Overview shows (null until then: views read `sales`). */
  cube: Cube | null = null;
  /** True while derived tables are being rebuilt after an analysis. */
  deriving = $state(false);
  /** The global filter predicate every view applies (over canonical sales columns). */
  where = $state('TRUE');
  /** The categorical part of the filter (business KPIs compare date ranges themselves). */
  dimsWhere = $state('TRUE');
  /** KPIs under the current filters (equal to analysis.kpis when nothing is filtered). */
  kpis = $state.raw<Kpis | null>(null);
  /** Thresholds of the rule segments (the Segments view edits them). */
  ruleOptions = $state.raw<RuleOptions>({});
  /** The analysis the cube was built (or is being built) for. */
  private cubeFor: Analysis | null = null;
  /** The analysis whose whole-data tables (customers_all, segments) exist. */
  private wholeFor: Analysis | null = null;
  /** The filter the `customers` table holds (null while it is rebuilt): a load builds it unfiltered. */
  private customersWhere: string | null = null;
  /** The filters the views last read again for (a revision bump). */
  private revisedFor = '';
  /** Called when a new file replaces the data, so filters of the old file are dropped. */
  onNewData: (() => void) | null = null;
  private controller: AbortController | null = null;
  private deriveController: AbortController | null = null;
  /** How the files of the current dataset were read: formats, guesses, skipped and rejected rows. */
  read = $state.raw<ReadReport | null>(null);
  /** The files of the current dataset (kept as handles, not copies) and the reading choices, for a re-read with another header row or sheet. */
  private sources: Source[] = [];
  private sourceOptions: SourceOptions[] = [];
  /** A load that stopped on a choice (a file that ends early): retryWith() goes on with it. */
  pending = $state.raw<{ sources: Source[]; options: SourceOptions[]; index: number | null } | null>(null);
  /** Whether the last load read one CSV file (the only kind a sample of customers can be read from). */
  private csvRead = false;
  /** The choice offered with the last refusal (e.g. analyse a file that ends early anyway). */
  retryChoice = $state.raw<RetryChoice | null>(null);
  /** Registered files still to forget: a cancelled read keeps its file busy for a moment. */
  private stale: string[] = [];
  /** False when the dataset's `raw` table was dropped after the load to save memory (src/pipeline/memory.ts). */
  private rawKept = true;
  /** The files and reading choices of the dataset on screen (a new object on each load or re-read), for keeping it on this device. */
  loaded = $state.raw<{ sources: Source[]; options: SourceOptions[] } | null>(null);

  /** Whole-file estimates of the headline totals when only a sample of customers was read (under the current filter). */
  estimates = $state.raw<SampleEstimates | null>(null);

  /** The customer sample the dataset was read as (1 in `every` customers), or null when it holds the whole file. */
  get sample(): { every: number; column: string } | null {
    return this.read?.sources.find((s) => s.sample)?.sample ?? null;
  }

  /** True while reading or analysing. */
  get busy(): boolean {
    return this.phase === 'reading' || this.phase === 'analysing';
  }

  /** Loads the built-in sample. */
  loadSample(): Promise<void> {
    return this.loadUrl(SAMPLE_URL, 'Built-in sample (generated shop data)');
  }

  /** Loads a data file from a URL the browser can fetch (same origin, or CORS-enabled). */
  async loadUrl(url: string, label?: string): Promise<void> {
    const signal = this.begin(`Downloading ${label ?? url}`);
    const started = performance.now();
    try {
      let res: Response;
      try {
        res = await fetch(url, { signal });
      } catch (e) {
        if (signal.aborted) throw e;
        throw new DatasetError('Could not download the data', `The browser could not fetch ${url}. Check the address; a file on another site must allow cross-origin requests (CORS).`);
      }
      if (!res.ok) throw new DatasetError('Could not download the data', `${url} answered ${res.status} ${res.statusText}. Check the address.`);
      const total = Number(res.headers.get('content-length') ?? 0);
      const bytes = await readAll(res, total, signal, (done) => this.setProgress(`Downloading ${label ?? url}`, done, total));
      const display = label ?? decodeURIComponent(url.split('/').pop() ?? url);
      await this.readAndAnalyse([{ name: display, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }], [], signal, started);
    } catch (e) {
      this.fail(e, signal);
    }
  }

  /** Loads a user's File (dropped or picked) without copying it into JS memory. */
  loadFile(file: File): Promise<void> {
    return this.loadFiles([file]);
  }

  /** Loads one or several Files (dropped or picked) as one dataset; several are appended by column name. */
  async loadFiles(files: File[], options: SourceOptions[] = []): Promise<void> {
    if (files.length === 0) return;
    // performance marks (src/state/activity.ts): file chosen → analysed (KPIs known) → derived (views can query)
    mark('bl:file-chosen');
    const label = files.length === 1 ? `Reading ${files[0]!.name}` : `Reading ${files.length} files`;
    const signal = this.begin(label);
    try {
      await this.readAndAnalyse(
        files.map((f) => ({ name: f.name, blob: f })),
        options,
        signal,
        performance.now(),
      );
    } catch (e) {
      this.fail(e, signal);
    }
  }

  /** Loads sources (e.g. a kept dataset's stored files) with saved reading choices, mapping and rules; true when they are now on screen. */
  async loadSources(sources: Source[], options: SourceOptions[], label: string, restore?: Restore): Promise<boolean> {
    if (sources.length === 0) return false;
    const signal = this.begin(label);
    try {
      await this.readAndAnalyse(sources, options, signal, performance.now(), restore);
    } catch (e) {
      this.fail(e, signal);
    }
    return this.loaded?.sources === sources;
  }

  /** Reads the current files again with changed reading choices (header row, sheet, a file that ends early). */
  async reread(index: number, change: SourceOptions): Promise<void> {
    const sources = this.sources;
    if (!sources.length) return;
    const options = sources.map((_, i) => ({ ...(this.sourceOptions[i] ?? {}), ...(i === index ? change : {}) }));
    const signal = this.begin(`Reading ${sources.length === 1 ? sources[0]!.name : `${sources.length} files`} again`);
    try {
      await this.readAndAnalyse(sources, options, signal, performance.now());
    } catch (e) {
      this.fail(e, signal);
    }
  }

  /** Rows the reader kept out (wrong field count, invalid JSON lines), with file, line and reason; `limit` rows at most. */
  async rejectedRows(limit = 1_000_000): Promise<Record<string, unknown>[]> {
    try {
      return toRows(await conn.query(`SELECT source_file, line, reason, text FROM ${REJECTED_TABLE} ORDER BY source_file, line LIMIT ${Math.max(0, Math.floor(limit))}`));
    } catch {
      return [];
    }
  }

  /** The files of the last load that failed with a choice to offer (a file that ends early), to retry with it. */
  retryWith(change: SourceOptions): void {
    const pending = this.pending;
    if (!pending) return;
    this.retryChoice = null;
    const signal = this.begin(`Reading ${pending.sources.length === 1 ? pending.sources[0]!.name : `${pending.sources.length} files`}`);
    const options = pending.sources.map((_, i) => ({ ...(pending.options[i] ?? {}), ...(i === (pending.index ?? i) ? change : {}) }));
    void this.readAndAnalyse(pending.sources, options, signal, performance.now()).catch((e: unknown) => this.fail(e, signal));
  }

  /** Cancels the load in flight: the page is usable again at once, on the previous dataset (whose tables the load never touched). */
  cancel(): void {
    const c = this.controller;
    if (!c || !this.busy) return;
    c.abort();
    this.settle(c.signal, abort());
  }

  /** Re-runs cleaning with a changed mapping (roles, date order, price convention). */
  async applyMapping(mapping: Mapping): Promise<void> {
    await this.rerun(mapping, this.rules);
  }

  /** Re-runs cleaning with changed rules (no reload). */
  async applyRules(rules: CleanRules): Promise<void> {
    if (!this.mapping) return;
    await this.rerun(this.mapping, rules);
  }

  /** A mapping with one column's role changed, re-detecting the date notation when the date column changes. */
  remap(base: Mapping, column: string, role: Role): Mapping {
    let m = withRole(base, column, role);
    const samples = this.profile?.columns.find((c) => c.name === column)?.samples ?? [];
    if (role === 'date') m = { ...m, date: detectDate(samples, true) };
    if (role === 'customer') m = { ...m, customerDotZero: samples.some((v) => /^\s*\d+\.0+\s*$/.test(v)) };
    return m;
  }

  /** Refines a hand-edited mapping the way detection does (date order and price convention on all rows). */
  async refine(m: Mapping): Promise<Mapping> {
    return refinePriceConvention(conn, await refineDecimalSeparators(conn, await refineDateOrder(conn, m)));
  }

  /** report.json for the current dataset, with later features' sections. */
  report(version: string, sections: Record<string, unknown> = {}): Report | null {
    if (!this.profile || !this.mapping || !this.analysis) return null;
    return buildReport({ version, name: this.name, profile: this.profile, mapping: this.mapping, analysis: this.analysis, read: this.read, sections });
  }

  private async rerun(edited: Mapping, rules: CleanRules): Promise<void> {
    if (!this.profile || !this.analysis) return;
    const profile = this.profile;
    const display = this.name;
    const signal = this.begin(`Applying the changes to ${display}`);
    this.phase = 'analysing';
    const staging = stage();
    try {
      const st = staging.connector(signal);
      // the raw table is copied (the active one is never written), or read again from the files
      // when it was dropped to save memory; then cleaned again in staging
      if (this.rawKept) await st.exec(`CREATE TABLE raw AS SELECT * FROM ${activeDatabase()}.raw`);
      else {
        this.setProgress(`Reading ${display} again`, 0, 0, null);
        await this.rereadRaw(st, staging, signal);
      }
      // the price reading is measured for the price/quantity/amount/product/category columns: re-measure when they changed
      const mapping = priceStale(edited) ? await refinePriceConvention(st, edited) : edited;
      const analysis = await this.build(st, profile, mapping, rules, display, signal);
      if (!this.rawKept) await releaseRaw(st);
      if (signal.aborted) throw abort();
      staging.commit();
      this.controller = null;
      this.mapping = mapping;
      this.rules = rules;
      this.adopt(analysis);
      await this.derive(analysis);
    } catch (e) {
      staging.discard();
      this.fail(e, signal);
    }
  }

  /** Cleans and measures `raw` in staging, then builds the whole-data derived tables there; each step shows its stage. */
  private async build(st: Connector, profile: RawProfile, mapping: Mapping, rules: CleanRules, display: string, signal: AbortSignal): Promise<Analysis> {
    const stageLabel = (label: string): void => {
      if (signal.aborted) return;
      this.setProgress(label, this.progress?.bytesTotal ?? 0, this.progress?.bytesTotal ?? 0, null);
    };
    const analysis = await analyse(st, profile, mapping, rules, (s) => stageLabel(s === 'cleaning' ? `Cleaning and measuring ${display}` : `Measuring ${display}`));
    // segments are attributes of customers over the whole data: built once per analysis, unfiltered
    stageLabel(`Building the customers table of ${display}`);
    await buildCustomers(st, analysis.context, 'TRUE');
    if (analysis.context.hasCustomers) {
      stageLabel(`Building customer segments of ${display}`);
      await snapshotCustomers(st);
      await buildSegmentTables(st, this.ruleOptions);
    }
    if (signal.aborted) throw abort();
    return analysis;
  }

  /** Shows a committed analysis (its whole-data tables already built). */
  private adopt(analysis: Analysis): void {
    // the cube describes the previous tables: views read `sales` until the new one is built
    this.cube = null;
    this.cubeFor = null;
    this.salesRevision++;
    this.analysis = analysis;
    this.wholeFor = analysis;
    // the build made `customers` for no filter: every view reads the new tables once, and
    // derive() rebuilds only for a filter (it reran every view of a fresh load a second time)
    this.customersWhere = 'TRUE';
    this.revision++;
    this.revisedFor = `${this.where}\u0000${this.dimsWhere}`;
    this.progress = null;
    this.phase = 'ready';
  }

  private begin(label: string): AbortSignal {
    this.controller?.abort();
    for (const name of this.stale.splice(0)) void dropFile(name).catch(() => undefined);
    const controller = new AbortController();
    this.controller = controller;
    this.error = null;
    this.retryChoice = null;
    this.phase = 'reading';
    this.progress = { label, bytesDone: 0, bytesTotal: 0, rowsEstimate: null, compressed: false, startedAt: performance.now() };
    return controller.signal;
  }

  private setProgress(label: string, bytesDone: number, bytesTotal: number, rowsEstimate: number | null = null, compressed = false): void {
    this.progress = { label, bytesDone, bytesTotal, rowsEstimate, compressed, startedAt: this.progress?.startedAt ?? performance.now() };
  }

  private async readAndAnalyse(sources: Source[], options: SourceOptions[], signal: AbortSignal, started: number, restore?: Restore): Promise<void> {
    const reading = { sources, options, index: null };
    this.pending = reading;
    const staging = stage();
    try {
      await this.readInto(staging, sources, options, signal, started, restore);
      // (the customer tables' build may have offered a smaller sample of this file: its choice stays)
      if (this.pending === reading) this.pending = null;
    } catch (e) {
      staging.discard();
      // out of memory on a single CSV: a sample of customers (twice as few) is offered instead of a dead end
      const smaller = e instanceof ReadRefusal || signal.aborted ? null : this.smallerSample(e, sources, options);
      if (smaller) {
        this.pending = { sources, options, index: 0 };
        const message = toUserMessage(e);
        throw new ReadRefusal(message.title, `${message.message} ${sampleOffer(smaller.value ?? 2)}`, smaller);
      }
      if (e instanceof ReadRefusal && e.retry) this.pending = { sources, options, index: e.retry.index };
      throw e;
    }
  }

  /** The sample of customers to offer after `e` (out of memory) on these sources: a single CSV only (the sample reads CSV). */
  private smallerSample(e: unknown, sources: Source[], options: SourceOptions[]): RetryChoice | null {
    if (sources.length !== 1 || !this.csvRead) return null;
    const next = sampleAfterOutOfMemory(e, options[0]?.sampleEvery ?? 1);
    return next === null ? null : sampleChoice(next);
  }

  /** How the reader registers, reads and decodes files for a load into `staging` (registered names are pushed to `registered`). */
  private readHost(st: Connector, staging: Staging, signal: AbortSignal, registered: string[]): ReadHost {
    const host: ReadHost = {
      conn: st,
      signal,
      registerFile: async (source, ext) => {
        const name = source instanceof Uint8Array ? await registerBytes(source, ext) : await registerFile(source, ext);
        registered.push(name);
        return name;
      },
      forgetFile: (name) => {
        if (signal.aborted) this.stale.push(name);
        else void dropFile(name).catch(() => this.stale.push(name));
      },
      readFile: (sql, onProgress) => staging.read(sql, onProgress, signal),
      decode: (file, format, o) => decodeInWorker(file, format, o, signal),
      insertArrow: (table, ipc) => st.insertArrow!(table, ipc),
      progress: (label, done, total) => {
        if (!signal.aborted) this.setProgress(label, done, total, null, false);
      },
    };
    return host;
  }

  /** Reads the current files again into `raw` of `staging` (the dataset's `raw` was dropped to save memory). */
  private async rereadRaw(st: Connector, staging: Staging, signal: AbortSignal): Promise<void> {
    await rereadRaw(this.readHost(st, staging, signal, []), this.sources, this.sourceOptions);
    if (signal.aborted) throw abort();
  }

  private async readInto(staging: Staging, sources: Source[], options: SourceOptions[], signal: AbortSignal, started: number, restore?: Restore): Promise<void> {
    const display = sources.length === 1 ? sources[0]!.name : `${sources.length} files: ${sources.map((s) => s.name).join(', ')}`;
    const st = staging.connector(signal);
    const registered: string[] = [];
    const host = this.readHost(st, staging, signal, registered);
    let read: ReadReport;
    // until the read says otherwise: a file named as text, or one already read as a sample (which only CSV offers)
    this.csvRead = sources.length === 1 && ((options[0]?.sampleEvery ?? 1) >= 2 || /\.(csv|tsv|tab|txt)(\.gz)?$/i.test(sources[0]!.name));
    try {
      read = await readSources(host, sources, options);
    } catch (e) {
      if (signal.aborted) throw abort();
      for (const name of registered) host.forgetFile(name);
      throw e instanceof ReadRefusal || e instanceof DatasetError ? e : readError(e, display);
    }
    if (signal.aborted) throw abort();
    this.csvRead = read.sources.length === 1 && read.sources[0]!.format === 'csv';
    this.phase = 'analysing';
    this.setProgress(`Typing and detecting the columns of ${display}`, 0, 0, null);
    // every query below observes the signal: skipped once it aborts, interrupted while it runs
    const adopted = await adoptStaged(st);
    // a kept dataset comes back with the mapping and rules it had (when they still fit its columns)
    const mapping = restore?.mapping && sameColumns(restore.mapping, adopted.profile) ? restore.mapping : adopted.mapping;
    const rules = restore ? { ...DEFAULT_RULES, ...restore.rules } : DEFAULT_RULES;
    if (restore?.sizes) read = { ...read, sources: read.sources.map((r, i) => ({ ...r, size: restore.sizes?.[i] ?? r.size })) };
    const analysis = await this.build(st, adopted.profile, mapping, rules, display, signal);
    // a large text copy is dropped now that `lines` holds its rows typed: re-cleaning reads the file again
    const keepRaw = keepsRaw(adopted.profile.rows);
    if (!keepRaw) await releaseRaw(st);
    // no await between this check and the swap: a Cancel either came before (nothing changes) or after (too late, the load is done)
    if (signal.aborted) throw abort();
    staging.commit();
    this.controller = null;
    // filters of the previous file do not apply to this one (the first load keeps the link's)
    if (this.analysis) {
      this.where = 'TRUE';
      this.dimsWhere = 'TRUE';
      this.filters = NO_FILTERS;
      this.onNewData?.();
    }
    this.name = display;
    this.sources = sources;
    this.sourceOptions = options;
    this.read = read;
    this.profile = adopted.profile;
    this.mapping = mapping;
    this.detected = adopted.mapping;
    this.rules = rules;
    this.loaded = { sources, options };
    this.rawKept = keepRaw;
    this.loadMs = performance.now() - started;
    this.adopt(analysis);
    mark('bl:analysed');
    await this.derive(analysis);
  }

  /** Changes the rule-segment thresholds: rebuilds the segment tables, then every view reloads. */
  async applyRuleOptions(o: RuleOptions): Promise<void> {
    this.ruleOptions = o;
    if (!this.analysis?.context.hasCustomers || this.wholeFor !== this.analysis) return;
    try {
      await buildSegmentTables(conn, o);
      this.revision++;
      this.salesRevision++;
    } catch (e) {
      this.error = toUserMessage(e);
    }
  }

  /** Applies new global filters: filtered KPIs (from the cube when it covers them), then the customers table once the views have queried. */
  async applyFilters(where: string, dimsWhere: string, filters: Filters = this.filters): Promise<void> {
    this.filters = filters;
    if (where === this.where && dimsWhere === this.dimsWhere) return;
    this.where = where;
    this.dimsWhere = dimsWhere;
    if (this.analysis) await this.derive(this.analysis);
  }

  /** Builds the tables the views read (customers) after the KPIs are on screen, then bumps the revision. */
  private async derive(analysis: Analysis): Promise<void> {
    this.deriveController?.abort();
    const controller = new AbortController();
    this.deriveController = controller;
    this.deriving = true;
    const where = this.where;
    const filters = this.filters;
    const revised = `${where}\u0000${this.dimsWhere}`;
    let changed = false;
    try {
      if (where === 'TRUE') this.kpis = analysis.kpis;
      else {
        // the sums from the data cube first (a few ms), the distinct counts (transactions, customers) next
        const early = await additiveKpisFor(conn, this.cube, filters, controller.signal);
        if (early && !controller.signal.aborted) this.kpis = early;
        // the distinct counts scan `sales`: the views' first answers from the cube go before them
        if (early) await whenViewsSettled(controller.signal);
        const kpis = await kpisFor(conn, this.cube, filters, controller.signal);
        if (!controller.signal.aborted) this.kpis = kpis;
      }
      const sample = this.sample;
      this.estimates = sample ? await sampleEstimates(conn, sample.every, where, controller.signal) : null;
      if (this.wholeFor !== analysis) {
        changed = true;
        this.customersWhere = null;
        // segments are attributes of customers over the whole data: built once per analysis, unfiltered
        await buildCustomers(conn, analysis.context, 'TRUE', controller.signal);
        if (analysis.context.hasCustomers) {
          await snapshotCustomers(conn, controller.signal);
          await buildSegmentTables(conn, this.ruleOptions, controller.signal);
        }
        this.wholeFor = analysis;
        this.customersWhere = 'TRUE';
      }
      if (this.customersWhere !== where) {
        changed = true;
        this.customersWhere = null;
        // the views on screen query first: this rebuild (seconds on a million lines) waits for them
        // (not for background work such as tab prefetch or the cube, which may run for many seconds)
        await whenViewsSettled(controller.signal);
        // in the derived lane: a newer filter's view queries go before its statements
        if (where === 'TRUE' && analysis.context.hasCustomers && this.wholeFor === analysis) {
          // no filter: the whole-data table built with the analysis (customers_all) is the
          // answer, copied in a fraction of the rebuild's time ("Clear all" at 1M rows: 3.7 s → ms)
          await restoreCustomers(derivedConnector, controller.signal);
        } else await buildCustomers(derivedConnector, analysis.context, where, controller.signal);
        this.customersWhere = where;
      }
    } catch (e) {
      if (!controller.signal.aborted) {
        // the dataset is on screen but its customer tables did not fit: a smaller sample of it is offered
        const smaller = this.loaded ? this.smallerSample(e, this.loaded.sources, this.loaded.options) : null;
        const message = toUserMessage(e);
        this.error = smaller ? { ...message, message: `${message.message} ${sampleOffer(smaller.value ?? 2)}` } : message;
        if (smaller && this.loaded) {
          this.pending = { sources: this.loaded.sources, options: this.loaded.options, index: 0 };
          this.retryChoice = smaller;
        }
      }
    } finally {
      // a newer filter or dataset superseded this build: only the newest bumps the revision
      if (this.analysis === analysis && this.where === where) {
        this.deriving = false;
        // the views read again when a table changed or the filters did (not after a fresh load: adopt did)
        if (changed || this.revisedFor !== revised) {
          this.revision++;
          this.revisedFor = revised;
        }
        mark('bl:derived');
        void this.ensureCube(analysis);
      }
    }
  }

  /** Builds the data cube of an analysis in the background, once the views on screen have their data; filter changes then answer from it. */
  private async ensureCube(analysis: Analysis): Promise<void> {
    if (this.cubeFor === analysis) return;
    this.cube = null;
    this.cubeFor = analysis;
    try {
      // after the views on screen have their data; then in the derived lane, so a click's
      // queries go before each of its statements (and tab prefetch after them)
      await whenViewsSettled();
      if (this.analysis !== analysis) return;
      const cube = await buildCube(derivedConnector, analysis.context.dimensions, undefined, analysis.context.daysTable);
      if (this.analysis === analysis) {
        this.cube = cube;
        // for the benchmark: when filters start to read the cube, and what it cost
        performance.mark('cube-built', { detail: { rows: cube.tables.map((t) => t.rows), dims: cube.dims, buildMs: Math.round(cube.buildMs) } });
      }
    } catch {
      // no cube: every view keeps reading `sales` (same figures, slower filters)
    }
  }

  private fail(e: unknown, signal: AbortSignal): void {
    if (signal !== this.controller?.signal) return; // superseded by a newer load
    if (signal.aborted && !this.busy) return; // already settled by cancel()
    this.settle(signal, e);
  }

  /** Ends a load that did not finish: the previous dataset (if any) is shown again, with why. */
  private settle(signal: AbortSignal, e: unknown): void {
    this.progress = null;
    if (signal.aborted || isAbort(e)) {
      this.error = { title: 'Loading cancelled', message: this.analysis ? 'The previous data is still loaded.' : 'Load a file or the sample to start.' };
    } else {
      this.error = toUserMessage(e);
    }
    this.retryChoice = e instanceof ReadRefusal && e.retry ? e.retry : null;
    this.phase = this.analysis ? 'ready' : 'error';
    // controls that showed the abandoned change (a rule's checkbox, a role) show the settings in force again
    this.rules = { ...this.rules };
    if (this.mapping) this.mapping = { ...this.mapping };
  }
}

const abort = abortError;

/** True when a saved mapping names exactly the columns of the profile (same file, same read). */
function sameColumns(m: Mapping, profile: RawProfile): boolean {
  const a = m.columns.map((c) => c.name);
  const b = profile.columns.map((c) => c.name);
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

async function readAll(res: Response, total: number, signal: AbortSignal, onProgress: (done: number) => void): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let done = 0;
  for (;;) {
    if (signal.aborted) {
      await reader.cancel();
      throw abort();
    }
    const { value, done: end } = await reader.read();
    if (end) break;
    chunks.push(value);
    done += value.byteLength;
    onProgress(done);
  }
  const out = new Uint8Array(done);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  void total;
  return out;
}
