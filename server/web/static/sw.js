// Glossary: the service worker that keeps the practice and My words pages
// working offline once loaded. Served at /sw.js so that its scope is the
// whole site, it answers only for those pages, the practice API and the
// versioned static files; every other request goes to the network as if
// it were not there. Pages and lists are fetched from the network first
// (so they are never stale online) and kept for offline; a versioned
// static file never changes, so it is served from the cache first. The
// pages add what they loaded to the same cache themselves (OFFLINE in
// practice.js and mywords.js), since their first load happens before
// this worker controls them.
'use strict';
const OFFLINE = 'glossary-offline-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

function kind(url) {
  if (url.origin !== self.location.origin) return '';
  if (url.pathname === '/practice' || url.pathname === '/my-words') return 'page';
  if (url.pathname.startsWith('/api/v1/practice/')) return 'page';
  if (url.pathname.startsWith('/static/') && url.searchParams.has('v')) return 'asset';
  return '';
}

async function networkFirst(req) {
  const cache = await caches.open(OFFLINE);
  try {
    const resp = await fetch(req);
    if (resp.ok) await cache.put(req, resp.clone());
    return resp;
  } catch (err) {
    const hit = await cache.match(req);
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(req) {
  const cache = await caches.open(OFFLINE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const resp = await fetch(req);
  if (resp.ok) {
    await cache.put(req, resp.clone());
    // Drop the versions of the same file that this one replaces.
    const path = new URL(req.url).pathname;
    for (const k of await cache.keys()) {
      if (new URL(k.url).pathname === path && k.url !== req.url) await cache.delete(k);
    }
  }
  return resp;
}

self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET') return;
  const k = kind(new URL(e.request.url));
  if (k === 'page') e.respondWith(networkFirst(e.request));
  else if (k === 'asset') e.respondWith(cacheFirst(e.request));
});
