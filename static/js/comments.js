// "Reply" moves the comment form under the comment instead of reloading the page.
(() => {
  const respond = document.getElementById("respond");
  const home = document.getElementById("respond-home");
  if (!respond || !home) return;
  const form = respond.querySelector("form");
  const title = respond.querySelector(".respond__title");
  const cancel = respond.querySelector(".respond__cancel");

  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-reply-to]");
    if (!link) return;
    event.preventDefault();
    link.closest(".comment__card").after(respond);
    form.elements.parent.value = link.dataset.replyTo;
    title.textContent = link.dataset.replyTitle;
    cancel.hidden = false;
    form.elements.body.focus();
  });

  cancel.addEventListener("click", (event) => {
    event.preventDefault();
    home.after(respond);
    form.elements.parent.value = "";
    title.textContent = title.dataset.defaultTitle;
    cancel.hidden = true;
  });
})();

// "Report" asks for a reason under the comment and sends the report in place. Without
// JavaScript, or when sending in place fails, the link leads to a page asking the same
// (comments.views.report_comment). A cached page has no form token: it is fetched first.
(() => {
  const template = document.getElementById("comment-report-form");
  const readStatus = window.dimaConsent && window.dimaConsent.readStatus; // consent.js
  if (!template || !readStatus) return;

  const formToken = () => readStatus().then(({ csrftoken }) => csrftoken);

  // The answers that carry a message to show (thanks, too many reports, a bad reason).
  const answered = (response) =>
    [200, 400, 429].includes(response.status)
      ? response.json().then(({ message }) => ({ ok: response.ok, message }))
      : Promise.reject(response.status);

  const send = (form, link) => {
    form.querySelector("button").disabled = true;
    formToken()
      .then((token) => {
        form.elements.csrfmiddlewaretoken.value = token;
        return fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
      })
      .then(answered)
      .then(({ ok, message }) => {
        const note = document.createElement("p");
        note.className = ok ? "comment__reported" : "form-error";
        note.setAttribute("role", ok ? "status" : "alert");
        note.textContent = message;
        form.replaceWith(note);
      })
      .catch(() => {
        window.location.href = link.href;
      });
  };

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".comment__report");
    if (!link) return;
    event.preventDefault();
    const form = template.content.firstElementChild.cloneNode(true);
    form.action = link.href;
    link.hidden = true;
    link.after(form);
    form.addEventListener("submit", (submitted) => {
      // Sent here, not by consent.js's handler of forms without a token.
      submitted.preventDefault();
      submitted.stopPropagation();
      send(form, link);
    });
    form.elements.reason.focus();
  });
})();
