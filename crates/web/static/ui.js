// Small behaviours of every page, bound by delegation so that fragments
// htmx swaps in work too, with no inline handlers (the CSP allows none).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
    return;
  }
  var remove = event.target.closest(".remove-fit");
  if (remove) {
    var row = remove.closest(".fit-row");
    if (row) row.remove();
  }
});

// A form that asks first (a destructive step): its data-confirm text.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
