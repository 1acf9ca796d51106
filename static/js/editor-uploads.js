// CKEditor 4 uploads images with XHR; Django's CSRF check reads the token from this header.
(() => {
  if (!window.CKEDITOR) return;
  const token = () => document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
  const sendToken = (editor) =>
    editor.on("fileUploadRequest", (event) => {
      event.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", token());
    });
  Object.values(CKEDITOR.instances).forEach(sendToken);
  CKEDITOR.on("instanceCreated", (event) => sendToken(event.editor));
})();
