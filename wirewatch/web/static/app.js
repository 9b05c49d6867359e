// wirewatch: small progressive enhancements. Every page works without this file.
// Live updates (Server-Sent Events), fresh relative times, and "/" to focus search.
"use strict";

(function () {
  function relativeTime(iso) {
    var then = Date.parse(iso);
    if (isNaN(then)) return null;
    var seconds = (Date.now() - then) / 1000;
    if (seconds < -60) return null;
    if (seconds < 60) return "just now";
    var units = [[86400 * 365, "y"], [86400, "d"], [3600, "h"], [60, "min"]];
    for (var i = 0; i < units.length; i++) {
      if (seconds >= units[i][0]) return Math.floor(seconds / units[i][0]) + " " + units[i][1] + " ago";
    }
    return null;
  }

  function refreshTimes(root) {
    var times = (root || document).querySelectorAll("time[data-relative]");
    for (var i = 0; i < times.length; i++) {
      var text = relativeTime(times[i].getAttribute("datetime"));
      if (text) times[i].textContent = text;
    }
  }

  // A live list names its stream (data-live) and the event it listens for (data-live-event):
  // "document" events add new article cards; "story" events add a new story or move an updated
  // one to the top, replacing its card.
  function startLiveUpdates() {
    var river = document.querySelector("[data-live]");
    if (!river || !window.EventSource) return;
    var status = document.querySelector("[data-live-status]");
    var kind = river.getAttribute("data-live-event") || "document";
    var arrived = 0;
    var noun = kind === "story" ? " updated since you opened this page" : " new since you opened this page";
    var source = new EventSource(river.getAttribute("data-live"));
    source.addEventListener("open", function () {
      if (status) { status.classList.add("is-live"); status.textContent = arrived ? arrived + noun : "live"; }
    });
    source.addEventListener("error", function () {
      if (status) { status.classList.remove("is-live"); status.textContent = "reconnecting…"; }
    });
    source.addEventListener(kind, function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!data || typeof data.html !== "string") return;
      var key = String(data.id);
      var existing = null;
      var cards = river.children;
      for (var i = 0; i < cards.length; i++) {
        if (cards[i].getAttribute("data-id") === key) { existing = cards[i]; break; }
      }
      if (existing && kind === "document") return;  // articles never change: already shown
      // The card HTML was rendered and escaped on the server by the page's own template.
      var holder = document.createElement("template");
      holder.innerHTML = data.html.trim();
      var card = holder.content.firstElementChild;
      if (!card) return;
      card.classList.add("is-new");
      if (existing) existing.remove();
      river.insertBefore(card, river.firstChild);
      refreshTimes(card);
      arrived += 1;
      if (status) status.textContent = arrived + noun;
      var empty = document.querySelector(".empty h2");
      if (empty) empty.textContent = kind === "story" ? "New stories" : "New articles";
    });
  }

  function searchShortcut() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      var box = document.querySelector("[data-search-shortcut]");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    refreshTimes(document);
    setInterval(function () { refreshTimes(document); }, 30000);
    startLiveUpdates();
    searchShortcut();
  });
})();
