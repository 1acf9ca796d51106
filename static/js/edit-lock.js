// The edit lock's heartbeat (articles.admin_locks): every few seconds the page tells the server
// its editor is still here, and shows a banner when someone else has taken the article over.
(function () {
  "use strict";
  const lock = document.querySelector(".edit-lock");
  if (!lock) return;
  const banner = lock.querySelector(".edit-lock__banner");
  const takeOver = lock.querySelector(".edit-lock__take-over");
  const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const seconds = Number(lock.dataset.heartbeatSeconds) || 60;

  let held = banner.hidden; // the page opened with the lock in hand
  // Once taken over, the warning stays: this page's form is the stale one whatever the next
  // heartbeats say (they would otherwise turn it into "X is editing this article").
  let takenOver = false;

  function show(state) {
    if (state.held) {
      banner.hidden = true;
      takeOver.hidden = true;
    } else {
      takenOver = takenOver || held;
      banner.textContent = takenOver ? state.taken_over : state.message;
      banner.hidden = false;
      takeOver.hidden = false;
    }
    held = state.held;
  }

  function beat() {
    fetch(lock.dataset.heartbeatUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((state) => state && show(state))
      .catch(() => {}); // offline for a moment: the next beat tries again
  }

  setInterval(beat, seconds * 1000);
})();
