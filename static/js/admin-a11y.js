/*
 * Small accessibility repairs to markup that Django's admin scripts build: the two-box
 * chooser's help icons carry an aria-label on a plain <span>, which screen readers may ignore
 * (axe: aria-prohibited-attr); giving them role="img" makes the label count.
 */
(function () {
  "use strict";
  function repair() {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
    });
  }
  // Django's SelectFilter2 builds the chooser on "load"; this listener is added after it.
  window.addEventListener("load", repair);
}());
