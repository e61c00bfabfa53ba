/**
 * google.script.run's bridge (the preview's and the browser tests') carries what Apps Script carries
 * (reference: google.script.run, myFunction(...)): a parameter that is not legal — a Date, a function, a DOM
 * element other than a lone form, a cycle — fails the call at once with Google's TypeError; undefined in an
 * array becomes null, an undefined field goes; a lone form goes as its fields. A return value holding a
 * type that is not legal reaches the page as null. Each case fails on the JSON round trip the bridge used
 * before (which turned a Date into its ISO text and a function into nothing).
 */
import vm from 'node:vm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverValue, withBridge } from '../../../src/cli/preview/bridge';
import { launch } from '../../support/browser';

describe('serverValue: what a sidebar receives from a server function', () => {
  it('plain data as it is; undefined in arrays as null, undefined fields dropped, nothing as null', () => {
    expect(serverValue({ a: 1, b: 'x', c: [true, null, undefined], d: undefined, e: { f: -0.5 } })).toEqual({
      a: 1,
      b: 'x',
      c: [true, null, null],
      e: { f: -0.5 },
    });
    expect(serverValue(undefined)).toBeNull();
    // The bundle's objects come from another realm (node:vm, as in the preview and the bundle tests).
    expect(serverValue(vm.runInNewContext('({ rows: [[1, "a"]], ok: true })'))).toEqual({ rows: [[1, 'a']], ok: true });
  });

  it('a Date, a function, an object of a class or a cycle anywhere in it: null arrives', () => {
    expect(serverValue(new Date())).toBeNull();
    expect(serverValue({ rows: [['sch771005', vm.runInNewContext('new Date(0)')]] })).toBeNull();
    expect(serverValue({ run: () => 1 })).toBeNull();
    expect(serverValue([new Map()])).toBeNull();
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(serverValue(cycle)).toBeNull();
  });
});

describe('parameters, in the browser', () => {
  let browser: Browser;
  let page: Page;
  const received: unknown[][] = [];
  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage();
    await page.exposeFunction('__gasCall', (_name: string, args: unknown[]) => {
      received.push(args);
      return { ok: true, value: null };
    });
    await page.setContent(
      withBridge(
        '<html><head></head><body><form id="f"><input name="login" value="sch771005"><input type="checkbox" name="all" value="да" checked>' +
          '<input type="checkbox" name="none" value="нет"><input type="file" name="file"></form><div id="d"></div></body></html>',
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** The call's TypeError message, or '' when the call went out. */
  const attempt = (script: string) =>
    page.evaluate((s) => {
      try {
        new Function('run', s)((window as unknown as { google: { script: { run: unknown } } }).google.script.run);
        return '';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    }, script);

  it('a Date, a function, a DOM element, a Map or a cycle fails at once with Google’s TypeError', async () => {
    expect(await attempt('run.apiSave(new Date())')).toBe('TypeError: Failed due to illegal value in property: 0');
    expect(await attempt('run.apiSave("x", { when: { start: new Date() } })')).toBe(
      'TypeError: Failed due to illegal value in property: start',
    );
    expect(await attempt('run.apiSave({ done: function () {} })')).toBe('TypeError: Failed due to illegal value in property: done');
    expect(await attempt('run.apiSave([1, document.getElementById("d")])')).toBe('TypeError: Failed due to illegal value in property: 1');
    expect(await attempt('run.apiSave("x", document.getElementById("f"))')).toBe('TypeError: Failed due to illegal value in property: 1');
    expect(await attempt('run.apiSave(new Map())')).toBe('TypeError: Failed due to illegal value in property: 0');
    expect(await attempt('var o = { a: 1 }; o.self = o; run.apiSave(o)')).toBe('TypeError: Failed due to illegal value in property: self');
    expect(received).toEqual([]);
  });

  it('plain data goes as a copy: undefined in an array becomes null, an undefined field goes; a lone form goes as its fields', async () => {
    expect(await attempt('run.apiSave({ a: [1, undefined, "б"], b: undefined, c: { d: null } }, 2.5, undefined)')).toBe('');
    expect(await attempt('run.apiSave(document.getElementById("f"))')).toBe('');
    await expect.poll(() => received.length).toBe(2);
    expect(received[0]).toEqual([{ a: [1, null, 'б'], c: { d: null } }, 2.5, null]);
    expect(received[1]).toEqual([{ login: 'sch771005', all: 'да' }]);
  });
});
