// Attendance import preview: Enter in a name's search box presses that name's own
// "Rechercher" button, so the page comes back at that name (its anchor). Without this
// script, Enter presses the form's first button, which searches too.
document.addEventListener("keydown", function (event) {
  const box = event.target;
  if (event.key !== "Enter" || !box.matches || !box.matches("input.import-search")) {
    return;
  }
  const button = box.parentElement.querySelector('button[value="search"]');
  if (button) {
    event.preventDefault();
    button.click();
  }
});
