import { z } from 'zod';

/**
 * The municipality's directory (LDAP) as the engine's identity service, read from
 * BOKVAR_LDAP_*. Off by default. The engine reads the same variables
 * (engine/src/main/resources/application.yaml, LdapIdentityConfig.java); this
 * module validates them before a stack starts and tells provisioning that the
 * directory owns users, groups and memberships. Every setting: docs/ldap.md.
 */
export interface LdapSettings {
  url: string;
  baseDn: string;
  managerDn: string;
  managerPassword: string;
  userSearchBase: string;
  userSearchFilter: string;
  userIdAttribute: string;
  userFirstnameAttribute: string;
  userLastnameAttribute: string;
  userEmailAttribute: string;
  groupSearchBase: string;
  groupSearchFilter: string;
  groupIdAttribute: string;
  groupNameAttribute: string;
  groupMemberAttribute: string;
  authorizationCheck: boolean;
  /** A directory group whose members get every permission (besides BOKVAR_ADMIN_USER). */
  adminGroup: string | undefined;
}

// Blank counts as unset, as in the engine (docker-compose passes every variable through).
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);
const text = z.string().trim().min(1);
const flag = z.enum(['true', 'false'], { error: 'ska vara true eller false' });
// An LDAP filter is one parenthesised expression.
const filter = text.regex(/^\(.*\)$/, 'ska vara ett LDAP-filter inom parentes, t.ex. (objectClass=inetOrgPerson)');
const ldapUrl = text.regex(/^ldaps?:\/\/[^/\s]+\/?$/, 'ska vara ldap://värd:port eller ldaps://värd:port');
const attribute = text.regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'ska vara ett attributnamn, t.ex. uid');

export const ldapEnvironmentSchema = z.object({
  BOKVAR_LDAP_ENABLED: unsetIfBlank(flag.default('false')),
  BOKVAR_LDAP_URL: unsetIfBlank(ldapUrl.optional()),
  BOKVAR_LDAP_BASE_DN: unsetIfBlank(text.optional()),
  BOKVAR_LDAP_MANAGER_DN: unsetIfBlank(text.optional()),
  BOKVAR_LDAP_MANAGER_PASSWORD: unsetIfBlank(z.string().min(1).optional()),
  BOKVAR_LDAP_USER_SEARCH_BASE: unsetIfBlank(z.string().trim().default('')),
  BOKVAR_LDAP_USER_SEARCH_FILTER: unsetIfBlank(filter.default('(objectClass=inetOrgPerson)')),
  BOKVAR_LDAP_USER_ID_ATTRIBUTE: unsetIfBlank(attribute.default('uid')),
  BOKVAR_LDAP_USER_FIRSTNAME_ATTRIBUTE: unsetIfBlank(attribute.default('givenName')),
  BOKVAR_LDAP_USER_LASTNAME_ATTRIBUTE: unsetIfBlank(attribute.default('sn')),
  BOKVAR_LDAP_USER_EMAIL_ATTRIBUTE: unsetIfBlank(attribute.default('mail')),
  BOKVAR_LDAP_GROUP_SEARCH_BASE: unsetIfBlank(z.string().trim().default('')),
  BOKVAR_LDAP_GROUP_SEARCH_FILTER: unsetIfBlank(filter.default('(objectClass=groupOfNames)')),
  BOKVAR_LDAP_GROUP_ID_ATTRIBUTE: unsetIfBlank(attribute.default('cn')),
  BOKVAR_LDAP_GROUP_NAME_ATTRIBUTE: unsetIfBlank(attribute.default('cn')),
  BOKVAR_LDAP_GROUP_MEMBER_ATTRIBUTE: unsetIfBlank(attribute.default('member')),
  BOKVAR_LDAP_AUTHORIZATION_CHECK: unsetIfBlank(flag.default('true')),
  BOKVAR_LDAP_ADMIN_GROUP: unsetIfBlank(text.optional()),
});

type LdapEnvironment = z.infer<typeof ldapEnvironmentSchema>;

const REQUIRED_WHEN_ON = ['BOKVAR_LDAP_URL', 'BOKVAR_LDAP_BASE_DN', 'BOKVAR_LDAP_MANAGER_DN', 'BOKVAR_LDAP_MANAGER_PASSWORD'] as const;

/** For a zod superRefine: names each setting an enabled directory lacks. */
export function checkLdapEnvironment(env: LdapEnvironment, ctx: z.RefinementCtx): void {
  if (env.BOKVAR_LDAP_ENABLED !== 'true') return;
  for (const key of REQUIRED_WHEN_ON) {
    if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'krävs när BOKVAR_LDAP_ENABLED=true' });
  }
}

/** The validated settings, or undefined when the directory is off. */
export function ldapSettings(env: LdapEnvironment): LdapSettings | undefined {
  if (env.BOKVAR_LDAP_ENABLED !== 'true') return undefined;
  return {
    url: env.BOKVAR_LDAP_URL!,
    baseDn: env.BOKVAR_LDAP_BASE_DN!,
    managerDn: env.BOKVAR_LDAP_MANAGER_DN!,
    managerPassword: env.BOKVAR_LDAP_MANAGER_PASSWORD!,
    userSearchBase: env.BOKVAR_LDAP_USER_SEARCH_BASE,
    userSearchFilter: env.BOKVAR_LDAP_USER_SEARCH_FILTER,
    userIdAttribute: env.BOKVAR_LDAP_USER_ID_ATTRIBUTE,
    userFirstnameAttribute: env.BOKVAR_LDAP_USER_FIRSTNAME_ATTRIBUTE,
    userLastnameAttribute: env.BOKVAR_LDAP_USER_LASTNAME_ATTRIBUTE,
    userEmailAttribute: env.BOKVAR_LDAP_USER_EMAIL_ATTRIBUTE,
    groupSearchBase: env.BOKVAR_LDAP_GROUP_SEARCH_BASE,
    groupSearchFilter: env.BOKVAR_LDAP_GROUP_SEARCH_FILTER,
    groupIdAttribute: env.BOKVAR_LDAP_GROUP_ID_ATTRIBUTE,
    groupNameAttribute: env.BOKVAR_LDAP_GROUP_NAME_ATTRIBUTE,
    groupMemberAttribute: env.BOKVAR_LDAP_GROUP_MEMBER_ATTRIBUTE,
    authorizationCheck: env.BOKVAR_LDAP_AUTHORIZATION_CHECK === 'true',
    adminGroup: env.BOKVAR_LDAP_ADMIN_GROUP,
  };
}

/**
 * The engine's environment for these settings. Always sets BOKVAR_LDAP_ENABLED, so a
 * variable left in the caller's shell cannot switch the directory on behind its back.
 */
export function ldapEngineEnvironment(settings: LdapSettings | undefined): Record<string, string> {
  if (!settings) return { BOKVAR_LDAP_ENABLED: 'false' };
  return {
    BOKVAR_LDAP_ENABLED: 'true',
    BOKVAR_LDAP_URL: settings.url,
    BOKVAR_LDAP_BASE_DN: settings.baseDn,
    BOKVAR_LDAP_MANAGER_DN: settings.managerDn,
    BOKVAR_LDAP_MANAGER_PASSWORD: settings.managerPassword,
    BOKVAR_LDAP_USER_SEARCH_BASE: settings.userSearchBase,
    BOKVAR_LDAP_USER_SEARCH_FILTER: settings.userSearchFilter,
    BOKVAR_LDAP_USER_ID_ATTRIBUTE: settings.userIdAttribute,
    BOKVAR_LDAP_USER_FIRSTNAME_ATTRIBUTE: settings.userFirstnameAttribute,
    BOKVAR_LDAP_USER_LASTNAME_ATTRIBUTE: settings.userLastnameAttribute,
    BOKVAR_LDAP_USER_EMAIL_ATTRIBUTE: settings.userEmailAttribute,
    BOKVAR_LDAP_GROUP_SEARCH_BASE: settings.groupSearchBase,
    BOKVAR_LDAP_GROUP_SEARCH_FILTER: settings.groupSearchFilter,
    BOKVAR_LDAP_GROUP_ID_ATTRIBUTE: settings.groupIdAttribute,
    BOKVAR_LDAP_GROUP_NAME_ATTRIBUTE: settings.groupNameAttribute,
    BOKVAR_LDAP_GROUP_MEMBER_ATTRIBUTE: settings.groupMemberAttribute,
    BOKVAR_LDAP_AUTHORIZATION_CHECK: String(settings.authorizationCheck),
    BOKVAR_LDAP_ADMIN_GROUP: settings.adminGroup ?? '',
  };
}
