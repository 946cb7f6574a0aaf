/* Progressive enhancement of the admin's accessibility (WCAG 2.1 AA, checked by axe-core in
   tests/e2e/test_clerk.py and test_clerk_screens.py):
   (the fields of tabular inlines are named by the server: portal/kernel/admin_inlines.py)
   - a tabular inline group that scrolls sideways becomes a focusable region;
   - Django's autocomplete widgets (select2) leave their combobox and search field without an
     accessible name; give them the label (or name) of the field they replace.
   Inline rows are added and select2 rebuilds its markup after page load, hence the
   observer. */
(function () {
  "use strict";
  // A tabular inline wider than a phone scrolls inside its group: the group is then a
  // focusable region named by its heading, so that a keyboard reaches what it hides
  // (axe scrollable-region-focusable).
  function focusableInlineGroups() {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      if (group.hasAttribute("tabindex") || !group.querySelector(".tabular")) {
        return;
      }
      var heading = group.querySelector("h2");
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "region");
      if (heading) {
        heading.id = heading.id || group.id + "-heading";
        group.setAttribute("aria-labelledby", heading.id);
      }
    });
  }
  function nameSelect2Widgets() {
    focusableInlineGroups();
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var name = label ? label.textContent : select.getAttribute("aria-label");
      if (!name || !container || !container.classList.contains("select2")) {
        return;
      }
      name = name.replace(/\s*:\s*$/, "").trim();
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
