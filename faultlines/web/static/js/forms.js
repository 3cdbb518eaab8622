// Filter forms: leave blank fields out of the URL, so links stay short and shareable.
(function () {
  "use strict";
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.name && field.value === "") { field.disabled = true; }
      });
    });
  });
}());
