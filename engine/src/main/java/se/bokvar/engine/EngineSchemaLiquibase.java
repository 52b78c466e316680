package se.bokvar.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase's update of the engine's schema, which also takes over a schema the
 * engine created itself (schema-update, BOKVAR_ENGINE_SCHEMA=auto): such a database
 * has the engine's tables but no Liquibase changelog table. As Camunda documents for
 * moving to Liquibase, the changelog is then marked as run up to the tag of the
 * schema's version (the newest row of ACT_GE_SCHEMA_LOG), and the update runs what
 * comes after it. Liquibase's lock keeps two nodes starting at once apart.
 */
class EngineSchemaLiquibase extends SpringLiquibase {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSchemaLiquibase.class);

  @Override
  protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
    String version = versionOfSchemaWithoutChangelog();
    if (version != null) {
      if (!changelogHasTag(liquibase, version)) {
        throw new IllegalStateException("Motorns schema har version " + version
            + " men saknar Liquibase-logg, och motorns ändringslogg har ingen etikett för den versionen. "
            + "Ta över schemat för hand med Liquibase changelog-sync-to-tag (docs/drift/uppgradering.md).");
      }
      LOG.info("Motorns schema (version {}) skapades utan Liquibase; ändringsloggen markeras som körd till och med {}", version, version);
      liquibase.changeLogSync(version, new Contexts(), new LabelExpression());
    }
    super.performUpdate(liquibase);
  }

  /** The engine's schema version when its tables exist without Liquibase's changelog table; else null. */
  private String versionOfSchemaWithoutChangelog() {
    try (Connection connection = getDataSource().getConnection()) {
      String changelogTable = getDatabaseChangeLogTable() == null ? "DATABASECHANGELOG" : getDatabaseChangeLogTable();
      if (!tableExists(connection, "ACT_GE_SCHEMA_LOG") || tableExists(connection, changelogTable)) return null;
      try (PreparedStatement query = connection.prepareStatement("SELECT ID_, VERSION_ FROM ACT_GE_SCHEMA_LOG");
          ResultSet rows = query.executeQuery()) {
        long newestId = Long.MIN_VALUE;
        String version = null;
        while (rows.next()) {
          long id = Long.parseLong(rows.getString(1));
          if (id > newestId) {
            newestId = id;
            version = rows.getString(2);
          }
        }
        return version;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Motorns databas kunde inte läsas: " + e.getMessage(), e);
    }
  }

  private static boolean changelogHasTag(Liquibase liquibase, String tag) throws LiquibaseException {
    for (ChangeSet changeSet : liquibase.getDatabaseChangeLog().getChangeSets()) {
      for (Change change : changeSet.getChanges()) {
        if (change instanceof TagDatabaseChange tagChange && tag.equals(tagChange.getTag())) return true;
      }
    }
    return false;
  }

  /** PostgreSQL folds unquoted names to lower case; other databases to upper. */
  static boolean tableExists(Connection connection, String name) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String candidate : new String[] {name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)}) {
      try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), candidate, new String[] {"TABLE"})) {
        if (tables.next()) return true;
      }
    }
    return false;
  }
}
