// Keeps the local workspace live: forms are sent without leaving the page, news from the
// server (server-sent events) redraws what changed, and the person keeps their place: focus,
// open menus, choices not yet applied, and what they are typing.
// Without this script every form still works, with a page load each time.
"use strict";

const REGIONS = ["clock", "sidebar", "main", "notice"];
let refreshing = null;
let refreshAgain = false;
let latestNews = 0; // the newest version the server has announced
let lastAnnounced = 0;
const busy = new WeakSet();
// The page's words for what this script says, in the reader's language (the page gives them).
const WORDS = JSON.parse(document.getElementById("words")?.textContent || "{}");

// A message with its {placeholders} filled in.
function worded(message, values) {
  return message.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
}

function openModal() {
  const dialog = document.getElementById("modal");
  if (!dialog || dialog.matches(":modal")) return;
  if (dialog.open) closeOnPurpose(dialog);
  dialog.showModal();
  const first = dialog.querySelector("[aria-invalid=true], input:not([type=hidden]), textarea, select, button");
  if (first) first.focus();
  dialog.addEventListener("cancel", (event) => {
    // Escape: close the form the way its Close button does, so the app's state agrees. When the
    // browser will not let the page keep it open, "close" below asks instead.
    if (!event.cancelable) return;
    event.preventDefault();
    askToClose(dialog);
  });
  dialog.addEventListener("close", () => {
    if (dialog.dataset.closing === "yes" || !dialog.isConnected) {
      delete dialog.dataset.closing;
      return;
    }
    // The browser closed it itself (Escape pressed again before anything else): nothing typed is
    // lost, and focus does not fall to the page; the form reopens and asks as Escape does.
    dialog.showModal();
    askToClose(dialog);
  });
  dialog.querySelector("#discard-no")?.addEventListener("click", () => keepEditing(dialog));
  dialog.querySelector("#discard-yes")?.addEventListener("click", () => discard());
}

function closeOnPurpose(dialog) {
  dialog.dataset.closing = "yes";
  dialog.close();
}

// Has the person typed or chosen anything in the form (or did the app refuse what they had)?
function typedIn(dialog) {
  if (dialog.dataset.typed === "true") return true;
  return [...dialog.querySelectorAll("input, textarea, select")].some((field) => {
    if (field.type === "hidden" || field.disabled || field.closest(".discard")) return false;
    if (field.type === "file") return field.files.length > 0;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") return [...field.options].some((o) => o.selected !== o.defaultSelected);
    return field.value !== field.defaultValue;
  });
}

let focusBeforeAsking = null;

// Escape or Cancel: a form with nothing typed closes; one with something asks first.
function askToClose(dialog) {
  if (dialog.classList.contains("asking")) {
    keepEditing(dialog);
  } else if (typedIn(dialog)) {
    focusBeforeAsking = document.activeElement;
    dialog.classList.add("asking");
    dialog.querySelector("#discard").hidden = false;
    dialog.querySelector("#discard-no").focus();
  } else {
    discard();
  }
}

function keepEditing(dialog) {
  dialog.classList.remove("asking");
  dialog.querySelector("#discard").hidden = true;
  const back = focusBeforeAsking && dialog.contains(focusBeforeAsking) && !focusBeforeAsking.closest(".discard")
    ? focusBeforeAsking
    : dialog.querySelector("input:not([type=hidden]), textarea, select, button");
  back?.focus();
}

function discard() {
  send(document.getElementById("modal-close"), null);
}

function scrolledToEnd(element) {
  return element.scrollHeight - element.scrollTop - element.clientHeight < 40;
}

// What the person has open or chosen but not yet sent, by element id, to keep across a redraw.
function placeIn(region) {
  const open = [...region.querySelectorAll("details[open] > summary[id]")].map((s) => s.id);
  const chosen = [...region.querySelectorAll("select[id]")]
    .filter((select) => [...select.options].some((o) => o.selected !== o.defaultSelected))
    .map((select) => [select.id, select.value]);
  return { open, chosen };
}

function restorePlace(place) {
  for (const id of place.open) document.getElementById(id)?.parentElement?.setAttribute("open", "");
  for (const [id, value] of place.chosen) {
    const select = document.getElementById(id);
    if (select) select.value = value;
  }
}

function swap(id, fresh) {
  const old = document.getElementById(id);
  if (!old || !fresh || old.innerHTML === fresh.innerHTML) return;
  const focused = document.activeElement;
  const mark = focused && old.contains(focused) ? markOf(focused) : null;
  const place = placeIn(old);
  old.innerHTML = fresh.innerHTML;
  restorePlace(place);
  if (mark) findAgain(mark, old).focus();
}

function announceNews(seenBefore) {
  const fresh = [...document.querySelectorAll("#main .message[id]")].filter(
    (m) => !seenBefore.has(m.id) && m.dataset.fromMe !== "true",
  );
  const now = Date.now();
  if (!fresh.length || now - lastAnnounced < 2000) return;
  lastAnnounced = now;
  const newest = fresh[fresh.length - 1];
  const author = newest.querySelector(".author")?.textContent || "";
  const words = (newest.querySelector(".body")?.textContent || "").trim().slice(0, 120);
  document.getElementById("announcer").textContent = fresh.length === 1
    ? `${author}: ${words}`
    : worded(WORDS.news, { count: fresh.length, author, words });
}

// inModal: the answer to the person's own action in the open form.
function apply(html, inModal = false) {
  const fresh = new DOMParser().parseFromString(html, "text/html");
  // Someone else, somewhere else, or the person now reads another language: the whole page.
  if (fresh.body.dataset.as !== document.body.dataset.as || fresh.body.dataset.in !== document.body.dataset.in ||
    fresh.documentElement.lang !== document.documentElement.lang) {
    window.location.reload();
    return;
  }
  // A page drawn before what is shown is older than it, whoever asked for it: the answer to the
  // person's earlier action, back late on a busy machine, must not close the form they opened since.
  if (Number(fresh.body.dataset.version) < Number(document.body.dataset.version)) return;
  document.title = fresh.title;
  document.body.dataset.version = fresh.body.dataset.version;
  const main = document.getElementById("main");
  const atEnd = scrolledToEnd(main);
  const seenBefore = new Set([...main.querySelectorAll(".message[id]")].map((m) => m.id));
  for (const id of REGIONS) swap(id, fresh.getElementById(id));
  announceNews(seenBefore);
  if (atEnd && document.body.dataset.in !== "home") main.scrollTop = main.scrollHeight;
  swapModal(fresh, inModal);
}

function swapModal(fresh, inModal) {
  const region = document.getElementById("modal-region");
  const oldDialog = document.getElementById("modal");
  const newDialog = fresh.getElementById("modal");
  const same = oldDialog && newDialog &&
    oldDialog.dataset.view === newDialog.dataset.view && oldDialog.dataset.hash === newDialog.dataset.hash;
  // Only an answer to the form itself redraws it: any other (news, or the answer to the press
  // that opened it, back after a redraw showed it) must not wipe what the person is typing.
  if (same && !inModal) return;
  if (!oldDialog && !newDialog) return;
  if (oldDialog && oldDialog.open) closeOnPurpose(oldDialog);
  region.innerHTML = fresh.getElementById("modal-region").innerHTML;
  if (newDialog) openModal();
  else returnFocus();
}

// What finds a control again after a redraw: its id, else the same action (its action_id and
// value, as the app names it) or the same link, else its message.
function markOf(control) {
  const form = control.form;
  return {
    id: control.id,
    action: form?.elements.action_id?.value || form?.elements.callback_id?.value || "",
    value: control.value || "",
    href: control.getAttribute("href") || "",
    message: control.closest(".message")?.id || "",
  };
}

function shown(element) {
  return element && element.isConnected && element.checkVisibility() ? element : null;
}

function sameAction(mark) {
  if (mark.href) {
    return [...document.querySelectorAll("a[href]")].find((a) => a.getAttribute("href") === mark.href && shown(a));
  }
  if (!mark.action) return null;
  const controls = [...document.querySelectorAll("button[form], form button")].filter((button) => {
    const form = button.form;
    const action = form?.elements.action_id?.value || form?.elements.callback_id?.value || "";
    return action === mark.action && shown(button);
  });
  return controls.find((button) => button.value === mark.value) || controls[0] || null;
}

// The control itself, or its equivalent, or its message, or the landmark it was in.
function findAgain(mark, landmark) {
  const found = shown(document.getElementById(mark.id)) || sameAction(mark) ||
    shown(document.getElementById(mark.message));
  if (found) {
    if (found.matches(".message")) found.setAttribute("tabindex", "-1");
    return found;
  }
  return shown(landmark) && landmark.tabIndex >= 0 ? landmark : document.getElementById("main");
}

// Where the person was before a form took them away.
let cameFrom = null;

function returnFocus() {
  (cameFrom ? findAgain(cameFrom, null) : document.getElementById("main")).focus();
}

async function refresh() {
  if (refreshing) { refreshAgain = true; return; }
  // A live redraw: the server then shows the person's open form however it was opened.
  refreshing = fetch(window.location.href, { headers: { Accept: "text/html", "X-Live-Page": "1" } })
    .then((response) => response.text())
    .then((html) => apply(html))
    .catch(() => {})
    .finally(() => {
      refreshing = null;
      if (refreshAgain || latestNews > Number(document.body.dataset.version)) {
        refreshAgain = false;
        refresh();
      }
    });
}

async function send(form, submitter) {
  // A form is sent once, however often it is pressed; the clock's presses each count.
  if (form.id === "modal-submit") {
    if (busy.has(form)) return;
    busy.add(form);
  }
  const body = new FormData(form, submitter);
  const inModal = document.getElementById("modal")?.contains(form);
  if (submitter && !inModal) {
    cameFrom = markOf(submitter);
  }
  const box = form.querySelector("#text");
  const typed = box ? box.value : "";
  if (box) box.value = ""; // cleared at once: anything typed next is not wiped by the answer
  form.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(form.action, { method: "POST", body });
    apply(await response.text(), inModal);
    const refused = document.getElementById("notice").textContent.trim();
    if (box && refused && !box.value) box.value = typed; // refused: nothing typed is lost
    if (!inModal && document.activeElement === document.body && !document.getElementById("modal")?.open) {
      returnFocus();
    }
  } catch (error) {
    if (box) box.value = typed;
    form.submit();
  } finally {
    form.removeAttribute("aria-busy");
    busy.delete(form);
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || form.method !== "post") return;
  event.preventDefault();
  const dialog = document.getElementById("modal");
  if (form.id === "modal-close" && dialog?.open) askToClose(dialog); // Cancel: as Escape
  else send(form, event.submitter);
});

// At phone width the person, the clock and the places are a menu; open, they come first.
function toggleMenu(open) {
  const button = document.getElementById("menu-button");
  if (!button) return;
  button.setAttribute("aria-expanded", String(open));
  document.body.classList.toggle("menu-open", open);
}

document.addEventListener("keydown", (event) => {
  const box = event.target;
  if (box.id === "text" && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    box.form.requestSubmit();
  }
  const menuOpen = document.body.classList.contains("menu-open");
  if (event.key === "Escape" && menuOpen && !document.getElementById("modal")?.open) {
    toggleMenu(false);
    document.getElementById("menu-button").focus();
  }
});

window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("menu-button")?.addEventListener("click", () => {
    toggleMenu(!document.body.classList.contains("menu-open"));
  });
  openModal();
  const main = document.getElementById("main");
  if (document.body.dataset.in !== "home") main.scrollTop = main.scrollHeight;
  const news = new EventSource("/ui/events");
  news.addEventListener("changed", (event) => {
    latestNews = Math.max(latestNews, Number(event.data));
    if (latestNews > Number(document.body.dataset.version)) refresh();
  });
  window.addEventListener("pagehide", () => news.close());
});
