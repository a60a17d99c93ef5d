/* A prototype film player for browsers without native HLS: reads Gatefold's own HLS output (VOD,
   fMP4, aligned ~6 s segments, H.264 + AAC in every rendition) and feeds it to Media Source
   Extensions. Not a general HLS player: no live, no TS, no encryption, no separate audio. */
(function () {
  'use strict';
  function attrs(line) {
    var out = {}, re = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g, m;
    while ((m = re.exec(line))) { out[m[1]] = m[2].replace(/^"|"$/g, ''); }
    return out;
  }
  function text(url) {
    return fetch(url).then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.text(); });
  }
  function lines(body) { return body.split(/\r?\n/).map(function (l) { return l.trim(); }); }
  function master(url, body) {
    var rungs = [], ls = lines(body);
    for (var i = 0; i < ls.length; i++) {
      if (ls[i].indexOf('#EXT-X-STREAM-INF:') === 0) {
        var a = attrs(ls[i].slice(18));
        rungs.push({ url: new URL(ls[i + 1], url).href, bandwidth: +a.BANDWIDTH, codecs: a.CODECS,
          height: +(a.RESOLUTION || 'x0').split('x')[1] });
      }
    }
    return rungs.sort(function (x, y) { return x.bandwidth - y.bandwidth; });
  }
  function media(url, body) {
    var p = { init: null, segments: [] }, ls = lines(body), start = 0, len = -1;
    ls.forEach(function (l) {
      if (l.indexOf('#EXT-X-MAP:') === 0) { p.init = new URL(attrs(l.slice(11)).URI, url).href; }
      else if (l.indexOf('#EXTINF:') === 0) { len = parseFloat(l.slice(8)); }
      else if (l && l[0] !== '#' && len >= 0) {
        p.segments.push({ url: new URL(l, url).href, start: start, length: len }); start += len; len = -1;
      }
    });
    p.duration = start;
    return p;
  }
  function bytes(url) {
    var t0 = performance.now();
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.arrayBuffer();
    }).then(function (b) { return { data: b, bitsPerSecond: b.byteLength * 8000 / Math.max(1, performance.now() - t0) }; });
  }

  /* Plays masterUrl in video, keeping options.ahead seconds (30) buffered; quality: 'auto' or a rung
     index, smallest first. Returns a handle for a quality menu and for tests. */
  window.gatefoldFilm = function (video, masterUrl, options) {
    var keepAhead = (options && options.ahead) || 30;
    masterUrl = new URL(masterUrl, location.href).href;
    var state = { rungs: [], playlists: [], choice: 'auto', current: -1, appendedInit: -1, next: 0, busy: false, error: null };
    var ms = new MediaSource(), sb = null;
    video.src = URL.createObjectURL(ms);
    function append(buf) {
      return new Promise(function (ok, fail) {
        sb.addEventListener('updateend', ok, { once: true });
        sb.addEventListener('error', fail, { once: true });
        sb.appendBuffer(buf);
      });
    }
    function pick(bits) {
      if (state.choice !== 'auto') { return state.choice; }
      var best = 0;
      state.rungs.forEach(function (r, i) { if (r.bandwidth < 0.7 * bits) { best = i; } });
      return best;
    }
    function playlist(i) {
      if (!state.playlists[i]) {
        state.playlists[i] = text(state.rungs[i].url).then(function (b) { return media(state.rungs[i].url, b); });
      }
      return state.playlists[i];
    }
    function ahead() {
      var b = sb.buffered, t = video.currentTime;
      for (var i = 0; i < b.length; i++) { if (b.start(i) <= t + 0.5 && b.end(i) > t) { return b.end(i) - t; } }
      return 0;
    }
    var lastBits = 0;
    function pump() {
      if (state.busy || state.error || ms.readyState !== 'open' || ahead() >= keepAhead) { return; }
      var rung = pick(lastBits);
      state.busy = true;
      playlist(rung).then(function (p) {
        if (state.next >= p.segments.length) { if (!sb.updating) { ms.endOfStream(); } return null; }
        var seg = p.segments[state.next];
        var init = state.appendedInit === rung ? Promise.resolve(null) : bytes(p.init);
        return init.then(function (i) { return i && append(i.data).then(function () { state.appendedInit = rung; }); })
          .then(function () { return bytes(seg.url); })
          .then(function (s) { lastBits = s.bitsPerSecond; return append(s.data); })
          .then(function () { state.current = rung; state.next++; });
      }).catch(function (e) { state.error = String(e); })
        .then(function () { state.busy = false; pump(); });
    }
    ms.addEventListener('sourceopen', function () {
      text(masterUrl).then(function (b) {
        state.rungs = master(masterUrl, b);
        sb = ms.addSourceBuffer('video/mp4; codecs="' + state.rungs[state.rungs.length - 1].codecs + '"');
        return playlist(0);
      }).then(function (p) { ms.duration = p.duration; pump(); })
        .catch(function (e) { state.error = String(e); });
    }, { once: true });
    video.addEventListener('timeupdate', pump);
    video.addEventListener('seeking', function () {
      playlist(Math.max(0, state.current)).then(function (p) {
        var t = video.currentTime, i = 0;
        while (i + 1 < p.segments.length && p.segments[i + 1].start <= t) { i++; }
        state.next = i; pump();
      });
    });
    return {
      state: state,
      quality: function (choice) { state.choice = choice; state.next = Math.max(0, state.next); }
    };
  };
})();
