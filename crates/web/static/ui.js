// Small behaviours of every page, bound by delegation so that fragments
// htmx swaps in work too, with no inline handlers (the CSP allows none).
document.addEventListener("click", function (event) {
  var remove = event.target.closest(".remove-fit");
  if (remove) {
    var row = remove.closest(".fit-row");
    if (row) row.remove();
  }
});
