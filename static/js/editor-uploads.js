// CKEditor 4 uploads images with XHR; Django's CSRF check reads the token from this header.
(() => {
  if (!window.CKEDITOR) return;
  const token = () => document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
  CKEDITOR.on("instanceCreated", (event) => {
    event.editor.on("configLoaded", () => {
      event.editor.config.fileTools_requestHeaders = { "X-CSRFToken": token() };
    });
  });
})();
