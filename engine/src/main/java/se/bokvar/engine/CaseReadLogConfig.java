package se.bokvar.engine;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.JerseyProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine's reads of case data go into Bokvar's read log (docs/loggkontroll.md).
 * Bokvar's database is required: an engine that could not log reads would hand
 * out case data unseen.
 */
@Configuration
public class CaseReadLogConfig {

  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  @Bean(destroyMethod = "close")
  ReadLog readLog(
      DataSource engineDb,
      @Value("${bokvar.lasloggning.jdbc-url}") String jdbcUrl,
      @Value("${bokvar.lasloggning.user}") String user,
      @Value("${bokvar.lasloggning.password:}") String password) {
    if (jdbcUrl.isBlank()) {
      throw new IllegalStateException("BOKVAR_LASLOGG_JDBC_URL saknas: motorn loggar varje läsning av ärendedata i Bokvars läslogg.");
    }
    return new ReadLog(engineDb, jdbcUrl, user, password);
  }

  @Bean
  Readers readers(ProcessEngine engine, JerseyProperties jersey, CamundaBpmProperties camunda) {
    return new Readers(engine.getIdentityService(), RestAuthenticationConfig.restPath(jersey), camunda.getWebapp().getApplicationPath());
  }

  @Bean
  FilterRegistrationBean<VariableSearchGuard> variableSearchGuard(
      Readers readers,
      @Value("${bokvar.lasloggning.utan-variabelsok:revisor,processagare}") String groups,
      @Value("${bokvar.ldap.administrator-group:}") String directoryAdminGroup) {
    VariableSearchGuard guard = new VariableSearchGuard(readers, names(groups), adminGroups(directoryAdminGroup));
    FilterRegistrationBean<VariableSearchGuard> registration = new FilterRegistrationBean<>(guard);
    registration.setName("bokvar-variable-search-guard");
    registration.addUrlPatterns(readers.restPath() + "/*", readers.webappPath() + "/api/*");
    registration.setOrder(ORDER + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<CaseReadLogFilter> caseReadLogFilter(
      ReadLog readLog,
      Readers readers,
      @Value("${bokvar.lasloggning.tekniska-anvandare:}") String technicalUsers,
      @Value("${camunda.bpm.admin-user.id:}") String adminUser,
      @Value("${bokvar.ldap.administrator-group:}") String directoryAdminGroup) {
    Set<String> technical = names(technicalUsers);
    CaseReadLogFilter filter = new CaseReadLogFilter(readLog, readers, technical, names(adminUser), adminGroups(directoryAdminGroup));
    FilterRegistrationBean<CaseReadLogFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("bokvar-case-read-log");
    registration.addUrlPatterns(readers.restPath() + "/*", readers.webappPath() + "/api/engine/*");
    registration.setAsyncSupported(true);
    registration.setOrder(ORDER);
    return registration;
  }

  /** The engine's own administrator group, and the directory's when LDAP is the identity service. */
  private static Set<String> adminGroups(String directoryAdminGroup) {
    return names(Groups.CAMUNDA_ADMIN + "," + directoryAdminGroup);
  }

  private static Set<String> names(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
