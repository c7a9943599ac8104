// Small enhancements; every page works without them.
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-refugio-print]');
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  // After htmx swaps in a question page, move focus to its heading so a screen reader announces it.
  document.addEventListener('htmx:afterSettle', function (event) {
    var heading = event.target.querySelector('[data-refugio-focus]');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  });
})();
