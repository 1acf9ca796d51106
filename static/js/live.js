// A live article's entries, asked for every data-poll-seconds while the coverage is live.
// The answer is the same for every reader and cached (live/feed.py). New entries are put in
// the list as the server renders them, and announced politely by their number: the list
// itself is not a live region, so a screen reader never reads every entry again.
(() => {
  const section = document.querySelector("[data-live-url]");
  if (!section || !window.fetch) return;
  const list = section.querySelector("[data-live-list]");
  const status = section.querySelector("[data-live-status]");
  const seconds = Math.max(1, Number(section.dataset.pollSeconds) || 20);
  const source = document.getElementById("live-messages");
  const messages = source ? JSON.parse(source.textContent) : {};
  const plural = new Intl.PluralRules(document.documentElement.lang || "ar");
  const entryId = (element) => element.dataset.entryId;
  const seen = new Set([...list.children].map(entryId));
  let timer = null;
  let lastBody = null;
  let failures = 0;

  const fromHtml = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  };

  const announce = (text) => {
    if (status) status.textContent = text;
  };

  const showEntries = (data) => {
    const inAnswer = new Set(data.entries.map((entry) => String(entry.id)));
    const current = new Map([...list.children].map((element) => [entryId(element), element]));
    const ordered = data.entries.map((entry) => {
      const fresh = fromHtml(entry.html);
      const old = current.get(String(entry.id));
      // An entry unchanged keeps its element (and its loaded image).
      return old && old.outerHTML === fresh.outerHTML ? old : fresh;
    });
    // The answer holds the newest entries only: older ones stay below them.
    const older = data.complete
      ? []
      : [...list.children].filter((element) => !inAnswer.has(entryId(element)));
    list.replaceChildren(...ordered, ...older);
    const added = data.entries.filter((entry) => !seen.has(String(entry.id))).length;
    data.entries.forEach((entry) => seen.add(String(entry.id)));
    if (added) {
      const message = messages[plural.select(added)] || messages.other || "";
      announce(message.replace("%(count)s", added.toLocaleString(document.documentElement.lang)));
    }
    const empty = section.querySelector("[data-live-empty]");
    if (empty) empty.hidden = data.entries.length > 0;
    const updated = document.querySelector("[data-live-updated]");
    if (updated) {
      updated.dateTime = data.updated;
      updated.textContent = data.updated_display;
    }
  };

  const showEnded = () => {
    const label = section.dataset.endedLabel;
    const badge = document.querySelector("[data-live-badge]");
    if (badge) badge.textContent = label;
    document.querySelector("[data-live-notice]")?.classList.add("live-notice--ended");
    delete section.dataset.liveUrl;
    announce(label);
  };

  const schedule = (delay) => {
    clearTimeout(timer);
    timer = document.hidden ? null : setTimeout(poll, delay * 1000);
  };

  async function poll() {
    let response;
    try {
      response = await fetch(section.dataset.liveUrl, {
        credentials: "omit",
        headers: { Accept: "application/json" },
      });
    } catch {
      failures += 1;
      schedule(Math.min(300, seconds * 2 ** failures));
      return;
    }
    if (response.status === 404) return; // the article is gone or no longer live
    if (!response.ok) {
      failures += 1;
      schedule(Math.min(300, seconds * 2 ** failures));
      return;
    }
    failures = 0;
    const body = await response.text();
    const data = JSON.parse(body);
    if (body !== lastBody) {
      lastBody = body;
      showEntries(data);
    }
    if (!data.live) {
      showEnded(); // no more polling
      return;
    }
    schedule(seconds);
  }

  document.addEventListener("visibilitychange", () => {
    if (!section.dataset.liveUrl) return;
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
    } else if (timer === null) {
      poll();
    }
  });

  section.dataset.livePolling = "on";
  schedule(seconds);
})();
