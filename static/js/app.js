/* Progressive extras: offline support, "My list" kept on this device only, and sharing.
   Every page works without this file; it only adds what HTML cannot do. */
(function () {
  "use strict";
  var KEY = "signpost:list";
  var labels = document.getElementById("my-list-labels");
  var status = document.querySelector("[data-my-list-status]");

  function label(name) { return labels ? labels.getAttribute("data-" + name) : ""; }
  function say(text) { if (status) { status.textContent = text; } }
  function read() {
    try {
      var items = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) { return []; }
  }
  function write(items) {
    try { window.localStorage.setItem(KEY, JSON.stringify(items)); return true; } catch (e) { return false; }
  }

  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* still works online */ });
      navigator.serviceWorker.ready.then(function (registration) {
        if (registration.active) {
          registration.active.postMessage({ type: "language", lang: document.documentElement.lang });
        }
      });
    });
  }

  // "Save to my list" on service pages. Saved details stay in this browser's storage.
  Array.prototype.forEach.call(document.querySelectorAll("[data-save]"), function (button) {
    var item = {
      slug: button.getAttribute("data-slug"), name: button.getAttribute("data-name"),
      summary: button.getAttribute("data-summary"), url: button.getAttribute("data-url"),
      phone: button.getAttribute("data-phone") || ""
    };
    function isSaved() { return read().some(function (x) { return x.slug === item.slug; }); }
    function refresh() {
      button.setAttribute("aria-pressed", isSaved() ? "true" : "false");
      button.textContent = isSaved() ? button.getAttribute("data-label-saved") : button.getAttribute("data-label-save");
    }
    button.hidden = false;
    refresh();
    button.addEventListener("click", function () {
      var items = read().filter(function (x) { return x.slug !== item.slug; });
      if (!isSaved()) { items.push(item); }
      write(items);
      refresh();
    });
  });

  // The list itself, on the My list and offline pages.
  function render() {
    var lists = document.querySelectorAll("[data-my-list]");
    var items = read();
    Array.prototype.forEach.call(lists, function (list) {
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var card = document.createElement("article");
        card.className = "card";
        var title = document.createElement("h2");
        title.className = "card__title";
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.name;
        title.appendChild(link);
        card.appendChild(title);
        var summary = document.createElement("p");
        summary.textContent = item.summary;
        card.appendChild(summary);
        if (item.phone) {
          var call = document.createElement("a");
          call.className = "btn btn--call";
          call.href = "tel:" + item.phone.replace(/\s+/g, "");
          call.textContent = label("call") + " " + item.phone;
          card.appendChild(call);
        }
        if (list.hasAttribute("data-removable") || document.querySelector("[data-my-list-clear]")) {
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn";
          remove.textContent = label("remove");
          remove.addEventListener("click", function () {
            write(read().filter(function (x) { return x.slug !== item.slug; }));
            render();
            say(label("removed"));
          });
          card.appendChild(remove);
        }
        li.appendChild(card);
        list.appendChild(li);
      });
      var section = list.closest("[data-my-list-section]");
      if (section) { section.hidden = items.length === 0; }
    });
    var empty = document.querySelector("[data-my-list-empty]");
    if (empty) { empty.hidden = items.length > 0; }
    var clear = document.querySelector("[data-my-list-clear]");
    if (clear) { clear.hidden = items.length === 0; }
  }
  var clearButton = document.querySelector("[data-my-list-clear]");
  if (clearButton) {
    clearButton.addEventListener("click", function () {
      write([]);
      render();
      say(label("cleared"));
    });
  }
  render();

  // Share a service or a search: the phone's share sheet, or copy the link.
  Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), function (button) {
    var url = new URL(button.getAttribute("data-url") || window.location.href, window.location.href);
    url.searchParams.delete("src");
    button.hidden = false;
    button.addEventListener("click", function () {
      var note = button.parentNode.querySelector("[data-share-status]");
      if (navigator.share) {
        navigator.share({ title: document.title, url: url.href }).catch(function () { /* closed */ });
      } else if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url.href).then(function () {
          if (note) { note.textContent = label("copied"); }
        });
      } else {
        window.prompt("", url.href);
      }
    });
  });

  // Leaving quickly: take the list off the screen at once.
  window.addEventListener("signpost:leave", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-my-list]"), function (list) {
      list.textContent = "";
    });
  });
  // An error message's link puts the keyboard in the field to correct (a bare fragment link
  // only scrolls); for a group of boxes, in its first box. Closed panels are opened first.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('[role="alert"] a[href^="#"]');
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    var field = target && (target.matches("input, select, textarea") ? target
      : target.querySelector("input:not([type=hidden]), select, textarea"));
    if (!field) { return; }
    event.preventDefault();
    var panel = field.closest("details");
    if (panel) { panel.open = true; }
    field.focus();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { document.documentElement.style.visibility = ""; }
  });
})();
