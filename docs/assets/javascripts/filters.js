/* Filters and sorting for listing tables: progressive enhancement.
   Without JavaScript the whole table shows, and facet pages linked below it do the filtering.
   A long listing is on several pages (emit/listings.py, ROWS_PER_PAGE): its table names them all
   in data-pages ("." for this one), and the other pages' rows are fetched only when a reader
   first filters or sorts, so that the first visit downloads one page of rows (issue 18). */
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
    var pages = (table.getAttribute("data-pages") || "").split(" ").filter(Boolean);
    var loaded = pages.length > 1 ? null : Promise.resolve();
    /* Every page's rows, in the list's order, in this table; links made absolute (they were relative to their page). */
    function loadAll() {
      if (loaded) { return loaded; }
      if (count) { count.textContent = "…"; }
      loaded = Promise.all(pages.map(function (page) {
        if (page === ".") { return Promise.resolve(rows); }
        var url = new URL(page, document.baseURI);
        return fetch(url.href).then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.text();
        }).then(function (body) {
          var other = new DOMParser().parseFromString(body, "text/html").querySelector("table[data-filterable] tbody");
          return Array.prototype.map.call(other ? other.rows : [], function (row) {
            Array.prototype.forEach.call(row.querySelectorAll("a[href]"), function (a) {
              a.setAttribute("href", new URL(a.getAttribute("href"), url).href);
            });
            return document.importNode(row, true);
          });
        });
      })).then(function (parts) {
        rows = [].concat.apply([], parts);
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      }).catch(function () {
        var note = document.createElement("p");
        note.textContent = "The other pages of this list could not be loaded: filtering and sorting cover this page only.";
        table.parentNode.insertBefore(note, table);
      });
      return loaded;
    }
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
    function applyAll() { loadAll().then(apply); }
    selects.forEach(function (select) { select.addEventListener("change", applyAll); });
    searches.forEach(function (input) { input.addEventListener("input", applyAll); });
    form.addEventListener("reset", function () { window.setTimeout(applyAll, 0); });
    form.hidden = false;
    Array.prototype.forEach.call(table.querySelectorAll("button[data-sort]"), function (button) {
      button.addEventListener("click", function () {
        var key = "data-" + button.getAttribute("data-sort");
        var ascending = button.parentNode.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.querySelectorAll("th"), function (th) { th.removeAttribute("aria-sort"); });
        button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        loadAll().then(function () {
          apply();
          rows.sort(function (a, b) {
            var x = a.getAttribute(key) || "", y = b.getAttribute(key) || "";
            return ascending ? x.localeCompare(y) : y.localeCompare(x);
          });
          rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
        });
      });
    });
  }
  function init() { Array.prototype.forEach.call(document.querySelectorAll("form[data-filters]"), setUp); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
