// Keeps a music release's "Sound and formats" up to date while tracks are checked and files
// made: every five seconds it reads the same page again and swaps in the parts marked
// data-live, so nothing the artist is typing elsewhere on the page is touched.
(function () {
  "use strict";
  function busy() {
    return document.querySelector("[data-live] [data-busy]") !== null;
  }
  function refresh() {
    if (!busy()) {
      return;
    }
    fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html");
          document.querySelectorAll("[data-live][id]").forEach(function (old) {
            var now = fresh.getElementById(old.id);
            if (now) {
              old.innerHTML = now.innerHTML;
            }
          });
        }
        setTimeout(refresh, 5000);
      }, function () { setTimeout(refresh, 10000); });
  }
  setTimeout(refresh, 5000);
})();
