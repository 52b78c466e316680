import { XML_TEXT, lagrumIText } from '../../../frister/lagrumslista.ts';
import type { LagrumId } from '../../../frister/lagrum.ts';
import type { Engine } from '../../engine/engine.ts';

/** Process definitions never change once deployed: their references are read once per definition. */
const modellagrum = new Map<string, Promise<Map<string, LagrumId[]>>>();

/**
 * The legal references of each activity as its model documents them: the "Lagrum:" list in
 * bpmn:documentation, catalogue texts in current models and "[jb-12-44-1]" ids in older
 * versions, both read by frister/lagrumslista.ts and shown as law in force.
 */
export function lagrumIModell(xml: string): Map<string, LagrumId[]> {
  const result = new Map<string, LagrumId[]>();
  const element =
    /<(?:[\w-]+:)?[\w]+\s[^>]*?\bid="([^"]+)"[^>]*>\s*<(?:[\w-]+:)?documentation[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?documentation>/g;
  for (const [, id, text] of xml.matchAll(element)) {
    const ids = lagrumIText(XML_TEXT.avkoda(text ?? ''));
    if (ids.length > 0) result.set(id!, ids);
  }
  return result;
}

/** The legal references of each activity of one process definition, read once. */
export function lagrumFor(engine: Engine, processDefinitionId: string): Promise<Map<string, LagrumId[]>> {
  let p = modellagrum.get(processDefinitionId);
  if (!p) {
    p = engine.repository.processDefinitionXml(processDefinitionId).then((x) => lagrumIModell(x.bpmn20Xml));
    p.catch(() => modellagrum.delete(processDefinitionId));
    modellagrum.set(processDefinitionId, p);
  }
  return p;
}
