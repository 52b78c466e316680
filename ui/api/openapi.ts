import { z } from 'zod';
import { handelseSchema, kronofogdeMeddelandeSchema, underrattelseSchema } from '../intake/schemas.ts';
import { stickprovSchema } from '../revision/loggkontroll/index.ts';
import { skickadSchema } from './brev.ts';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate the
 * requests (z.toJSONSchema, input side), so documentation and checks are one.
 */
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const problem = {
  description: 'Problem (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const fel = {
  '400': { ...problem, description: 'Ogiltiga uppgifter: varje fält och vad som är fel' },
  '401': { ...problem, description: 'Inloggning krävs' },
  '403': { ...problem, description: 'Saknar behörighet' },
};
const frister = (props: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(props.map((p) => [p, { type: 'string', description: 'ISO-datum eller tidpunkt med offset' }])),
});
const startsvar = (props: string[]) => ({
  type: 'object',
  required: ['arendenummer', 'processInstanceId', 'frister'],
  properties: {
    arendenummer: { type: 'string', example: 'BV-2026-000123' },
    processInstanceId: { type: 'string' },
    frister: frister(props),
  },
});

// eslint-disable-next-line max-lines-per-function -- a declarative OpenAPI document: one literal, path by path
export function openapi(): unknown {
  const body = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
  const arendenummer = { name: 'arendenummer', in: 'path', required: true, schema: { type: 'string', pattern: '^BV-\\d{4}-\\d{6,}$' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bokvar – intag och ärenden',
      version: '1.0.0',
      description: 'Underrättelser om hot om avhysning, meddelanden från Kronofogden och ärendeinsyn.',
    },
    servers: [{ url: '/' }],
    security: [{ basic: [] }, { session: [] }],
    components: {
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic', description: 'Användare i processmotorn (systemklienter)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'bokvar_session',
          description: 'Webbläsarsession; ändrande anrop kräver X-CSRF-Token',
        },
      },
      schemas: {
        Underrattelse: json(underrattelseSchema),
        KronofogdeMeddelande: json(kronofogdeMeddelandeSchema),
        Handelse: json(handelseSchema),
        Stickprovsbegaran: json(stickprovSchema),
        BrevSkickat: json(skickadSchema),
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            falt: { type: 'array', items: { type: 'object', properties: { falt: { type: 'string' }, fel: { type: 'string' } } } },
          },
        },
      },
    },
    paths: {
      '/api/underrattelser': {
        post: {
          summary: 'Registrera en underrättelse om hot om avhysning',
          requestBody: body('Underrattelse'),
          responses: {
            '201': {
              description: 'Ärendet startat',
              content: {
                'application/json': {
                  schema: startsvar(['atervinningsfrist', 'forhandsbedomningPaminnelse', 'forhandsbedomningEskalering']),
                },
              },
            },
            '200': { description: 'Samma underrättelse fanns redan: samma ärende' },
            ...fel,
            '503': problem,
          },
        },
      },
      '/api/kronofogden-meddelanden': {
        post: {
          summary: 'Registrera information om avhysning från Kronofogden',
          requestBody: body('KronofogdeMeddelande'),
          responses: {
            '201': {
              description: 'Ärendet startat',
              content: { 'application/json': { schema: startsvar(['bekraftelseSenast', 'avhysningsdatum']) } },
            },
            '200': { description: 'Samma meddelande fanns redan: samma ärende' },
            ...fel,
            '503': problem,
          },
        },
      },
      '/api/arenden': {
        get: {
          summary: 'Öppna ärenden, sorterade efter nästa frist',
          parameters: ['barn', 'processKey', 'enhet', 'sok', 'forsta', 'max'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          })),
          responses: {
            '200': {
              description:
                'Ärendelistan: totalt, arenden och indexeradTid (ärendeindexet innehåller varje ändring i processmotorn fram till den tiden)',
            },
            ...fel,
          },
        },
      },
      '/api/arenden/{arendenummer}': {
        get: {
          summary: 'Ett ärende (läsningen loggas)',
          parameters: [arendenummer, { name: 'vy', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'Ärendet' }, '404': problem, ...fel },
        },
      },
      '/api/arenden/{arendenummer}/diagram': {
        get: {
          summary: 'Diagramdata för visningen',
          parameters: [arendenummer],
          responses: { '200': { description: 'Diagram och markeringar' }, '404': problem },
        },
      },
      '/api/arenden/{arendenummer}/handelser': {
        post: {
          summary: 'Kronofogdens besked i ett pågående ärende (anstånd, nycklar återlämnade, avhysningen inställd)',
          description:
            'Tas emot var ärendet än står. Av två anstånd gäller det senare beslutet (beslutsdatum, annars dagen beskedet kom in). Se docs/kronofogden.md.',
          parameters: [arendenummer],
          requestBody: body('Handelse'),
          responses: {
            '202': { description: 'Beskedet togs emot' },
            '200': { description: 'Samma besked var redan mottaget (redanMottagen: true); ärendet tog emot det en gång' },
            '404': { ...problem, description: 'Inget sådant ärende (eller ingen behörighet)' },
            '409': {
              ...problem,
              description:
                'Ärendet är avslutat, är inte ett ärende från Kronofogden, väntar inte på beskedet just nu, eller samma besked lämnas just nu',
            },
            '503': {
              ...problem,
              description: 'Processmotorn eller databasen svarar inte; skicka samma besked igen om en stund (det lämnas inte två gånger)',
            },
            ...fel,
          },
        },
      },
      '/api/brev/{id}': {
        get: {
          summary: 'Brevet som PDF/A',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, '404': problem },
        },
      },
      '/api/brev/{id}/skickad': {
        post: {
          summary: 'Markera brevet som skickat (registraturen eller en handläggare); vem = den inloggade, loggas på brevet',
          description:
            'Bokvar skriver och arkiverar breven; registraturen skickar dem och anmäler det här. Idempotent: samma anrop igen svarar 200 med den första registreringen oförändrad; en annan tidpunkt för ett redan skickat brev ger 409 som namnger den registrerade. Ett åtagande som markeras skickat avslutar ärendets väntan på det.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/BrevSkickat' } } } },
          responses: {
            '201': {
              description: 'Brevet markerades som skickat nu: id, arendenummer, typ, skapad, skickad, skickadAv, skickadRegistrerad',
            },
            '200': { description: 'Brevet var redan markerat som skickat vid samma tidpunkt: den första registreringen, oförändrad' },
            '404': { ...problem, description: 'Inget sådant brev i ett ärende som användaren får läsa' },
            '409': { ...problem, description: 'Brevet är redan markerat som skickat vid en annan tidpunkt (den står i detail)' },
            ...fel,
          },
        },
      },
      '/api/oversikt': {
        get: { summary: 'Öppna instanser per aktivitet och process', responses: { '200': { description: 'Översikten' } } },
      },
      '/api/revision/lasloggar': {
        get: {
          summary: 'Läsloggen för loggkontroll (endast revisor; läsningen loggas inte)',
          parameters: ['anvandare', 'arende', 'kanal', 'kategori', 'fran', 'till', 'forsta', 'max', 'format'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          })),
          responses: {
            '200': { description: 'Läsningar, eller CSV med format=csv', content: { 'application/json': {}, 'text/csv': {} } },
            ...fel,
          },
        },
      },
      '/api/revision/lasloggar/stickprov': {
        get: { summary: 'Alla dragna stickprov (format=csv för CSV)', responses: { '200': { description: 'Stickproven' }, ...fel } },
        post: {
          summary: 'Dra ett slumpmässigt stickprov ur läsloggen; dragningen sparas med sitt seed',
          requestBody: body('Stickprovsbegaran'),
          responses: { '201': { description: 'Stickprovet med de dragna raderna' }, ...fel },
        },
      },
      '/api/revision/lasloggar/stickprov/{id}': {
        get: {
          summary: 'Ett stickprov och dess rader (format=csv för CSV)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'Stickprovet' }, '404': problem, ...fel },
        },
      },
    },
  };
}
