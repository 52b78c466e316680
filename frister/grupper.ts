/**
 * The deadline groups a model asks for: in the input parameter `beraknaFrister` of a
 * berakna-frister task and `delaFrister` of a dela-frister task, comma-separated. The element
 * templates (bpmn/.camunda/element-templates/berakna-frister.json, dela-frister.json) list the same
 * groups; test/unit/frister/grupper.test.ts keeps them in step.
 */
import { z } from 'zod';
import type { FristTyp } from './typer.ts';

export const FRIST_GRUPPER = [
  'bekraftelseKronofogden',
  'forhandsbedomningVuxen',
  'forhandsbedomningBarn',
  'atervinningsfrist',
  'avhysning',
  'uppfoljning',
  'svarUppfoljning',
  'hushallKontroll',
  'atagandeSkickat',
  'informeraHyresvarden',
  'delgivningKontroll',
  'uppgiftskontrollHotOmAvhysning',
  'uppgiftskontrollKronofogden',
] as const;
export type FristGrupp = (typeof FRIST_GRUPPER)[number];

/** The deadline types (`Frist.typ`) each group computes: what a recomputation of the group replaces. */
export const FRISTTYPER: Record<FristGrupp, readonly FristTyp[]> = {
  bekraftelseKronofogden: ['bekraftelseKronofogden', 'bekraftelseKronofogdenEskalering'],
  forhandsbedomningVuxen: ['forhandsbedomningPaminnelse', 'forhandsbedomningEskalering', 'aktualisering'],
  forhandsbedomningBarn: ['forhandsbedomningBarn'],
  atervinningsfrist: ['atervinningsfrist', 'tidigastAvhysningsbeslut', 'atagandeBeslut'],
  avhysning: ['avhysningNarvaro', 'avhysningsdag', 'avhysningPaminnelse'],
  uppfoljning: ['uppfoljning'],
  svarUppfoljning: ['svarUppfoljning'],
  hushallKontroll: ['hushallKontroll'],
  atagandeSkickat: ['atagandeSkickat'],
  informeraHyresvarden: ['informeraHyresvarden'],
  delgivningKontroll: ['delgivningKontroll', 'delgivningKontrollEskalering'],
  uppgiftskontrollHotOmAvhysning: ['uppgiftskontrollHotOmAvhysning'],
  uppgiftskontrollKronofogden: ['uppgiftskontrollKronofogden'],
};

/** A task's list of groups, as `beraknaFrister` (and `delaFrister`) write it: "atervinningsfrist,avhysning". */
export const fristgrupper = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(FRIST_GRUPPER)).min(1));
