// Copy buttons on the for-schools page. Without JavaScript the buttons stay hidden and the
// text itself can be selected and copied.
(function () {
  if (!navigator.clipboard) return;
  var status = document.querySelector(".copied");
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var text = source.value !== undefined ? source.value : source.textContent;
      navigator.clipboard.writeText(text).then(function () {
        if (status) status.textContent = status.getAttribute("data-copied");
      });
    });
  });
})();
