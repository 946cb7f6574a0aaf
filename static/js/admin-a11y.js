/* Progressive enhancement of the admin's accessibility (WCAG 2.1 AA, checked by axe-core in
   tests/e2e/test_clerk.py and test_clerk_screens.py):
   - the fields of Django's tabular inlines have a column header but no label: each takes the
     text of its column's header as its accessible name;
   - Django's autocomplete widgets (select2) leave their combobox and search field without an
     accessible name; give them the label (or name) of the field they replace.
   Inline rows are added and select2 rebuilds its markup after page load, hence the
   observer. */
(function () {
  "use strict";
  function headerOf(cell) {
    var table = cell.closest("table");
    var name = Array.prototype.find.call(cell.classList, function (c) {
      return c.indexOf("field-") === 0;
    });
    var header = null;
    if (name) {
      header = table.querySelector("thead th.column-" + name.slice(6));
    } else if (cell.classList.contains("delete")) {
      var headers = table.querySelectorAll("thead th");
      header = headers[headers.length - 1];
    }
    return header ? header.textContent.replace(/\s+/g, " ").trim() : "";
  }
  function nameInlineFields() {
    document.querySelectorAll(".tabular td").forEach(function (cell) {
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(
        function (field) {
          var labelled = field.getAttribute("aria-label") || field.getAttribute(
            "aria-labelledby") || (field.id && document.querySelector(
            'label[for="' + field.id + '"]'));
          var name = !labelled && headerOf(cell);
          if (name) {
            field.setAttribute("aria-label", name);
          }
        });
    });
  }
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
    nameInlineFields();
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
