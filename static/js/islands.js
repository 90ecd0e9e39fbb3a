// Personal islands load only for readers the origin knows. An element with data-hint="a b"
// gets the event "hinted" (its hx-trigger) once htmx has set it up, when one of the named
// hint cookies is present (helpcentre/hints.py). Everyone else keeps what the static page
// already shows, and costs the origin nothing. Served as a file: the CSP allows no inline script.
(function () {
  "use strict";
  if (!window.htmx) {
    return;
  }

  function hinted(names) {
    var present = document.cookie.split(";").map(function (pair) {
      return pair.split("=")[0].trim();
    });
    return names.split(/\s+/).some(function (name) {
      return name !== "" && present.indexOf(name) !== -1;
    });
  }

  // Runs for the page once htmx has processed it, and for every piece of content htmx swaps in.
  window.htmx.onLoad(function (root) {
    if (!root.querySelectorAll) {
      return;
    }
    var islands = Array.prototype.slice.call(root.querySelectorAll("[data-hint]"));
    if (root.matches && root.matches("[data-hint]")) {
      islands.unshift(root);
    }
    islands.forEach(function (island) {
      if (hinted(island.getAttribute("data-hint"))) {
        window.htmx.trigger(island, "hinted");
      }
    });
  });
})();
