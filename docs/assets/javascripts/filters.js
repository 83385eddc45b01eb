/* Filters and sorting for listing tables: progressive enhancement.
   Without JavaScript the whole table shows, and facet pages linked below it do the filtering. */
(function () {
  "use strict";
  function setUp(form) {
    var table = form.parentNode.querySelector("table[data-filterable]");
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.parentNode.querySelector("[data-count]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    /* A text box (the find-your-council page): rows whose data-name holds what is typed. */
    var searches = Array.prototype.slice.call(form.querySelectorAll("input[data-search]"));
    function apply() {
      var shown = 0;
      var typed = searches.map(function (input) { return input.value.trim().toLowerCase(); });
      rows.forEach(function (row) {
        var name = row.getAttribute("data-name") || "";
        var visible = typed.every(function (words) { return name.indexOf(words) !== -1; }) && selects.every(function (select) {
          var wanted = select.value;
          if (!wanted) { return true; }
          var values = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split("|");
          return values.indexOf(wanted) !== -1;  /* some columns hold several values */
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) { count.textContent = String(shown); }
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    searches.forEach(function (input) { input.addEventListener("input", apply); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    Array.prototype.forEach.call(table.querySelectorAll("button[data-sort]"), function (button) {
      button.addEventListener("click", function () {
        var key = "data-" + button.getAttribute("data-sort");
        var ascending = button.parentNode.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.querySelectorAll("th"), function (th) { th.removeAttribute("aria-sort"); });
        button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = a.getAttribute(key) || "", y = b.getAttribute(key) || "";
          return ascending ? x.localeCompare(y) : y.localeCompare(x);
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  }
  function init() { Array.prototype.forEach.call(document.querySelectorAll("form[data-filters]"), setUp); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
