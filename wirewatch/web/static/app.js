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

  // The subscription form's preview: what the typed query would have matched in the stored
  // articles, refreshed as you type (debounced; stale answers are dropped). Built with
  // textContent only: titles are untrusted text. Without JavaScript, the "Preview" button
  // renders the same list on the server.
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function previewItem(hit) {
    var item = element("li", "preview-item");
    var title = element("a", "preview-title", hit.title || "Untitled article");
    title.href = hit.links.article;
    item.appendChild(title);
    var meta = element("div", "timeline-meta");
    if (hit.source) meta.appendChild(element("span", "card-source", hit.source));
    if (hit.published) {
      var when = element("time", "", new Date(hit.published).toUTCString().replace(/:\d\d GMT$/, " UTC").slice(5).replace(/^0/, ""));
      when.setAttribute("datetime", hit.published);
      meta.appendChild(when);
    }
    if (hit.role) meta.appendChild(element("span", "role role-" + hit.role.replace(/[^a-z-]/g, ""), hit.role));
    if (hit.links.story) {
      meta.appendChild(element("span", "muted in-story", "story"));
      var story = element("a", "", hit.story_title || "its story");
      story.href = hit.links.story;
      meta.appendChild(story);
    }
    item.appendChild(meta);
    var reason = hit.reason || {}, parts = [];
    if (reason.entities && reason.entities.length) parts.push("entities " + reason.entities.join(", "));
    if (reason.speakers && reason.speakers.length) parts.push("quotes by " + reason.speakers.join(", "));
    if (reason.terms && reason.terms.length) parts.push("words " + reason.terms.join(", "));
    item.appendChild(element("div", "small muted preview-why", "matched " + (parts.join("; ") || "the filters")));
    (hit.statements || []).forEach(function (statement) {
      var said = element("blockquote", "preview-statement", "\u201c" + statement.text + "\u201d");
      said.appendChild(element("span", "muted", " \u2014 " + statement.speaker));
      item.appendChild(said);
    });
    return item;
  }

  function livePreview() {
    var form = document.querySelector("[data-preview-form]");
    if (!form || !window.fetch) return;
    var input = form.querySelector("[data-preview-query]");
    var panel = document.querySelector("[data-preview-list]");
    var status = document.querySelector("[data-preview-status]");
    var errorBox = document.querySelector("[data-preview-error]");
    if (!input || !panel) return;
    var section = panel.parentNode;
    var timer = null, asked = 0, lastQuery = null;

    function show(items, message, error) {
      while (panel.firstChild) panel.removeChild(panel.firstChild);
      for (var i = 0; i < items.length; i++) panel.appendChild(previewItem(items[i]));
      if (status) status.textContent = message;
      if (errorBox) { errorBox.textContent = error || ""; errorBox.hidden = !error; }
      section.classList.remove("is-loading");
    }

    function run() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      var ticket = ++asked;
      if (!query) { show([], "Type a query to see which stored articles it would have matched.", ""); return; }
      section.classList.add("is-loading");
      fetch("/api/subscriptions/preview?limit=20&q=" + encodeURIComponent(query), {headers: {"Accept": "application/json"}})
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (ticket !== asked) return;  // a newer query is on its way
          if (data && data.error) { show([], "", data.error.message); return; }
          var items = (data && data.items) || [];
          var n = items.length;
          show(items, n ? n + (n >= 20 ? "+" : "") + " stored article" + (n === 1 ? "" : "s") + " matched, newest first"
                        : "No stored article matches this query.", "");
        })
        .catch(function () {
          if (ticket !== asked) return;
          lastQuery = null;
          show([], "", "The preview is not available right now.");
        });
    }

    input.addEventListener("input", function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
  }

  // Forms that cannot be undone (delete) ask first; without JavaScript they simply submit.
  function confirmForms() {
    document.addEventListener("submit", function (event) {
      var message = event.target && event.target.getAttribute && event.target.getAttribute("data-confirm");
      if (message && !window.confirm(message)) event.preventDefault();
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
    livePreview();
    confirmForms();
  });
})();
