package se.bokvar.engine;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
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

  static String restPath(JerseyProperties jersey) {
    String path = jersey.getApplicationPath();
    if (path == null || path.isBlank()) {
      path = CamundaJerseyResourceConfig.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value();
    }
    return path.startsWith("/") ? path : "/" + path;
  }
}
