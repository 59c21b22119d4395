// Sort and filter the rows of a table page (div.dd-rows, built by docs/datadict/rows.py).
// Plain script, no library (rows.py says why): the rows are in the page's HTML,
// each with its own URL fragment and search entry; this only reorders and hides them.
// Values from the data are read with textContent and shown with textContent, never as markup.
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function cellOf(row, field) {
    var found = null;
    each(row.querySelectorAll("[data-field]"), function (el) {
      if (!found && el.dataset.field === field) found = el;
    });
    return found;
  }

  function valueOf(row, field) {
    var cell = cellOf(row, field);
    if (!cell) return "";
    if (cell.dataset.value !== undefined) return cell.dataset.value;
    var own = cell.querySelector(".dd-self");  // an id cell: its id, not its links
    return (own || cell).textContent.trim();
  }

  function setUp(controls) {
    var list = document.getElementById(controls.dataset.rows);
    if (!list) return;
    var rows = Array.prototype.slice.call(list.querySelectorAll(".dd-row"));
    var original = rows.slice();
    var input = controls.querySelector(".dd-filter");
    var select = controls.querySelector(".dd-sort-by");
    var counter = controls.querySelector(".dd-shown");
    var note = controls.querySelector(".dd-where");
    var params = new URLSearchParams(location.search);
    var where = params.has("where") ? { field: params.get("where"), value: params.get("is") || "" } : null;
    var order = { field: "", ascending: true, numeric: false };

    function apply() {
      var words = (input.value || "").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        if (where) match = match && valueOf(row, where.field) === where.value;
        row.hidden = !match;
        if (match) shown += 1;
      });
      counter.textContent = shown + " of " + rows.length + " rows";
    }

    function showWhere() {
      note.hidden = !where;
      note.textContent = "";
      if (!where) return;
      note.appendChild(document.createTextNode("Only rows where "));
      var f = document.createElement("code"); f.textContent = where.field; note.appendChild(f);
      note.appendChild(document.createTextNode(where.value === "" ? " is empty " : " is "));
      if (where.value !== "") {
        var v = document.createElement("code"); v.textContent = where.value; note.appendChild(v);
        note.appendChild(document.createTextNode(" "));
      }
      var clear = document.createElement("button");
      clear.type = "button"; clear.className = "dd-clear"; clear.textContent = "show all";
      clear.addEventListener("click", function () {
        where = null;
        history.replaceState(null, "", location.pathname + location.hash);
        showWhere(); apply();
      });
      note.appendChild(clear);
    }

    function sort() {
      var sorted = original.slice();
      if (order.field) {
        var key = function (row) {
          var v = valueOf(row, order.field);
          if (!order.numeric) return v.toLowerCase();
          return v === "" ? Number.POSITIVE_INFINITY : Number(v);
        };
        sorted.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = order.numeric ? x - y : x.localeCompare(y, undefined, { numeric: true });
          return order.ascending ? c : -c;
        });
      }
      sorted.forEach(function (row) { list.appendChild(row); });
      rows = sorted;
      each(list.querySelectorAll(".dd-rows-head .dd-sort"), function (b) {
        if (b.dataset.field === order.field) b.setAttribute("aria-sort", order.ascending ? "ascending" : "descending");
        else b.removeAttribute("aria-sort");
      });
    }

    each(list.querySelectorAll(".dd-rows-head .dd-sort"), function (button) {
      button.title = "Sort by " + button.dataset.field;
      button.addEventListener("click", function () {
        order = { field: button.dataset.field, ascending: order.field === button.dataset.field ? !order.ascending : true,
                  numeric: button.hasAttribute("data-numeric") };
        select.value = button.dataset.field;
        sort();
      });
    });
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      order = { field: select.value, ascending: true, numeric: option.hasAttribute("data-numeric") };
      sort();
    });
    input.addEventListener("input", apply);
    showWhere();
    apply();
  }

  // A link to #row-...: open that row's details and make sure no filter hides it.
  function showTarget() {
    each(document.querySelectorAll(".dd-row.dd-target"), function (r) { r.classList.remove("dd-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("row-") !== 0) return;
    var heading = document.getElementById(id);
    var row = heading && heading.closest(".dd-row");
    if (!row) return;
    row.classList.add("dd-target");
    row.hidden = false;
    var more = row.querySelector("details.dd-more");
    if (more) more.open = true;
    heading.scrollIntoView();
  }

  function init() {
    each(document.querySelectorAll(".dd-controls[data-rows]"), setUp);
    showTarget();
    window.addEventListener("hashchange", showTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
