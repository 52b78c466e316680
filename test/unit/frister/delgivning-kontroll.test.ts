import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { delgivningKontroll, tolkaInstallningar, uppgiftskontrollHotOmAvhysning } from '../../../frister/index.ts';
import { beraknaFristerTopic } from '../../../workers/berakna-frister/handler.ts';
import { standard } from './stod.ts';

const beraknaFrister = beraknaFristerTopic();

describe('ta reda på delgivningsdatum (uppsägning för obetald hyra utan delgivningsdatum)', () => {
  it('förfaller vid slutet av nästa vardag och eskalerar 00:00 den andra vardagen', () => {
    // Given: uppgiften skapades fredag 2026-12-04 kl. 16:00
    const { uppgift, eskalering } = delgivningKontroll({ start: '2026-12-04T16:00:00+01:00' }, standard);
    // Then: måndag är nästa vardag, tisdag den andra
    expect(uppgift).toMatchObject({
      typ: 'delgivningKontroll',
      forfaller: '2026-12-07T23:59:59+01:00',
      lagrum: ['jb-12-44-1', 'jb-12-25a', 'delgivningslagen'],
    });
    expect(eskalering).toMatchObject({ typ: 'delgivningKontrollEskalering', senast: '2026-12-08T00:00:00+01:00' });
    expect(uppgift.kalla).toMatchObject({ installning: 'delgivningKontroll.inom', varde: '1 vardag' });
    expect(eskalering.kalla).toMatchObject({ installning: 'delgivningKontroll.eskalering', varde: '2 vardagar' });
  });

  it('kräver att eskaleringen kommer efter förfallodagen', () => {
    const fel = {
      ...JSON.parse(JSON.stringify(standard)),
      delgivningKontroll: { inom: { varde: 2, enhet: 'vardagar', kalla: 'x' }, eskalering: { varde: 2, enhet: 'vardagar', kalla: 'x' } },
    };
    expect(() => tolkaInstallningar(fel)).toThrow(/delgivningKontroll\.eskalering\.varde/);
  });

  it('kontrollera uppgifterna om hyresgästen (hot om avhysning): två vardagar', () => {
    expect(uppgiftskontrollHotOmAvhysning({ start: '2026-11-30T09:15:00+01:00' }, standard).forfaller).toBe('2026-12-02T23:59:59+01:00');
  });
});

describe('berakna-frister: återvinningsfristen bara vid obetald hyra', () => {
  const context = { taskId: 't', processInstanceId: 'p', businessKey: null, log: pino({ level: 'silent' }), extendLock: async () => {} };
  const berakna = async (orsak: string | undefined, delgivningsdatum: string | null) => {
    const utfall = await beraknaFrister.handle(
      beraknaFrister.input.parse({ beraknaFrister: 'atervinningsfrist', mottagen: '2026-12-01T10:00:00+01:00', orsak, delgivningsdatum }),
      context,
    );
    if (utfall.kind !== 'complete') throw new Error('berakna-frister');
    return utfall.variables;
  };

  it('ger ingen frist vid störningar, även med delgivningsdatum', async () => {
    const v = await berakna('storningar', '2026-11-30');
    expect(v).not.toHaveProperty('atervinningsfristSenast');
    expect(v.fristunderlag).toEqual({});
  });

  it('ger ingen frist ännu vid obetald hyra utan delgivningsdatum, och en när datumet finns', async () => {
    expect(await berakna('obetald-hyra', null)).not.toHaveProperty('atervinningsfristSenast');
    expect(await berakna('obetald-hyra', '2026-11-30')).toHaveProperty('atervinningsfristSenast');
  });

  it('vägrar räkna utan orsak', async () => {
    await expect(berakna(undefined, '2026-11-30')).rejects.toThrow(/orsak/);
  });
});
