/*
 * harness.js — what the browser tests share: the built site served on a
 * free port, and Debian's chromium driven headless by playwright-core
 * (no browser download; --no-sandbox because CI runs as root).
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../web/serve.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = join(root, 'build/site');
export const outputDir = join(root, 'build/test-output/web');

export async function start() {
  mkdirSync(outputDir, { recursive: true });
  const server = await serve(siteDir, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  return {
    url: server.url,
    browser,
    /* A fresh page that fails the test on uncaught page errors. */
    async page(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...options });
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
      return page;
    },
    async close() { await browser.close(); await server.close(); },
  };
}

/* The page's code cells as [[kind, text], ...] per cell, addresses normalised. */
export const normalise = (text) => text.replace(/0x[0-9a-fA-F]+/g, '0x…');
export async function cellOutputs(page) {
  return page.$$eval('.hl-code-cell', (cells) => cells.map((c) =>
    [...c.querySelectorAll('[data-output]')].map((o) => [o.dataset.output, o.textContent])));
}

/* Waits until no cell is queued or running and the kernel is idle. */
export async function settled(page, timeout = 60000) {
  await page.waitForFunction(() => document.body.dataset.kernel === 'idle' &&
    !document.querySelector('.hl-code-cell[data-state=queued], .hl-code-cell[data-state=running]'), null, { timeout });
}
