/* Offline copy of the phone page: served at /j/sw.js, so its scope is every /j/{code} page.
 * The kit fills in {{v}} (the assets' version) when it serves this file; a new version gets a new
 * cache and the old one is deleted. Pages are fetched from the network first and kept as they arrive
 * (their state lives in the page's localStorage); the assets come from the cache. Browsers run a
 * service worker only in a secure context: over https, or on http://localhost. */
'use strict';
var VERSION = '{{v}}';
var CACHE = 'dk-phone-' + VERSION;
var ASSETS = ['/s/phone.css?v=' + VERSION, '/s/socket.io.min.js?v=' + VERSION, '/s/phone.js?v=' + VERSION];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf('dk-phone-') === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isPage(url) { return url.origin === self.location.origin && /^\/j\/[^/]+$/.test(url.pathname) && url.pathname !== '/j/sw.js'; }

function keep(request, response) {
  if (!response || !response.ok || response.type !== 'basic') return response;
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
  return response;
}

// A page asks for its own copy right after the first visit (that visit came before this worker).
self.addEventListener('message', function (event) {
  var path = event.data && event.data.keep;
  if (typeof path !== 'string' || !isPage(new URL(path, self.location.origin))) return;
  event.waitUntil(fetch(path, { credentials: 'same-origin' }).then(function (response) { keep(new Request(path), response); })
    .catch(function () { /* offline now: the next visit keeps it */ }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (request.mode === 'navigate' && isPage(url)) {
    var page = new Request(url.origin + url.pathname);
    event.respondWith(fetch(request).then(function (response) { return keep(page, response); }).catch(function () {
      return caches.match(page, { cacheName: CACHE }).then(function (found) { return found || Response.error(); });
    }));
  } else if (url.origin === self.location.origin && url.pathname.indexOf('/s/') === 0) {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then(function (found) {
      return found || fetch(request);
    }));
  }
});
