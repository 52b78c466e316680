// Bokvar's welcome page (the start page and its login): Swedish first, like
// Tasklist (app/tasklist/scripts/config.js). It replaces the webjar's file.
export default {
  app: {
    name: 'Start',
    vendor: 'Bokvar'
  },
  locales: {
    availableLocales: ['sv', 'en'],
    fallbackLocale: 'sv'
  }
};
