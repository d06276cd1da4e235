// Asks for the page's code once its first paint is on screen, then
// hydrates (see page_code.rs). Arguments: the wasm-bindgen glue, the main
// module, the chunks' loader, and the name of the <meta> naming the
// bundle of the page's chunks (pack-site.mjs).
(glue, main, loader, bundleMeta) => {
  // A project's state travels beside its page (trail/page_state.rs): the
  // page names it where hydration reads it, and it is put in place first.
  // This runs after the page is parsed (a module), when all are named.
  const resolved = window.__RESOLVED_RESOURCES || [];
  const states = Promise.all(
    resolved.map((value, i) => {
      if (typeof value !== 'string' || !value.startsWith('{"$state":')) return null;
      const url = JSON.parse(value).$state;
      // Only ever an address on this site.
      if (typeof url !== 'string' || !url.startsWith('/state/')) return Promise.reject(new Error('not a state'));
      return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`state: ${res.status}`))))
        .then((text) => {
          resolved[i] = `{"Ok":${text}}`;
        });
    }),
  );
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    const hint = (href, rel) => {
      const link = document.createElement('link');
      link.rel = rel;
      link.href = href;
      // As the glue and the loader fetch them, so the browser reuses these.
      link.crossOrigin = 'anonymous';
      if (rel === 'preload') {
        link.as = 'fetch';
        link.type = 'application/wasm';
      }
      document.head.append(link);
    };
    hint(main, 'preload');
    hint(loader, 'modulepreload');
    // The page's chunks, all in one file; the loader takes them from it
    // (pack-site.mjs). Should it fail, the loader fetches each chunk.
    const meta = document.querySelector(`meta[name="${bundleMeta}"]`);
    // Only ever a file beside the main module.
    if (meta && meta.content.startsWith(main.slice(0, main.lastIndexOf('/') + 1))) {
      globalThis.__samspillBundle = fetch(meta.content)
        .then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error(`bundle: ${res.status}`))))
        .then((buffer) => {
          const size = new DataView(buffer).getUint32(0, true);
          const index = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, size)));
          // Each chunk is compiled as soon as it is here, off the main
          // thread, while the main module is still on its way; compiled
          // when hydration asked for it, each was compiled in hydration's
          // one long task (pack-site.mjs instantiates the compiled ones).
          const chunks = new Map();
          let at = 4 + size;
          for (const [name, length] of index) {
            const compiled = WebAssembly.compile(new Uint8Array(buffer, at, length));
            compiled.catch(() => {});
            chunks.set(name, compiled);
            at += length;
          }
          if (at !== buffer.byteLength) throw new Error('bundle: not the length its index says');
          return chunks;
        });
      globalThis.__samspillBundle.catch((e) => console.warn('Samspill: each chunk on its own', e));
    }
    // Without its state a page stays as the server made it, which works
    // as it does without JavaScript.
    Promise.all([import(glue), states]).then(
      ([mod]) => mod.default({ module_or_path: main }).then(() => mod.hydrate()),
      (e) => console.warn('Samspill: the page stays without its code', e),
    );
  };
  // After the first paint is on screen, as the browser's paint timing says:
  // a frame's animation callbacks run before it is painted, but a frame can
  // be painted and then held back from the screen (headless Chromium
  // sometimes holds the first for a second), and code asked for meanwhile
  // shares the link with what that paint still waits for.
  const painted = (list) => list.getEntries().some((e) => e.name === 'first-contentful-paint');
  if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).includes('paint')) {
    new PerformanceObserver((list, observer) => {
      if (!painted(list)) return;
      observer.disconnect();
      setTimeout(start, 0);
    }).observe({ type: 'paint', buffered: true });
    // A page opened in a background tab is not painted until it is shown.
    setTimeout(start, 3000);
  } else {
    // A task queued by a frame's animation callbacks runs after it is painted.
    requestAnimationFrame(() => setTimeout(start, 0));
    // A background tab runs no animation frames until it is shown.
    setTimeout(start, 500);
  }
}
