/* Fazhi page behaviour without inline handlers (the Content-Security-Policy allows no inline script):
   <form data-confirm="…"> asks before submitting; <a data-back> goes back one page; <button data-print>
   prints the page; <select data-autosubmit> submits its form when changed. */
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
}, true);
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-back]");
  if (link) { event.preventDefault(); window.history.back(); }
});
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
});
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) field.form.submit();
});
