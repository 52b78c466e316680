/**
 * A benchmark's process: start, one step, end, laid out for Cockpit. The step
 * is given as its BPMN element (with id `Steg`, incoming f1, outgoing f2);
 * `extra` elements (a boundary timer, say) sit beside it, with their shapes.
 */
export function oneStepProcess(
  id: string,
  name: string,
  step: string,
  extra: { xml: string; shapes: string } = { xml: '', shapes: '' },
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  id="bench" targetNamespace="http://bokvar.se/bench">
  <bpmn:process id="${id}" name="${name}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Steg" />
    ${step}
    ${extra.xml}
    <bpmn:sequenceFlow id="f2" sourceRef="Steg" targetRef="Slut" />
    <bpmn:endEvent id="Slut"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${id}">
    <bpmndi:BPMNShape id="s1" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s2" bpmnElement="Steg"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    ${extra.shapes}
    <bpmndi:BPMNShape id="s4" bpmnElement="Slut"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="e1" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="e2" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
