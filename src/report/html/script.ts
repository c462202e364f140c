/**
 * The report's only script, a progressive enhancement: without it every row and column shows and
 * every long output still opens with its <details> toggle. With it: the per-input filters (only
 * disagreements, a category, a search), showing or hiding variant columns, sortable tables, and
 * long outputs opened for printing. It reads the page only (no user data is embedded in it).
 */
export const SCRIPT = `(function () {
  "use strict";
  var doc = document;
  var table = doc.getElementById("inputs-table");
  if (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var only = doc.getElementById("only-disagree");
    var category = doc.getElementById("category-filter");
    var search = doc.getElementById("input-search");
    var count = doc.getElementById("shown-count");
    var apply = function () {
      var q = search && search.value ? search.value.toLowerCase() : "";
      var shown = 0;
      rows.forEach(function (row) {
        var show = (!only || !only.checked || row.getAttribute("data-disagree") === "1") &&
          (!category || !category.value || row.getAttribute("data-category") === category.value) &&
          (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
        row.hidden = !show;
        if (show) shown++;
      });
      if (count) count.textContent = shown + " of " + rows.length + " inputs shown";
    };
    [only, category, search].forEach(function (el) {
      if (el) el.addEventListener("input", apply);
    });
    doc.querySelectorAll("[data-toggle-col]").forEach(function (box) {
      box.addEventListener("change", function () {
        var col = box.getAttribute("data-toggle-col");
        table.querySelectorAll('[data-col="' + col + '"]').forEach(function (cell) {
          cell.hidden = !box.checked;
        });
      });
    });
    doc.querySelectorAll("[data-filters]").forEach(function (el) {
      el.hidden = false;
    });
    apply();
  }
  var natural = new Intl.Collator(undefined, { numeric: true });
  var key = function (cell) {
    var raw = cell ? cell.getAttribute("data-sort") : null;
    var text = raw === null ? (cell ? cell.textContent.trim() : "") : raw;
    var n = Number(text);
    return text !== "" && !isNaN(n) ? n : text.toLowerCase();
  };
  doc.querySelectorAll("table.sortable").forEach(function (t) {
    var heads = t.tHead ? t.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = doc.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = t.tBodies[0];
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a.cells[index]);
          var y = key(b.cells[index]);
          var c = typeof x !== typeof y ? (typeof x === "number" ? -1 : 1)
            : typeof x === "number" ? x - y : natural.compare(x, y);
          return up ? c : -c;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.slice.call(doc.querySelectorAll("details:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
  });
})();
`;
