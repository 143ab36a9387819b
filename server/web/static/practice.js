// Glossary: practice cards with spaced repetition. A card shows a
// definition, or an example with the term blanked, and asks for the term;
// answers are checked by answer.js with the typo rules of search. What
// comes back when is scheduled with SM-2 (Wozniak's SuperMemo 2, written
// here: a few lines, no dependency), stored in this browser. The words come
// from the practice API; the service worker (sw.js) keeps the page and
// the lists it loaded for offline use.
(() => {
  'use strict';
  const d = document;
  const app = d.getElementById('practice');
  const A = window.GlossaryAnswer;
  if (!app || !A) return;
  const KEY = 'glossary.practice.v1';
  const SESSION = 10; // cards a session starts with
  const AGAIN_AFTER = 2; // a missed card comes back after this many others
  const RELEARN_MS = 10 * 60 * 1000; // and in the next session from 10 minutes on
  const DAY = 24 * 60 * 60 * 1000;
  const $ = (id) => d.getElementById(id);
  const card = $('pr-card');
  const form = $('pr-form');
  const input = $('pr-answer');
  const feedback = $('pr-feedback');
  const next = $('pr-next');
  const progress = $('pr-progress');
  let words = [];
  let queue = []; // {word, kind, again}
  let shown = 0;
  let current = null;
  let firstTry = new Map(); // id -> right the first time this session

  function loadState() {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || 'null');
      return v && v.cards && typeof v.cards === 'object' ? v : { version: 1, cards: {} };
    } catch (err) {
      return { version: 1, cards: {} };
    }
  }

  function saveState(s) {
    try {
      localStorage.setItem(KEY, JSON.stringify(s));
    } catch (err) {
      // Storage full or off: the session goes on, unsaved.
    }
  }

  // sm2 returns the card's next state after an answer of quality q (0–5:
  // 5 right, 4 right with typos forgiven, 1 wrong, 0 answer shown). A
  // miss starts the card's repetitions over and brings it back within
  // RELEARN_MS; the ease factor changes as SM-2 says, never below 1.3.
  function sm2(c, q, now) {
    c = { ef: 2.5, reps: 0, interval: 0, due: 0, lapses: 0, ...c };
    c.ef = Math.max(1.3, c.ef + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
    if (q < 3) {
      c.reps = 0;
      c.interval = 0;
      c.lapses++;
      c.due = now + RELEARN_MS;
    } else {
      c.interval = c.reps === 0 ? 1 : c.reps === 1 ? 6 : Math.round(c.interval * c.ef);
      c.reps++;
      c.due = now + c.interval * DAY;
    }
    c.last = now;
    return c;
  }

  // due lists the words to practise now: reviews that are due, the most
  // overdue first, then new words in the list's order; with none due,
  // the words due soonest (practising ahead).
  function pick(all) {
    const cards = loadState().cards;
    const now = Date.now();
    const reviews = all.filter((w) => cards[w.id] && cards[w.id].due <= now).sort((a, b) => cards[a.id].due - cards[b.id].due);
    const fresh = all.filter((w) => !cards[w.id]);
    let out = reviews.concat(fresh).slice(0, SESSION);
    if (!out.length) out = all.slice().sort((a, b) => cards[a.id].due - cards[b.id].due).slice(0, SESSION);
    return out;
  }

  function startSession() {
    const picked = pick(words);
    queue = picked.map((w, i) => ({ word: w, kind: w.gaps.length && i % 2 === 1 ? 'gap' : 'definition', again: false }));
    shown = 0;
    firstTry = new Map();
    $('pr-done').hidden = true;
    const cards = loadState().cards;
    const due = picked.filter((w) => !cards[w.id] || cards[w.id].due <= Date.now()).length;
    if (!due && picked.length) feedbackNote('Nothing is due yet: practising ahead.');
    showCard();
  }

  function feedbackNote(text) {
    progress.dataset.note = text;
  }

  // hide replaces the names of the word in text with a blank, so a
  // definition that uses the term does not give it away.
  function hide(text, names) {
    let out = text;
    for (const n of names.slice().sort((a, b) => b.length - a.length)) {
      const re = new RegExp('(^|[^\\p{L}\\p{Nd}])' + n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(?![\\p{L}\\p{Nd}])', 'giu');
      out = out.replace(re, '$1…');
    }
    return out;
  }

  function showCard() {
    current = queue[shown];
    if (!current) return finish();
    const w = current.word;
    card.hidden = false;
    card.dataset.id = w.id;
    card.dataset.kind = current.kind;
    const prompt = $('pr-prompt');
    if (current.kind === 'gap') {
      const gap = w.gaps[shown % w.gaps.length];
      $('pr-prompt-h').textContent = 'Fill the gap';
      const blank = d.createElement('span');
      blank.className = 'gap';
      blank.append(Object.assign(d.createElement('span'), { className: 'vh', textContent: 'blank' }));
      prompt.replaceChildren('“' + hide(gap.before, w.names), blank, hide(gap.after, w.names) + '”');
    } else {
      $('pr-prompt-h').textContent = 'Which term means this?';
      prompt.replaceChildren(hide(w.definition, w.names));
      if (w.part_of_speech) {
        const pos = d.createElement('span');
        pos.className = 'count';
        pos.textContent = ' (' + w.part_of_speech + (w.level ? ', ' + w.level : '') + ')';
        prompt.append(pos);
      }
    }
    progress.textContent = (progress.dataset.note ? progress.dataset.note + ' ' : '') + 'Card ' + (shown + 1) + ' of ' + queue.length + (current.again ? ' (again)' : '');
    delete progress.dataset.note;
    feedback.textContent = '';
    feedback.className = 'card-feedback';
    input.value = '';
    input.disabled = false;
    $('pr-check').disabled = false;
    $('pr-reveal').disabled = false;
    next.hidden = true;
    input.focus();
  }

  // grade records the answer of quality q, shows what was right, and
  // brings a missed card back later in the session.
  function grade(q, text) {
    const w = current.word;
    const now = Date.now();
    const s = loadState();
    const right = q >= 3;
    if (!current.again) {
      firstTry.set(w.id, right);
      s.cards[w.id] = sm2(s.cards[w.id], q, now);
    } else if (!right) {
      s.cards[w.id] = { ...s.cards[w.id], due: now + RELEARN_MS };
    }
    saveState(s);
    if (!right) {
      const kind = current.kind === 'gap' || !w.gaps.length ? 'definition' : 'gap';
      queue.splice(Math.min(shown + 1 + AGAIN_AFTER, queue.length), 0, { word: w, kind, again: true });
    }
    feedback.className = 'card-feedback ' + (right ? 'right' : 'wrong');
    const strong = d.createElement('strong');
    strong.textContent = w.term;
    const link = d.createElement('a');
    link.href = '/terms/' + encodeURIComponent(w.id);
    link.textContent = 'See the entry';
    feedback.replaceChildren(text[0], strong, text[1], ' ', link, '.');
    input.disabled = true;
    $('pr-check').disabled = true;
    $('pr-reveal').disabled = true;
    next.hidden = false;
    next.textContent = shown + 1 < queue.length ? 'Next card' : 'Finish';
    next.focus();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!current || input.disabled) return;
    const value = input.value;
    if (!value.trim()) {
      feedback.className = 'card-feedback';
      feedback.textContent = 'Type the term, or choose Show answer.';
      return;
    }
    const r = A.check(value, current.word.names);
    if (r.correct && r.typos === 0) grade(5, ['Right: ', '.']);
    else if (r.correct) grade(4, ['Right, but mind the spelling: ', '.']);
    else grade(1, ['Not quite. The answer is ', '; it comes back soon.']);
  });
  $('pr-reveal').addEventListener('click', () => {
    if (current && !input.disabled) grade(0, ['The answer is ', '; it comes back soon.']);
  });
  next.addEventListener('click', () => {
    shown++;
    showCard();
  });

  function finish() {
    current = null;
    card.hidden = true;
    const total = firstTry.size;
    const right = [...firstTry.values()].filter(Boolean).length;
    const cards = loadState().cards;
    const dues = words.map((w) => cards[w.id] && cards[w.id].due).filter(Boolean);
    const soonest = dues.length ? Math.min(...dues) : 0;
    let when = '';
    if (soonest) {
      const mins = Math.round((soonest - Date.now()) / 60000);
      when = mins < 60 ? 'in ' + Math.max(1, mins) + ' minutes' : mins < 36 * 60 ? 'in ' + Math.round(mins / 60) + ' hours' : 'on ' + new Date(soonest).toLocaleDateString('en-GB', { day: 'numeric', month: 'long' });
    }
    $('pr-summary').textContent = right + ' of ' + total + ' right the first time.' + (total - right ? ' The ' + (total - right === 1 ? 'word' : 'words') + ' you missed come back sooner.' : '') + (when ? ' Next review ' + when + '.' : '');
    progress.textContent = 'Session done.';
    const done = $('pr-done');
    done.hidden = false;
    done.focus();
  }
  $('pr-again').addEventListener('click', startSession);

  function empty(html) {
    const p = $('pr-empty');
    p.hidden = false;
    p.replaceChildren(...html);
  }

  function link(text, href) {
    return Object.assign(d.createElement('a'), { href, textContent: text });
  }

  // load fetches the list: a role's or a category's from the page's
  // data-source, or the saved words by id, 200 at a time.
  async function load() {
    const src = app.dataset.source;
    const urls = [];
    if (src) {
      urls.push(src);
    } else {
      const ids = window.GlossaryWords ? window.GlossaryWords.load().map((w) => w.id) : [];
      if (!ids.length) {
        empty(['You have no saved words to practise yet. Press Save on a term or a search result, or practise a role’s vocabulary from its page, for example ', link('Backend Developer', '/roles/backend-developer'), '.']);
        return;
      }
      for (let i = 0; i < ids.length; i += 200) urls.push('/api/v1/practice/terms?ids=' + ids.slice(i, i + 200).map(encodeURIComponent).join(','));
    }
    try {
      for (const u of urls) {
        const r = await fetch(u);
        if (!r.ok) throw new Error(r.status);
        const body = await r.json();
        words = words.concat(body.words);
      }
    } catch (err) {
      empty(['These words could not be loaded', navigator.onLine ? '.' : ': you are offline, and they were not loaded here before.', ' ', link('Try again', location.href), '.']);
      return;
    }
    if (window.GlossaryOffline) window.GlossaryOffline.keep(urls);
    if (!words.length) {
      empty(['This list has no words to practise.']);
      return;
    }
    startSession();
  }

  app.hidden = false;
  load();
})();
