// Glossary: the My words page. It lists the words saved with the Save star
// (kept in this browser by words.js), with their levels and definitions
// from the practice API (remembered, so the page works offline), and
// exports, imports and prints the list. An import adds to the list and
// never removes a word; a file it cannot read changes nothing.
(() => {
  'use strict';
  const d = document;
  const W = window.GlossaryWords;
  const app = d.getElementById('mywords');
  if (!W || !app) return;
  const DEFS = 'glossary.defs.v1';
  const CSV_FIELDS = ['id', 'term', 'level', 'part_of_speech', 'definition', 'saved'];
  const FORMAT = 'glossary-my-words';
  const PRACTICE = 'glossary.practice.v1'; // practice.js's schedule

  // progress reads and writes practice.js's schedule, {cards: {id: state}}:
  // a JSON export carries it, so a list moved to another browser keeps
  // what comes back when. (CSV carries the words only.)
  function progress() {
    try {
      const v = JSON.parse(localStorage.getItem(PRACTICE) || 'null');
      return v && v.cards && typeof v.cards === 'object' ? v : { version: 1, cards: {} };
    } catch (err) {
      return { version: 1, cards: {} };
    }
  }

  // mergeProgress takes the imported state of a word where it is newer
  // than this browser's (or this browser has none), and only well-formed
  // states.
  function mergeProgress(cards) {
    if (!cards || typeof cards !== 'object') return 0;
    const p = progress();
    let n = 0;
    for (const [id, c] of Object.entries(cards)) {
      if (!ID.test(id) || !c || !['ef', 'reps', 'interval', 'due'].every((k) => Number.isFinite(c[k]))) continue;
      const mine = p.cards[id];
      if (mine && (mine.last || 0) >= (c.last || 0)) continue;
      p.cards[id] = { ef: Math.max(1.3, c.ef), reps: c.reps, interval: c.interval, due: c.due, lapses: Number.isFinite(c.lapses) ? c.lapses : 0, last: Number.isFinite(c.last) ? c.last : 0 };
      n++;
    }
    if (n) localStorage.setItem(PRACTICE, JSON.stringify(p));
    return n;
  }
  const list = d.getElementById('mw-list');
  const message = d.getElementById('mw-message');
  const count = d.getElementById('mw-count');
  const empty = d.getElementById('mw-empty');
  const POS = { noun: 'n.', verb: 'v.', adjective: 'adj.', adverb: 'adv.', phrase: 'phr.' };
  let missing = new Set();

  function defs() {
    try {
      return JSON.parse(localStorage.getItem(DEFS) || '{}') || {};
    } catch (err) {
      return {};
    }
  }

  function say(text, error) {
    message.textContent = text;
    message.classList.toggle('error', !!error);
  }

  function el(tag, cls, text) {
    const e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render() {
    // Keep the focus on the Remove button it was on across the render.
    const had = d.activeElement && d.activeElement.dataset ? d.activeElement.dataset.remove : undefined;
    const words = W.load();
    const known = defs();
    count.textContent = words.length === 1 ? '1 word' : words.length + ' words';
    empty.hidden = words.length > 0;
    for (const id of ['mw-practise', 'mw-export-json', 'mw-export-csv', 'mw-print']) d.getElementById(id).hidden = !words.length;
    list.replaceChildren(...words.slice().reverse().map((w) => {
      const k = known[w.id] || {};
      const li = el('li');
      li.dataset.id = w.id;
      const h = el('h2');
      const a = el('a', '', k.term || w.term || w.id);
      a.href = '/terms/' + encodeURIComponent(w.id);
      h.append(a);
      li.append(h);
      const pos = k.part_of_speech || w.pos;
      if (pos) {
        const ab = el('abbr', 'pos', POS[pos] || pos);
        ab.title = pos;
        li.append(ab, ' ');
      }
      const level = k.level || w.level;
      if (level) {
        const lv = el('span', 'lvl lvl-' + level, level);
        lv.title = 'CEFR level ' + level;
        li.append(lv);
      }
      const rm = el('button', 'btn-plain', 'Remove');
      rm.type = 'button';
      rm.dataset.remove = w.id;
      rm.append(el('span', 'vh', ' “' + (k.term || w.term || w.id) + '”'));
      li.append(rm);
      if (missing.has(w.id)) li.append(el('p', 'none', 'This word is no longer in the glossary.'));
      else if (k.definition) li.append(el('p', 'mw-def', k.definition));
      if (w.saved && !isNaN(Date.parse(w.saved))) {
        li.append(el('p', 'mw-saved', 'Saved ' + new Date(w.saved).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })));
      }
      return li;
    }));
    const again = had && list.querySelector('button[data-remove="' + CSS.escape(had) + '"]');
    if (again) again.focus();
  }

  // fetchDefinitions asks the practice API for the words' definitions and
  // levels, 200 ids at a time, and remembers them for offline use.
  async function fetchDefinitions() {
    const ids = W.load().map((w) => w.id);
    const known = defs();
    const gone = new Set();
    try {
      for (let i = 0; i < ids.length; i += 200) {
        const r = await fetch('/api/v1/practice/terms?ids=' + ids.slice(i, i + 200).map(encodeURIComponent).join(','));
        if (!r.ok) return;
        const body = await r.json();
        for (const w of body.words) known[w.id] = { term: w.term, level: w.level, part_of_speech: w.part_of_speech, definition: w.definition };
        for (const id of body.missing) gone.add(id);
      }
    } catch (err) {
      return; // offline: show what was remembered
    }
    missing = gone;
    try {
      localStorage.setItem(DEFS, JSON.stringify(known));
    } catch (err) {
      // Storage full: the definitions show now, and are fetched again.
    }
    render();
  }

  // savedProgress is the practice schedule of the saved words.
  function savedProgress() {
    const cards = progress().cards;
    const out = {};
    for (const w of W.load()) if (cards[w.id]) out[w.id] = cards[w.id];
    return out;
  }

  function exportRows() {
    const known = defs();
    return W.load().map((w) => {
      const k = known[w.id] || {};
      return { id: w.id, term: k.term || w.term || '', level: k.level || w.level || '', part_of_speech: k.part_of_speech || w.pos || '',
        definition: k.definition || '', saved: w.saved || '' };
    });
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el('a');
    a.href = url;
    a.download = name;
    d.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function csvField(v) {
    v = String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }

  function toCSV(rows) {
    return [CSV_FIELDS.join(','), ...rows.map((r) => CSV_FIELDS.map((f) => csvField(r[f])).join(','))].join('\r\n') + '\r\n';
  }

  // parseCSV reads RFC 4180 CSV: quoted fields may hold commas, quotes
  // ("") and line breaks. It returns rows of fields with their line.
  function parseCSV(text) {
    const rows = [];
    let row = [];
    let field = '';
    let quoted = false;
    let line = 1;
    let start = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') {
          quoted = false;
        } else {
          if (c === '\n') line++;
          field += c;
        }
      } else if (c === '"' && field === '') {
        quoted = true;
      } else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(field);
        rows.push({ line: start, fields: row });
        row = [];
        field = '';
        start = ++line;
      } else {
        field += c;
      }
    }
    if (quoted) throw new Error('line ' + start + ': a quoted field is not closed');
    if (field !== '' || row.length) {
      row.push(field);
      rows.push({ line: start, fields: row });
    }
    return rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
  }

  const ID = /^[^\s,/?#]{1,100}$/;

  // parseFile returns the words of an exported file, JSON or CSV, or
  // throws an error saying what is wrong and where; a JSON file's
  // practice progress goes to parseFile.progress.
  function parseFile(text) {
    parseFile.progress = null;
    text = text.replace(/^\uFEFF/, '');
    let items;
    const t = text.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      let v;
      try {
        v = JSON.parse(t);
      } catch (err) {
        throw new Error('it is not valid JSON (' + err.message + ')');
      }
      items = Array.isArray(v) ? v : v && v.words;
      if (v && !Array.isArray(v) && v.practice) parseFile.progress = v.practice;
      if (!Array.isArray(items)) throw new Error('the JSON has no "words" list');
      items = items.map((w, i) => {
        if (typeof w === 'string') w = { id: w };
        if (!w || typeof w !== 'object' || typeof w.id !== 'string') throw new Error('word ' + (i + 1) + ' has no "id"');
        return { where: 'word ' + (i + 1), ...w };
      });
    } else {
      const rows = parseCSV(text);
      if (!rows.length) throw new Error('it is empty');
      const head = rows[0].fields.map((f) => f.trim().toLowerCase());
      const at = head.indexOf('id');
      if (at < 0) throw new Error('its first line has no "id" column (expected ' + CSV_FIELDS.join(',') + ')');
      items = rows.slice(1).map((r) => {
        const w = { where: 'line ' + r.line };
        head.forEach((h, i) => {
          if (CSV_FIELDS.includes(h)) w[h] = (r.fields[i] || '').trim();
        });
        return w;
      });
    }
    return items.map((w) => {
      const id = String(w.id).trim();
      if (!ID.test(id)) throw new Error(w.where + ': "' + id.slice(0, 40) + '" is not a term id (as in /terms/<id>)');
      const saved = typeof w.saved === 'string' && !isNaN(Date.parse(w.saved)) ? w.saved : new Date().toISOString();
      return { id, term: String(w.term || ''), level: String(w.level || ''), pos: String(w.part_of_speech || w.pos || ''), saved };
    });
  }

  async function importFile(file) {
    let incoming;
    try {
      incoming = parseFile(await file.text());
    } catch (err) {
      say('Could not import ' + file.name + ': ' + err.message + '. Your list is unchanged.', true);
      return;
    }
    const words = W.load();
    const have = new Set(words.map((w) => w.id));
    let added = 0;
    for (const w of incoming) {
      if (have.has(w.id)) continue;
      have.add(w.id);
      words.push(w);
      added++;
    }
    W.store(words);
    try {
      mergeProgress(parseFile.progress);
    } catch (err) {
      // Storage full: the words are in; their progress starts afresh.
    }
    const same = incoming.length - added;
    say('Imported ' + file.name + ': ' + (added === 1 ? '1 new word' : added + ' new words') + (same ? ', ' + same + ' already in your list' : '') + '.');
    render();
    fetchDefinitions();
  }

  const stamp = () => new Date().toISOString().slice(0, 10);
  d.getElementById('mw-export-json').addEventListener('click', () => {
    download('my-words-' + stamp() + '.json', 'application/json',
      JSON.stringify({ format: FORMAT, version: 1, exported: new Date().toISOString(), words: exportRows(), practice: savedProgress() }, null, 2) + '\n');
    say('Exported your words as JSON.');
  });
  d.getElementById('mw-export-csv').addEventListener('click', () => {
    download('my-words-' + stamp() + '.csv', 'text/csv', toCSV(exportRows()));
    say('Exported your words as CSV.');
  });
  d.getElementById('mw-print').addEventListener('click', () => print());
  const input = d.getElementById('mw-import');
  input.addEventListener('change', () => {
    if (input.files[0]) importFile(input.files[0]).finally(() => (input.value = ''));
  });
  list.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-remove]');
    if (!b) return;
    const words = W.load();
    const i = words.findIndex((w) => w.id === b.dataset.remove);
    if (i < 0) return;
    const [w] = words.splice(i, 1);
    W.store(words);
    render();
    say('Removed “' + (defs()[w.id] || w).term + '”.');
    // Keep the focus in the list: on the next word's Remove, or the heading.
    const next = list.querySelector('button[data-remove]');
    (next || d.getElementById('mw-count')).focus();
  });
  addEventListener('storage', (e) => {
    if (e.key === W.KEY) render();
  });

  app.hidden = false;
  render();
  fetchDefinitions();
  if (window.GlossaryOffline) window.GlossaryOffline.keep([]);
})();
