// «صوتكم»: tell the reader at once about photos the server would refuse (too many, too
// heavy), before a long upload, and keep what they typed. The server checks again, and the
// form works without this script (submissions/forms.py, submissions/uploads.py).
(() => {
  const form = document.querySelector(".story-form");
  const input = form && form.querySelector('input[type="file"][name="photos"]');
  if (!input) return;
  const { maxPhotos, maxBytes, tooMany, tooLarge } = form.dataset;
  const note = document.createElement("p");
  note.className = "form-error";
  note.setAttribute("role", "alert");
  note.hidden = true;
  input.after(note);

  const problem = () => {
    const files = [...input.files];
    if (files.length > Number(maxPhotos)) return tooMany;
    const heavy = files.find((file) => file.size > Number(maxBytes));
    return heavy ? tooLarge.replace("%(name)s", heavy.name) : "";
  };
  const show = () => {
    const text = problem();
    note.textContent = text;
    note.hidden = !text;
    input.setCustomValidity(text);
    return !text;
  };
  input.addEventListener("change", show);
  // On the form itself, so it runs before consent.js's handler on the document.
  form.addEventListener("submit", (event) => {
    if (!show()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      input.focus();
    }
  });
})();
