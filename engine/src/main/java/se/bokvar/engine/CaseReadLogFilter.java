package se.bokvar.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every authenticated read of a case's variables or forms through the
 * engine into Bokvar's read log, the same log Bokvar's own pages write and
 * loggkontroll reviews: who, when, which case, what (view and endpoint with the
 * variable names, never the values) and the channel: {@code rest} for
 * /engine-rest, {@code tasklist} or {@code cockpit} for the webapps' internal
 * API. Technical users (workers, Bokvar's UI) are logged in their own category,
 * administrators in theirs. The row is written once the answer has gone out;
 * a row that cannot be written is reported in the engine log (without case data)
 * and counted.
 */
final class CaseReadLogFilter implements Filter {

  private static final Logger LOG = LoggerFactory.getLogger(CaseReadLogFilter.class);
  private static final int COPY_LIMIT = 64 * 1024 * 1024;
  private static final int RESOURCE_MAX = 500;
  private static final Pattern WEBAPP_ENGINE_API = Pattern.compile("^/api/engine/engine/([^/]+)(/.*)$");

  private final ReadLog log;
  private final Readers readers;
  private final Set<String> technicalUsers;
  private final Set<String> adminUsers;
  private final Set<String> adminGroups;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong failures = new AtomicLong();

  CaseReadLogFilter(ReadLog log, Readers readers, Set<String> technicalUsers, Set<String> adminUsers, Set<String> adminGroups) {
    this.log = log;
    this.readers = readers;
    this.technicalUsers = technicalUsers;
    this.adminUsers = adminUsers;
    this.adminGroups = adminGroups;
  }

  /** Rows that could not be written since start. */
  long failures() {
    return failures.get();
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String channel;
    String enginePath;
    if (path.startsWith(readers.restPath() + "/")) {
      channel = "rest";
      enginePath = path.substring(readers.restPath().length());
    } else if (path.startsWith(readers.webappPath() + "/api/engine/")) {
      Matcher m = WEBAPP_ENGINE_API.matcher(path.substring(readers.webappPath().length()));
      if (!m.matches()) {
        chain.doFilter(req, res);
        return;
      }
      channel = webappChannel(request.getHeader("Referer"));
      enginePath = m.group(2);
    } else {
      chain.doFilter(req, res);
      return;
    }
    Readers.Reader reader = readers.reader(request);
    Optional<CaseReads.Read> read = CaseReads.match(request.getMethod(), enginePath);
    if (read.isEmpty() || reader == null) {
      chain.doFilter(req, res);
      return;
    }
    CopyingResponse response = new CopyingResponse((HttpServletResponse) res, COPY_LIMIT);
    chain.doFilter(req, response);
    Runnable record = () -> record(read.get(), reader, channel, response);
    if (request.isAsyncStarted()) {
      request.getAsyncContext().addListener(new AsyncListener() {
        @Override
        public void onComplete(AsyncEvent event) {
          record.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
      });
    } else {
      record.run();
    }
  }

  /** Tasklist and Cockpit call the same internal API; the page that calls tells them apart. */
  static String webappChannel(String referer) {
    if (referer != null) {
      if (referer.contains("/app/tasklist/")) return "tasklist";
      if (referer.contains("/app/cockpit/")) return "cockpit";
      if (referer.contains("/app/admin/")) return "admin";
    }
    return "webapp";
  }

  private String category(Readers.Reader reader) {
    if (technicalUsers.contains(reader.user())) return "teknisk";
    if (adminUsers.contains(reader.user()) || reader.groups().stream().anyMatch(adminGroups::contains)) return "administrator";
    return "person";
  }

  private void record(CaseReads.Read read, Readers.Reader reader, String channel, CopyingResponse response) {
    try {
      if (response.getStatus() != 200) return;
      Map<String, Set<String>> namesByInstance = instancesRead(read, response.copy());
      if (namesByInstance.isEmpty()) return;
      Map<String, String> caseNumbers = log.caseNumbers(namesByInstance.keySet());
      Map<String, Set<String>> namesByCase = new LinkedHashMap<>();
      namesByInstance.forEach((instance, names) ->
          namesByCase.computeIfAbsent(caseNumbers.get(instance), k -> new TreeSet<>()).addAll(names));
      String category = category(reader);
      List<ReadLog.Row> rows = new ArrayList<>();
      namesByCase.forEach((caseNumber, names) ->
          rows.add(new ReadLog.Row(reader.user(), caseNumber, read.kind().view(), resource(read.kind(), names), channel, category)));
      log.write(rows);
    } catch (Exception e) {
      failures.incrementAndGet();
      // The exception's text may quote the row: report only what failed, never case data.
      LOG.error("Läsloggen kunde inte skrivas för {} ({}): {}", read.kind().resource(), channel, e.getClass().getSimpleName());
    }
  }

  private static String resource(CaseReads.Kind kind, Set<String> names) {
    String text = names.isEmpty() ? kind.resource() : kind.resource() + ": " + String.join(", ", names);
    return text.length() <= RESOURCE_MAX ? text : text.substring(0, RESOURCE_MAX - 1) + "…";
  }

  /** The instances whose data the answer carried, each with the variable names read. */
  private Map<String, Set<String>> instancesRead(CaseReads.Read read, byte[] body) throws Exception {
    Map<String, Set<String>> result = new HashMap<>();
    if (read.kind().source() == CaseReads.Source.ANSWER) {
      if (body == null || body.length == 0) return result;
      collect(json.readTree(body), result);
      return result;
    }
    String instance = log.processInstanceOf(read.kind().source(), read.id());
    if (instance == null) return result;
    Set<String> names = result.computeIfAbsent(instance, k -> new TreeSet<>());
    if (read.variableName() != null) {
      names.add(read.variableName());
    } else if (body != null && body.length > 0 && body[0] == '{') {
      JsonNode answer = json.readTree(body);
      // A variable map ({name: {value, type}}) or one variable instance ({name, value, …}).
      if (answer.has("name") && answer.has("processInstanceId")) names.add(answer.get("name").asText());
      else answer.fieldNames().forEachRemaining(names::add);
    }
    return result;
  }

  /**
   * Lists of variable instances and historic details ({processInstanceId, name |
   * variableName}), locked external tasks ({processInstanceId, variables}) and
   * Tasklist's filter list (HAL).
   */
  private static void collect(JsonNode answer, Map<String, Set<String>> result) {
    if (answer.isArray()) {
      for (JsonNode item : answer) collectItem(item, result);
    } else if (answer.isObject() && answer.has("_embedded")) {
      collectHal(answer.get("_embedded"), result);
    } else if (answer.isObject()) {
      collectItem(answer, result);
    }
  }

  private static void collectItem(JsonNode item, Map<String, Set<String>> result) {
    String instance = text(item, "processInstanceId");
    if (instance == null) return;
    String name = text(item, "name") != null ? text(item, "name") : text(item, "variableName");
    if (name != null && (item.has("value") || item.has("type") || item.has("variableType"))) {
      result.computeIfAbsent(instance, k -> new TreeSet<>()).add(name);
    } else if (item.has("variables") && item.get("variables").isObject() && !item.get("variables").isEmpty()) {
      Set<String> names = result.computeIfAbsent(instance, k -> new TreeSet<>());
      item.get("variables").fieldNames().forEachRemaining(names::add);
    } else if (text(item, "fieldId") != null) {
      // A submitted form field (historic detail of type FormField).
      result.computeIfAbsent(instance, k -> new TreeSet<>()).add(text(item, "fieldId"));
    }
  }

  /** Tasklist's list: each task in _embedded.task carries the filter's variables in its own _embedded.variable. */
  private static void collectHal(JsonNode embedded, Map<String, Set<String>> result) {
    JsonNode tasks = embedded.get("task");
    if (tasks == null || !tasks.isArray()) return;
    for (JsonNode task : tasks) {
      String instance = text(task, "processInstanceId");
      JsonNode variables = task.path("_embedded").path("variable");
      if (instance == null || !variables.isArray() || variables.isEmpty()) continue;
      Set<String> names = result.computeIfAbsent(instance, k -> new TreeSet<>());
      for (JsonNode variable : variables) {
        if (text(variable, "name") != null) names.add(text(variable, "name"));
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
