// Block Kit's confirmation dialogs (localslack/browser/blockkit.py draws them): a control with
// data-confirm sends its form only after the person confirms in the dialog it names. Listening in
// the capture phase, this runs before anything else that handles the form's submit.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  if (!button || !button.dataset.confirm || form.dataset.confirmed === "yes") return;
  event.preventDefault();
  event.stopImmediatePropagation();
  const dialog = document.getElementById(button.dataset.confirm);
  if (!dialog) return; // nothing to confirm with: a confirmed action never goes unasked
  dialog.returnValue = "";
  dialog.addEventListener("close", () => {
    if (dialog.returnValue !== "confirm") {
      button.focus();
      return;
    }
    form.dataset.confirmed = "yes";
    try {
      form.requestSubmit(button);
    } finally {
      delete form.dataset.confirmed; // the next press asks again
    }
  }, { once: true });
  dialog.showModal();
}, true);
