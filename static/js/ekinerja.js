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
