// Videos and posts from other sites: the poster stays until the reader clicks "Play video";
// only then is the frame made, so nothing is asked of YouTube, Facebook or X before.
(() => {
  // The frames' only origins (embeds/providers.py; the page's CSP allows the same).
  const ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.facebook.com",
    "https://platform.twitter.com",
  ];
  const SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation";

  const allowed = (src) => {
    try {
      return ORIGINS.includes(new URL(src).origin);
    } catch {
      return false;
    }
  };

  const play = (figure) => {
    const src = figure.dataset.embedSrc;
    if (!src || !allowed(src)) return;
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = figure.dataset.embedTitle || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.loading = "lazy";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.setAttribute("sandbox", SANDBOX);
    frame.className = "embed__iframe";
    figure.querySelector(".embed__frame").replaceChildren(frame);
    figure.classList.add("embed--playing");
    frame.focus();
  };

  for (const button of document.querySelectorAll(".embed .embed__play")) button.hidden = false;

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".embed__play");
    if (button) play(button.closest(".embed"));
  });

  // A post on X says how tall it is once drawn (what X's own widgets.js listens to).
  window.addEventListener("message", (event) => {
    if (event.origin !== "https://platform.twitter.com") return;
    let data = event.data;
    try {
      if (typeof data === "string") data = JSON.parse(data);
    } catch {
      return;
    }
    const call = data && data["twttr.embed"];
    if (!call || call.method !== "twttr.private.resize") return;
    const height = Number(call.params && call.params[0] && call.params[0].height);
    if (!(height > 0 && height < 5000)) return;
    for (const frame of document.querySelectorAll(".embed--x iframe")) {
      if (frame.contentWindow === event.source) frame.style.blockSize = `${Math.ceil(height)}px`;
    }
  });
})();
