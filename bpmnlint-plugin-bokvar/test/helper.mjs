/**
 * bpmnlint's RuleTester for vitest: it declares its cases with mocha's global describe, it and
 * beforeEach, which vitest provides as imports. Fixtures are read as Camunda Modeler reads them,
 * with the camunda moddle extension.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { beforeEach, describe, it } from 'vitest';

Object.assign(globalThis, { describe, it, beforeEach });

const require = createRequire(import.meta.url);
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const { verify } = require('bpmnlint/lib/testers/rule-tester');
const { readModdle } = require('bpmnlint/lib/testers/helper');

export { verify };

/** The rule as bpmnlint loads it (CommonJS, as Modeler's bundle and the NodeResolver read it). */
export const rule = (name) => require(`../rules/${name}.js`);

/** A fixture of test/rules/<rule>/. */
export const fixture = (ruleName, file) => readModdle(path.join(import.meta.dirname, 'rules', ruleName, file), { camunda });
