// Opinion map voting without full page loads. The page works without this
// script (plain forms and redirects); with it, a vote is sent in the
// background and only the voting section is replaced, with focus moved to
// its heading so screen readers announce the next statement.
(function () {
  "use strict";
  function enhance(section) {
    var form = section.querySelector("form[data-enhance]");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch || !window.DOMParser) return;
      event.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      body.append(button.name, button.value);
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (b) { b.disabled = true; });
      fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text().then(function (html) { return { html: html, url: response.url }; });
      }).then(function (page) {
        var doc = new DOMParser().parseFromString(page.html, "text/html");
        var fresh = doc.getElementById("opinion-vote");
        var votes = doc.getElementById("my-votes");
        if (!fresh) throw new Error("no voting section");
        section.replaceWith(fresh);
        var oldVotes = document.getElementById("my-votes");
        if (votes && oldVotes) oldVotes.replaceWith(votes);
        enhance(fresh);
        var heading = fresh.querySelector("h2");
        if (heading) heading.focus();
      }).catch(function () {
        // Fall back to the plain form submission.
        buttons.forEach(function (b) { b.disabled = false; });
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = button.name;
        hidden.value = button.value;
        form.appendChild(hidden);
        form.submit();
      });
    });
  }
  var section = document.getElementById("opinion-vote");
  if (section) enhance(section);
})();
