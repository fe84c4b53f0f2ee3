/* The partner workspace: making the key, opening a request, sealing notes and passing a request on.
   Every text shown comes from the page (translated by the server); the request's own text is put in
   with textContent only. */
(function () {
  "use strict";
  var S = window.HubSealing;

  function csrf() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (data) { if (!response.ok) throw new Error(data.error || "failed"); return data; });
    });
  }
  function data(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }
  function say(element, text) {
    element.textContent = text;
    element.hidden = !text;
    if (text) element.focus();
  }
  function busy(form, on) {
    form.querySelectorAll("button").forEach(function (button) { button.disabled = on; });
    form.setAttribute("aria-busy", on ? "true" : "false");
  }
  function words() { return data("workspace-words") || {}; }

  /* --- the key: made once by an administrator, re-wrapped with the recovery key --- */
  function setUpKey(form) {
    var error = form.querySelector("[data-error]");
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var passphrase = form.elements.passphrase.value, again = form.elements.passphrase_again.value;
      if (passphrase.length < 12) return say(error, words().short);
      if (passphrase !== again) return say(error, words().different);
      busy(form, true);
      try {
        var keys = await S.makeKeys(passphrase);
        await post(form.action, { public_key: keys.public_key, wrapped: keys.wrapped, recovery_wrapped: keys.recovery_wrapped });
        form.hidden = true;
        var shown = document.querySelector("[data-recovery]");
        shown.querySelector("[data-recovery-key]").textContent = keys.recovery_key;
        shown.hidden = false;
        shown.querySelector("h2").focus();
      } catch (failure) {
        say(error, words().failed);
      } finally {
        busy(form, false);
      }
    });
  }

  function rewrapKey(form) {
    var error = form.querySelector("[data-error]");
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var passphrase = form.elements.passphrase.value;
      if (passphrase.length < 12) return say(error, words().short);
      if (passphrase !== form.elements.passphrase_again.value) return say(error, words().different);
      busy(form, true);
      try {
        var recovery;
        try { recovery = S.recoveryBytes(form.elements.recovery_key.value); } catch (e) { throw new Error("recovery"); }
        var pkcs8 = await S.unwrapBytes(data("recovery-wrapped-key"), recovery).catch(function () { throw new Error("recovery"); });
        await post(form.action, { action: "rewrap", wrapped: await S.wrapWithPassphrase(pkcs8, passphrase) });
        form.hidden = true;
        say(document.querySelector("[data-rewrapped]"), words().rewrapped);
      } catch (failure) {
        say(error, failure.message === "recovery" ? words().wrong_recovery : words().failed);
      } finally {
        busy(form, false);
      }
    });
  }

  /* --- a request: opened in this browser only --- */
  function showFields(list, fields) {
    var labels = data("field-labels") || {}, choices = data("field-choices") || {};
    list.textContent = "";
    Object.keys(labels).forEach(function (name) {
      var value = fields[name];
      if (!value) return;
      var term = document.createElement("dt"), detail = document.createElement("dd");
      term.textContent = labels[name];
      detail.textContent = (choices[name] && choices[name][value]) || value;
      list.append(term, detail);
    });
  }

  function addNote(list, text, at) {
    var item = document.createElement("li"), when = document.createElement("span");
    when.className = "hint";
    when.textContent = at ? new Date(at).toLocaleString(document.documentElement.lang) + ": " : "";
    item.append(when, document.createTextNode(text));
    list.append(item);
  }

  function openRequest(root) {
    var unlock = root.querySelector("[data-unlock]"), error = unlock.querySelector("[data-error]");
    var opened = null;  // { key, fields, answer }
    unlock.addEventListener("submit", async function (event) {
      event.preventDefault();
      busy(unlock, true);
      try {
        var answer = await post(root.dataset.sealedUrl);
        var secret = unlock.elements.passphrase.value, wrapped = answer.wrapped_key;
        if (unlock.elements.use_recovery && unlock.elements.use_recovery.checked) {
          secret = S.recoveryBytes(secret);
          wrapped = answer.recovery_wrapped_key;
        }
        var pkcs8 = await S.unwrapBytes(wrapped, secret);
        var key = await S.importPrivate(pkcs8);
        var fields = await S.open(key, answer.sealed, answer.context);
        opened = { key: key, fields: fields, answer: answer };
        showFields(root.querySelector("[data-fields]"), fields);
        var notes = root.querySelector("[data-notes]");
        notes.textContent = "";
        for (var i = 0; i < answer.notes.length; i++) {
          var note = await S.open(key, answer.notes[i].sealed, answer.note_context);
          addNote(notes, note.text, answer.notes[i].at);
        }
        unlock.hidden = true;
        var history = document.querySelector("[data-history]");
        if (history) {
          var entry = document.createElement("li");
          entry.textContent = words().opened_now;
          var empty = history.querySelector("[data-empty]");
          if (empty) empty.remove();
          history.append(entry);
        }
        root.querySelectorAll("[data-when-open]").forEach(function (part) { part.hidden = false; });
        root.querySelector("[data-opened-heading]").focus();
      } catch (failure) {
        say(error, words().cannot_open);
      } finally {
        busy(unlock, false);
      }
    });

    var noteForm = root.querySelector("[data-note]");
    if (noteForm) noteForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      var text = noteForm.elements.note.value.trim();
      if (!text || !opened) return;
      busy(noteForm, true);
      try {
        var sealed = await S.seal(root.dataset.publicKey, { text: text }, opened.answer.note_context);
        await post(noteForm.action, { sealed: sealed });
        addNote(root.querySelector("[data-notes]"), text, new Date().toISOString());
        noteForm.elements.note.value = "";
      } catch (failure) {
        say(noteForm.querySelector("[data-error]"), words().failed);
      } finally {
        busy(noteForm, false);
      }
    });

    var passForm = root.querySelector("[data-pass-on]");
    if (passForm) passForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      if (!opened) return;
      var partner = parseInt(passForm.elements.partner.value, 10);
      busy(passForm, true);
      try {
        var url = root.dataset.keyUrl.replace("/0/", "/" + partner + "/");
        var target = await fetch(url, { credentials: "same-origin" }).then(function (r) { if (!r.ok) throw new Error(); return r.json(); });
        var sealed = await S.seal(target.public_key, opened.fields, opened.answer.context);
        await post(passForm.action, { partner: partner, sealed: sealed });
        window.location.assign(root.dataset.doneUrl);
      } catch (failure) {
        say(passForm.querySelector("[data-error]"), words().failed);
        busy(passForm, false);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!S || !S.available) {
      document.querySelectorAll("[data-needs-crypto]").forEach(function (part) { part.hidden = false; });
      return;
    }
    document.querySelectorAll("[data-js-only]").forEach(function (part) { part.hidden = false; });
    var setup = document.querySelector("[data-key-setup]");
    if (setup) setUpKey(setup);
    var rewrap = document.querySelector("[data-key-rewrap]");
    if (rewrap) rewrapKey(rewrap);
    var request = document.querySelector("[data-request]");
    if (request) openRequest(request);
  });
})();
