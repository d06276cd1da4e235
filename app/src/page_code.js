// Asks for the page's code on the first frame after its first paint, then
// hydrates (see page_code.rs). Arguments: the wasm-bindgen glue, the main
// module, the chunks' loader, and the name of the <meta> listing the
// page's chunks.
(glue, main, loader, chunksMeta) => {
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
    const meta = document.querySelector(`meta[name="${chunksMeta}"]`);
    const chunks = meta ? meta.content.split(' ').filter(Boolean) : [];
    hint(main, 'preload');
    hint(loader, 'modulepreload');
    for (const chunk of chunks) hint(chunk, 'preload');
    import(glue).then((mod) => mod.default({ module_or_path: main }).then(() => mod.hydrate()));
  };
  // A frame's animation callbacks run before it is painted; a task they
  // queue runs after.
  requestAnimationFrame(() => setTimeout(start, 0));
  // A page opened in a background tab gets no frames until it is shown.
  setTimeout(start, 500);
}
