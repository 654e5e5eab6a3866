/* Signpost service worker, version {{ version }}. The version changes whenever the site's content
   or code changes, so this file's bytes change and browsers install the update by themselves. */
"use strict";
const VERSION = {{ version|tojson }};
const SHELL = "signpost-shell-" + VERSION;
const PAGES = "signpost-pages-" + VERSION;
const MAX_PAGES = 40;
const PRECACHE = {{ precache|tojson }};
const LANGUAGES = {{ languages|tojson }};
const LANGUAGE_PAGES = {{ language_pages|tojson }};
const NEVER = ["/api/", "/qr.", "/embed/", "/sw.js"];

self.addEventListener("install", (event) => {
  // cache: "reload" skips the browser's HTTP cache, so a new version stores fresh copies.
  event.waitUntil(caches.open(SHELL)
    .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // Old versions' copies are out of date: remove them.
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== PAGES)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  // A page tells the worker its language: keep help-now, offline and My list in it too.
  const pages = event.data && event.data.type === "language" && LANGUAGE_PAGES[event.data.lang];
  if (!pages) { return; }
  event.waitUntil(caches.open(SHELL).then(async (cache) => {
    const missing = [];
    for (const url of pages) {
      if (!(await cache.match(url))) { missing.push(new Request(url, { cache: "reload" })); }
    }
    return cache.addAll(missing);
  }));
});

function languageOf(url) {
  const match = new URL(url).pathname.match(/^\/([a-z]{2})\//);
  return match && LANGUAGES.includes(match[1]) ? match[1] : LANGUAGES[0];
}

async function keepPage(request, response) {
  // Most recently opened last; the oldest are dropped first when there are too many.
  const cache = await caches.open(PAGES);
  await cache.delete(request);
  await cache.put(request, response);
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - MAX_PAGES; i += 1) {
    await cache.delete(keys[i]);
  }
}

async function fromCacheOrOffline(request) {
  const saved = await caches.match(request);
  if (saved) { return saved; }
  return (await caches.match("/" + languageOf(request.url) + "/offline")) ||
    caches.match("/" + LANGUAGES[0] + "/offline");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (NEVER.some((prefix) => url.pathname.startsWith(prefix)) || url.pathname.includes("/posters/")) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then((response) => {
      // A page marked no-store shows what someone typed: it is never kept on the device.
      const noStore = /no-store/.test(response.headers.get("Cache-Control") || "");
      if (response.ok && !response.redirected && !noStore) {
        const copy = response.clone();
        event.waitUntil(keepPage(request, copy));
      }
      return response;
    }).catch(() => fromCacheOrOffline(request)));
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(SHELL).then((cache) => cache.put(request, copy)));
      }
      return response;
    })));
  }
});
