// A Camunda Modeler plugin (Modeler 5.4 or later): the client bundle registers Bokvar's lint rules.
// Copy this folder into Modeler's plugins folder; see docs/processagare.md.
module.exports = {
  name: 'Bokvars modellregler',
  script: './dist/client.bundle.js',
};
