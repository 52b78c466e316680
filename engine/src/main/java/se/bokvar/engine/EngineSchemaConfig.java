package se.bokvar.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.ui.UIServiceEnum;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who creates and upgrades the engine's tables (BOKVAR_ENGINE_SCHEMA, docs/drift/uppgradering.md):
 * <ul>
 *   <li>{@code auto}: the engine itself at start (schema-update), for development and tests;</li>
 *   <li>{@code liquibase}: the changelog the engine jar ships, run by Liquibase before the engine
 *       starts, the way Camunda advises for production; the engine never changes the schema;</li>
 *   <li>{@code manuell}: the database administrator, with the engine's SQL scripts or Liquibase;
 *       the engine only checks that its tables are there.</li>
 * </ul>
 */
@Configuration
public class EngineSchemaConfig {

  static final String AUTO = "auto";
  static final String LIQUIBASE = "liquibase";
  static final String MANUAL = "manuell";

  @Bean
  @ConditionalOnProperty(name = "bokvar.motor.schema", havingValue = LIQUIBASE)
  SpringLiquibase engineSchemaLiquibase(DataSource engineDb, @Value("${bokvar.motor.schema-changelog}") String changeLog) {
    EngineSchemaLiquibase liquibase = new EngineSchemaLiquibase();
    liquibase.setDataSource(engineDb);
    liquibase.setChangeLog(changeLog);
    // Its progress goes into the engine's own (JSON) log, not onto the console.
    liquibase.setUiService(UIServiceEnum.LOGGER);
    // No usage reports from the municipality's network.
    liquibase.setAnalyticsEnabled(false);
    return liquibase;
  }

  /**
   * The mode as the engine sees it. Taking the Liquibase bean here makes its update
   * run before the engine is configured: the plugins are the engine configuration's
   * first dependency.
   */
  @Bean
  ProcessEnginePlugin engineSchemaMode(
      @Value("${bokvar.motor.schema:auto}") String configured, ObjectProvider<SpringLiquibase> liquibase, DataSource engineDb) {
    String mode = configured.isBlank() ? AUTO : configured.trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case AUTO:
        return new AbstractProcessEnginePlugin() {};
      case LIQUIBASE:
        liquibase.getObject();
        return schemaLeftAlone();
      case MANUAL:
        requireEngineTables(engineDb);
        return schemaLeftAlone();
      default:
        throw new IllegalStateException(
            "BOKVAR_ENGINE_SCHEMA='" + configured + "' är okänt: ange auto, liquibase eller manuell (docs/drift/uppgradering.md).");
    }
  }

  /** Runs after the starter has set schema-update from application.yaml, so it wins. */
  private static ProcessEnginePlugin schemaLeftAlone() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
      }
    };
  }

  /** The engine's own error (ENGINE-03057) would advise schema-update, which production must not use. */
  private static void requireEngineTables(DataSource engineDb) {
    try (Connection connection = engineDb.getConnection()) {
      if (!EngineSchemaLiquibase.tableExists(connection, "ACT_GE_PROPERTY")) {
        throw new IllegalStateException(
            "Motorns tabeller saknas i databasen, och BOKVAR_ENGINE_SCHEMA=manuell låter motorn inte skapa dem. "
                + "Skapa schemat med motorns skript (docs/drift/uppgradering.md) eller starta med BOKVAR_ENGINE_SCHEMA=liquibase.");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Motorns databas kunde inte läsas: " + e.getMessage(), e);
    }
  }
}
