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
