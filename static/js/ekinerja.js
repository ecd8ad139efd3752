// E-Kinerja page behaviour. No inline scripts: the CSP allows only files from this site.
(function () {
  "use strict";
  // Buttons that ask before a destructive step: <button data-confirm="Yakin?">.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Disable a submit button once pressed, so a slow network does not send a form twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-no-lock")) return;
    form.querySelectorAll("button[type=submit]").forEach(function (b) {
      window.setTimeout(function () { b.disabled = true; }, 0);
    });
  });
  // htmx: send the CSRF token with every request (the token is in a meta tag).
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector("meta[name=csrf-token]");
    if (meta) event.detail.headers["X-CSRFToken"] = meta.content;
  });
})();

// ==== No lost input (issue 8) ===================================================================
// Forms marked data-isian="<form key>" (they also carry an idempotency key, a server draft via htmx
// and a [data-isian-pesan] box with the texts) are sent in the background. When the server cannot
// be reached, what was typed is kept in this browser (localStorage, per user and form key), the
// page says so, and the form is sent again as soon as the connection is back. The idempotency key
// makes every retry safe: the server creates the entry once and answers each repeat with the same
// result. Anything other than a clear success or an unreachable server (a form with errors, an
// expired session) falls back to the ordinary submit, so the server's own page is shown.
(function () {
  "use strict";
  var RETRY_MS = [3000, 5000, 10000, 20000, 30000];

  function storageKey(form) {
    return "ekinerja:isian:" + (form.getAttribute("data-isian-pengguna") || "") + ":" + form.getAttribute("data-isian");
  }
  function box(form) { return form.querySelector("[data-isian-pesan]"); }
  function say(form, name) {
    var b = box(form);
    if (!b) return;
    b.textContent = b.getAttribute("data-t-" + name) || "";
    b.hidden = !b.textContent;
    if (name === "mengirim") { b.classList.replace("alert-warning", "alert-info"); }
    else { b.classList.replace("alert-info", "alert-warning"); }
  }
  function quiet(form) { var b = box(form); if (b) b.hidden = true; }

  // The text fields only: a browser cannot store a chosen file, and the server never gets it from a draft.
  function fields(form) {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "file" || el.type === "submit" || el.type === "button") return;
      if (el.name === "csrfmiddlewaretoken") return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { out.push([el.name, o.value]); });
        return;
      }
      out.push([el.name, el.value]);
    });
    return out;
  }
  function keep(form, pending, submitter) {
    try {
      window.localStorage.setItem(storageKey(form), JSON.stringify({
        t: Date.now(), kirim: pending, fields: fields(form),
        tombol: submitter && submitter.name ? [submitter.name, submitter.value] : null
      }));
    } catch (e) { /* storage full or blocked: the page itself still holds the text */ }
  }
  function kept(form) {
    try { return JSON.parse(window.localStorage.getItem(storageKey(form)) || "null"); } catch (e) { return null; }
  }
  function forget(form) { try { window.localStorage.removeItem(storageKey(form)); } catch (e) { /* ignore */ } }

  function restore(form, saved) {
    var byName = {};
    saved.fields.forEach(function (f) { (byName[f[0]] = byName[f[0]] || []).push(f[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "file" || el.name === "csrfmiddlewaretoken" || !(el.name in byName)) return;
      var values = byName[el.name];
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.indexOf(el.value) !== -1;
      else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else if (el.type !== "submit" && el.type !== "button") el.value = values[0];
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    // unticked boxes were not stored: untick them too
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (el) {
      if (el.name && !(el.name in byName)) el.checked = false;
    });
  }

  function setButtons(form, disabled) {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = disabled; });
  }

  // Plain submit, as without this script (the server's page is shown, errors and all).
  function submitNormally(form, submitter) {
    form.setAttribute("data-isian-biasa", "");
    setButtons(form, false);
    if (submitter && form.requestSubmit) form.requestSubmit(submitter); else form.submit();
  }

  function send(form, submitter, attempt) {
    var data = new FormData(form);
    var tombol = submitter && submitter.name ? [submitter.name, submitter.value] : (kept(form) || {}).tombol;
    if (tombol) data.append(tombol[0], tombol[1]);
    var keyInput = form.querySelector("input[name=kunci_idempotensi]");
    form.setAttribute("data-isian-mengirim", "");
    say(form, "mengirim");
    function later(message, retryAfter) {
      keep(form, true, submitter);
      say(form, message);
      window.clearTimeout(form._isianTimer);
      // A busy or unreachable server says when to come back (Retry-After, seconds): wait that long
      // plus up to half again, so the browsers refused in one burst do not all return together.
      var wait = retryAfter > 0 ? retryAfter * 1000 * (1 + Math.random() / 2) : RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      form._isianTimer = window.setTimeout(function () {
        if (navigator.onLine !== false) send(form, submitter, attempt + 1);
      }, wait);
      form._isianRetry = function () { send(form, submitter, attempt + 1); };
    }
    fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (response.type === "opaqueredirect") {
        // Saved (or saved before): ask where it led, then go there like a normal submit would.
        return fetch(form.getAttribute("data-isian-hasil").replace("00000000-0000-0000-0000-000000000000", keyInput.value),
          { credentials: "same-origin", redirect: "manual", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (hasil) {
            if (hasil && hasil.url) { forget(form); window.location.assign(hasil.url); }
            else submitNormally(form, submitter);
          });
      }
      if (response.status >= 500) return later("server", parseInt(response.headers.get("Retry-After") || "0", 10));
      submitNormally(form, submitter);  // errors on the form, an expired session, …
    }).catch(function () {
      later("luring");
    });
  }

  document.querySelectorAll("form[data-isian]").forEach(function (form) {
    // Typed text kept in this browser and newer than the server's draft: put it back.
    var saved = kept(form);
    var serverTime = parseInt(form.getAttribute("data-isian-waktu") || "0", 10) * 1000;
    if (saved && !form.querySelector(".is-invalid") && saved.t > serverTime) {
      restore(form, saved);
      say(form, "pulih");
    }

    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-isian-biasa") || !window.fetch || !window.FormData) return;
      event.preventDefault();
      if (form.hasAttribute("data-isian-mengirim")) return;  // one send at a time; the key covers the rest
      send(form, event.submitter, 0);
    });

    // The server draft (htmx): none once the form is on its way; when it cannot be saved there, keep it here.
    form.addEventListener("htmx:confirm", function (event) {
      if (form.hasAttribute("data-isian-mengirim") || form.hasAttribute("data-isian-biasa")) event.preventDefault();
    });
    form.addEventListener("htmx:sendError", function () { keep(form, false, null); say(form, "draf-gagal"); });
    form.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.successful && !form.hasAttribute("data-isian-mengirim")) {
        var k = kept(form);
        if (k && !k.kirim) forget(form);
        quiet(form);
      }
    });
  });

  window.addEventListener("online", function () {
    document.querySelectorAll("form[data-isian][data-isian-mengirim]").forEach(function (form) {
      window.clearTimeout(form._isianTimer);
      if (form._isianRetry) form._isianRetry();
    });
  });
})();

// ==== Logging out on a shared office PC ==========================================================
// What the no-lost-input code keeps in this browser belongs to the person signed in; a logout (which
// needs the server, so anything pending has been sent by then) clears it for the next person.
document.addEventListener("submit", function (event) {
  if (!event.target.matches("form[data-keluar]")) return;
  try {
    for (var i = window.localStorage.length - 1; i >= 0; i--) {
      var key = window.localStorage.key(i);
      if (key && key.indexOf("ekinerja:isian:") === 0) window.localStorage.removeItem(key);
    }
  } catch (e) { /* storage blocked: nothing was kept */ }
});

// ==== Print buttons: <button data-cetak> prints the page (the strict CSP allows no onclick) ========
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-cetak]")) window.print();
});
