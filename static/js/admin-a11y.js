/* Progressive enhancement of the admin's accessibility (WCAG 2.1 AA, checked by axe-core in
   tests/e2e/test_clerk.py): Django's autocomplete widgets (select2) leave their combobox and
   search field without an accessible name; give them the label of the field they replace.
   Select2 builds and rebuilds its markup after page load, hence the observer. */
(function () {
  "use strict";
  function nameSelect2Widgets() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) {
        return;
      }
      var name = label.textContent.replace(/\s*:\s*$/, "").trim();
      container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field')
        .forEach(function (element) {
          if (element.getAttribute("aria-label") !== name) {
            element.setAttribute("aria-label", name);
          }
          // aria-labelledby would win over aria-label, and points to an empty element.
          if (element.getAttribute("role") === "combobox") {
            element.removeAttribute("aria-labelledby");
          }
        });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameSelect2Widgets();
    new MutationObserver(nameSelect2Widgets).observe(document.body,
                                                     {childList: true, subtree: true});
  });
  window.addEventListener("load", nameSelect2Widgets);
}());
