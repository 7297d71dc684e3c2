/**
 * node:http and node:https, loaded with `require` instead of an ESM import.
 *
 * An ESM import of a builtin builds its module namespace by reading every export, and
 * node:http has lazy getters (WebSocket, CloseEvent, MessageEvent) that load Node's own
 * undici to answer them: `import { request } from 'node:http'` costs a process ~13 MiB of RSS
 * (59.4 against 46.6 MiB for the same `request` through require, Node 24). The agent's
 * processes import the modules from here (an ESLint rule keeps it so); `ws` already
 * requires them.
 */
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const http = require('node:http') as typeof Http;
export const https = require('node:https') as typeof Https;
