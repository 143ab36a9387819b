// Glossary: the Save star keeps a word in this browser (localStorage).
// Term pages have it hidden in the HTML; results get it here. Without
// JavaScript or storage it is not offered. Shared as GlossaryWords.
(() => {
  'use strict';
  const d = document;
  const KEY = 'glossary.words.v1';

  // The stored list: {version: 1, words: [{id, term, level, pos, saved}]},
  // newest last. Anything unreadable counts as an empty list.
  function load() {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || 'null');
      return v && Array.isArray(v.words) ? v.words.filter((w) => w && typeof w.id === 'string') : [];
    } catch (err) {
      return [];
    }
  }

  function store(words) {
    localStorage.setItem(KEY, JSON.stringify({ version: 1, words }));
    refresh();
  }

  function has(id) {
    return load().some((w) => w.id === id);
  }

  function storageWorks() {
    try {
      localStorage.setItem(KEY + '.probe', '1');
      localStorage.removeItem(KEY + '.probe');
      return true;
    } catch (err) {
      return false;
    }
  }

  window.GlossaryWords = { load, store, has, KEY };
  if (!storageWorks()) return;

  const status = d.createElement('div');
  status.className = 'vh';
  status.setAttribute('role', 'status');
  d.body.append(status);

  // addStars gives each result a star, from its link (/terms/{id}).
  function addStars() {
    for (const a of d.querySelectorAll('.hitlist > li > h2 > a[href^="/terms/"]')) {
      const li = a.closest('li');
      if (li.querySelector('button.star')) continue;
      const b = d.createElement('button');
      b.className = 'star';
      b.type = 'button';
      b.dataset.save = decodeURIComponent(a.getAttribute('href').slice('/terms/'.length));
      const name = d.createElement('span');
      name.className = 'vh';
      name.textContent = ' “' + a.textContent + '”';
      b.append('Save', name);
      li.insertBefore(b, li.querySelector(':scope > p'));
      b.before(' ');
    }
  }

  // refresh shows every star with its state.
  function refresh() {
    addStars();
    const saved = new Set(load().map((w) => w.id));
    for (const b of d.querySelectorAll('button.star[data-save]')) {
      b.hidden = false;
      b.setAttribute('aria-pressed', String(saved.has(b.dataset.save)));
    }
  }

  d.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('button.star[data-save]');
    if (!b) return;
    const id = b.dataset.save;
    const term = b.querySelector('.vh').textContent.trim().replace(/^“|”$/g, '');
    const words = load();
    const i = words.findIndex((w) => w.id === id);
    if (i >= 0) {
      words.splice(i, 1);
      status.textContent = 'Removed “' + term + '” from My words.';
    } else {
      // The term, its level and part of speech are beside the star.
      const box = b.closest('li, .meta, .entry-head') || d;
      const lvl = box.querySelector('.lvl');
      const pos = box.querySelector('abbr.pos');
      words.push({ id, term, level: lvl ? lvl.textContent : '', pos: pos ? pos.title : '', saved: new Date().toISOString() });
      status.textContent = 'Saved “' + term + '” to My words.';
    }
    store(words);
  });

  // Live search results replace their HTML: show the new stars too.
  const results = d.getElementById('results');
  if (results) new MutationObserver(refresh).observe(results, { childList: true });
  // Another tab saved or removed a word.
  addEventListener('storage', (e) => {
    if (e.key === KEY) refresh();
  });
  refresh();
})();
