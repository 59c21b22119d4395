// Article page: switch highlight layers on and off, underline a fact while it is
// pointed at, and mark the highlight a link landed on (its pieces share data-hl).
// Every highlight style needs the class hl-on, so a layer switched off keeps
// only the words.
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function layerOf(layer) {
    var found = [];
    each(document.querySelectorAll(".dd-article [data-layer]"), function (el) {
      if (el.dataset.layer === layer) found.push(el);
    });
    return found;
  }

  function piecesOf(hl) {
    var found = [];
    each(document.querySelectorAll(".dd-article [data-hl]"), function (el) {
      if (el.dataset.hl === hl) found.push(el);
    });
    return found;
  }

  function markTarget() {
    each(document.querySelectorAll(".hl-active"), function (el) { el.classList.remove("hl-active"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("hl-") !== 0) return;
    piecesOf(id).forEach(function (el) { el.classList.add("hl-active"); });
  }

  function hover(event, on) {
    var piece = event.target.closest && event.target.closest(".dd-article .hl-facts[data-hl]");
    if (!piece) return;
    piecesOf(piece.dataset.hl).forEach(function (el) { el.classList.toggle("hl-hover", on); });
  }

  function init() {
    each(document.querySelectorAll('.dd-layers input[type="checkbox"]'), function (box) {
      box.addEventListener("change", function () {
        layerOf(box.dataset.layer).forEach(function (el) { el.classList.toggle("hl-on", box.checked); });
      });
    });
    var article = document.querySelector(".dd-article");
    if (article) {
      article.addEventListener("mouseover", function (e) { hover(e, true); });
      article.addEventListener("mouseout", function (e) { hover(e, false); });
    }
    markTarget();
    window.addEventListener("hashchange", markTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
