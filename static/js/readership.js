// One reading of this article, counted by the site alone: a bodiless POST to the address the
// script tag names (readership/views.py). No cookie is set, no identifier sent or kept.
(function () {
  "use strict";
  var script = document.currentScript;
  var address = script && script.getAttribute("data-beacon");
  if (!address || !navigator.sendBeacon) {
    return;
  }
  function send() {
    navigator.sendBeacon(address);
  }
  // A page the browser prepared in advance counts once it is shown, if ever.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
