// Keeps the local workspace live: forms are sent without leaving the page, news from the
// server (server-sent events) redraws what changed, and focus stays where the person was.
// Without this script every form still works, with a page load each time.
"use strict";

const REGIONS = ["clock", "sidebar", "main"];
let refreshing = null;
let again = false;
let latestNews = 0; // the newest version the server has announced

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

function swap(id, fresh) {
  const old = document.getElementById(id);
  if (!old || !fresh || old.innerHTML === fresh.innerHTML) return false;
  const focused = document.activeElement;
  const focusId = focused && old.contains(focused) ? focused.id : "";
  old.innerHTML = fresh.innerHTML;
  if (focusId) {
    const again = document.getElementById(focusId);
    if (again) again.focus();
  }
  return true;
}

function announceNews(before, after) {
  const added = after - before;
  if (added > 0) {
    document.getElementById("announcer").textContent =
      added === 1 ? "1 new message" : `${added} new messages`;
  }
}

function apply(html, ownForm) {
  const fresh = new DOMParser().parseFromString(html, "text/html");
  if (fresh.body.dataset.as !== document.body.dataset.as || fresh.body.dataset.in !== document.body.dataset.in) {
    window.location.reload();
    return;
  }
  // A redraw that left before the person's own action came back is older than what is shown.
  if (Number(fresh.body.dataset.version) < Number(document.body.dataset.version)) return;
  document.title = fresh.title;
  document.body.dataset.version = fresh.body.dataset.version;
  const main = document.getElementById("main");
  const atEnd = scrolledToEnd(main);
  const before = main.querySelectorAll(".message").length;
  for (const id of REGIONS) swap(id, fresh.getElementById(id));
  announceNews(before, main.querySelectorAll(".message").length);
  if (atEnd) main.scrollTop = main.scrollHeight;
  const notice = fresh.getElementById("notice");
  if (notice && notice.textContent.trim()) swap("notice", notice);
  else if (ownForm) swap("notice", notice);
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
  else (document.getElementById(window.lastUsed || "") || document.getElementById("main")).focus();
}

async function refresh() {
  if (refreshing) { again = true; return; }
  refreshing = fetch(window.location.href, { headers: { Accept: "text/html" } })
    .then((response) => response.text())
    .then((html) => apply(html, false))
    .catch(() => {})
    .finally(() => {
      refreshing = null;
      if (again || latestNews > Number(document.body.dataset.version)) {
        again = false;
        refresh();
      }
    });
}

async function send(form, submitter) {
  const body = new FormData(form, submitter);
  if (submitter) {
    submitter.disabled = true;
    if (!document.getElementById("modal")?.contains(submitter)) window.lastUsed = submitter.id;
  }
  form.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(form.action, { method: "POST", body });
    apply(await response.text(), true);
    if (form.action.endsWith("/ui/say")) form.reset();
  } catch (error) {
    form.submit();
  } finally {
    form.removeAttribute("aria-busy");
    if (submitter && submitter.isConnected) submitter.disabled = false;
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
