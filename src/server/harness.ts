/**
 * For tests, benchmarks and the screenshot script: start `slant serve` as a real child process on
 * 127.0.0.1 with a given data directory, and launch Debian's Chromium through playwright-core
 * (never a downloaded browser). playwright-core is a dev dependency: import this module only there.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Start `node dist/cli/main.js serve` with PORT=0 and wait (at most 20 s) for the printed address. */
export function startServe(dataDir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    env: { ...process.env, PORT: '0', SLANT_DATA_DIR: dataDir, SLANT_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`slant serve did not print its address in 20 s; stderr: ${err}`));
    }, 20_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${m[1]}`,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`slant serve exited with ${code}: ${err.trim()}`));
    });
  });
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium; Playwright gives every launch a fresh, temporary profile (--user-data-dir). */
export async function launchChromium(): Promise<{ browser: import('playwright-core').Browser; close(): Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/**
 * Why browser tests cannot run here, or false. Under $SLANT_REQUIRE_BROWSER (CI) a missing Chromium
 * is an error, never a skipped test.
 */
export function browserSkip(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const why = `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (process.env.SLANT_REQUIRE_BROWSER) throw new Error(why);
  return why;
}

/** A page that records anything hostile: dialogs and page errors. */
export async function openPage(browser: import('playwright-core').Browser, url: string): Promise<{ page: import('playwright-core').Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  return { page, problems };
}

/** Nothing hostile ran or was inserted as markup: no payload flag, foreign script, injected element, javascript: link or inline handler. */
export async function assertClean(page: import('playwright-core').Page, problems: string[]): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    scripts: Array.from(document.querySelectorAll('script')).map((s) => s.getAttribute('src')),
    injected: document.querySelectorAll('style, iframe, img, main svg svg').length,
    jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
    handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
    bodyVisible: getComputedStyle(document.body).display !== 'none',
  }));
  assert.equal(state.pwned, null, 'a payload ran');
  assert.deepEqual(state.scripts, ['/app.js'], 'only the app script is on the page');
  assert.equal(state.injected, 0, 'no injected style, iframe, img or nested svg elements');
  assert.equal(state.jsLinks, 0, 'no javascript: links');
  assert.equal(state.handlers, 0, 'no inline event-handler attributes');
  assert.ok(state.bodyVisible);
  assert.deepEqual(problems, []);
}
