// Glossary: the term page's Listen button. Like app.js, no framework and
// no inline code; the page works without it.
(() => {
  'use strict';
  const d = document;
  // speak shows the pronunciation button where the browser has an
  // English voice (voices may come late: voiceschanged), and says so when
  // speaking fails.
  function speak() {
    const b = d.getElementById('speak');
    const msg = d.getElementById('speak-msg');
    if (!b || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') return;
    const english = () => speechSynthesis.getVoices().filter((v) => /^en([-_]|$)/i.test(v.lang));
    const check = () => { b.hidden = !english().length; };
    check();
    speechSynthesis.addEventListener('voiceschanged', check);
    b.addEventListener('click', () => {
      const vs = english();
      const v = vs.find((v) => /^en[-_]US/i.test(v.lang)) || vs[0];
      const u = new SpeechSynthesisUtterance(b.dataset.say);
      u.lang = v ? v.lang.replace('_', '-') : 'en-US';
      if (v instanceof SpeechSynthesisVoice) u.voice = v;
      u.rate = 0.9;
      msg.textContent = '';
      u.addEventListener('error', (e) => {
        if (e.error !== 'interrupted' && e.error !== 'canceled') msg.textContent = 'Sorry, your browser could not say it.';
      });
      speechSynthesis.cancel();
      speechSynthesis.speak(u);
    });
  }
  speak();
})();
