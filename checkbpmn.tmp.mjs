import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
const moddle = new BpmnModdle({ camunda });
for (const f of process.argv.slice(2)) {
  const xml = fs.readFileSync(f, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const ids = new Map(); const dup = [];
  for (const m of xml.matchAll(/ id="([^"]+)"/g)) { if (ids.has(m[1])) dup.push(m[1]); ids.set(m[1], 1); }
  const di = new Set([...xml.matchAll(/bpmnElement="([^"]+)"/g)].map((m) => m[1]));
  const missing = [];
  const boxes = [];
  for (const m of xml.matchAll(/<bpmn:(\w+) id="([^"]+)"/g)) {
    if (['process','message','error','documentation','signal','escalation','incoming','outgoing'].includes(m[1]) || m[1].endsWith('Definition') || m[1]==='multiInstanceLoopCharacteristics' || m[1]==='conditionExpression') continue;
    if (!di.has(m[2])) missing.push(m[2]);
  }
  // flows referencing unknown
  const bad = [];
  for (const m of xml.matchAll(/<bpmn:sequenceFlow id="([^"]+)" sourceRef="([^"]+)" targetRef="([^"]+)"/g)) { if (!ids.has(m[2]) || !ids.has(m[3])) bad.push(m[1]); }
  for (const m of xml.matchAll(/<bpmn:(incoming|outgoing)>([^<]+)</g)) { if (!ids.has(m[2])) bad.push(m[2]); }
  for (const m of xml.matchAll(/bpmnElement="([^"]+)"/g)) { if (!ids.has(m[1])) bad.push('DI:' + m[1]); }
  console.log(f, 'warnings', warnings.map((w) => w.message), 'dup', dup, 'noDI', missing, 'badrefs', bad);
}
