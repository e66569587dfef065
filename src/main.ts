// Entry: mounts the app. Everything heavy runs in workers (DuckDB's and ours).
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app element');
export default mount(App, { target });
