package se.bokvar.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Bokvar's read log (table lasloggar in Bokvar's own database, append-only, see
 * migrations/) as the engine writes it, and the lookups that name the case of a
 * read: a case is its root instance's business key (the case number), so a read
 * in a called sub-process is logged on its case.
 */
final class ReadLog implements AutoCloseable {

  /** One row: who read what of which case, through which channel. */
  record Row(String user, String caseNumber, String view, String resource, String channel, String category) {}

  private final DataSource engineDb;
  private final HikariDataSource logDb;

  ReadLog(DataSource engineDb, String jdbcUrl, String user, String password) {
    this.engineDb = engineDb;
    HikariConfig config = new HikariConfig();
    config.setPoolName("bokvar-laslogg");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    // The app's migrations create the table after the engine is up: do not
    // check it at start, only when the first read is logged.
    config.setInitializationFailTimeout(-1);
    this.logDb = new HikariDataSource(config);
  }

  void write(Collection<Row> rows) throws SQLException {
    if (rows.isEmpty()) return;
    try (Connection c = logDb.getConnection();
        PreparedStatement s = c.prepareStatement(
            "INSERT INTO lasloggar (anvandare, arendenummer, vy, resurs, kanal, kategori) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Row row : rows) {
        s.setString(1, row.user());
        s.setString(2, row.caseNumber());
        s.setString(3, row.view());
        s.setString(4, row.resource());
        s.setString(5, row.channel());
        s.setString(6, row.category());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** The process instance a task, execution or variable belongs to; null when none is known. */
  String processInstanceOf(CaseReads.Source source, String id) throws SQLException {
    String sql = switch (source) {
      case PROCESS_INSTANCE -> null;
      case EXECUTION -> "SELECT proc_inst_id_ FROM act_ru_execution WHERE id_ = ?";
      case TASK -> "SELECT proc_inst_id_ FROM act_ru_task WHERE id_ = ?"
          + " UNION ALL SELECT proc_inst_id_ FROM act_hi_taskinst WHERE id_ = ?";
      case VARIABLE -> "SELECT proc_inst_id_ FROM act_ru_variable WHERE id_ = ?";
      case HISTORIC_VARIABLE -> "SELECT proc_inst_id_ FROM act_hi_varinst WHERE id_ = ?";
      case HISTORIC_DETAIL -> "SELECT proc_inst_id_ FROM act_hi_detail WHERE id_ = ?";
      case ANSWER -> throw new IllegalArgumentException("an answer names its instances itself");
    };
    if (sql == null) return id;
    try (Connection c = engineDb.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      if (source == CaseReads.Source.TASK) s.setString(2, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** Each instance's case number: its root instance's business key, else its own, else "instans:<id>". */
  Map<String, String> caseNumbers(Collection<String> processInstanceIds) throws SQLException {
    Map<String, String> result = new HashMap<>();
    if (processInstanceIds.isEmpty()) return result;
    try (Connection c = engineDb.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT p.id_, COALESCE(NULLIF(r.business_key_, ''), NULLIF(p.business_key_, ''))"
                + " FROM act_hi_procinst p LEFT JOIN act_hi_procinst r ON r.id_ = p.root_proc_inst_id_"
                + " WHERE p.id_ = ANY (?)")) {
      Array ids = c.createArrayOf("varchar", processInstanceIds.toArray());
      s.setArray(1, ids);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (r.getString(2) != null) result.put(r.getString(1), r.getString(2));
        }
      }
    }
    for (String id : processInstanceIds) result.putIfAbsent(id, "instans:" + id);
    return result;
  }

  @Override
  public void close() {
    logDb.close();
  }
}
