/* Case view: draws the process instance with its state from /api/arenden/{nr}/diagram. */
(function () {
  'use strict';
  const D = window.BokvarDiagram;
  const container = document.getElementById('diagram');
  const info = document.getElementById('diagraminfo');
  const val = document.getElementById('instans');
  if (!container) return;
  const arende = container.dataset.arende;

  async function ladda(instans) {
    container.setAttribute('aria-busy', 'true');
    const svar = await fetch('/api/arenden/' + encodeURIComponent(arende) + '/diagram?instans=' + encodeURIComponent(instans), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!svar.ok) {
      info.replaceChildren(D.text('p', 'falt-fel', 'Diagrammet kunde inte hämtas.'));
      return;
    }
    const data = await svar.json();
    const viewer = await D.visa(container, data.xml);
    const canvas = viewer.get('canvas');
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    const finns = (id) => !!registry.get(id);
    for (const id of data.avslutade) if (finns(id)) canvas.addMarker(id, 'avslutad');
    for (const [id, antal] of Object.entries(data.aktiva)) {
      if (!finns(id)) continue;
      canvas.addMarker(id, 'aktiv');
      overlays.add(id, 'token', { position: { bottom: 10, left: -8 }, html: '<span class="token" title="Aktiva token">' + antal + '</span>' });
    }
    for (const id of data.omfang || []) if (finns(id)) canvas.addMarker(id, 'aktiv');
    // An active task inside a collapsed subprocess lives on that subprocess's plane: open it.
    const forsta = Object.keys(data.aktiva).map((id) => registry.get(id)).find(Boolean);
    if (forsta && canvas.findRoot) {
      const plan = canvas.findRoot(forsta);
      if (plan && plan !== canvas.getRootElement()) {
        canvas.setRootElement(plan);
        canvas.zoom('fit-viewport');
      }
    }
    for (const inc of data.incidenter) {
      if (!finns(inc.aktivitet)) continue;
      canvas.addMarker(inc.aktivitet, 'incident');
      overlays.add(inc.aktivitet, 'incident', { position: { top: -12, right: 12 }, html: '<span class="token incident" title="Incident">!</span>' });
    }
    for (const t of data.timers) {
      if (!finns(t.aktivitet)) continue;
      const el = D.text('span', 'timerbricka', '⏱ ' + D.tid(t.forfaller));
      overlays.add(t.aktivitet, 'timer', { position: { bottom: -4, left: 30 }, html: el });
    }
    const lista = document.createElement('ul');
    for (const a of data.anropade) {
      const li = document.createElement('li');
      const knapp = D.text('button', 'anropad', 'Öppna anropad instans (' + a.aktivitet + ')');
      knapp.type = 'button';
      knapp.addEventListener('click', () => byt(a.processInstanceId));
      li.appendChild(knapp);
      lista.appendChild(li);
      if (finns(a.aktivitet)) {
        const o = D.text('button', 'anropad', 'Öppna');
        o.type = 'button';
        o.setAttribute('aria-label', 'Öppna anropad instans för ' + a.aktivitet);
        o.addEventListener('click', () => byt(a.processInstanceId));
        overlays.add(a.aktivitet, 'anropad', { position: { top: -14, left: 0 }, html: o });
      }
    }
    const delar = [];
    const aktivaNamn = Object.keys(data.aktiva).map((id) => (registry.get(id) && registry.get(id).businessObject.name) || id);
    delar.push(D.text('p', '', 'Aktiva steg: ' + (aktivaNamn.join(', ') || 'inga')));
    if (data.incidenter.length) delar.push(D.text('p', 'falt-fel', 'Tekniska fel i: ' + data.incidenter.map((i) => i.aktivitet).join(', ')));
    if (data.timers.length) delar.push(D.text('p', '', 'Timrar: ' + data.timers.map((t) => t.aktivitet + ' ' + D.tid(t.forfaller)).join(', ')));
    if (data.overordnad) {
      const upp = D.text('button', '', 'Tillbaka till huvudprocessen');
      upp.type = 'button';
      upp.addEventListener('click', () => byt(data.overordnad));
      delar.push(upp);
    }
    if (data.anropade.length) delar.push(lista);
    info.replaceChildren(...delar);
    container.dataset.aktiva = Object.keys(data.aktiva).join(',');
    container.dataset.instans = instans;
    container.removeAttribute('aria-busy');
    container.dataset.klar = 'true';
  }

  function byt(instans) {
    if (val) val.value = instans;
    container.dataset.klar = 'false';
    ladda(instans).catch(() => info.replaceChildren(D.text('p', 'falt-fel', 'Diagrammet kunde inte visas.')));
  }

  if (val) val.addEventListener('change', () => byt(val.value));
  byt(container.dataset.instans);
})();

/* Case view: registers the landlord's corrected notice through the API (typ rattat-meddelande), with the page's CSRF token. */
(function () {
  'use strict';
  const knapp = document.getElementById('rattelse-knapp');
  const form = document.getElementById('rattelse');
  if (!knapp || !form) return;
  const svar = document.getElementById('rattelse-svar');
  knapp.addEventListener('click', () => {
    const visa = form.hidden;
    form.hidden = !visa;
    knapp.setAttribute('aria-expanded', String(visa));
    if (visa) document.getElementById('rattelse-mottagen').focus();
  });
  const rad = (klass, text) => {
    const p = document.createElement('p');
    if (klass) p.className = klass;
    p.textContent = text;
    return p;
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const mottagen = String(data.get('mottagen') || '');
    const body = { typ: 'rattat-meddelande' };
    // datetime-local has no zone: the browser's own (Swedish) time, sent with its offset.
    if (mottagen) body.mottagen = new Date(mottagen).toISOString();
    if (data.get('delgivningsdatum')) body.delgivningsdatum = String(data.get('delgivningsdatum'));
    if (String(data.get('brist') || '').trim()) body.brist = String(data.get('brist')).trim();
    const csrf = document.querySelector('meta[name="csrf-token"]');
    const res = await fetch('/api/arenden/' + encodeURIComponent(form.dataset.arende) + '/handelser', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf ? csrf.content : '' },
      body: JSON.stringify(body),
    });
    if (res.status === 202) {
      svar.replaceChildren(rad('', 'Det rättade meddelandet är registrerat. Återvinningsfristen räknas om; ladda om sidan om en stund för att se den nya fristen.'));
      form.reset();
      return;
    }
    const problem = await res.json().catch(() => ({}));
    const delar = [rad('falt-fel', problem.detail || problem.title || 'Meddelandet kunde inte registreras.')];
    for (const f of problem.falt || []) delar.push(rad('falt-fel', f.falt + ': ' + f.fel));
    svar.replaceChildren(...delar);
  });
})();
