package se.bokvar.engine;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's endpoints that hand out a case's variables or forms, as the same
 * paths appear under /engine-rest and under the webapps' internal API
 * (/camunda/api/engine/engine/{engine}/…). Everything else the engine answers
 * (definitions, counts, incidents, tasks without variables) carries no case data.
 */
final class CaseReads {

  /** How the case behind a read is found. */
  enum Source {
    /** the path names a process instance */
    PROCESS_INSTANCE,
    /** the path names an execution */
    EXECUTION,
    /** the path names a task (runtime or historic) */
    TASK,
    /** the path names one runtime variable instance */
    VARIABLE,
    /** the path names one historic variable instance */
    HISTORIC_VARIABLE,
    /** the path names one historic detail */
    HISTORIC_DETAIL,
    /** the answer lists the instances read */
    ANSWER
  }

  /**
   * One kind of read. {@code view} is what the read log calls it (lasloggar.vy);
   * {@code resource} names the endpoint without ids.
   */
  record Kind(String view, String resource, Source source, boolean postIsRead, Pattern pattern) {}

  /** A request that reads case data: its kind and the id the path names, if any. */
  record Read(Kind kind, String id, String variableName) {}

  private static Kind kind(String view, String resource, Source source, boolean postIsRead, String regex) {
    return new Kind(view, resource, source, postIsRead, Pattern.compile(regex));
  }

  private static final String NOT_COUNT = "(?!count(?:/|$))";

  static final List<Kind> KINDS = List.of(
      kind("instansvariabler", "process-instance/{id}/variables", Source.PROCESS_INSTANCE, false,
          "^/process-instance/([^/]+)/variables(?:/([^/]+)(?:/data)?)?$"),
      kind("instansvariabler", "execution/{id}/localVariables", Source.EXECUTION, false,
          "^/execution/([^/]+)/localVariables(?:/([^/]+)(?:/data)?)?$"),
      kind("uppgiftsformular", "task/{id}/form-variables", Source.TASK, false,
          "^/task/([^/]+)/form-variables()$"),
      kind("uppgiftsformular", "task/{id}/rendered-form", Source.TASK, false,
          "^/task/([^/]+)/rendered-form()$"),
      kind("uppgiftsvariabler", "task/{id}/variables", Source.TASK, false,
          "^/task/([^/]+)/(?:variables|localVariables)(?:/([^/]+)(?:/data)?)?$"),
      kind("instansvariabler", "variable-instance/{id}", Source.VARIABLE, false,
          "^/variable-instance/" + NOT_COUNT + "([^/]+)()(?:/data)?$"),
      kind("instansvariabler", "variable-instance", Source.ANSWER, true,
          "^/variable-instance()()$"),
      kind("historikvariabler", "history/variable-instance/{id}", Source.HISTORIC_VARIABLE, false,
          "^/history/variable-instance/" + NOT_COUNT + "([^/]+)()(?:/data)?$"),
      kind("historikvariabler", "history/variable-instance", Source.ANSWER, true,
          "^/history/variable-instance()()$"),
      kind("historikvariabler", "history/detail/{id}", Source.HISTORIC_DETAIL, false,
          "^/history/detail/" + NOT_COUNT + "([^/]+)()(?:/data)?$"),
      kind("historikvariabler", "history/detail", Source.ANSWER, true,
          "^/history/detail()()$"),
      kind("uppgiftslista", "filter/{id}/list", Source.ANSWER, true,
          "^/filter/[^/]+/(?:list|singleResult)()()$"),
      kind("extern-uppgift", "external-task/fetchAndLock", Source.ANSWER, true,
          "^/external-task/fetchAndLock()()$"));

  private CaseReads() {}

  /** The read a request makes, given its path below the engine API's root. */
  static Optional<Read> match(String method, String path) {
    boolean get = "GET".equals(method);
    boolean post = "POST".equals(method);
    for (Kind kind : KINDS) {
      if (!get && !(post && kind.postIsRead())) continue;
      Matcher m = kind.pattern().matcher(path);
      if (m.matches()) {
        String id = m.group(1).isEmpty() ? null : m.group(1);
        String name = m.group(2) == null || m.group(2).isEmpty() ? null : m.group(2);
        return Optional.of(new Read(kind, id, name));
      }
    }
    return Optional.empty();
  }
}
