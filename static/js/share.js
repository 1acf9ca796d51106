// Share links are plain links and work without this script. It adds what needs one: copying
// the address, and the device's own share sheet where the browser offers it.
(() => {
  "use strict";
  const box = document.querySelector("[data-share]");
  if (!box) return;
  const url = box.dataset.shareUrl;
  const title = box.dataset.shareTitle;
  const status = box.querySelector("[data-share-status]");
  const say = (text) => {
    status.textContent = "";
    // A fresh text each time, so that a screen reader announces it again.
    window.setTimeout(() => { status.textContent = text; }, 50);
  };

  if (navigator.clipboard && window.isSecureContext) {
    box.querySelector("[data-share-copy-item]").hidden = false;
    box.querySelector("[data-share-copy]").addEventListener("click", () => {
      navigator.clipboard.writeText(url).then(
        () => say(box.dataset.copied),
        () => say(box.dataset.copyFailed),
      );
    });
  }
  if (navigator.share) {
    box.querySelector("[data-share-native-item]").hidden = false;
    box.querySelector("[data-share-native]").addEventListener("click", () => {
      navigator.share({ title, url }).catch(() => {});  // closing the sheet is not an error
    });
  }
})();
