// Progressive enhancement of the budget ballot: updates the money left
// (knapsack), the number of projects (approval) or the points given
// (cumulative) while the voter fills in the form. Without this script the
// form works the same: the "Recalculate" button asks the server.
(function () {
  "use strict";
  var form = document.getElementById("ballot");
  var out = document.getElementById("ballot-status");
  if (!form || !out) return;
  var kind = form.getAttribute("data-kind");
  var amount = Number(form.getAttribute("data-amount"));
  var limit = Number(form.getAttribute("data-limit"));
  var lang = document.documentElement.lang === "en" ? "en-GB" : "de-DE";
  var fmt = new Intl.NumberFormat(lang);
  function text(name) { return out.getAttribute("data-" + name) || ""; }
  function update() {
    var cost = 0, count = 0, points = 0;
    form.querySelectorAll('input[name="project"]').forEach(function (c) {
      if (c.checked) { cost += Number(c.getAttribute("data-cost")); count += 1; }
    });
    form.querySelectorAll("input[data-points]").forEach(function (c) {
      points += Number(c.value) || 0;
    });
    var msg, over;
    if (kind === "knapsack") {
      var left = amount - cost;
      over = left < 0;
      msg = text(over ? "over" : "left").replace("{amount}", fmt.format(Math.abs(left)) + "\u00a0€");
    } else if (kind === "approval") {
      over = count > limit;
      msg = text("count").replace("{count}", count).replace("{max}", limit);
    } else if (kind === "cumulative") {
      over = points > limit;
      msg = text("points").replace("{count}", points).replace("{max}", limit);
    } else {
      return;
    }
    out.textContent = msg;
    out.classList.toggle("over", over);
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);
})();
