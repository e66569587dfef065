// Page-wide objects handed to deep components through Svelte context (keys are Symbols,
// so nothing collides): the connector every view queries through (App.svelte, the
// composition root, is the one place that picks the engine; views never import engine/),
// and the URL state, which the embed buttons read.
import { getContext, setContext } from 'svelte';
import { inBackground, type AppConnector, type Connector } from '../engine/connector';
import type { UrlState } from './url.svelte';

const URL_KEY = Symbol('url-state');
const CONNECTOR_KEY = Symbol('connector');

/** Hands the connector to every view below (called once in App). */
export function setConnectorContext(conn: AppConnector): void {
  setContext(CONNECTOR_KEY, conn);
}

/** The connector App handed down; throws outside the app, where no view can query anything. */
export function getConnector(): AppConnector {
  const conn = getContext<AppConnector | undefined>(CONNECTOR_KEY);
  if (!conn) throw new Error('No connector in context: a view must sit below App (setConnectorContext).');
  return conn;
}

/** The same connector's background lane: a view's model run that fills a panel in the background (behind the views' own queries, preempted by them). */
export function getBackgroundConnector(): Connector {
  return inBackground(getConnector());
}

/** Makes the URL state available to descendants (called once in App). */
export function setUrlContext(url: UrlState): void {
  setContext(URL_KEY, url);
}

/** The URL state, or undefined outside the app (e.g. component tests). */
export function getUrlContext(): UrlState | undefined {
  return getContext<UrlState | undefined>(URL_KEY);
}

/** The iframe snippet that embeds one view of the current page state. */
export function embedSnippet(url: UrlState, id: string, title: string, height = 420): string {
  // embed.html: the one page other sites may frame (public/_headers); it is the same app
  const base = typeof location === 'undefined' ? '' : `${location.origin}${location.pathname.replace(/[^/]*$/, 'embed.html')}`;
  const src = `${base}${url.query({ embed: id })}`;
  const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return `<iframe src="${esc(src)}" title="${esc(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
}
