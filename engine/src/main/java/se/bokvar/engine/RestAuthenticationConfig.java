package se.bokvar.engine;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import java.time.Duration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.JerseyProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST starter leaves /engine-rest open; the webapp's filters cover only /camunda/*.
 * Every REST caller must authenticate against the engine's identity service, so that
 * authorizations apply and the user-operation log names who did what.
 */
@Configuration
public class RestAuthenticationConfig {

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestBasicAuthentication(
      JerseyProperties jersey) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("bokvar-engine-rest-authentication");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(restPath(jersey) + "/*");
    // Before the read log (CaseReadLogConfig), which takes the caller from it.
    registration.setOrder(CaseReadLogConfig.ORDER - 1);
    return registration;
  }

  /** Before the authentication itself, so a throttled pair never reaches the password check. */
  @Bean
  public FilterRegistrationBean<LoginThrottleFilter> loginThrottle(
      JerseyProperties jersey,
      CamundaBpmProperties camunda,
      @Value("${bokvar.inloggning.max-felaktiga:10}") int maxFailures,
      @Value("${bokvar.inloggning.fonster-minuter:10}") int windowMinutes) {
    String rest = restPath(jersey);
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new LoginThrottleFilter(maxFailures, Duration.ofMinutes(windowMinutes), rest));
    registration.setName("bokvar-login-throttle");
    registration.addUrlPatterns(rest + "/*", camunda.getWebapp().getApplicationPath() + "/api/admin/auth/*");
    registration.setOrder(CaseReadLogConfig.ORDER - 2);
    return registration;
  }

  static String restPath(JerseyProperties jersey) {
    String path = jersey.getApplicationPath();
    if (path == null || path.isBlank()) {
      path = CamundaJerseyResourceConfig.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value();
    }
    return path.startsWith("/") ? path : "/" + path;
  }
}
