#!/usr/bin/env node
// basket-lens: runs the TypeScript command line (src/cli/main.ts) through tsx, from a clone
// after `npm install` (npx basket-lens …). See notes/cli.md.
import { register } from 'tsx/esm/api';

process.env.BASKET_LENS_CLI = '1';
register();
await import('../src/cli/main.ts');
