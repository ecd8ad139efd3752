// The supervisors' queues: tick a whole day or a whole person at once, see how many are ticked, and
// act on one entry in a dialog. Without JavaScript the page still works: each entry has its own
// checkbox, the buttons submit, and "Tindakan lain…" opens the entry's own page.
(function () {
  "use strict";

  var ENTRY = "input[name=ids][form=form-massal]";

  function members(group) {
    var scope = group === "semua" ? document : document.querySelector('[data-kelompok="' + group + '"]');
    return scope ? Array.prototype.slice.call(scope.querySelectorAll(ENTRY)) : [];
  }

  // A "centang semua" box shows ticked when all its entries are, half-ticked when some are.
  function refresh() {
    document.querySelectorAll("input[data-pilih]").forEach(function (box) {
      var list = members(box.getAttribute("data-pilih"));
      var ticked = list.filter(function (e) { return e.checked; }).length;
      box.checked = list.length > 0 && ticked === list.length;
      box.indeterminate = ticked > 0 && ticked < list.length;
    });
    var count = document.querySelectorAll(ENTRY + ":checked").length;
    document.querySelectorAll("[data-jumlah-terpilih]").forEach(function (el) {
      el.textContent = el.getAttribute(count ? "data-teks-ada" : "data-teks-kosong").replace("{n}", count);
    });
    document.querySelectorAll("[data-perlu-pilihan]").forEach(function (button) {
      button.disabled = count === 0;
    });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches("input[data-pilih]")) {
      members(box.getAttribute("data-pilih")).forEach(function (e) { e.checked = box.checked; });
      refresh();
    } else if (box.matches(ENTRY)) {
      refresh();
    }
  });

  // Returning needs a note: say so at the note box instead of sending an empty one.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-wajib-catatan]");
    if (!button) return;
    var note = document.getElementById(button.getAttribute("data-wajib-catatan"));
    if (note && !note.value.trim()) {
      event.preventDefault();
      note.setCustomValidity(note.getAttribute("data-pesan-wajib"));
      note.reportValidity();
      note.focus();
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.hasAttribute("data-pesan-wajib")) event.target.setCustomValidity("");
  });

  // "Tindakan lain…" on a row: one entry in the page's dialog (verify with fewer minutes, or return).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-tindak]");
    var dialog = document.getElementById("dialog-tindak");
    if (!link || !dialog || typeof dialog.showModal !== "function") return;
    event.preventDefault();
    var id = link.closest("li").querySelector(ENTRY).value;
    var form = dialog.querySelector("form");
    form.action = form.getAttribute("data-url-pola").replace("987654321", id);
    dialog.querySelector("[data-judul]").textContent = link.getAttribute("data-judul");
    form.querySelector("textarea[name=catatan]").value = "";
    var part = dialog.querySelector("[data-bagian-menit]");
    if (part) {
      var input = part.querySelector("input[name=menit]");
      var free = link.hasAttribute("data-menit");
      part.hidden = !free;
      input.disabled = !free; // a catalog item sends no minutes
      if (free) {
        input.value = link.getAttribute("data-menit");
        input.max = link.getAttribute("data-maks");
        part.querySelector("[data-maks-teks]").textContent = "(1–" + link.getAttribute("data-maks") + ")";
      }
    }
    dialog.showModal();
  });
  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-tutup-dialog]");
    if (close) close.closest("dialog").close();
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-hanya-js]").forEach(function (el) { el.hidden = false; });
    refresh();
  });
})();
