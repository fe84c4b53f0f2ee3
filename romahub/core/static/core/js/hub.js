// Enhancements only: every page works without this file.

// "Exit this page" (GOV.UK pattern): leave at once for a neutral site, without adding this
// page to the back-button history; pressing Shift three times does the same.
(function exitThisPage() {
  const link = document.querySelector("[data-exit-link]");
  if (!link) return;
  const hint = document.querySelector("[data-exit-hint]");
  if (hint) hint.hidden = false;

  function leave(event) {
    if (event) event.preventDefault();
    const overlay = document.createElement("div");
    overlay.className = "exit-overlay";
    document.body.appendChild(overlay);
    document.title = "…";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  let presses = 0;
  let timer = null;
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(() => { presses = 0; }, 1000);
    if (presses >= 3) leave();
  });
})();

// "Copy the code" buttons: shown only where the browser can copy to the clipboard.
(function copyButtons() {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy]").forEach((button) => {
    const source = document.querySelector(button.dataset.copy);
    const status = button.parentElement.querySelector("[data-copy-status]");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(source.textContent.trim()).then(() => {
        if (status) status.textContent = button.dataset.copied;
      });
    });
  });
})();
