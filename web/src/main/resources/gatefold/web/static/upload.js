/* Gatefold dashboard: resumable browser uploads, cover preview, drag-to-reorder tracks.
   Plain JavaScript; every form on the page also works without it. */
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var PARALLEL = 4;
  var STORE = 'gatefold.upload:';

  function api(method, url, body) {
    var init = { method: method, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (res) {
      if (res.ok) { return res.status === 204 ? null : res.json(); }
      return res.json().catch(function () { return {}; }).then(function (e) {
        var err = new Error(e.message || ('The server answered ' + res.status + '.'));
        err.status = res.status;
        throw err;
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function human(bytes) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'];
    var i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
    return (i === 0 ? bytes : bytes.toFixed(1)) + ' ' + units[i];
  }

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }

  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: resuming needs the same tab */ }
  }

  /* One file on its way to the store: parts go in parallel, each straight to where the server says. */
  function Upload(release, file, list, onDone) {
    this.release = release;
    this.file = file;
    this.key = STORE + release + ':' + file.name + ':' + file.size + ':' + file.lastModified;
    this.sent = {};
    this.inFlight = {};
    this.paused = false;
    this.onDone = onDone;
    this.row = el('li', 'upload');
    this.row.setAttribute('data-upload', file.name);
    var head = el('div', 'upload-head');
    head.appendChild(el('span', 'name', file.name));
    head.appendChild(el('span', 'meta', human(file.size)));
    this.button = el('button', 'link', 'Pause');
    this.button.type = 'button';
    head.appendChild(this.button);
    this.bar = el('progress');
    this.bar.max = file.size;
    this.bar.value = 0;
    this.bar.setAttribute('aria-label', 'Upload of ' + file.name);
    this.status = el('span', 'upload-status', 'Starting…');
    this.row.appendChild(head);
    this.row.appendChild(this.bar);
    this.row.appendChild(this.status);
    list.appendChild(this.row);
    var self = this;
    this.button.addEventListener('click', function () { self.paused ? self.resume() : self.pause(); });
  }

  Upload.prototype.say = function (text) { this.status.textContent = text; };

  Upload.prototype.progress = function () {
    var done = 0;
    var parts = 0;
    var n;
    for (n in this.sent) { done += this.sent[n]; parts++; }
    this.row.setAttribute('data-parts-done', String(parts));
    for (n in this.inFlight) { done += this.inFlight[n].loaded || 0; }
    this.bar.value = Math.min(done, this.file.size);
    var pct = Math.floor(100 * done / this.file.size);
    this.row.setAttribute('data-percent', String(pct));
    if (!this.paused) { this.say(pct + '% of ' + human(this.file.size)); }
  };

  Upload.prototype.start = function () {
    var self = this;
    var saved = load(this.key);
    var ready = saved && saved.uploadId
      ? api('GET', '/api/uploads/' + encodeURIComponent(saved.uploadId)).catch(function (e) {
          if (e.status === 404) { localStorage.removeItem(self.key); return null; }
          throw e;
        })
      : Promise.resolve(null);
    return ready.then(function (state) {
      if (state) { return state; }
      return api('POST', '/api/releases/' + encodeURIComponent(self.release) + '/uploads',
        { name: self.file.name, size: self.file.size, contentType: self.file.type || 'application/octet-stream' })
        .then(function (created) {
          save(self.key, { uploadId: created.uploadId });
          created.parts = [];
          created.missing = [];
          for (var i = 1; i <= created.partCount; i++) { created.missing.push(i); }
          return created;
        });
    }).then(function (state) {
      self.uploadId = state.uploadId;
      self.partSize = state.partSize;
      self.partCount = state.partCount;
      self.missing = state.missing.slice();
      state.parts.forEach(function (p) { self.sent[p.n] = p.size; });
      if (state.parts.length) { self.row.setAttribute('data-resumed', 'true'); }
      self.progress();
      return self.run();
    }).catch(function (e) { self.fail(e); });
  };

  Upload.prototype.run = function () {
    var self = this;
    if (this.running) { return this.running; }
    var queue = this.missing.filter(function (n) { return !(n in self.sent); });
    function worker() {
      if (self.paused || !queue.length) { return Promise.resolve(); }
      var n = queue.shift();
      return self.sendPart(n).then(worker, function (e) {
        if (self.paused) { queue.unshift(n); return; }
        throw e;
      });
    }
    var workers = [];
    for (var i = 0; i < PARALLEL; i++) { workers.push(worker()); }
    this.running = Promise.all(workers).then(function () {
      self.running = null;
      self.missing = queue;
      if (self.paused) { return; }
      return self.finish();
    }, function (e) {
      self.running = null;
      self.fail(e);
    });
    return this.running;
  };

  Upload.prototype.sendPart = function (n) {
    var self = this;
    var start = (n - 1) * this.partSize;
    var blob = this.file.slice(start, Math.min(start + this.partSize, this.file.size));
    return api('POST', '/api/uploads/' + encodeURIComponent(this.uploadId) + '/parts/' + n).then(function (target) {
      return new Promise(function (resolve, reject) {
        var xhr = new XMLHttpRequest();
        self.inFlight[n] = { xhr: xhr, loaded: 0 };
        xhr.open(target.method || 'PUT', target.url);
        var headers = target.headers || {};
        Object.keys(headers).forEach(function (h) {
          var v = headers[h];
          xhr.setRequestHeader(h, Array.isArray(v) ? v.join(', ') : v);
        });
        xhr.upload.onprogress = function (ev) {
          if (self.inFlight[n]) { self.inFlight[n].loaded = ev.loaded; self.progress(); }
        };
        xhr.onload = function () {
          delete self.inFlight[n];
          if (xhr.status >= 200 && xhr.status < 300) {
            self.sent[n] = blob.size;
            self.progress();
            resolve();
          } else {
            reject(new Error('Part ' + n + ' was refused (' + xhr.status + ').'));
          }
        };
        xhr.onerror = function () { delete self.inFlight[n]; reject(new Error('The connection dropped; press Resume to continue.')); };
        xhr.onabort = function () { delete self.inFlight[n]; reject(new Error('paused')); };
        xhr.send(blob);
      });
    });
  };

  Upload.prototype.finish = function () {
    var self = this;
    this.say('Checking the parts…');
    // The server's own list of parts (with their ETags) is what completes the file.
    return api('GET', '/api/uploads/' + encodeURIComponent(this.uploadId)).then(function (state) {
      if (state.missing.length) {
        self.missing = state.missing;
        state.parts.forEach(function (p) { self.sent[p.n] = p.size; });
        return self.run();
      }
      return api('POST', '/api/uploads/' + encodeURIComponent(self.uploadId) + '/complete', {
        parts: state.parts.map(function (p) { return { n: p.n, etag: p.etag }; })
      }).then(function () {
        localStorage.removeItem(self.key);
        self.bar.value = self.file.size;
        self.row.setAttribute('data-done', 'true');
        self.button.hidden = true;
        self.say('Uploaded.');
        if (self.onDone) { self.onDone(); }
      });
    }).catch(function (e) { self.fail(e); });
  };

  Upload.prototype.pause = function () {
    this.paused = true;
    this.button.textContent = 'Resume';
    this.row.setAttribute('data-paused', 'true');
    for (var n in this.inFlight) { this.inFlight[n].xhr.abort(); }
    this.say('Paused at ' + this.row.getAttribute('data-percent') + '%.');
  };

  Upload.prototype.resume = function () {
    this.paused = false;
    this.button.textContent = 'Pause';
    this.row.removeAttribute('data-paused');
    this.row.removeAttribute('data-failed');
    if (!this.uploadId) { return this.start(); }
    this.progress();
    var self = this;
    // Ask the server what arrived, so parts cut off by the pause are sent again.
    return api('GET', '/api/uploads/' + encodeURIComponent(this.uploadId)).then(function (state) {
      self.sent = {};
      state.parts.forEach(function (p) { self.sent[p.n] = p.size; });
      self.missing = state.missing;
      return self.run();
    }).catch(function (e) { self.fail(e); });
  };

  Upload.prototype.fail = function (e) {
    if (this.paused) { return; }
    this.paused = true;
    this.button.textContent = 'Resume';
    this.button.hidden = false;
    this.row.setAttribute('data-failed', 'true');
    this.say(e && e.message ? e.message : 'The upload stopped; press Resume to continue.');
  };

  function setUpUploads(section) {
    var release = section.getAttribute('data-release');
    var list = section.querySelector('[data-queue]');
    var input = section.querySelector('[data-files]');
    var drop = section.querySelector('[data-drop]');
    var pending = 0;

    function doneOne() {
      pending--;
      if (pending === 0) {
        var note = el('li', 'notice', 'All uploads finished. ');
        var again = el('a', null, 'Show the files');
        again.href = location.pathname;
        note.appendChild(again);
        list.appendChild(note);
      }
    }

    function add(files) {
      Array.prototype.forEach.call(files, function (file) {
        var waiting = list.querySelector('[data-waiting="' + CSS.escape(STORE + release + ':' + file.name + ':' + file.size + ':' + file.lastModified) + '"]');
        if (waiting) { list.removeChild(waiting); }
        pending++;
        new Upload(release, file, list, doneOne).start();
      });
    }

    // Uploads a reload interrupted: the browser cannot keep the file, so ask for it again.
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key && key.indexOf(STORE + release + ':') === 0) {
        var parts = key.substring((STORE + release + ':').length).split(':');
        var size = parts[parts.length - 2];
        var name = parts.slice(0, parts.length - 2).join(':');
        var li = el('li', 'upload waiting', 'Unfinished: ' + name + ' (' + human(Number(size)) + '). Choose or drop the same file to resume.');
        li.setAttribute('data-waiting', key);
        list.appendChild(li);
      }
    }

    input.addEventListener('change', function () { add(input.files); input.value = ''; });
    ['dragenter', 'dragover'].forEach(function (type) {
      drop.addEventListener(type, function (ev) {
        if (ev.dataTransfer && Array.prototype.indexOf.call(ev.dataTransfer.types, 'Files') >= 0) {
          ev.preventDefault();
          drop.classList.add('over');
        }
      });
    });
    drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
    drop.addEventListener('drop', function (ev) {
      ev.preventDefault();
      drop.classList.remove('over');
      if (ev.dataTransfer && ev.dataTransfer.files.length) { add(ev.dataTransfer.files); }
    });
  }

  function setUpTracks(ol) {
    var dragged = null;
    ol.addEventListener('dragstart', function (ev) {
      dragged = ev.target.closest('li[data-id]');
      if (dragged) { ev.dataTransfer.effectAllowed = 'move'; ev.dataTransfer.setData('text/plain', dragged.getAttribute('data-id')); }
    });
    ol.addEventListener('dragover', function (ev) {
      var over = ev.target.closest('li[data-id]');
      if (!dragged || !over || over === dragged) { return; }
      ev.preventDefault();
      var box = over.getBoundingClientRect();
      ol.insertBefore(dragged, ev.clientY > box.top + box.height / 2 ? over.nextSibling : over);
    });
    ol.addEventListener('drop', function (ev) {
      if (!dragged) { return; }
      ev.preventDefault();
      dragged = null;
      var order = Array.prototype.map.call(ol.querySelectorAll('li[data-id]'), function (li) { return li.getAttribute('data-id'); });
      var form = new URLSearchParams();
      form.set('csrf', csrf);
      form.set('order', order.join(','));
      fetch(ol.getAttribute('data-action'), { method: 'POST', credentials: 'same-origin', body: form })
        .then(function () { location.reload(); });
    });
    ol.addEventListener('dragend', function () { dragged = null; });
  }

  function setUpCover(input) {
    var preview = document.querySelector('[data-cover-preview]');
    input.addEventListener('change', function () {
      if (!preview || !input.files.length) { return; }
      preview.src = URL.createObjectURL(input.files[0]);
      preview.hidden = false;
    });
  }

  document.querySelectorAll('[data-uploads]').forEach(setUpUploads);
  document.querySelectorAll('[data-tracks]').forEach(setUpTracks);
  document.querySelectorAll('[data-cover-input]').forEach(setUpCover);
})();
