import { describe, expect, it } from 'vitest';
import { ArgumentFel, parseArgument } from '../../../scripts/migrering/argument.ts';
import { reasonFor } from '../../../scripts/migrering/batch.ts';
import { adjustTimerTriggers, planfilnamn, timerDefinition, valideringsfel, type Delplan } from '../../../scripts/migrering/plan.ts';

const modell = (paminnelse: string) => `<bpmn:definitions><bpmn:process id="p">
  <bpmn:userTask id="Kontakta" name="Kontakta" />
  <bpmn:boundaryEvent id="Paminnelse" name="Påminnelse" cancelActivity="false" attachedToRef="Kontakta">
    <bpmn:timerEventDefinition id="TimerEventDefinition_1">
      <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${paminnelse}</bpmn:timeDuration>
    </bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>
  <bpmn:boundaryEvent id="Frist" attachedToRef="Kontakta">
    <bpmn:timerEventDefinition id="TimerEventDefinition_2"><bpmn:timeDate>\${kontaktSenast}</bpmn:timeDate></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>
  <bpmn:boundaryEvent id="Svar" attachedToRef="Kontakta"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>
</bpmn:process></bpmn:definitions>`;

describe('the command line of npm run migrera', () => {
  it('reads the source version or tag, the target tag, the plan, the cases and the dry run', () => {
    expect(
      parseArgument(['--fran', 'hot-om-avhysning:2026.12-1', '--till', '2026.12-2', '--arenden', 'BV-1, BV-2,BV-1', '--torrkorning']),
    ).toEqual({
      key: 'hot-om-avhysning',
      franRef: '2026.12-1',
      tillTagg: '2026.12-2',
      plan: undefined,
      arenden: ['BV-1', 'BV-2'],
      torrkorning: true,
      av: undefined,
    });
    expect(parseArgument(['--fran', 'barn-och-unga:3', '--till', '2026.12-2', '--plan', 'bpmn/migreringar/x.json'])).toMatchObject({
      franRef: '3',
      plan: 'bpmn/migreringar/x.json',
      arenden: undefined,
      torrkorning: false,
    });
  });

  it('explains in Swedish what is missing or wrong', () => {
    expect(() => parseArgument(['--till', '2026.12-2'])).toThrow(/--fran saknas/);
    expect(() => parseArgument(['--fran', 'hot-om-avhysning', '--till', 'x'])).toThrow(ArgumentFel);
    expect(() => parseArgument(['--fran', 'p:1'])).toThrow(/--till saknas/);
    expect(() => parseArgument(['--fran', 'p:1', '--till', 't', '--okand'])).toThrow(/Användning: npm run migrera/);
  });
});

describe('event triggers in a generated plan', () => {
  it('reads a timer definition, and nothing for an event that is no timer', () => {
    expect(timerDefinition(modell('P14D'), 'Paminnelse')).toBe('timeDuration:P14D');
    expect(timerDefinition(modell('P14D'), 'Frist')).toBe('timeDate:${kontaktSenast}');
    expect(timerDefinition(modell('P14D'), 'Svar')).toBeUndefined();
    expect(timerDefinition(modell('P14D'), 'Kontakta')).toBeUndefined();
  });

  it('renews a timer only where its definition changed, and leaves other triggers as the engine proposed', () => {
    const plan = {
      sourceProcessDefinitionId: 'p:1',
      targetProcessDefinitionId: 'p:2',
      instructions: ['Kontakta', 'Paminnelse', 'Frist', 'Svar'].map((id) => ({
        sourceActivityIds: [id],
        targetActivityIds: [id],
        updateEventTrigger: id !== 'Kontakta',
      })),
    };
    const justerad = adjustTimerTriggers(plan, modell('P14D'), modell('P10D'));
    expect(justerad.instructions.map((i) => [i.sourceActivityIds[0], i.updateEventTrigger])).toEqual([
      ['Kontakta', false],
      ['Paminnelse', true],
      ['Frist', false],
      ['Svar', true],
    ]);
    expect(adjustTimerTriggers(plan, modell('P14D'), modell('P14D')).instructions[1]!.updateEventTrigger).toBe(false);
  });
});

describe('reports', () => {
  const delplan: Delplan = {
    process: 'p',
    fran: { id: 'p:1', key: 'p', version: 1, versionTag: '2026.12-1' },
    till: { id: 'p:2', key: 'p', version: 2, versionTag: '2026.12-2' },
    plan: { sourceProcessDefinitionId: 'p:1', targetProcessDefinitionId: 'p:2', instructions: [] },
  };

  it('names the versions, the instruction and the engine reason of each validation failure', () => {
    const fel = valideringsfel(delplan, {
      instructionReports: [
        { instruction: { sourceActivityIds: ['A'], targetActivityIds: ['X'] }, failures: ['the target activity does not exist'] },
      ],
      variableReports: {},
    });
    expect(fel).toEqual([
      'p version 1 (2026.12-1) → version 2 (2026.12-2): instruktionen A → X kan inte användas: the target activity does not exist',
    ]);
  });

  it("gives an instance its own failed job's message when one names it, else every failure", () => {
    const jobb = [
      { id: 'j1', retries: 0, exceptionMessage: "ENGINE-23004 Cannot migrate process instance 'pi-1':\n\tno instruction" },
      { id: 'j2', retries: 0, exceptionMessage: "ENGINE-23004 Cannot migrate process instance 'pi-2': other" },
    ];
    expect(reasonFor('pi-1', jobb)).toBe("ENGINE-23004 Cannot migrate process instance 'pi-1': no instruction");
    expect(reasonFor('pi-3', jobb)).toContain(' | ');
  });

  it('names a plan file after the process and the versions', () => {
    expect(planfilnamn('hot-om-avhysning', '2026.12-1', '2026.12-2')).toBe('hot-om-avhysning-fran-2026.12-1-till-2026.12-2.json');
  });
});
