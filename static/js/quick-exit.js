/* "Leave this site": swap this page for a neutral one at once, by tap, click or by pressing Shift
   three times. location.replace() means the page being left is not kept as the one to go "back"
   to; a flag in this tab's sessionStorage (never sent anywhere) sends Back straight on to the
   neutral page again, and every form is emptied whenever a page is hidden, so Back never shows
   what was typed. Loaded without defer so a page being returned to is hidden before it paints.
   Without JavaScript the button is still an ordinary link. */
(function () {
  "use strict";
  var KEY = "signpost-left";
  var script = document.currentScript;
  var exitUrl = script ? script.getAttribute("data-exit") : null;

  function remember(left) {
    try {
      if (left) { window.sessionStorage.setItem(KEY, "1"); } else { window.sessionStorage.removeItem(KEY); }
    } catch (e) { /* storage blocked: forms are still cleared */ }
  }
  function hasLeft() {
    try { return window.sessionStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function arrivedByBack() {
    try {
      var nav = window.performance.getEntriesByType("navigation")[0];
      return !!nav && nav.type === "back_forward";
    } catch (e) { return false; }
  }
  function goAway() {
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(exitUrl);
  }

  function clearForms() {
    var fields = document.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i += 1) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit" || f.type === "button") { continue; }
      if (f.type === "checkbox" || f.type === "radio") { f.checked = false; }
      else if (f.tagName === "SELECT") { f.selectedIndex = 0; }
      else { f.value = ""; }
    }
  }

  if (exitUrl && hasLeft()) {
    if (arrivedByBack()) { goAway(); return; }
    remember(false);  // came here afresh (a link, a typed address): the site works as normal
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && exitUrl && hasLeft()) { goAway(); }
  });
  window.addEventListener("pagehide", clearForms);

  function leave(event) {
    if (event) { event.preventDefault(); }
    remember(true);
    clearForms();
    try { window.dispatchEvent(new CustomEvent("signpost:leave")); } catch (e) { /* old browser */ }
    goAway();
  }

  function wire() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) { return; }
    exitUrl = link.href;
    link.addEventListener("click", leave);
    var presses = 0;
    var timer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { presses = 0; return; }
      presses += 1;
      window.clearTimeout(timer);
      if (presses >= 3) { presses = 0; leave(); return; }
      timer = window.setTimeout(function () { presses = 0; }, 1000);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
