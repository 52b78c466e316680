/**
 * Small readers of a moddle element, shared by the rules. Camunda Modeler's Camunda 7 tabs and
 * Bokvar's tests read diagrams with the camunda moddle extension; read without it (as
 * @camunda/linting does when it parses XML itself), camunda:* attributes land in $attrs and
 * extension elements are generic ($type 'camunda:inputOutput', $children, $body). node.get()
 * answers both ways for attributes; the readers below accept both for elements.
 */

const is = (node, type) => typeof node.$instanceOf === 'function' && node.$instanceOf(type);

/** A generic element of a type ('camunda:inputParameter'), as moddle keeps unknown XML. */
const isGeneric = (node, type) => Boolean(node && node.$descriptor && node.$descriptor.isGeneric && node.$type === type);
const isAny = (node, types) => types.some((type) => is(node, type));

/** The element's first bpmn:documentation, '' when it has none. */
const documentation = (node) => (node.documentation && node.documentation[0] && node.documentation[0].text) || '';

/** A task's camunda:inputParameter mappings as { name, value } (value: the text, if any). */
function inputParameters(node) {
  const values = (node.extensionElements && node.extensionElements.values) || [];
  return values.flatMap((v) => {
    if (is(v, 'camunda:InputOutput')) return (v.inputParameters || []).map((p) => ({ name: p.name, value: p.value }));
    if (!isGeneric(v, 'camunda:inputOutput')) return [];
    return (v.$children || [])
      .filter((c) => isGeneric(c, 'camunda:inputParameter'))
      .map((c) => ({ name: c.name, value: c.$body }));
  });
}

/** Every string a generic element and its children hold: attribute values and text. */
function genericTexts(node) {
  const own = Object.entries(node)
    .filter(([key, value]) => !key.startsWith('$') && typeof value === 'string')
    .map(([, value]) => value);
  return [...own, ...(typeof node.$body === 'string' ? [node.$body] : []), ...(node.$children || []).flatMap(genericTexts)];
}

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

module.exports = { is, isAny, isGeneric, documentation, inputParameters, genericTexts, reportId, annotate };
