// Glossary: the search box's autocomplete (a WAI-ARIA 1.2 combobox), the
// search page's live results, the "/" shortcut. No inline code (CSP
// script-src 'self'); every page works without this file.
(() => {
  'use strict';
  const d = document;
  const POS = { noun: 'n.', verb: 'v.', adjective: 'adj.', adverb: 'adv.', phrase: 'phr.' };
  const input = d.getElementById('q');
  const form = d.getElementById('sf');
  const list = d.getElementById('q-list');
  const results = d.getElementById('results');

  d.documentElement.classList.add('js');

  // dropped lists in e's data-dropped the last 8 texts whose answer was dropped.
  const dropped = (e, q) => { e.dataset.dropped = ((e.dataset.dropped || '') + ' ' + q).split(' ').slice(-8).join(' '); };

  // "/" focuses the search box, unless the learner is typing in a field.
  d.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || !input) return;
    const t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  // The home box has the focus on a desktop, as Google's has; not on a
  // touch screen, where it would open the keyboard over the page.
  if (input && form.classList.contains('search-big') && d.activeElement === d.body && !location.hash &&
      !matchMedia('(pointer: coarse)').matches) input.focus();

  if (results) liveResults();
  if (input && list) combobox();

  // combobox suggests terms as you type: debounced requests, each
  // cancelling the last; an answer for an older text is dropped.
  function combobox() {
    const status = d.getElementById('q-status');
    let timer = 0;
    let seq = 0;
    let ctrl = null;
    let items = [];
    let active = -1;

    function open(yes) {
      list.hidden = !yes;
      input.setAttribute('aria-expanded', String(yes));
      if (!yes) select(-1);
    }

    function select(i) {
      const opts = list.children;
      if (opts[active]) opts[active].setAttribute('aria-selected', 'false');
      active = i;
      if (opts[i]) {
        opts[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', opts[i].id);
        opts[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function show(q, suggestions) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
      items = suggestions;
      list.dataset.query = q;
      list.replaceChildren(...suggestions.map((s, i) => {
        const li = d.createElement('li');
        li.id = 'q-opt-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const words = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        const term = d.createElement('span');
        term.className = 'opt-term';
        term.append(...marked(s.term, words));
        const pos = d.createElement('abbr');
        pos.className = 'pos';
        pos.title = s.part_of_speech;
        pos.textContent = POS[s.part_of_speech] || s.part_of_speech;
        const def = d.createElement('span');
        def.className = 'opt-def';
        def.textContent = s.definition;
        li.append(term);
        if (s.matched) {
          // The alias or form that the text matched: "pipeline — deployment pipeline".
          const alias = d.createElement('em');
          alias.className = 'opt-alias';
          alias.append(...marked(s.matched, words));
          li.append(' — ', alias);
        }
        li.append(' ', pos, def);
        return li;
      }));
      open(suggestions.length > 0 && d.activeElement === input);
      const n = suggestions.length;
      status.textContent = n ? n + (n === 1 ? ' suggestion' : ' suggestions') + '. Use the up and down arrows to choose.' : '';
    }

    // marked returns text as nodes with the typed letters marked, across
    // spaces and hyphens ("loadbal"), a typo up to where it differs.
    function marked(text, words) {
      const lower = text.toLowerCase();
      const alnum = (i) => /[\p{L}\p{N}]/u.test(text[i] || '');
      const on = [];
      for (const w of words) {
        for (let i = 0; i < text.length; i++) {
          if (!alnum(i) || alnum(i - 1)) continue;
          const hit = [];
          for (let j = i; j < text.length && hit.length < w.length; j++) {
            if (!alnum(j)) continue;
            if (lower[j] !== w[hit.length]) break;
            hit.push(j);
          }
          if (hit.length === w.length || (hit.length >= 3 && hit.length >= w.length - 2)) for (const j of hit) on[j] = true;
        }
      }
      const out = [];
      for (let i = 0; i < text.length;) {
        let j = i;
        while (j < text.length && !!on[j] === !!on[i]) j++;
        if (on[i]) {
          const m = d.createElement('mark');
          m.textContent = text.slice(i, j);
          out.push(m);
        } else out.push(text.slice(i, j));
        i = j;
      }
      return out;
    }

    async function suggest(q, n) {
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      try {
        const r = await fetch('/api/v1/suggest?size=8&q=' + encodeURIComponent(q), { signal: ctrl.signal });
        if (!r.ok) return;
        const body = await r.json();
        if (n === seq) show(q, body.suggestions || []);
        else dropped(list, q);
      } catch (err) {
        // Aborted by a newer request, or offline: keep what is shown.
        dropped(list, q);
      }
    }

    function go(i) {
      open(false);
      location.href = '/terms/' + encodeURIComponent(items[i].id);
    }

    input.addEventListener('input', () => {
      const q = input.value.trim();
      const n = ++seq;
      clearTimeout(timer);
      if (!q) {
        if (ctrl) ctrl.abort();
        show('', []);
        return;
      }
      timer = setTimeout(() => suggest(q, n), 100);
    });

    input.addEventListener('keydown', (e) => {
      const n = list.children.length;
      if (e.isComposing) return;
      switch (e.key) {
        case 'ArrowDown':
        case 'ArrowUp':
          if (!n) return;
          e.preventDefault();
          if (list.hidden) open(true);
          if (e.key === 'ArrowDown') select(active + 1 < n ? active + 1 : 0);
          else select(active > 0 ? active - 1 : n - 1);
          break;
        case 'Enter':
          if (!list.hidden && active >= 0) {
            e.preventDefault();
            go(active);
          } else {
            open(false); // the form goes to /search?q=
          }
          break;
        case 'Escape':
          if (!list.hidden) {
            e.preventDefault();
            open(false);
          }
          break;
      }
    });

    // Keep the focus in the box when an option is pressed.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) go(Array.prototype.indexOf.call(list.children, li));
    });
    input.addEventListener('blur', () => open(false));
    input.addEventListener('focus', () => {
      if (list.children.length && list.dataset.query === input.value.trim()) open(true);
    });
  }

  // liveResults updates the results as you type or filter, from the
  // server's results fragment, keeping the URL in step for Back.
  function liveResults() {
    const status = d.getElementById('results-status');
    const narrow = matchMedia('(max-width: 47.99em)');
    let seq = 0;
    let ctrl = null;
    let timer = 0;
    let typing = false; // the last history entry was made while typing
    let shown = location.search; // the query of the results shown

    function query() {
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(form)) {
        if (v !== '' && !(k === 'q' && !String(v).trim())) p.append(k, v);
      }
      const s = p.toString();
      return s ? '?' + s : '';
    }

    async function update(qs, how, order) {
      const n = ++seq;
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      results.setAttribute('aria-busy', 'true');
      let html;
      try {
        const r = await fetch('/search/results' + qs, { signal: ctrl.signal });
        if (!r.ok) throw new Error(r.status);
        if (r.redirected) { // a page past the end: the last one
          qs = new URL(r.url).search;
          if (how === 'none') how = 'replace';
        }
        html = await r.text();
      } catch (err) {
        if (n === seq && err.name !== 'AbortError') location.href = '/search' + qs;
        return dropped(results, qs);
      }
      if (n !== seq) return dropped(results, qs); // a newer update is on its way
      // Keep what the learner had open and focused across the update.
      const hadFocus = results.contains(d.activeElement);
      const focused = hadFocus ? d.activeElement.id : '';
      const opened = [...results.querySelectorAll('details[open][id]')].map((e) => e.id);
      results.innerHTML = html;
      if (order) keepOrder(order);
      results.removeAttribute('aria-busy');
      const root = results.firstElementChild;
      d.title = root.dataset.title;
      status.textContent = root.dataset.status;
      for (const e of results.querySelectorAll('details[id]')) e.open = e.open || opened.includes(e.id);
      const f = d.getElementById('filters');
      if (f) f.open = opened.includes('filters') || !narrow.matches;
      const target = (focused && d.getElementById(focused)) || (hadFocus && d.getElementById('hits-h'));
      if (target) target.focus();
      shown = qs;
      const url = '/search' + qs;
      if (how === 'push') history.pushState(null, '', url);
      else if (how === 'replace') history.replaceState(null, '', url);
    }

    // The down arrow moves from the box into the results and along them,
    // the up arrow back, as in DocSearch: no Tab through the filters.
    const hits = () => [...results.querySelectorAll('.hitlist h2 a')];
    input.addEventListener('keydown', (e) => {
      const first = hits()[0];
      if (e.key === 'ArrowDown' && !e.isComposing && first) {
        e.preventDefault();
        first.focus();
      }
    });
    results.addEventListener('keydown', (e) => {
      const links = hits();
      const i = links.indexOf(d.activeElement);
      if (i < 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? links[i + 1] : links[i - 1] || input;
      if (next) next.focus();
    });

    // facetOrder records each filter's options and how many show before
    // "more"; keepOrder restores that, with 0 for those now absent.
    function facetOrder() {
      const o = {};
      for (const fs of results.querySelectorAll('.facets fieldset')) {
        const lis = [...fs.querySelectorAll('li')];
        o[fs.querySelector('input').name] = [lis, fs.querySelector('ul').children.length];
      }
      return o;
    }
    function keepOrder(o) {
      for (const fs of results.querySelectorAll('.facets fieldset')) {
        const prev = o[fs.querySelector('input').name];
        if (!prev) continue;
        const [old, n] = prev;
        const uls = fs.querySelectorAll('ul');
        const val = (li) => li.querySelector('input').value;
        const lis = new Map([...fs.querySelectorAll('li')].map((li) => [val(li), li]));
        const order = old.map((li) => {
          const v = val(li);
          if (lis.has(v)) return lis.get(v);
          li.querySelector('.n').textContent = '0';
          li.className = 'zero';
          return li;
        });
        for (const [v, li] of lis) if (!old.some((o) => val(o) === v)) order.push(li);
        order.forEach((li, i) => (i < n || !uls[1] ? uls[0] : uls[1]).append(li));
        const more = fs.querySelector('.more summary');
        if (more) more.textContent = uls[1].children.length + ' more';
      }
    }

    input.addEventListener('input', () => {
      // A new query is corrected again: "search instead for" held for
      // the query it was chosen for only.
      for (const v of d.querySelectorAll('input[name="verbatim"]')) v.remove();
      clearTimeout(timer);
      timer = setTimeout(() => {
        update(query(), typing ? 'replace' : 'push');
        typing = true;
      }, 120);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(timer);
      typing = false;
      update(query(), 'push');
    });
    results.addEventListener('change', (e) => {
      if (e.target.form !== form) return;
      typing = false;
      // Options keep their places, so none moves under the finger.
      update(query(), 'push', facetOrder());
    });
    results.addEventListener('click', (e) => {
      if (e.target.id !== 'show-n') return;
      d.getElementById('filters').open = false;
      const h = d.getElementById('hits-h');
      h.focus();
      h.scrollIntoView({ block: 'start' });
    });
    results.addEventListener('click', (e) => {
      const a = e.target.closest('a');
      if (!a || a.origin !== location.origin || a.pathname !== '/search') return;
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      typing = false;
      input.value = new URLSearchParams(a.search).get('q') || '';
      update(a.search, 'push').then(() => {
        if (a.closest('.pages')) results.scrollIntoView({ block: 'start' });
      });
    });
    addEventListener('popstate', () => {
      // A skip link or another #fragment changes no results.
      if (location.search === shown) return;
      typing = false;
      input.value = new URLSearchParams(location.search).get('q') || '';
      update(location.search, 'none');
    });

    // On a phone the filters start folded above the results; the active
    // ones show as chips over the results anyway.
    const f = d.getElementById('filters');
    if (f && narrow.matches) f.open = false;
    narrow.addEventListener('change', () => {
      const f = d.getElementById('filters');
      if (f && !narrow.matches) f.open = true;
    });
  }
})();
