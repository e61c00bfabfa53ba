/**
 * The local preview server: node:http on 127.0.0.1 only. It serves the page, its script (bundled from
 * client.ts with esbuild when the server starts), the sidebars and dialogs the add-on opens (with the
 * google.script.run bridge in their head), and a small JSON API over a PreviewSession.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { MemoryWorkbook } from '../../workbook/memory';
import { FETCH_TRANSPORT, withBridge } from './bridge';
import { type Answer, PreviewSession } from './session';

export interface PreviewOptions {
  wb: MemoryWorkbook;
  /** Shown as the document's title. */
  title: string;
  /** Where Code.js and the sidebars' HTML are (dist/). */
  dist: string;
  port?: number;
}

export interface RunningPreview {
  url: string;
  session: PreviewSession;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

async function clientScript(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'client.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    charset: 'utf8',
  });
  return (result.outputFiles[0] as { text: string }).text;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('Слишком большой запрос'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('Запрос не JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}
const json = (res: ServerResponse, body: unknown, status = 200) => send(res, status, 'application/json', JSON.stringify(body));

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const session = new PreviewSession(options.wb, { dist: options.dist, title: options.title });
  const script = await clientScript();
  const page = PAGE.replace('/* inline:js */', () => script.replace(/<\/script/gi, '<\\/script'));

  let port = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only pages of this server may drive it: no other Host (DNS rebinding), and every POST is JSON,
    // which a page of another site cannot send here without a CORS preflight this server never grants.
    if (![`127.0.0.1:${port}`, `localhost:${port}`].includes(req.headers.host ?? '')) return send(res, 403, 'text/plain', 'Чужой адрес');
    if (req.method === 'POST' && !/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, 'text/plain', 'Нужен application/json');
    }
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html', page);
    if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
    if (req.method === 'GET' && url.pathname === '/api/state') {
      return json(res, {
        title: options.title,
        menus: session.menus,
        ...session.view(url.searchParams.get('sheet') ?? undefined),
        pending: session.takePending(),
      });
    }
    const html = /^\/html\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && html) {
      const out = session.htmlOutput(Number(html[1]));
      if (!out) return send(res, 404, 'text/plain', 'Нет такой панели');
      return send(res, 200, 'text/html', withBridge(out.html, FETCH_TRANSPORT));
    }
    if (req.method === 'POST' && url.pathname === '/api/menu') {
      const body = (await readBody(req)) as { handler?: string; answers?: Answer[] };
      return json(res, session.runMenu(String(body.handler ?? ''), Array.isArray(body.answers) ? body.answers : []));
    }
    if (req.method === 'POST' && url.pathname === '/api/run') {
      const body = (await readBody(req)) as { name?: string; args?: unknown[] };
      return json(res, await session.call(String(body.name ?? ''), Array.isArray(body.args) ? body.args : []));
    }
    if (req.method === 'POST' && url.pathname === '/api/select') {
      const body = (await readBody(req)) as { sheet?: string; row?: number; col?: number };
      return json(res, { ok: session.select(String(body.sheet ?? ''), Number(body.row), Number(body.col)) });
    }
    if (req.method === 'POST' && url.pathname === '/api/activate') {
      const body = (await readBody(req)) as { sheet?: string };
      return json(res, { ok: session.activate(String(body.sheet ?? '')) });
    }
    return send(res, 404, 'text/plain', 'Не найдено');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, { ok: false, error: (e as Error).message }, 500);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    session,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PAGE = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Предпросмотр ШНОР</title>
<style>
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 13px Arial, 'Liberation Sans', sans-serif; color: #202124; }
body { display: flex; flex-direction: column; background: #f9fbfd; }
header { background: #f9fbfd; padding: 6px 12px 0; }
.doc { display: flex; align-items: center; gap: 10px; }
.logo { width: 28px; height: 36px; background: #0f9d58; border-radius: 3px; position: relative; }
.logo::after { content: ''; position: absolute; inset: 12px 6px 8px; border: 2px solid #fff; border-radius: 1px; }
#doc-title { font-size: 18px; }
.badge { font-size: 11px; color: #5f6368; border: 1px solid #dadce0; border-radius: 10px; padding: 1px 8px; }
#status { color: #5f6368; margin-left: auto; }
#menubar { display: flex; gap: 2px; padding: 2px 0 4px 36px; }
.menubar-item { padding: 3px 8px; border-radius: 4px; cursor: default; position: relative; }
.menubar-item.disabled { color: #80868b; }
.menu-root > .menu-label { cursor: pointer; }
.menu-root.menu-open > .menu-label, .menu-root > .menu-label:hover { background: #e8eaed; border-radius: 4px; }
.menu-label { padding: 3px 8px; margin: -3px -8px; }
.menu-drop { display: none; position: absolute; top: 100%; left: 0; min-width: 240px; background: #fff; border-radius: 4px;
  box-shadow: 0 2px 6px rgba(60,64,67,.3), 0 1px 2px rgba(60,64,67,.15); padding: 6px 0; z-index: 20; }
.menu-open > .menu-drop { display: block; }
.menu-drop.sub { top: -6px; left: 100%; min-width: 280px; }
.menu-entry { padding: 6px 16px 6px 24px; cursor: pointer; position: relative; display: flex; justify-content: space-between; white-space: nowrap; }
.menu-entry:hover { background: #f1f3f4; }
.menu-entry.disabled { color: #80868b; cursor: default; }
.menu-sep { border-top: 1px solid #dadce0; margin: 6px 0; }
.toolbar { height: 36px; margin: 0 8px; background: #edf2fa; border-radius: 18px; }
main { flex: 1; display: flex; min-height: 0; border-top: 1px solid #e1e3e6; margin-top: 6px; }
#sheet { flex: 1; overflow: auto; background: #fff; position: relative; }
/* Separate borders: with collapsed ones a frozen (sticky) cell would leave its borders behind. */
table.grid { border-collapse: separate; border-spacing: 0; table-layout: fixed; }
.grid th { background: #f8f9fa; color: #5f6368; font-weight: normal; border-right: 1px solid #e1e3e6; border-bottom: 1px solid #e1e3e6; height: 21px; position: sticky; }
.grid thead th { top: 0; z-index: 10; }
.grid th.row-head { left: 0; z-index: 6; }
.grid th.corner { left: 0; z-index: 12; }
.grid td { border-right: 1px solid #e1e3e6; border-bottom: 1px solid #e1e3e6; height: 21px; padding: 0 3px; white-space: nowrap; overflow: hidden; text-overflow: clip; position: relative; max-width: 0; background: #fff; }
.grid td { vertical-align: bottom; }
.grid td.num { text-align: right; }
.grid td.lines { white-space: pre; }
/* Wrapped text breaks at the cell's edge (a word longer than the cell too); the row grows to fit it. */
.grid td.wrap { white-space: pre-wrap; overflow-wrap: break-word; }
.grid td.spills { overflow: visible; z-index: 1; }
.grid td .spill { display: block; overflow: hidden; position: relative; }
/*
 * Frozen rows and columns stay while the sheet scrolls (their top and left are set by the script), over the
 * cells that pass under them; text overflowing into the cells beside it is drawn over them, in each layer.
 */
.grid tr.frozen-row > td, .grid tr.frozen-row > th { position: sticky; z-index: 2; }
.grid tr.frozen-row > td.spills { z-index: 3; }
.grid td.frozen-col { position: sticky; z-index: 4; }
.grid td.frozen-col.spills { z-index: 5; }
.grid tr.frozen-row > td.frozen-col { z-index: 7; }
.grid tr.frozen-row > td.frozen-col.spills { z-index: 8; }
.grid tr.frozen-row > th.row-head { z-index: 9; }
.grid thead th.frozen-col { z-index: 11; }
.grid td.has-note::after { content: ''; position: absolute; top: 0; right: 0; border-left: 6px solid transparent; border-top: 6px solid #f29900; }
.grid td.dv-list { padding-right: 14px; }
.grid td.dv-list::before { content: '▾'; position: absolute; right: 2px; color: #5f6368; }
.grid .frozen-bottom { border-bottom: 3px solid #c0c4c9; }
.grid .frozen-right { border-right: 3px solid #c0c4c9; }
.grid td a { color: #1155cc; }
.grid tr.flash td { outline: 2px solid #1a73e8; outline-offset: -2px; }
.grid td.selected, .grid tr.flash td.selected { outline: 2px solid #1a73e8; outline-offset: -2px; }
#user { color: #5f6368; font-size: 12px; }
.note { color: #5f6368; padding: 8px; }
.spark { display: block; width: 100%; height: 20px; }
.spark path { fill: none; stroke: #3c4043; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.chart-float { position: absolute; z-index: 3; background: #fff; border: 1px solid #dadce0; line-height: 0; }
.chart { margin: 16px; padding: 12px; border: 1px solid #dadce0; display: inline-block; background: #fff; }
.chart figcaption { font-weight: bold; margin-bottom: 8px; }
.chart-plot { display: flex; align-items: flex-end; gap: 16px; height: 160px; border-bottom: 1px solid #5f6368; padding: 0 8px; }
.chart-group { display: flex; flex-direction: column; align-items: center; }
.chart-bars { display: flex; align-items: flex-end; gap: 2px; height: 140px; }
.chart-bar { width: 16px; }
.chart-cat { font-size: 11px; color: #5f6368; margin-top: 4px; }
.chart-legend { display: flex; gap: 12px; margin-top: 12px; font-size: 11px; }
.chart-legend span { padding-left: 4px; }
#sidebar { width: 300px; flex: none; display: flex; flex-direction: column; border-left: 1px solid #dadce0; background: #fff; }
#sidebar[hidden] { display: none; }
.sidebar-head { display: flex; align-items: center; justify-content: space-between; padding: 12px 8px 12px 16px; font-size: 16px; border-bottom: 1px solid #e8eaed; }
#sidebar-frame { flex: 1; width: 300px; border: 0; }
button.close { border: 0; background: none; font-size: 20px; cursor: pointer; color: #5f6368; }
footer { display: flex; align-items: center; gap: 2px; padding: 2px 8px; background: #f1f3f4; border-top: 1px solid #dadce0; position: relative; }
footer > button { border: 0; background: none; color: #5f6368; font-size: 18px; width: 28px; height: 28px; border-radius: 50%; cursor: pointer; flex: none; }
footer > button:hover:not(:disabled) { background: #e8eaed; }
footer > button:disabled { cursor: default; }
/* The tabs scroll sideways (arrows at the right, the wheel, or «Все листы»); no scroll bar, as in Sheets. */
#tabs { flex: 1 1 auto; min-width: 0; display: flex; gap: 2px; overflow-x: auto; scrollbar-width: none; }
#tabs::-webkit-scrollbar { display: none; }
#tab-arrows { display: flex; flex: none; border-left: 1px solid #dadce0; padding-left: 4px; }
#tab-arrows[hidden] { display: none; }
#tab-arrows button { border: 0; background: none; font-size: 18px; width: 28px; height: 28px; border-radius: 50%; cursor: pointer; color: #444746; }
#tab-arrows button:disabled { color: #c4c7c5; cursor: default; }
#tab-arrows button:hover:not(:disabled) { background: #e8eaed; }
#tab-list { position: absolute; bottom: 100%; left: 44px; min-width: 240px; max-height: 60vh; overflow: auto; background: #fff; border-radius: 4px;
  box-shadow: 0 2px 6px rgba(60,64,67,.3), 0 1px 2px rgba(60,64,67,.15); padding: 6px 0; z-index: 20; }
#tab-list[hidden] { display: none; }
#tab-list .current { color: #0b57d0; font-weight: bold; }
.tab { flex: none; border: 0; background: none; padding: 6px 14px; font: inherit; color: #444746; cursor: pointer; border-radius: 4px 4px 0 0; white-space: nowrap; }
.tab:hover { background: #e8eaed; }
.tab.active { background: #e1e9f7; color: #0b57d0; font-weight: bold; }
.overlay { position: fixed; inset: 0; background: rgba(32,33,36,.45); display: flex; align-items: center; justify-content: center; z-index: 50; }
.dialog { background: #fff; border-radius: 8px; padding: 24px; max-width: 720px; min-width: 360px; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
.dialog-title { font-size: 18px; margin-bottom: 12px; }
.dialog-text { white-space: pre-wrap; line-height: 1.45; max-height: 60vh; overflow: auto; }
.dialog-input { width: 100%; margin-top: 12px; padding: 6px; font: inherit; }
.dialog-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 20px; }
.dialog-buttons button { font: inherit; padding: 6px 18px; border: 1px solid #dadce0; border-radius: 4px; background: #fff; cursor: pointer; }
.dialog-buttons button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
.html-dialog { padding: 12px 16px 16px; max-width: none; }
.dialog-head { display: flex; justify-content: space-between; align-items: center; }
.html-dialog iframe { border: 0; display: block; }
#toasts { position: fixed; left: 16px; bottom: 48px; display: flex; flex-direction: column; gap: 8px; z-index: 60; }
.toast { background: #323232; color: #fff; padding: 10px 16px; border-radius: 4px; }
</style>
</head>
<body>
<header>
  <div class="doc"><div class="logo" aria-hidden="true"></div><span id="doc-title"></span><span class="badge">предпросмотр без Google</span><span id="status" role="status"></span><span id="user" title="Кто работает с надстройкой в предпросмотре"></span></div>
  <nav id="menubar" aria-label="Меню"></nav>
  <div class="toolbar" aria-hidden="true"></div>
</header>
<main>
  <section id="sheet" aria-label="Лист"></section>
  <aside id="sidebar" hidden aria-label="Боковая панель">
    <div class="sidebar-head"><span id="sidebar-title"></span><button id="sidebar-close" class="close" aria-label="Закрыть">×</button></div>
    <iframe id="sidebar-frame" title="Боковая панель"></iframe>
  </aside>
</main>
<footer>
  <button class="tab-add" disabled aria-label="Добавить лист (недоступно в предпросмотре)">+</button>
  <button id="tab-list-button" aria-label="Все листы" aria-haspopup="menu">≡</button>
  <div id="tab-list" role="menu" aria-label="Все листы" hidden></div>
  <div id="tabs" role="tablist" aria-label="Листы"></div>
  <div id="tab-arrows" hidden><button id="tabs-left" aria-label="Листы левее">‹</button><button id="tabs-right" aria-label="Листы правее">›</button></div>
</footer>
<div id="toasts"></div>
<script>/* inline:js */</script>
</body>
</html>
`;
