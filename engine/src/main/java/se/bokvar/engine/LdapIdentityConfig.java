package se.bokvar.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The municipality's directory as the engine's identity service (docs/ldap.md), on only
 * when BOKVAR_LDAP_ENABLED=true. Users, groups, memberships and passwords then live in the
 * directory and the engine reads them; its own user tables are not used and cannot be
 * written. Authorizations and filters stay in the engine's database.
 *
 * The starter's admin-user step then only looks the administrator up (it exists in the
 * directory, so nothing is created); the administrator plugin gives that user, and the
 * optional administrator group, every permission at each start. Without it no one could
 * provision the authorizations the directory's groups need.
 */
@Configuration
@ConditionalOnProperty(prefix = "bokvar.ldap", name = "enabled", havingValue = "true")
public class LdapIdentityConfig {

  @Bean
  public LdapIdentityProviderPlugin ldapIdentityProviderPlugin(Environment env) {
    Settings settings = new Settings(env);
    LdapIdentityProviderPlugin plugin = new LdapIdentityProviderPlugin();
    String serverUrl = settings.required("server-url", "BOKVAR_LDAP_URL");
    if (serverUrl != null && !serverUrl.startsWith("ldap://") && !serverUrl.startsWith("ldaps://")) {
      settings.problems.add("BOKVAR_LDAP_URL ska börja med ldap:// eller ldaps://");
    }
    plugin.setServerUrl(serverUrl);
    // ldaps:// is TLS from the first byte; the directory's CA must be in the JVM's trust store.
    plugin.setUseSsl(serverUrl != null && serverUrl.startsWith("ldaps://"));
    plugin.setBaseDn(settings.required("base-dn", "BOKVAR_LDAP_BASE_DN"));
    plugin.setManagerDn(settings.required("manager-dn", "BOKVAR_LDAP_MANAGER_DN"));
    plugin.setManagerPassword(settings.required("manager-password", "BOKVAR_LDAP_MANAGER_PASSWORD"));
    // Relative to the base DN; empty searches the whole base.
    plugin.setUserSearchBase(settings.orDefault("user-search-base", ""));
    plugin.setUserSearchFilter(settings.orDefault("user-search-filter", "(objectClass=inetOrgPerson)"));
    plugin.setUserIdAttribute(settings.orDefault("user-id-attribute", "uid"));
    plugin.setUserFirstnameAttribute(settings.orDefault("user-firstname-attribute", "givenName"));
    plugin.setUserLastnameAttribute(settings.orDefault("user-lastname-attribute", "sn"));
    plugin.setUserEmailAttribute(settings.orDefault("user-email-attribute", "mail"));
    plugin.setGroupSearchBase(settings.orDefault("group-search-base", ""));
    plugin.setGroupSearchFilter(settings.orDefault("group-search-filter", "(objectClass=groupOfNames)"));
    plugin.setGroupIdAttribute(settings.orDefault("group-id-attribute", "cn"));
    plugin.setGroupNameAttribute(settings.orDefault("group-name-attribute", "cn"));
    plugin.setGroupMemberAttribute(settings.orDefault("group-member-attribute", "member"));
    // On: a user sees only the directory's users and groups they have READ on (Bokvar
    // grants each group READ on itself; the UI's technical user reads all).
    plugin.setAuthorizationCheckEnabled(
        settings.flag("authorization-check-enabled", "BOKVAR_LDAP_AUTHORIZATION_CHECK"));
    // Never accept untrusted certificates and never anonymous logins.
    plugin.setAcceptUntrustedCertificates(false);
    plugin.setAllowAnonymousLogin(false);
    settings.failIfAnyProblem();
    return plugin;
  }

  @Bean
  public AdministratorAuthorizationPlugin administratorAuthorizationPlugin(Environment env) {
    Settings settings = new Settings(env);
    AdministratorAuthorizationPlugin plugin = new AdministratorAuthorizationPlugin();
    plugin.setAdministratorUserName(settings.requiredKey("camunda.bpm.admin-user.id", "BOKVAR_ADMIN_USER"));
    String group = settings.optional("administrator-group");
    if (group != null) plugin.setAdministratorGroupName(group);
    settings.failIfAnyProblem();
    return plugin;
  }

  /**
   * The first administrator (BOKVAR_ADMIN_USER) must be a directory user: the starter's
   * admin-user step would otherwise try to create it and stop the engine with a bare
   * "identity service is read-only". Runs before that step and says what to do.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public DirectoryAdministratorCheck directoryAdministratorCheck(Environment env) {
    return new DirectoryAdministratorCheck(env.getProperty("camunda.bpm.admin-user.id"));
  }

  public static final class DirectoryAdministratorCheck extends AbstractProcessEnginePlugin {
    private final String adminUser;

    DirectoryAdministratorCheck(String adminUser) {
      this.adminUser = adminUser;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
      if (adminUser == null || adminUser.isBlank()) return; // the administrator plugin names it
      if (engine.getIdentityService().createUserQuery().userId(adminUser).list().isEmpty()) {
        throw new IllegalStateException("BOKVAR_ADMIN_USER '" + adminUser + "' finns inte i katalogen (LDAP): "
            + "med BOKVAR_LDAP_ENABLED=true ska administratören vara en kataloganvändare (docs/ldap.md)");
      }
    }

    @Override
    public String toString() {
      return "DirectoryAdministratorCheck";
    }
  }

  /** Reads bokvar.ldap.* (application.yaml maps them from BOKVAR_LDAP_*) and names what is wrong. */
  private static final class Settings {
    private final Environment env;
    final List<String> problems = new ArrayList<>();

    Settings(Environment env) {
      this.env = env;
    }

    String required(String key, String variable) {
      return requiredKey("bokvar.ldap." + key, variable);
    }

    String requiredKey(String key, String variable) {
      String value = env.getProperty(key);
      if (value == null || value.isBlank()) {
        problems.add(variable + " saknas (krävs när BOKVAR_LDAP_ENABLED=true)");
        return null;
      }
      return value.trim();
    }

    /** Blank counts as unset, so docker-compose can pass every variable through. */
    String orDefault(String key, String fallback) {
      String value = optional(key);
      return value == null ? fallback : value;
    }

    String optional(String key) {
      String value = env.getProperty("bokvar.ldap." + key);
      return value == null || value.isBlank() ? null : value.trim();
    }

    boolean flag(String key, String variable) {
      String value = orDefault(key, "true");
      if (!value.equals("true") && !value.equals("false")) {
        problems.add(variable + " ska vara true eller false, inte '" + value + "'");
      }
      return !value.equals("false");
    }

    void failIfAnyProblem() {
      if (!problems.isEmpty()) {
        throw new IllegalStateException("Ogiltig LDAP-konfiguration: " + String.join("; ", problems));
      }
    }
  }
}
