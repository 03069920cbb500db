// The application forms (public and staff intake): show only the fields of the chosen applicant type. The server
// already hides the other group once a type is submitted and ignores its values; this only saves a round trip.
(function () {
  "use strict";
  var select = document.querySelector("select[data-applicant-type]");
  if (!select) {
    return;
  }
  var groups = document.querySelectorAll("[data-applicant-group]");
  function show() {
    var chosen = select.value ? (select.value === "natural_person" ? "person" : "organisation") : "";
    for (var i = 0; i < groups.length; i += 1) {
      var group = groups[i];
      group.hidden = chosen !== "" && group.getAttribute("data-applicant-group") !== chosen;
    }
  }
  select.addEventListener("change", show);
  show();
})();
