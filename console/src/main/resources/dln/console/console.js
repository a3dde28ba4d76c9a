// dln console: re-reads the page when a block commits (server-sent events from /events) and
// swaps its <main> in place, so the page stays live without a reload. Nothing else runs here.
(function () {
  'use strict';
  var live = document.getElementById('live');
  // The ledger change counter the server read this page at.
  var generation = document.body.dataset.generation || null;
  var busy = false, again = false;

  function state(text, cls) {
    if (live) { live.textContent = text; live.className = cls; }
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(window.location.href, {headers: {'Accept': 'text/html'}, cache: 'no-store'})
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var next = doc.querySelector('main');
        var main = document.querySelector('main');
        if (next && main) { main.replaceWith(next); }
        generation = doc.body.dataset.generation || generation;
        document.body.dataset.generation = generation;
        state('live · updated ' + new Date().toLocaleTimeString(), 'on');
      })
      .catch(function () { state('could not re-read the page', 'off'); })
      .finally(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  var source = new EventSource('/events');
  // Each event carries the counter; the first one after (re)connecting tells whether anything
  // changed since the page was read (a restarted console counts from zero: any difference counts).
  source.addEventListener('ledger', function (e) {
    var g = String(JSON.parse(e.data).generation);
    if (g !== generation) { generation = g; refresh(); } else { state('live', 'on'); }
  });
  source.onerror = function () { state('disconnected, retrying…', 'off'); };
})();
