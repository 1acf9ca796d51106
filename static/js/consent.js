// What a cached page cannot carry, fetched per reader from /cookies/status/:
// the forms' CSRF token, the remembered commenter and the time this reader started on the
// comment form or the readers' story form (asked when they first touch it; see
// comments/forms.py). Also closes the
// cookie banner in place and loads analytics only once the reader has allowed it.
(() => {
  const script = document.currentScript;
  const statusUrl = script.dataset.statusUrl;
  let status = null;

  const readStatus = () => {
    status ??= fetch(statusUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then((response) => (response.ok ? response.json() : Promise.reject(response.status)));
    return status;
  };

  // The consent cookie is read in one place: the head script (static/js/consent-head.js).
  const { allows } = window.dimaConsent;
  // Other scripts (comments.js's reports) ask for the same answer, fetched once.
  window.dimaConsent.readStatus = readStatus;

  const loadAnalytics = () => {
    const url = script.dataset.matomoUrl;
    if (!url || window._paq || !allows("analytics")) return;
    window._paq = [
      ["setTrackerUrl", `${url}matomo.php`],
      ["setSiteId", script.dataset.matomoSite],
      ["trackPageView"],
      ["enableLinkTracking"],
    ];
    const tag = document.createElement("script");
    tag.src = `${url}matomo.js`;
    tag.async = true;
    document.head.append(tag);
  };

  const tokenFields = () => document.querySelectorAll('input[name="csrfmiddlewaretoken"][value=""]');
  const fillTokens = (token) => {
    for (const field of tokenFields()) field.value = token;
  };

  // Forms timed from when this reader starts (comments, readers' stories): see comments/forms.py.
  const timedForms = ".comment-form, .story-form";
  // The reader's own start time: the one in a form shown back by the server is kept.
  const fillStarted = (formStart) => {
    for (const field of document.querySelectorAll(`:is(${timedForms}) input[name="started"]`)) {
      if (!field.value && formStart) field.value = formStart.started;
    }
  };

  const fillCommenter = (commenter) => {
    const form = document.querySelector(".comment-form");
    if (!form || !commenter || !commenter.name) return;
    for (const name of ["name", "email", "url"]) {
      const field = form.elements[name];
      if (field && !field.value) field.value = commenter[name] || "";
    }
    if (form.elements.remember) form.elements.remember.checked = true;
  };

  // A form sent without a token would come back asking to confirm (see edge/csrf.py):
  // fetch the token first, then send.
  // So is a comment sent without its start time.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    const started = form.querySelector('input[name="started"]');
    const missing = (field && !field.value) || (started && !started.value);
    if (!missing || form.hasAttribute("data-consent-form")) return;
    event.preventDefault();
    readStatus().then(({ csrftoken, comment_form: formStart }) => {
      fillTokens(csrftoken);
      fillStarted(formStart);
      form.submit();
    }, () => form.submit());
  });

  const banner = document.querySelector("[data-consent-banner]");
  const closeBanner = () => {
    document.documentElement.classList.add("consent-decided");
    banner.remove();
  };

  if (banner) {
    if (document.documentElement.classList.contains("consent-decided")) {
      banner.remove();
    } else {
      banner.addEventListener("submit", (event) => {
        const form = event.target;
        event.preventDefault();
        readStatus()
          .then(({ csrftoken }) => {
            fillTokens(csrftoken);
            return fetch(form.action, {
              method: "POST",
              body: new FormData(form),
              credentials: "same-origin",
              headers: { Accept: "application/json" },
            });
          })
          .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
          .then(() => {
            closeBanner();
            loadAnalytics();
          })
          .catch(() => form.submit());
      });
    }
  }

  const timedForm = document.querySelector(timedForms);
  const startCommenting = () =>
    readStatus().then(({ commenter, csrftoken, comment_form: started }) => {
      fillTokens(csrftoken);
      fillStarted(started);
      fillCommenter(commenter);
    }, () => {});
  if (timedForm) {
    // Readers who let the form be filled in ask at once; the others when they start writing.
    if (allows("functional")) startCommenting();
    else timedForm.addEventListener("focusin", startCommenting, { once: true });
  }
  loadAnalytics();
})();
