/**
 * Small readers of a moddle element, shared by the rules. Camunda Modeler and Bokvar's tests
 * read diagrams with the camunda moddle extension, so camunda:* attributes are plain properties.
 */

const is = (node, type) => typeof node.$instanceOf === 'function' && node.$instanceOf(type);
const isAny = (node, types) => types.some((type) => is(node, type));

/** The element's first bpmn:documentation, '' when it has none. */
const documentation = (node) => (node.documentation && node.documentation[0] && node.documentation[0].text) || '';

/** The extension elements of a type (e.g. 'camunda:InputOutput'). */
const extensions = (node, type) => ((node.extensionElements && node.extensionElements.values) || []).filter((v) => is(v, type));

/** The names of a task's camunda:inputParameter mappings. */
const inputParameters = (node) => extensions(node, 'camunda:InputOutput').flatMap((io) => io.inputParameters || []);

/** The nearest element with an id, from the node up: where a report about the node is shown. */
function reportId(node) {
  for (let n = node; n; n = n.$parent) if (n.id) return n.id;
  return undefined;
}

/** The URL of a rule's page, shown by Modeler beside its message. */
const annotate = (name, rule) => ({
  ...rule,
  meta: { documentation: { url: `https://github.com/bokvar/bokvar/blob/main/bpmnlint-plugin-bokvar/docs/rules/${name}.md` } },
});

module.exports = { is, isAny, documentation, extensions, inputParameters, reportId, annotate };
