// Live preview of the trip footprint form (/travel/footprint). Progressive enhancement only: without this
// file the "Estimate" button does the same on the server. On each change, after a pause, the form is posted
// (same origin, so the page's CSRF rule applies) to the preview endpoint, and its sentences are written into
// the form's aria-live region.
(() => {
  const form = document.getElementById('trip-form');
  const region = document.getElementById('footprint-preview');
  if (!form || !region || !window.fetch || !window.FormData) return;
  const endpoint = region.getAttribute('data-endpoint');
  const DELAY_MS = 400;
  let timer = 0;
  let controller = null;
  let latest = 0;

  function show(lines) {
    region.replaceChildren(
      ...lines.map((line) => {
        const p = document.createElement('p');
        p.textContent = line;
        return p;
      }),
    );
  }

  async function refresh() {
    const ticket = ++latest;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        body: new FormData(form),
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (!response.ok) return;
      const body = await response.json();
      // An older answer arriving late must not replace a newer one.
      if (ticket === latest && Array.isArray(body.lines)) show(body.lines);
    } catch {
      // Aborted by a newer change, or offline: the Estimate button still works.
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
})();
