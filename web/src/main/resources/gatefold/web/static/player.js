// The release player: plain <audio> elements that work without this script; with it, one
// plays at a time, the playing track is marked, the next starts when one ends, and "Play all"
// starts (or pauses) the list. Nothing plays until someone asks.
(function () {
  function setUp(box) {
    var audios = Array.prototype.slice.call(box.querySelectorAll('audio'));
    var button = box.querySelector('[data-play-all]');
    var current = null;
    function mark(playing) {
      audios.forEach(function (a) {
        var row = a.closest('[data-track]');
        if (a === current) { row.setAttribute('aria-current', 'true'); } else { row.removeAttribute('aria-current'); }
      });
      if (button) { button.textContent = playing ? 'Pause' : 'Play all'; }
    }
    audios.forEach(function (audio, i) {
      audio.addEventListener('play', function () {
        audios.forEach(function (other) { if (other !== audio) { other.pause(); } });
        current = audio;
        mark(true);
      });
      audio.addEventListener('pause', function () {
        if (audio === current && !audio.ended) { mark(false); }
      });
      audio.addEventListener('ended', function () {
        var next = audios[i + 1];
        if (next) { next.currentTime = 0; next.play(); } else { current = null; mark(false); }
      });
    });
    if (button && audios.length) {
      button.hidden = false;
      button.addEventListener('click', function () {
        if (current && !current.paused) { current.pause(); } else { (current || audios[0]).play(); }
      });
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-player]'), setUp);
})();
