package se.bokvar.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Roles that see how the processes run but not the cases' data (process owners,
 * auditors) may not search by a variable's value either: "which instance has
 * hyresgastPersonnummer = …" would tell them who has a case without reading a
 * single variable. Their queries with a variable-value filter — in a query
 * string or a JSON body, on any engine or Cockpit endpoint — get 403.
 */
final class VariableSearchGuard implements Filter {

  /** The engine's and Cockpit's names for variable-value filters. */
  static final Set<String> VALUE_FILTERS = Set.of(
      "variables", "processVariables", "taskVariables", "caseInstanceVariables", "variableValue", "variableValues");

  /**
   * Queries that take their filter in a POST body (the engine's, below its root,
   * and Cockpit's instance list). Other POSTs (messages, starts, completions)
   * carry variables to write, not to search by.
   */
  private static final Pattern POSTED_QUERY = Pattern.compile(
      "^(?:/engine-rest|/api/engine/engine/[^/]+)"
          + "(?:/(?:process-instance|execution|task|variable-instance|case-instance|case-execution|job|incident|external-task)(?:/count)?"
          + "|/history/.+|/filter/[^/]+/(?:list|count|singleResult))$"
          + "|^/api/cockpit/plugin/[^/]+/[^/]+/process-instance(?:/count)?$");

  private static final int BODY_LIMIT = 1024 * 1024;

  private final Readers readers;
  private final Set<String> guardedGroups;
  private final Set<String> adminGroups;
  private final ObjectMapper json = new ObjectMapper();

  VariableSearchGuard(Readers readers, Set<String> guardedGroups, Set<String> adminGroups) {
    this.readers = readers;
    this.guardedGroups = guardedGroups;
    this.adminGroups = adminGroups;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    Readers.Reader reader = readers.reader(request);
    // An administrator reads everything anyway, and is logged in its own category.
    if (reader == null
        || reader.groups().stream().noneMatch(guardedGroups::contains)
        || reader.groups().stream().anyMatch(adminGroups::contains)) {
      chain.doFilter(req, res);
      return;
    }
    for (String name : VALUE_FILTERS) {
      String[] values = request.getParameterValues(name);
      if (values != null) {
        for (String value : values) {
          if (value != null && !value.isBlank()) {
            refuse((HttpServletResponse) res);
            return;
          }
        }
      }
    }
    String type = request.getContentType();
    String path = pathBelow(request);
    if (!"POST".equals(request.getMethod()) || type == null || !type.contains("json") || !POSTED_QUERY.matcher(path).matches()) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(BODY_LIMIT + 1);
    // A query this large is not one of the structural views these roles use.
    if (body.length > BODY_LIMIT || searchesByValue(body)) {
      refuse((HttpServletResponse) res);
      return;
    }
    chain.doFilter(new ReplayedBody(request, body), res);
  }

  /** The path below the webapp's root (/camunda), or from /engine-rest on. */
  private String pathBelow(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(readers.webappPath() + "/")) return path.substring(readers.webappPath().length());
    return "/engine-rest" + path.substring(readers.restPath().length());
  }

  private boolean searchesByValue(byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) return false;
      for (String name : VALUE_FILTERS) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) continue;
        if (value.isArray() && value.isEmpty()) continue;
        if (value.isTextual() && value.asText().isBlank()) continue;
        return true;
      }
      // A query with alternatives ("orQueries") may hide a variable filter inside.
      JsonNode or = root.get("orQueries");
      if (or != null && or.isArray()) {
        for (JsonNode q : or) {
          if (searchesByValue(json.writeValueAsBytes(q))) return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // not JSON: the engine answers it as it would
    }
  }

  private static void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write((
        "{\"type\":\"AuthorizationException\",\"message\":\"Processägare och revisorer ser hur processerna går, inte "
            + "ärendenas uppgifter, och kan därför inte söka på en variabels värde.\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** The request with its body read once here and handed on unchanged. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous body only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
