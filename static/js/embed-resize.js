// For schools framing Signpost's search box: fits each Signpost frame to the height the box
// reports. Optional: without it the frame keeps its fixed height, which already fits.
(function () {
  var script = document.currentScript;
  var origin = script ? new URL(script.src).origin : "";
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data) return;
    var height = event.data.signpostHeight;
    if (typeof height !== "number" || !(height > 0 && height < 2000)) return;
    var frames = document.querySelectorAll("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = height + "px";
    }
  });
})();
