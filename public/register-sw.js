// Registers the service worker that lets Composure work offline after one visit.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Offline use is a bonus: the app works the same without it.
    });
  });
}
