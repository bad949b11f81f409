// Progressive enhancement only: every page and form works without this file.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // After a refused form, move focus to the summary of problems so a screen reader reads it.
    var summary = document.getElementById('foutoverzicht');
    if (summary) summary.focus();
    // One submit per form: the server also ignores a repeat (idempotency key), this saves the wait.
    document.querySelectorAll('form[method="post"]').forEach(function (form) {
      form.addEventListener('submit', function () {
        var buttons = form.querySelectorAll('button[type="submit"]');
        setTimeout(function () {
          buttons.forEach(function (b) {
            b.disabled = true;
            b.setAttribute('aria-busy', 'true');
          });
        }, 0);
      });
    });
    // Print buttons (the page is printable without them: Ctrl+P).
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.hidden = false;
      b.addEventListener('click', function () {
        window.print();
      });
    });
  });
})();
