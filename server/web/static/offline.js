// Glossary: keeps the page it is loaded on working offline, for the
// practice and My words pages. It registers the service worker (sw.js)
// and puts the page, its styles and scripts, and the lists the page
// fetched into the worker's cache: the page's first load happens before
// the worker controls it, so the worker alone would miss them.
(() => {
  'use strict';
  const OFFLINE = 'glossary-offline-v1'; // as in sw.js

  // keep caches the page and the given URLs; it resolves when they are
  // cached (or at once where the browser has no service workers).
  async function keep(urls) {
    if (!('serviceWorker' in navigator) || !('caches' in window)) return false;
    try {
      await navigator.serviceWorker.register('/sw.js');
      const assets = [...document.querySelectorAll('link[rel=stylesheet][href], script[src]')].map((e) => e.href || e.src);
      const cache = await caches.open(OFFLINE);
      await cache.addAll([location.href, ...assets, ...urls]);
      document.documentElement.dataset.offline = 'ready';
      return true;
    } catch (err) {
      return false; // private mode, storage full: online only
    }
  }

  window.GlossaryOffline = { keep };
})();
