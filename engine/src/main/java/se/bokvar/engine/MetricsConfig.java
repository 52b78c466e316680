package se.bokvar.engine;

import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Metrics for Prometheus at /actuator/prometheus, behind BOKVAR_METRIK_TOKEN (docs/drift/metrik.md). */
@Configuration
public class MetricsConfig {

  static final String TOKEN = "bokvar.metrik.token";

  @Bean
  FilterRegistrationBean<MetricsTokenFilter> metricsToken(@Value("${" + TOKEN + ":}") String token) {
    FilterRegistrationBean<MetricsTokenFilter> registration = new FilterRegistrationBean<>(new MetricsTokenFilter(token));
    registration.setName("bokvar-metrics-token");
    registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Only with metrics on: the gauges query the database on a timer. */
  @Bean(destroyMethod = "close")
  @Conditional(TokenSet.class)
  EngineMetrics engineMetrics(ProcessEngine engine, @Value("${bokvar.metrik.intervall-sekunder:15}") int seconds) {
    return new EngineMetrics(engine, Duration.ofSeconds(Math.max(1, seconds)));
  }

  static class TokenSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !context.getEnvironment().getProperty(TOKEN, "").isBlank();
    }
  }
}
