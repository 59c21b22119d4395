// Sort and filter the row tables of the data dictionary (table[data-dd="rows"]).
// Plain script, no library: click a column header to sort, type to filter.
(function () {
  "use strict";

  function cellValue(row, index, numeric) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    if (!numeric) return text.toLowerCase();
    // Empty numbers sort last in either direction's natural reading.
    return text === "" ? Number.POSITIVE_INFINITY : Number(text);
  }

  function sortBy(table, header, index) {
    var numeric = header.dataset.type === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = numeric ? x - y : x.localeCompare(y, undefined, { numeric: true });
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function filter(table, query, counter) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (counter) counter.textContent = shown + " of " + table.tBodies[0].rows.length + " rows";
  }

  function setUp(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (th.dataset.type === "none") return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dd-sort";
      button.title = "Sort by " + th.textContent;
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
    var input = document.querySelector('.dd-filter[data-table="' + table.id + '"]');
    var counter = document.querySelector('.dd-shown[data-table="' + table.id + '"]');
    if (input) input.addEventListener("input", function () { filter(table, input.value, counter); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('table[data-dd="rows"]'), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
