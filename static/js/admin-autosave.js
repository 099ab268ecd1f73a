/*
 * Autosave on the admin's change pages (editing/autosave.py). Every 30 seconds, and when the
 * page is hidden or left, the form's text is posted to this site's autosave address, where it
 * is kept as this person's draft without touching the saved page. Leaving the page with
 * unsaved changes asks first; on an add page (no autosave address: nothing saved yet to keep
 * a draft of) that is all it does. When nothing has changed, the 30-second post is a heartbeat
 * only, so that others opening the page are told this person has it open (editing/presence.py). The page works fully without this script.
 */
(function () {
  "use strict";

  var config = document.getElementById("autosave-config");
  if (!config) {
    return;
  }
  var form = config.closest("form");
  var status = document.getElementById("autosave-status");
  var url = config.getAttribute("data-url");
  var autosaves = Boolean(url && window.fetch && window.FormData);
  var INTERVAL = 30 * 1000;
  var submitting = false;

  function textFields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name || el.disabled) {
        return false;
      }
      if (el.name === "_based_on_revision") {
        return true;
      }
      var type = (el.type || "").toLowerCase();
      return el.tagName === "TEXTAREA" ||
        (el.tagName === "INPUT" && ["text", "url", "email", "search", ""].indexOf(type) !== -1);
    });
  }

  function snapshot() {
    return JSON.stringify(textFields().map(function (el) { return [el.name, el.value]; }));
  }

  // A form sent back with errors, or holding restored text, is not saved: it counts as
  // changed from the start, so leaving asks and autosave keeps it.
  var saved = config.hasAttribute("data-unsaved") ? "" : snapshot();
  var lastSent = saved;

  function payload() {
    var data = new FormData();
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    data.append("csrfmiddlewaretoken", token ? token.value : "");
    textFields().forEach(function (el) { data.append(el.name, el.value); });
    return data;
  }

  function show(text) {
    if (status) {
      status.textContent = text;
    }
  }

  // Nothing new to keep: still say "I have this page open" (others see it on their form).
  function heartbeat() {
    var data = new FormData();
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    data.append("csrfmiddlewaretoken", token ? token.value : "");
    data.append("_heartbeat", "1");
    fetch(url, { method: "POST", body: data, credentials: "same-origin" }).catch(function () {});
  }

  function autosave(leaving) {
    var now = snapshot();
    if (submitting) {
      return;
    }
    if (now === lastSent) {
      if (!leaving) {
        heartbeat();
      }
      return;
    }
    if (leaving && navigator.sendBeacon) {
      if (navigator.sendBeacon(url, payload())) {
        lastSent = now;
      }
      return;
    }
    fetch(url, { method: "POST", body: payload(), credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) {
          lastSent = now;
          var time = new Date().toTimeString().slice(0, 5);
          show("Your unsaved changes were kept at " + time + " (not saved to the page yet).");
        } else {
          show("Your changes could not be kept automatically: save the page soon.");
        }
      })
      .catch(function () {
        show("Your changes could not be kept automatically: save the page soon.");
      });
  }

  form.addEventListener("submit", function (event) {
    // "Preview as typed" posts the form to a new tab: this page stays, unsaved.
    var submitter = event.submitter;
    if (submitter && submitter.getAttribute("formtarget") === "_blank") {
      return;
    }
    submitting = true;
  });
  if (autosaves) {
    window.setInterval(function () { autosave(false); }, INTERVAL);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        autosave(true);
      }
    });
    window.addEventListener("pagehide", function () { autosave(true); });
  }
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && snapshot() !== saved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}());
