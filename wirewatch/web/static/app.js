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

  function startLiveUpdates() {
    var river = document.querySelector("[data-live]");
    if (!river || !window.EventSource) return;
    var status = document.querySelector("[data-live-status]");
    var arrived = 0;
    var source = new EventSource(river.getAttribute("data-live"));
    source.addEventListener("open", function () {
      if (status) { status.classList.add("is-live"); status.textContent = arrived ? arrived + " new since you opened this page" : "live"; }
    });
    source.addEventListener("error", function () {
      if (status) { status.classList.remove("is-live"); status.textContent = "reconnecting…"; }
    });
    source.addEventListener("document", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!data || typeof data.html !== "string" || river.querySelector('[data-id="' + Number(data.id) + '"]')) return;
      // The card HTML was rendered and escaped on the server by the page's own template.
      var holder = document.createElement("template");
      holder.innerHTML = data.html.trim();
      var card = holder.content.firstElementChild;
      if (!card) return;
      card.classList.add("is-new");
      river.insertBefore(card, river.firstChild);
      refreshTimes(card);
      arrived += 1;
      if (status) status.textContent = arrived + " new since you opened this page";
      var empty = document.querySelector(".empty h2");
      if (empty) empty.textContent = "New articles";
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
