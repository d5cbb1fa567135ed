/* Fazhi page behaviour without inline handlers (the Content-Security-Policy allows no inline script):
   <form data-confirm="…"> asks before submitting; <a data-back> goes back one page. */
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
}, true);
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-back]");
  if (link) { event.preventDefault(); window.history.back(); }
});
