// Gatefold buy buttons for an artist's own site. Paste once:
//   <script src="https://STORE/embed.js" async></script>
//   <a data-gatefold href="https://STORE/r/ARTIST/RELEASE">Buy the album</a>
// Each such link becomes a button that opens checkout in an overlay; without JavaScript it
// stays a plain link to the release page. When a purchase completes, this page receives
//   window.postMessage({type: "gatefold:purchase", release, purchase})
// from its own origin, and the link fires a bubbling "gatefold:purchase" event.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var origin = new URL(script.src).origin;
  var loaded = (window.__gatefoldEmbeds = window.__gatefoldEmbeds || {});
  if (loaded[origin]) {
    return;
  }
  loaded[origin] = true;

  var RELEASE_PATH = /^\/r\/([^\/]+)\/([^\/]+)\/?$/;
  var open = null;

  function css(element, properties) {
    Object.keys(properties).forEach(function (name) {
      element.style.setProperty(name, properties[name]);
    });
  }

  function releaseOf(link) {
    var url;
    try {
      url = new URL(link.getAttribute("href"), document.baseURI);
    } catch (e) {
      return null;
    }
    var match = url.origin === origin && RELEASE_PATH.exec(url.pathname);
    return match ? { artist: match[1], release: match[2] } : null;
  }

  function upgrade(link) {
    var release = releaseOf(link);
    if (!release || link.getAttribute("data-gatefold-ready") === origin) {
      return;
    }
    link.setAttribute("data-gatefold-ready", origin);
    link.setAttribute("aria-haspopup", "dialog");
    if (!link.textContent.trim()) {
      link.textContent = "Buy";
    }
    css(link, {
      "display": "inline-block", "padding": "0.6em 1.3em", "border-radius": "6px", "background": "#0b57d0",
      "color": "#fff", "font-weight": "600", "font-family": "system-ui, -apple-system, 'Segoe UI', sans-serif",
      "line-height": "1.2", "text-decoration": "none", "cursor": "pointer"
    });
    link.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      var current = releaseOf(link);
      if (current) {
        event.preventDefault();
        show(link, current);
      }
    });
  }

  function scan(node) {
    if (node.nodeType !== 1) {
      return;
    }
    if (node.matches("a[data-gatefold]")) {
      upgrade(node);
    }
    var links = node.querySelectorAll("a[data-gatefold]");
    for (var i = 0; i < links.length; i++) {
      upgrade(links[i]);
    }
  }

  function show(link, release) {
    if (open) {
      hide();
    }
    var overlay = document.createElement("div");
    overlay.setAttribute("data-gatefold-overlay", "");
    css(overlay, {
      "position": "fixed", "top": "0", "right": "0", "bottom": "0", "left": "0", "z-index": "2147483647",
      "background": "rgba(0, 0, 0, 0.6)", "display": "flex", "align-items": "center", "justify-content": "center",
      "padding": "16px", "box-sizing": "border-box"
    });
    var dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "Checkout: " + link.textContent.trim());
    css(dialog, {
      "position": "relative", "width": "100%", "max-width": "480px", "height": "100%", "max-height": "640px",
      "background": "#fff", "border-radius": "10px", "overflow": "hidden", "box-shadow": "0 10px 40px rgba(0, 0, 0, 0.4)"
    });
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Close checkout");
    close.setAttribute("data-gatefold-close", "");
    close.textContent = "\u00d7";
    css(close, {
      "position": "absolute", "top": "6px", "right": "6px", "width": "40px", "height": "40px", "border": "0",
      "border-radius": "20px", "background": "#eee", "color": "#1b1b1b", "font-size": "26px", "line-height": "1",
      "cursor": "pointer", "z-index": "1"
    });
    var frame = document.createElement("iframe");
    frame.title = "Checkout";
    frame.src = origin + "/embed/checkout/" + release.artist + "/" + release.release
        + "?origin=" + encodeURIComponent(window.location.origin);
    css(frame, { "display": "block", "width": "100%", "height": "100%", "border": "0" });
    dialog.appendChild(close);
    dialog.appendChild(frame);
    overlay.appendChild(dialog);

    var hidden = [];
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (!child.hasAttribute("inert")) {
        child.setAttribute("inert", "");
        hidden.push(child);
      }
    });
    document.body.appendChild(overlay);
    open = {
      link: link, overlay: overlay, dialog: dialog, frame: frame, close: close, hidden: hidden,
      overflow: document.documentElement.style.overflow
    };
    document.documentElement.style.overflow = "hidden";
    close.addEventListener("click", hide);
    overlay.addEventListener("click", function (event) {
      if (event.target === overlay) {
        hide();
      }
    });
    close.focus();
  }

  function hide() {
    if (!open) {
      return;
    }
    var closing = open;
    open = null;
    closing.overlay.parentNode.removeChild(closing.overlay);
    closing.hidden.forEach(function (child) {
      child.removeAttribute("inert");
    });
    document.documentElement.style.overflow = closing.overflow;
    closing.link.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (!open) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      hide();
    } else if (event.key === "Tab" && document.activeElement === open.close && event.shiftKey) {
      event.preventDefault();
      open.frame.focus();
    }
  });

  // Focus that escapes the dialog (for browsers without inert) goes back to its close button.
  document.addEventListener("focusin", function (event) {
    if (open && !open.dialog.contains(event.target)) {
      open.close.focus();
    }
  });

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !open || event.source !== open.frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (!data || typeof data !== "object") {
      return;
    }
    if (data.gatefold === "close") {
      hide();
    } else if (data.gatefold === "purchase") {
      var message = { type: "gatefold:purchase", release: data.release, purchase: data.purchase };
      var self = window.location.origin;
      // Only to this page's own origin; a page without one (a file) gets the DOM event alone.
      if (self && self !== "null") {
        window.postMessage(message, self);
      }
      open.link.dispatchEvent(new CustomEvent("gatefold:purchase", { bubbles: true, detail: message }));
    }
  });

  scan(document.documentElement);
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") {
        scan(record.target);
      } else {
        Array.prototype.forEach.call(record.addedNodes, scan);
      }
    });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-gatefold", "href"] });
})();
