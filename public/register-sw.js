// Registers the service worker that lets Composure work offline after one visit. It waits until
// the page's app has started (the loader's `TrunkApplicationStarted`), so that its caching of
// both apps and every campaign never competes with the first page's own downloads.
if ('serviceWorker' in navigator) {
  window.addEventListener(
    'TrunkApplicationStarted',
    () => {
      navigator.serviceWorker.register('/sw.js').catch(() => {
        // Offline use is a bonus: the app works the same without it.
      });
    },
    { once: true },
  );
}
