/* Overview: each process with the number of open cases per activity, as a heat map. */
(function () {
  'use strict';
  const D = window.BokvarDiagram;
  const root = document.getElementById('oversikt');

  function farg(andel) {
    // From blue to dark red; every step keeps white text readable (contrast >= 4.5).
    const steg = ['#1f5f99', '#5b3f8c', '#8a2f6b', '#a3213f', '#8b0000'];
    return steg[Math.min(steg.length - 1, Math.floor(andel * steg.length))];
  }

  async function start() {
    const svar = await fetch('/api/oversikt', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!svar.ok) {
      root.replaceChildren(D.text('p', 'falt-fel', 'Översikten kunde inte hämtas.'));
      return;
    }
    const processer = await svar.json();
    root.replaceChildren();
    for (const p of processer) {
      const sektion = document.createElement('section');
      const rubrikId = 'p-' + p.key;
      const h2 = D.text('h2', '', p.namn + ' – ' + p.instanser + ' öppna');
      h2.id = rubrikId;
      sektion.setAttribute('aria-labelledby', rubrikId);
      sektion.appendChild(h2);
      const diagram = document.createElement('div');
      diagram.className = 'oversikt-diagram';
      diagram.dataset.process = p.key;
      sektion.appendChild(diagram);
      const tabell = document.createElement('table');
      tabell.appendChild(D.text('caption', 'visuellt-dold', 'Öppna ärenden per steg: ' + p.namn));
      const thead = document.createElement('thead');
      thead.innerHTML = '<tr><th scope="col">Steg</th><th scope="col">Öppna</th><th scope="col">Incidenter</th></tr>';
      tabell.appendChild(thead);
      const tbody = document.createElement('tbody');
      tabell.appendChild(tbody);
      sektion.appendChild(tabell);
      root.appendChild(sektion);
      const xml = await (await fetch('/api/processer/' + encodeURIComponent(p.senasteId) + '/xml', { credentials: 'same-origin' })).text();
      const viewer = await D.visa(diagram, xml);
      const registry = viewer.get('elementRegistry');
      const overlays = viewer.get('overlays');
      const max = Math.max(1, ...Object.values(p.aktiviteter).map((a) => a.instanser));
      for (const [id, a] of Object.entries(p.aktiviteter)) {
        const el = registry.get(id);
        const tr = document.createElement('tr');
        tr.appendChild(D.text('td', '', (el && el.businessObject.name) || id));
        tr.appendChild(D.text('td', 'tal', String(a.instanser)));
        tr.appendChild(D.text('td', 'tal', String(a.incidenter)));
        tbody.appendChild(tr);
        if (!el) continue;
        const bricka = D.text('span', 'vardekarta', String(a.instanser));
        bricka.style.background = farg((a.instanser - 1) / max);
        overlays.add(id, { position: { bottom: 10, right: 10 }, html: bricka });
      }
    }
    root.dataset.klar = 'true';
  }
  start().catch(() => root.replaceChildren(D.text('p', 'falt-fel', 'Översikten kunde inte visas.')));
})();
