// Glossary: how a practice answer is checked, with the typo rules of
// search. This is search.CheckAnswer (search/answer.go) in JavaScript, and
// boundedDistance (search/completion.go) for whole words; the browser test
// TestAnswerRulesAgree holds the two to the same answers. Change both or
// neither.
(() => {
  'use strict';
  const MAX_EDITS = 2; // search's correctMaxEdits: typos in a whole answer
  const MAX_FUZZY_WORD = 32; // search.MaxFuzzyWordLength

  // fuzziness is search.Fuzziness: the typos a word may have, by its
  // length in characters: none under 5, 1 from 5, 2 from 9, none over 32.
  function fuzziness(word) {
    const n = Array.from(word).length;
    if (n > MAX_FUZZY_WORD) return 0;
    if (n >= 9) return 2;
    if (n >= 5) return 1;
    return 0;
  }

  // words splits text into runs of letters and digits, lower-cased.
  function words(text) {
    return String(text).toLowerCase().match(/[\p{L}\p{Nd}]+/gu) || [];
  }

  // distance is the optimal string alignment distance (a swap of two
  // neighbouring letters is one typo) between typed, an array of
  // characters, and word, or maxEdits+1 as soon as it must be more. Only
  // the band within maxEdits of the diagonal is computed, as in Go.
  function distance(typed, word, maxEdits) {
    const w = Array.from(word).slice(0, 63);
    const over = maxEdits + 1;
    if (w.length + maxEdits < typed.length || w.length > typed.length + maxEdits) return over;
    let back = new Array(w.length + 1).fill(0);
    let prev = new Array(w.length + 1).fill(0);
    let cur = new Array(w.length + 1).fill(0);
    for (let j = 0; j <= w.length; j++) prev[j] = Math.min(j, over);
    for (let i = 1; i <= typed.length; i++) {
      const lo = Math.max(1, i - maxEdits);
      const hi = Math.min(w.length, i + maxEdits);
      cur[0] = Math.min(i, over);
      if (lo > 1) cur[lo - 1] = over;
      let rowMin = lo === 1 ? cur[0] : over;
      for (let j = lo; j <= hi; j++) {
        const cost = typed[i - 1] === w[j - 1] ? 0 : 1;
        let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost, over);
        if (i > 1 && j > 1 && typed[i - 1] === w[j - 2] && typed[i - 2] === w[j - 1]) v = Math.min(v, back[j - 2] + 1);
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (hi < w.length) cur[hi + 1] = over;
      if (rowMin > maxEdits) return over;
      [back, prev, cur] = [prev, cur, back];
    }
    return prev[w.length];
  }

  // check returns {correct, typos, name}: whether answer is one of names
  // (the term, its forms, its aliases) within the typos search forgives,
  // how many it forgave, and the name it was taken for.
  function check(answer, names) {
    const wrong = { correct: false, typos: 0, name: '' };
    const typed = words(answer);
    if (!typed.length) return wrong;
    const squashed = typed.join('');
    const chars = typed.map((w) => Array.from(w));
    let best = null;
    for (const name of names) {
      const nw = words(name);
      if (!nw.length) continue;
      if (nw.join('') === squashed) return { correct: true, typos: 0, name };
      if (nw.length !== typed.length) continue;
      let typos = 0;
      for (let j = 0; j < nw.length; j++) {
        const w = nw[j];
        if (w === typed[j]) continue;
        let budget = fuzziness(typed[j]);
        if (typed.length > 1) budget = Math.max(1, budget);
        let dist = budget + 1;
        if (budget > 0 && chars[j].length >= 3 && Array.from(w)[0] === chars[j][0]) dist = distance(chars[j], w, budget);
        if (dist > budget) {
          typos = MAX_EDITS + 1;
          break;
        }
        typos += dist;
      }
      if (typos <= MAX_EDITS && (!best || typos < best.typos)) best = { correct: true, typos, name };
    }
    return best || wrong;
  }

  window.GlossaryAnswer = { check, words, fuzziness, distance };
})();
