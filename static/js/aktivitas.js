// The activity entry form: show only the chosen kind of activity, compute catalog minutes as the
// server will (volume × standard), show the length between the two times, and refuse a file over
// the size limit before a slow upload starts. The server checks everything again; without this file
// the form still works (both panels show). Texts come from data-t-* attributes (translated there).
(function () {
  "use strict";
  var form = document.querySelector("[data-aktivitas-form]");
  if (!form) return;

  function t(name, values) {
    var text = form.getAttribute("data-t-" + name) || "";
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : m;
    });
  }
  function angka(n) { return Number(n).toLocaleString("id-ID"); }
  function menitDari(value) {
    var m = /^(\d{1,2})[:.](\d{2})/.exec(value || "");
    return m ? parseInt(m[1], 10) * 60 + parseInt(m[2], 10) : null;
  }

  var radios = form.querySelectorAll("input[name=mode]");
  var select = form.querySelector("select[name=katalog]");
  var volume = form.querySelector("input[name=volume]");
  var menitBebas = form.querySelector("input[name=menit_diajukan]");
  var mulai = form.querySelector("input[name=jam_mulai]");
  var selesai = form.querySelector("input[name=jam_selesai]");
  var hitungOut = form.querySelector("[data-menit-hitung]");
  var durasiOut = form.querySelector("[data-durasi]");

  function mode() {
    var checked = form.querySelector("input[name=mode]:checked");
    return radios.length ? (checked ? checked.value : null) : "BEBAS";
  }

  function showMode() {
    var m = mode();
    form.querySelectorAll("[data-mode-panel]").forEach(function (panel) {
      panel.hidden = m !== null && panel.getAttribute("data-mode-panel") !== m;
    });
  }

  // Minutes the entry will claim, or null when not known yet.
  function menitKlaim() {
    if (mode() === "KATALOG" && select) {
      var opt = select.options[select.selectedIndex];
      var std = opt ? parseInt(opt.getAttribute("data-menit"), 10) : NaN;
      var v = parseInt(volume && volume.value, 10);
      return std > 0 && v > 0 ? std * v : null;
    }
    var m = parseInt(menitBebas && menitBebas.value, 10);
    return m > 0 ? m : null;
  }

  function hitung() {
    if (!select || !hitungOut) return;
    var opt = select.options[select.selectedIndex];
    var std = opt ? parseInt(opt.getAttribute("data-menit"), 10) : NaN;
    if (!(std > 0)) { hitungOut.hidden = true; return; }
    var satuan = opt.getAttribute("data-satuan") || "";
    var v = parseInt(volume && volume.value, 10);
    hitungOut.textContent = v > 0
      ? t("hitung", { total: angka(std * v), volume: angka(v), menit: angka(std), satuan: satuan })
      : t("hitung-kosong", { menit: angka(std), satuan: satuan });
    hitungOut.hidden = false;
  }

  // When the server already marked a time field, its message stands until the user edits a time.
  var serverSaid = [mulai, selesai].some(function (el) { return el && el.classList.contains("is-invalid"); });

  function durasi() {
    if (!durasiOut) return;
    var a = menitDari(mulai && mulai.value), b = menitDari(selesai && selesai.value);
    durasiOut.classList.remove("is-salah");
    if (a === null || b === null) { durasiOut.hidden = true; return; }
    var lama = b - a, klaim = menitKlaim();
    if (serverSaid) {
      durasiOut.hidden = true;
      return;
    } else if (lama <= 0) {
      durasiOut.textContent = t("durasi-salah", {});
      durasiOut.classList.add("is-salah");
    } else if (klaim !== null && klaim > lama) {
      durasiOut.textContent = t("durasi-kurang", { total: angka(klaim), menit: angka(lama) });
      durasiOut.classList.add("is-salah");
    } else {
      durasiOut.textContent = t("durasi", { menit: angka(lama) });
    }
    durasiOut.hidden = false;
  }

  function update() { showMode(); hitung(); durasi(); }

  radios.forEach(function (r) { r.addEventListener("change", update); });
  [select, volume, menitBebas, mulai, selesai].forEach(function (el) {
    if (!el) return;
    el.addEventListener("input", update);
    el.addEventListener("change", update);
  });
  [mulai, selesai].forEach(function (el) {
    if (el) el.addEventListener("input", function () { serverSaid = false; update(); });
  });

  // A file over the limit would take minutes to upload on a slow line, then be refused.
  form.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var note = document.createElement("p");
    note.className = "berkas-salah mt-1";
    note.setAttribute("role", "alert");
    note.hidden = true;
    input.insertAdjacentElement("afterend", note);
    input.addEventListener("change", function () {
      var max = parseInt(input.getAttribute("data-max-bytes"), 10);
      var file = input.files && input.files[0];
      note.hidden = true;
      if (file && max && file.size > max) {
        note.textContent = t("berkas-besar", { mb: (file.size / 1048576).toLocaleString("id-ID", { maximumFractionDigits: 1 }) });
        note.hidden = false;
        input.value = "";
      }
    });
  });

  update();
})();
