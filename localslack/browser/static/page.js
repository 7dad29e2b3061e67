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
  if (dialog.open) dialog.close();
  dialog.showModal();
  const first = dialog.querySelector("[aria-invalid=true], input:not([type=hidden]), textarea, select, button");
  if (first) first.focus();
  dialog.addEventListener("cancel", (event) => {
    // Escape: close the form the way its Close button does, so the app's state agrees.
    event.preventDefault();
    document.getElementById("modal-close").requestSubmit();
  });
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
  const focusId = focused && old.contains(focused) ? focused.id : "";
  const place = placeIn(old);
  old.innerHTML = fresh.innerHTML;
  restorePlace(place);
  if (focusId) document.getElementById(focusId)?.focus();
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

function apply(html, ownForm) {
  const fresh = new DOMParser().parseFromString(html, "text/html");
  // Someone else, somewhere else, or the person now reads another language: the whole page.
  if (fresh.body.dataset.as !== document.body.dataset.as || fresh.body.dataset.in !== document.body.dataset.in ||
    fresh.documentElement.lang !== document.documentElement.lang) {
    window.location.reload();
    return;
  }
  // A redraw that left before the person's own action came back is older than what is shown.
  if (!ownForm && Number(fresh.body.dataset.version) < Number(document.body.dataset.version)) return;
  document.title = fresh.title;
  document.body.dataset.version = fresh.body.dataset.version;
  const main = document.getElementById("main");
  const atEnd = scrolledToEnd(main);
  const seenBefore = new Set([...main.querySelectorAll(".message[id]")].map((m) => m.id));
  for (const id of REGIONS) swap(id, fresh.getElementById(id));
  announceNews(seenBefore);
  if (atEnd && document.body.dataset.in !== "home") main.scrollTop = main.scrollHeight;
  swapModal(fresh, ownForm);
}

function swapModal(fresh, ownForm) {
  const region = document.getElementById("modal-region");
  const oldDialog = document.getElementById("modal");
  const newDialog = fresh.getElementById("modal");
  const same = oldDialog && newDialog &&
    oldDialog.dataset.view === newDialog.dataset.view && oldDialog.dataset.hash === newDialog.dataset.hash;
  // A redraw for someone else's news must not wipe what the person is typing.
  if (same && !ownForm) return;
  if (!oldDialog && !newDialog) return;
  if (oldDialog && oldDialog.open) oldDialog.close();
  region.innerHTML = fresh.getElementById("modal-region").innerHTML;
  if (newDialog) openModal();
  else returnFocus();
}

// Where the person was before a form took them away: the control they used, else its
// message, else the conversation.
let cameFrom = { id: "", message: "" };

function returnFocus() {
  const target = document.getElementById(cameFrom.id) || document.getElementById(cameFrom.message) ||
    document.getElementById("main");
  if (target.matches(".message")) target.setAttribute("tabindex", "-1");
  target.focus();
}

async function refresh() {
  if (refreshing) { refreshAgain = true; return; }
  refreshing = fetch(window.location.href, { headers: { Accept: "text/html" } })
    .then((response) => response.text())
    .then((html) => apply(html, false))
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
  const inModal = document.getElementById("modal")?.contains(submitter);
  if (submitter && !inModal) {
    cameFrom = { id: submitter.id, message: submitter.closest(".message")?.id || "" };
  }
  const box = form.querySelector("#text");
  const typed = box ? box.value : "";
  if (box) box.value = ""; // cleared at once: anything typed next is not wiped by the answer
  form.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(form.action, { method: "POST", body });
    apply(await response.text(), true);
    const refused = document.getElementById("notice").textContent.trim();
    if (box && refused && !box.value) box.value = typed; // refused: nothing typed is lost
    if (!inModal && document.activeElement === document.body) returnFocus();
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
  send(form, event.submitter);
});

document.addEventListener("keydown", (event) => {
  const box = event.target;
  if (box.id === "text" && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    box.form.requestSubmit();
  }
});

window.addEventListener("DOMContentLoaded", () => {
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
