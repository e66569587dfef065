// Entry: mounts the app. Everything heavy runs in workers (DuckDB's and ours).
import { mount } from 'svelte';
import App from './App.svelte';
import { registerOffline } from './sw/register';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app element');
// Offline use (service worker) in built pages only: `npm start` serves changing modules that
// a cache must never pin.
if (import.meta.env.PROD) registerOffline();
export default mount(App, { target });
