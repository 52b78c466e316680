import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, readMotorSettings, readStackConfig, repoRoot } from '../../scripts/config.ts';
import { engineJarFor, engineSourcesFor } from '../../scripts/engine-process.ts';

/**
 * The Operaton build (engine/operaton/pom.xml) has no sources of its own but
 * keeps its own dependency list. These checks catch the two drifting apart:
 * a dependency added to the Camunda build must be added there too, with
 * Operaton's coordinates where it is Camunda's.
 */
const camundaPom = fs.readFileSync(path.join(repoRoot, 'engine', 'pom.xml'), 'utf8');
const operatonPom = fs.readFileSync(path.join(repoRoot, 'engine', 'operaton', 'pom.xml'), 'utf8');

interface Coordinates {
  groupId: string;
  artifactId: string;
  version: string | undefined;
}

function dependencies(pom: string): Coordinates[] {
  const list = /<dependencies>([\s\S]*?)<\/dependencies>\s*\n\s*<build>/.exec(pom.replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? '';
  return [...list.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)].map((m) => {
    const body = m[1] as string;
    const tag = (name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(body)?.[1];
    return { groupId: tag('groupId') ?? '', artifactId: tag('artifactId') ?? '', version: tag('version') };
  });
}

function property(pom: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]+)</${name}>`).exec(pom)?.[1];
}

const key = (c: Coordinates) => `${c.groupId}:${c.artifactId}`;
/** Camunda's artifacts built from source in the Operaton build (no Operaton artifact on the mirror). */
const FROM_SOURCE = ['org.camunda.bpm.identity:camunda-identity-ldap', 'org.camunda.spin:camunda-spin-dataformat-json-jackson'];

describe('engine/operaton/pom.xml', () => {
  const operaton = new Set(dependencies(operatonPom).map(key));

  it('finds the dependencies of both builds', () => {
    expect(dependencies(camundaPom).length).toBeGreaterThanOrEqual(8);
    expect(operaton.has('org.operaton.bpm.springboot:operaton-bpm-spring-boot-starter-webapp')).toBe(true);
  });

  it("has every dependency of the Camunda build, with Operaton's coordinates for Camunda's", () => {
    for (const dependency of dependencies(camundaPom)) {
      if (FROM_SOURCE.includes(key(dependency))) continue;
      const expected = dependency.groupId.startsWith('org.camunda.') ? key(dependency).replaceAll('camunda', 'operaton') : key(dependency);
      expect(operaton, `${key(dependency)} → ${expected}`).toContain(expected);
    }
  });

  it("compiles the same versions of the Camunda sources it renames as the Camunda build's", () => {
    const ldap = dependencies(camundaPom).find((d) => key(d) === FROM_SOURCE[0]);
    expect(property(operatonPom, 'ldap-plugin.camunda-version')).toBe(ldap?.version);
    expect(property(operatonPom, 'spin-json.camunda-version')).toBe(property(camundaPom, 'camunda.version'));
    for (const artifact of FROM_SOURCE.map((k) => k.split(':')[1])) expect(operatonPom).toContain(`<artifactId>${artifact}</artifactId>`);
  });

  it('builds from engine/src, into a jar beside the Camunda one', () => {
    expect(operatonPom).toContain('<bokvar.engine.src>${project.basedir}/../src/main</bokvar.engine.src>');
    expect(engineJarFor('operaton')).toBe(path.join(repoRoot, 'engine', 'target', 'bokvar-engine-operaton.jar'));
    expect(engineJarFor('camunda')).toBe(path.join(repoRoot, 'engine', 'target', 'bokvar-engine.jar'));
    expect(engineSourcesFor('operaton')).toContain(path.join(repoRoot, 'engine', 'src'));
    expect(engineSourcesFor('operaton')).toContain(path.join(repoRoot, 'engine', 'operaton', 'pom.xml'));
  });
});

describe('BOKVAR_MOTOR and BOKVAR_WEBAPP_SOKVAG', () => {
  it("default to Camunda and Camunda's webapp path", () => {
    expect(readMotorSettings({})).toEqual({ motor: 'camunda', webappPath: '/camunda' });
    expect(readStackConfig({}).motor).toEqual({ motor: 'camunda', webappPath: '/camunda' });
  });

  it("take Operaton's webapp path with Operaton, unless the path is set", () => {
    expect(readMotorSettings({ BOKVAR_MOTOR: 'operaton' })).toEqual({ motor: 'operaton', webappPath: '/operaton' });
    expect(readMotorSettings({ BOKVAR_MOTOR: 'operaton', BOKVAR_WEBAPP_SOKVAG: '/arbete/motor' }).webappPath).toBe('/arbete/motor');
  });

  it('refuse an unknown engine and a path the engines would not take', () => {
    expect(() => readMotorSettings({ BOKVAR_MOTOR: 'zeebe' })).toThrow(ConfigError);
    for (const bad of ['camunda', '/camunda/', '/', '/a b']) {
      expect(() => readMotorSettings({ BOKVAR_WEBAPP_SOKVAG: bad }), bad).toThrow(/BOKVAR_WEBAPP_SOKVAG/);
    }
  });
});

describe('docker-compose.yml and engine/Dockerfile', () => {
  it('build the engine image for the engine BOKVAR_MOTOR names, Camunda by default', () => {
    const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { build?: { args?: Record<string, string> }; image?: string }>;
    };
    expect(compose.services.engine?.build?.args?.BOKVAR_MOTOR).toBe('${BOKVAR_MOTOR:-camunda}');
    expect(compose.services.engine?.image).toBe('bokvar/engine-${BOKVAR_MOTOR:-camunda}:latest');
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'engine', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('ARG BOKVAR_MOTOR=camunda');
    expect(dockerfile).toContain('COPY operaton/pom.xml operaton/');
    expect(dockerfile).toContain('mvn -q -B -f operaton/pom.xml package -DskipTests');
  });
});
