/**
 * `google.script.run` for a sidebar or dialog outside Sheets. One bridge for the local preview and the
 * browser tests: it turns every call into `window.__gasCall(name, args)`, which returns a promise of
 * `{ ok, value }` or `{ ok: false, error }`. The preview defines __gasCall as a POST to its server; the
 * tests expose it from the test process. `google.script.host.close()` calls `window.__gasHost('close')`
 * when there is one.
 *
 * What crosses is what Apps Script carries (https://developers.google.com/apps-script/guides/html/reference/run#myFunction(...),
 * and the guide «Communicate with server functions»): «Legal parameters are JavaScript primitives like a
 * Number, Boolean, String, or null, as well as JavaScript objects and arrays that are composed of
 * primitives, objects, and arrays. A form element within the page is also legal as a parameter, but it must
 * be the function's only parameter. Requests fail if you attempt to pass a Date, Function, DOM element
 * besides a form, or other prohibited type, including prohibited types inside objects or arrays. Objects that
 * create circular references will also fail, and undefined fields within arrays become null.» Here the
 * call throws at once, with the TypeError Google's client gives («Failed due to illegal value in property:
 * 0»). A value the server returns goes by the same rules (serverValue below).
 *
 * It is a string, not a function, so that no compiler helper can slip into what the page runs.
 */
export const BRIDGE_SCRIPT = `(function () {
  function illegal(key) { return new TypeError('Failed due to illegal value in property: ' + key); }
  // A copy of a parameter as Apps Script takes it, or a TypeError naming the property that is not legal.
  function legal(v, key, seen) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return isFinite(v) ? v : null;
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || seen.indexOf(v) >= 0) throw illegal(key);
    var out, i, k, x;
    seen.push(v);
    if (Array.isArray(v)) {
      out = [];
      for (i = 0; i < v.length; i++) { x = legal(v[i], i, seen); out.push(x === undefined ? null : x); }
    } else {
      var proto = Object.getPrototypeOf(v);
      if (proto !== null && proto !== Object.prototype) throw illegal(key);
      out = {};
      for (k in v) if (Object.prototype.hasOwnProperty.call(v, k)) { x = legal(v[k], k, seen); if (x !== undefined) out[k] = x; }
    }
    seen.pop();
    return out;
  }
  // A form, as the only parameter: its named fields' values (checked boxes only), as Google sends them.
  function formFields(form) {
    var out = {};
    for (var i = 0; i < form.elements.length; i++) {
      var e = form.elements[i];
      if (!e.name || e.disabled || e.type === 'file') continue;
      if ((e.type === 'checkbox' || e.type === 'radio') && !e.checked) continue;
      out[e.name] = e.value;
    }
    return out;
  }
  function params(list) {
    if (list.length === 1 && typeof HTMLFormElement !== 'undefined' && list[0] instanceof HTMLFormElement) return [formFields(list[0])];
    var out = [];
    for (var i = 0; i < list.length; i++) { var x = legal(list[i], i, []); out.push(x === undefined ? null : x); }
    return out;
  }
  function make(success, failure, user) {
    return new Proxy({}, {
      get: function (_t, prop) {
        if (prop === 'withSuccessHandler') return function (f) { return make(f, failure, user); };
        if (prop === 'withFailureHandler') return function (f) { return make(success, f, user); };
        if (prop === 'withUserObject') return function (u) { return make(success, failure, u); };
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return function () {
          var args = params(Array.prototype.slice.call(arguments));
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

/** Whether `v` is an object of the literal kind (its prototype Object.prototype of any realm, or none). */
function plainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** A copy of `v` in legal types, or null when something in it is not (a Date, a function, a cycle). */
function legalCopy(v: unknown, seen: object[]): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || seen.includes(v)) throw new TypeError('illegal');
  seen.push(v);
  let out: unknown;
  if (Array.isArray(v)) out = v.map((x) => legalCopy(x, seen) ?? null);
  else if (plainObject(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = legalCopy(x, seen);
      if (c !== undefined) o[k] = c;
    }
    out = o;
  } else throw new TypeError('illegal');
  seen.pop();
  return out;
}

/**
 * What the sidebar's success handler receives for a server function's return value: its copy in the legal
 * types of the reference above (undefined fields dropped, undefined in arrays and nothing at all become
 * null). A value holding a type that is not legal — a Date, as a getValues() block with a date cell holds —
 * does not arrive: the handler gets null (Apps Script's behaviour; the guide names the legal types only).
 */
export function serverValue(value: unknown): unknown {
  try {
    return legalCopy(value, []) ?? null;
  } catch {
    return null;
  }
}
