// The portal's only script, loaded from a file so the Content-Security-Policy can forbid inline script.
// Large-text mode is remembered in localStorage and applied before the page paints (this file loads in <head>).
(function () {
  var root = document.documentElement;
  try {
    if (localStorage.getItem("gk-large") === "1") root.classList.add("large");
  } catch (e) {}
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("large-text");
    function show() {
      var large = root.classList.contains("large");
      button.setAttribute("aria-pressed", large ? "true" : "false");
      button.textContent = large ? "标准字号" : "大字模式";
    }
    if (button) {
      show();
      button.addEventListener("click", function () {
        root.classList.toggle("large");
        try {
          localStorage.setItem("gk-large", root.classList.contains("large") ? "1" : "0");
        } catch (e) {}
        show();
      });
    }
    document.querySelectorAll("[data-print]").forEach(function (element) {
      element.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
