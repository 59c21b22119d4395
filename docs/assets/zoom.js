// The ER diagram: fitted to the column by default; a click shows it at full size in its own scrolling box.
(function () {
  "use strict";

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".dd-zoom"), function (box) {
      var img = box.querySelector("img");
      if (!img) return;
      box.tabIndex = 0;
      box.setAttribute("role", "button");
      box.setAttribute("aria-label", "Zoom the diagram in or out");
      function toggle() {
        var zoomed = box.classList.toggle("dd-zoomed");
        img.style.width = zoomed ? img.naturalWidth + "px" : "";
      }
      box.addEventListener("click", toggle);
      box.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
