/*
 * The Checks panels (editing/writing_checks.py), one under each Markdown field, follow the text
 * as it is typed: a second after typing stops, the field's text is sent to this site's checks
 * address and its panel shows what it finds. Without this script a panel shows the checks of
 * the text the form holds (as saved, or as sent back with an error), updated on each save.
 */
(function () {
  "use strict";

  if (!window.fetch || !window.URLSearchParams) {
    return;
  }

  function follow(panel) {
    var source = document.getElementById(panel.getAttribute("data-source"));
    if (!source) {
      return; // shown read-only (someone who may only view the page): nothing is typed
    }
    var timer = null;
    var pending = null;
    var controller = null;

    function refresh() {
      // One request at a time: a newer text waits for the answer about the older one.
      if (pending) {
        pending.then(refresh);
        return;
      }
      var data = new URLSearchParams();
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      data.append("csrfmiddlewaretoken", token ? token.value : "");
      data.append("text", source.value);
      controller = window.AbortController ? new window.AbortController() : null;
      pending = fetch(panel.getAttribute("data-checks-url"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null) {
            // The site's own escaped HTML (format_html), never the typed text as markup.
            panel.innerHTML = html;
          }
        })
        .catch(function () {})
        .then(function () {
          pending = null;
        });
    }

    source.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 1000);
    });

    // Leaving the page (saving it, or going elsewhere) ends any check still to come or on its
    // way: its answer has no panel left to show in, and a request outliving its page can land
    // after a sign-out elsewhere (Django then answers 400, the session having gone).
    function stop() {
      window.clearTimeout(timer);
      if (controller) {
        controller.abort();
      }
    }
    window.addEventListener("pagehide", stop);
    if (source.form) {
      source.form.addEventListener("submit", stop);
    }
  }

  Array.prototype.forEach.call(
    document.querySelectorAll(".writing-checks[data-checks-url]"),
    follow
  );
}());
