// Tell the page framing this box how tall it is, so a school's optional resize script can fit
// the frame to it. Only a number is sent: nothing about the visitor or what they type.
(function () {
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ signpostHeight: height }, "*");
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  send();
})();
