import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stopChild } from '../../../scripts/engine-process.ts';
import { waitFor } from '../../../scripts/wait.ts';

/**
 * A real OpenLDAP server (Debian's slapd) for the directory tests: its own
 * slapd.conf, its own mdb database under `dataDir`, on a port of its own,
 * seeded offline with slapadd and stopped afterwards. A system slapd that the
 * package may have started is neither used nor touched.
 */
export interface DirectoryUser {
  uid: string;
  givenName: string;
  sn: string;
  password: string;
}

export interface DirectoryGroup {
  cn: string;
  description: string;
  /** uids of the members; groupOfNames needs at least one. */
  members: string[];
}

export interface SlapdOptions {
  port: number;
  dataDir: string;
  suffix: string;
  manager: { cn: string; password: string };
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  logFile: string;
}

export interface Slapd {
  url: string;
  managerDn: string;
  peopleBase: string;
  groupsBase: string;
  stop(): Promise<void>;
}

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
// Debian's OpenLDAP keeps its backends as loadable modules here.
const MODULE_PATH = '/usr/lib/ldap';
const SCHEMA_DIR = '/etc/ldap/schema';

/** {SSHA}: salted SHA-1, what slappasswd writes; the directory never holds a plain password. */
export function sshaHash(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

export async function startSlapd(options: SlapdOptions): Promise<Slapd> {
  for (const tool of [SLAPD, SLAPADD]) {
    if (!fs.existsSync(tool)) throw new Error(`${tool} saknas: installera Debians paket slapd och ldap-utils`);
  }
  const peopleBase = `ou=anvandare,${options.suffix}`;
  const groupsBase = `ou=grupper,${options.suffix}`;
  const managerDn = `cn=${options.manager.cn},ou=tjanstekonton,${options.suffix}`;

  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const databaseDir = path.join(options.dataDir, 'mdb');
  fs.mkdirSync(databaseDir, { recursive: true });
  const configFile = path.join(options.dataDir, 'slapd.conf');
  fs.writeFileSync(configFile, slapdConf(options.suffix, databaseDir, options.dataDir));
  const seedFile = path.join(options.dataDir, 'seed.ldif');
  fs.writeFileSync(seedFile, seedLdif(options, { peopleBase, groupsBase, managerDn }));

  const added = spawnSync(SLAPADD, ['-q', '-f', configFile, '-l', seedFile], { encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`slapadd misslyckades: ${added.stderr}`);

  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  const url = `ldap://127.0.0.1:${options.port}`;
  // -d keeps slapd in the foreground as this process's child; level 0 logs only start-up errors.
  const child = spawn(SLAPD, ['-f', configFile, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<unknown>((resolve) => child.once('exit', resolve));
  try {
    await waitFor(`slapd på ${url}`, 20_000, async () => {
      if (child.exitCode !== null) throw new Error(`slapd avslutades (kod ${child.exitCode}); se ${options.logFile}`);
      return acceptsConnections(options.port);
    });
  } catch (error) {
    await stopChild(child, exited, 5_000);
    throw error;
  }
  return { url, managerDn, peopleBase, groupsBase, stop: () => stopChild(child, exited, 5_000) };
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function slapdConf(suffix: string, databaseDir: string, runDir: string): string {
  return [
    `include ${SCHEMA_DIR}/core.schema`,
    `include ${SCHEMA_DIR}/cosine.schema`,
    `include ${SCHEMA_DIR}/inetorgperson.schema`,
    `modulepath ${MODULE_PATH}`,
    'moduleload back_mdb',
    `pidfile ${path.join(runDir, 'slapd.pid')}`,
    `argsfile ${path.join(runDir, 'slapd.args')}`,
    // As a municipal directory would: passwords are for binding only; only bound users read.
    'access to attrs=userPassword by self read by anonymous auth by * none',
    'access to * by users read by * none',
    'database mdb',
    'maxsize 104857600',
    `suffix "${suffix}"`,
    `directory ${databaseDir}`,
    'index objectClass eq',
    'index uid,cn,member eq',
    '',
  ].join('\n');
}

function seedLdif(options: SlapdOptions, dns: { peopleBase: string; groupsBase: string; managerDn: string }): string {
  const dc = /^dc=([^,]+)/.exec(options.suffix)?.[1];
  if (!dc) throw new Error(`suffix ska börja med dc=: ${options.suffix}`);
  const userDn = (uid: string) => `uid=${uid},${dns.peopleBase}`;
  const entries: string[][] = [
    [`dn: ${options.suffix}`, 'objectClass: dcObject', 'objectClass: organization', `dc: ${dc}`, 'o: Bokvar testkatalog'],
    ...['anvandare', 'grupper', 'tjanstekonton'].map((ou) => [
      `dn: ou=${ou},${options.suffix}`,
      'objectClass: organizationalUnit',
      `ou: ${ou}`,
    ]),
    // The engine's read-only bind account (the plugin's managerDn).
    [
      `dn: ${dns.managerDn}`,
      'objectClass: organizationalRole',
      'objectClass: simpleSecurityObject',
      `cn: ${options.manager.cn}`,
      `userPassword: ${sshaHash(options.manager.password)}`,
    ],
    ...options.users.map((user) => [
      `dn: ${userDn(user.uid)}`,
      'objectClass: inetOrgPerson',
      `uid: ${user.uid}`,
      `cn: ${user.givenName} ${user.sn}`,
      `givenName: ${user.givenName}`,
      `sn: ${user.sn}`,
      `mail: ${user.uid}@kommun.example`,
      `userPassword: ${sshaHash(user.password)}`,
    ]),
    ...options.groups.map((group) => [
      `dn: cn=${group.cn},${dns.groupsBase}`,
      'objectClass: groupOfNames',
      `cn: ${group.cn}`,
      // LDIF: a value that is not plain ASCII is written base64 (double colon).
      `description:: ${Buffer.from(group.description, 'utf8').toString('base64')}`,
      ...group.members.map((uid) => `member: ${userDn(uid)}`),
    ]),
  ];
  return entries.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}
