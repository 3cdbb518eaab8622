// Swagger UI for /openapi.json, from the vendored bundle (no CDN, no inline script).
(function () {
  "use strict";
  var el = document.getElementById("swagger-ui");
  if (!el || !window.SwaggerUIBundle) { return; }
  window.SwaggerUIBundle({ url: el.dataset.spec, domNode: el, deepLinking: true });
}());
