// Runs inside Gatefold's embed frames: tells the host page (through embed.js) when a purchase
// is complete or when the fan presses Escape, and keeps a pending receipt up to date.
(function () {
  "use strict";
  var host = document.body.getAttribute("data-host-origin");
  // Messages go only to the page that opened the frame, never to "*": a frame with no known
  // host says nothing.
  var target = host && /^https?:\/\/[^\/\s]+$/.test(host) ? host : null;
  var inOverlay = window.parent !== window;

  function tell(message) {
    if (inOverlay && target) {
      window.parent.postMessage(message, target);
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      tell({ gatefold: "close" });
    }
  });

  var purchase = document.getElementById("purchase");
  if (purchase) {
    var status = purchase.getAttribute("data-status");
    if (status === "confirmed") {
      tell({
        gatefold: "purchase",
        release: {
          id: purchase.getAttribute("data-release-id"),
          title: purchase.getAttribute("data-release-title"),
          url: purchase.getAttribute("data-release-url")
        },
        purchase: {
          id: purchase.getAttribute("data-purchase-id"),
          status: status,
          amount: { amount: purchase.getAttribute("data-amount"), currency: purchase.getAttribute("data-currency") }
        }
      });
    } else if (status === "pending") {
      setTimeout(function () { window.location.reload(); }, 3000);
    }
  }

  var onward = document.querySelector("a[data-then]");
  if (onward) {
    onward.addEventListener("click", function () {
      var next = onward.getAttribute("data-then");
      setTimeout(function () { window.location.href = next; }, 500);
    });
  }

  // A follow form (card, receipt) answers in place; without fetch (or if it fails) it posts to a new tab.
  var follow = document.querySelector("form[data-follow]");
  if (follow && window.fetch) {
    follow.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(follow.action, { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: follow.elements.email.value, source: follow.elements.source.value }) })
        .then(function (r) { return r.json(); })
        .then(function (b) { follow.querySelector("[role=status]").textContent = b.message; }, function () { follow.submit(); });
    });
  }

  var first = document.querySelector("input:not([type=hidden]), .buy, a");
  if (inOverlay && first && !document.querySelector(".card")) {
    first.focus();
  }
})();
