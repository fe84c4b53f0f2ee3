// Preparation form enhancements. Without this file the form posts and prints from the server.
// Answers stay in the page; they are kept on the device only if the parent turns that on, and
// "Delete my answers" wipes them from the page and from this browser's storage.
(function prepareForm() {
  const form = document.querySelector("[data-prepare-form]");
  if (!form) return;
  const KEY = "romahub-preparation";
  const fields = Array.from(form.querySelectorAll("textarea"));
  const keep = form.querySelector("[data-keep-checkbox]");
  const deleteButton = form.querySelector("[data-delete-answers]");
  form.querySelector("[data-keep]").hidden = false;
  deleteButton.hidden = false;

  function answers() {
    const out = {};
    fields.forEach((field) => { out[field.name] = field.value; });
    return out;
  }

  function save() {
    if (keep.checked) localStorage.setItem(KEY, JSON.stringify(answers()));
  }

  try {
    const stored = JSON.parse(localStorage.getItem(KEY) || "null");
    if (stored) {
      keep.checked = true;
      fields.forEach((field) => { if (stored[field.name]) field.value = stored[field.name]; });
    }
  } catch (error) {
    localStorage.removeItem(KEY);
  }

  form.addEventListener("input", save);
  keep.addEventListener("change", () => {
    if (keep.checked) save();
    else localStorage.removeItem(KEY);
  });

  deleteButton.addEventListener("click", () => {
    fields.forEach((field) => { field.value = ""; });
    keep.checked = false;
    localStorage.clear();
    sessionStorage.clear();
    if (window.indexedDB && indexedDB.databases) {
      indexedDB.databases().then((dbs) => dbs.forEach((db) => indexedDB.deleteDatabase(db.name)));
    }
    fields[0].focus();
  });

  // Print here, from the page itself: the answers never leave the browser.
  form.querySelector("[data-print-button]").addEventListener("click", (event) => {
    event.preventDefault();
    const current = answers();
    document.querySelectorAll("[data-answer-for]").forEach((cell) => {
      cell.textContent = current[cell.getAttribute("data-answer-for")] || "";
    });
    window.print();
  });
})();
