// Article page: switch highlight layers on and off, and mark the highlight
// a link landed on (its pieces share a data-hl attribute).
(function () {
  "use strict";

  function toggle(box) {
    var layer = box.dataset.layer;
    Array.prototype.forEach.call(document.querySelectorAll('.dd-article [data-layer="' + layer + '"]'), function (el) {
      el.classList.toggle("hl-off", !box.checked);
    });
  }

  function markTarget() {
    Array.prototype.forEach.call(document.querySelectorAll(".hl-active"), function (el) {
      el.classList.remove("hl-active");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("hl-") !== 0) return;
    Array.prototype.forEach.call(document.querySelectorAll(".dd-article [data-hl]"), function (el) {
      if (el.dataset.hl === id) el.classList.add("hl-active");
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('.dd-layers input[type="checkbox"]'), function (box) {
      box.addEventListener("change", function () { toggle(box); });
    });
    markTarget();
    window.addEventListener("hashchange", markTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
