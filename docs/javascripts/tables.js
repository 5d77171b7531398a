// Wide tables and diagrams scroll sideways inside their box; make each box reachable with the
// keyboard (Tab, then the arrow keys), as a mouse or a finger can scroll it. The search dialog
// gets a name screen readers announce. Nothing is loaded.
(function () {
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap, .pb-diagram").forEach(function (box) {
      if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
    document.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", document.documentElement.lang === "zh" ? "搜索" : "Search");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(focusable);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusable);
  } else {
    focusable();
  }
})();
