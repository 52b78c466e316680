// Bokvar's Tasklist configuration. It replaces the file of the same path in
// Camunda's webapp webjar: Spring Boot serves the application's own
// META-INF/resources before those of its libraries.
export default {
  app: {
    name: 'Uppgiftslistan',
    vendor: 'Bokvar'
  },

  // Swedish first: a browser whose first language is English gets English,
  // every other browser gets Swedish (Tasklist picks the browser's first
  // language if it is available, otherwise the fallback).
  locales: {
    availableLocales: ['sv', 'en'],
    fallbackLocale: 'sv'
  },

  // Moment.js formats, defined per language in locales/<lang>.json
  // (sv: 2026-11-25, 25 november 2026 kl. 14:30). Times are the browser's local
  // time — Swedish time on the municipality's computers.
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'lll',
    normal: 'LLL',
    long: 'LLLL',
    short: 'LL'
  },

  // Deadline first: see bokvar-sortering.js.
  customScripts: ['scripts/bokvar-sortering'],

  // The caseworkers arrive from Bokvar, not from Camunda's welcome page.
  disableWelcomeMessage: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'Ta den markerade uppgiften'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'Gå till första filtret'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'Gå till första uppgiften i listan'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'Gå till första fältet i uppgiftens formulär'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'Öppna dialogen för att starta en process'
    }
  }
};
