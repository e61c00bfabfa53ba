/**
 * `google.script.run` for a sidebar or dialog outside Sheets. One bridge for the local preview and the
 * browser tests: it turns every call into `window.__gasCall(name, args)`, which returns a promise of
 * `{ ok, value }` or `{ ok: false, error }`. The preview defines __gasCall as a POST to its server; the
 * tests expose it from the test process. Arguments and results are plain data, as Apps Script carries
 * them. `google.script.host.close()` calls `window.__gasHost('close')` when there is one.
 *
 * It is a string, not a function, so that no compiler helper can slip into what the page runs.
 */
export const BRIDGE_SCRIPT = `(function () {
  function make(success, failure, user) {
    return new Proxy({}, {
      get: function (_t, prop) {
        if (prop === 'withSuccessHandler') return function (f) { return make(f, failure, user); };
        if (prop === 'withFailureHandler') return function (f) { return make(success, f, user); };
        if (prop === 'withUserObject') return function (u) { return make(success, failure, u); };
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return function () {
          var args = JSON.parse(JSON.stringify(Array.prototype.slice.call(arguments)));
          Promise.resolve(window.__gasCall(prop, args)).then(function (r) {
            if (r && r.ok) { if (success) success(r.value, user); }
            else if (failure) failure(new Error(r ? r.error : 'Нет ответа'), user);
          }, function (e) { if (failure) failure(e instanceof Error ? e : new Error(String(e)), user); });
        };
      }
    });
  }
  var host = {
    close: function () { if (window.__gasHost) window.__gasHost('close'); },
    setHeight: function () {},
    setWidth: function () {},
    editor: { focus: function () {} }
  };
  window.google = { script: { run: make(), host: host } };
})();`;

/** The sidebar's HTML with the bridge (and, before it, `transport`) in its head, before its own scripts. */
export function withBridge(html: string, transport = ''): string {
  const inject = `<script>${transport}\n${BRIDGE_SCRIPT}</script>`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${inject}`) : `${inject}${html}`;
}

/** The preview's transport: a POST to its server; the page around is told that the book may have changed. */
export const FETCH_TRANSPORT = `window.__gasCall = function (name, args) {
  return fetch('/api/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name, args: args }) })
    .then(function (r) { return r.json(); })
    .then(function (r) { try { window.parent.postMessage({ shnor: 'changed' }, '*'); } catch (e) {} return r; },
          function (e) { return { ok: false, error: String(e) }; });
};
window.__gasHost = function (what) { try { window.parent.postMessage({ shnor: what }, '*'); } catch (e) {} };`;
