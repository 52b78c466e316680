/* Shared bpmn-js helpers for the case view and the overview (no bundler: a global). */
(function () {
  'use strict';
  window.BokvarDiagram = {
    async visa(container, xml) {
      container.innerHTML = '';
      const viewer = new window.BpmnJS({ container: container });
      await viewer.importXML(xml);
      viewer.get('canvas').zoom('fit-viewport');
      // The canvas is keyboard-focusable (bpmn-js); the page lists the same facts as text beside it.
      const svg = container.querySelector('svg');
      if (svg) svg.setAttribute('aria-label', 'Processdiagram');
      return viewer;
    },
    text(tag, klass, innehall) {
      const el = document.createElement(tag);
      if (klass) el.className = klass;
      el.textContent = innehall;
      return el;
    },
    tid(iso) {
      if (!iso) return '–';
      return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
    },
  };
})();
