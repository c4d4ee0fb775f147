/* The client portal's few conveniences; every page works without them. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copiar]").forEach(function (b) {
    var field = document.getElementById(b.getAttribute("data-copiar"));
    if (!field) return;
    var label = b.textContent;
    b.hidden = false;
    /* A form field, or text shown whole (the PIX code): selected either way. */
    var text = function () { return field.value !== undefined ? field.value : field.textContent.trim(); };
    var select = function () {
      if (field.select) { field.select(); return; }
      var range = document.createRange();
      range.selectNodeContents(field);
      var s = window.getSelection();
      s.removeAllRanges();
      s.addRange(range);
    };
    b.addEventListener("click", function () {
      select();
      var done = function () {
        b.textContent = "Código copiado!";
        setTimeout(function () { b.textContent = label; }, 2500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text()).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
  document.querySelectorAll("button.imprimir").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
});
