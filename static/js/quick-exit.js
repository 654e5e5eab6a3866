/* "Leave this site": swap this page for a neutral one at once, by click or by pressing Shift three
   times. location.replace() means the page being left is not kept as the one to go "back" to.
   Without JavaScript the button is still an ordinary link. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    try { window.dispatchEvent(new CustomEvent("signpost:leave")); } catch (e) { /* old browser */ }
    window.location.replace(link.href);
  }

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
})();
