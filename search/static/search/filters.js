// The filters start folded behind the 筛选 button (a phone shows results
// first); on a wide screen they sit open beside the results.
(function () {
  var filters = document.getElementById("filters");
  if (!filters || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 48rem)");
  function follow() { filters.open = wide.matches; }
  follow();
  if (wide.addEventListener) wide.addEventListener("change", follow);
})();
