// Tasklist sorts a filter's tasks by the `sorting` parameter of its address and
// falls back to "created, newest first" without it — the filter's own sorting
// is not used. Caseworkers work deadline first, so a task list without a chosen
// sorting is shown by due date, earliest first. A sorting the user picks stays.
const BY_DUE_DATE = JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]);

function sortByDueDate() {
  const hash = window.location.hash;
  // The task list is the route "#/" (with its parameters); leave the login and other routes alone.
  if (!(hash === '' || hash === '#' || hash === '#/' || hash.startsWith('#/?'))) return;
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  if (params.has('sorting')) return;
  params.set('sorting', BY_DUE_DATE);
  window.location.replace('#/?' + params.toString());
}

window.addEventListener('hashchange', sortByDueDate);
sortByDueDate();

export default [];
