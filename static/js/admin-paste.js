/*
 * Paste that converts (editing/paste.py). In the admin's Markdown fields (textareas with
 * data-paste-url), a paste that carries HTML (from Word, Word Online, Google Docs or a web page)
 * is sent to this site, converted to Markdown there with the importer's rules, and inserted
 * where the cursor is. Pictures are not pasted: a note beside the field names them. A plain
 * text paste, or any failure, pastes the plain text as the browser always did. Without this
 * script, pasting works as before.
 */
(function () {
  "use strict";

  var fields = document.querySelectorAll("textarea[data-paste-url]");
  if (!fields.length || !window.fetch || !window.FormData) {
    return;
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function noteFor(field) {
    var id = field.id + "-paste-note";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "help paste-note";
      note.setAttribute("role", "status");
      field.insertAdjacentElement("afterend", note);
    }
    return note;
  }

  function insert(field, start, end, text) {
    field.focus();
    field.setSelectionRange(start, end);
    // insertText keeps the browser's undo history; setRangeText where it is not offered.
    var done = false;
    try {
      done = document.execCommand && document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done) {
      field.setRangeText(text, start, end, "end");
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  Array.prototype.forEach.call(fields, function (field) {
    field.addEventListener("paste", function (event) {
      var clipboard = event.clipboardData;
      var html = clipboard ? clipboard.getData("text/html") : "";
      if (!html) {
        return; // plain text: the browser pastes it as always
      }
      var plain = clipboard.getData("text/plain");
      var start = field.selectionStart;
      var end = field.selectionEnd;
      event.preventDefault();
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken());
      data.append("html", html);
      fetch(field.getAttribute("data-paste-url"), {
        method: "POST",
        body: data,
        credentials: "same-origin"
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("not converted");
          }
          return response.json();
        })
        .then(function (result) {
          insert(field, start, end, result.markdown.replace(/\n+$/, ""));
          noteFor(field).textContent = result.note || "";
        })
        .catch(function () {
          insert(field, start, end, plain);
          noteFor(field).textContent =
            "The formatting could not be converted: the text was pasted without it.";
        });
    });
  });
}());
