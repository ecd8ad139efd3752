// Passkeys (accounts.views_faktor): django-otp-webauthn's own script registers the passkey; once it is
// saved, this posts the page's [data-passkey-selesai] form so the server shows the backup codes (a
// first factor) or the account page. No inline script: the CSP allows only files from this site.
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function () {
    var form = document.querySelector("form[data-passkey-selesai]");
    if (form) form.submit();
  });
})();
