// Hides the platform groups that do not apply to the selected platform;
// a link ending in #platform=linux opens the page filtered.
(function () {
  var select = document.getElementById("platform");
  function apply() {
    var want = select.value;
    document.querySelectorAll(".group").forEach(function (g) {
      g.hidden = want !== "" && g.dataset.platforms.split(", ").indexOf(want) < 0;
    });
    document.body.dataset.platform = want || "all";
  }
  var m = /^#platform=(.+)$/.exec(location.hash);
  if (m && select.querySelector('option[value="' + CSS.escape(decodeURIComponent(m[1])) + '"]')) {
    select.value = decodeURIComponent(m[1]);
  }
  select.addEventListener("change", apply);
  apply();
})();
