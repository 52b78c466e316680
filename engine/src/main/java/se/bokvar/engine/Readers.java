package se.bokvar.engine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Who is calling, as the engine authenticated them: for /engine-rest the
 * engine's authentication filter has set the caller on this thread (it runs
 * before Bokvar's filters); for the webapps' API the user logged in to the
 * engine in this session.
 */
final class Readers {

  /** A caller: user id and groups. */
  record Reader(String user, List<String> groups) {}

  private static final Pattern ENGINE_IN_WEBAPP_PATH =
      Pattern.compile("^/api/(?:engine/engine|cockpit/plugin/[^/]+|tasklist/plugin/[^/]+|admin/plugin/[^/]+)/([^/]+)/");

  private final IdentityService identity;
  private final String restPath;
  private final String webappPath;

  Readers(IdentityService identity, String restPath, String webappPath) {
    this.identity = identity;
    this.restPath = restPath;
    this.webappPath = webappPath;
  }

  String restPath() {
    return restPath;
  }

  String webappPath() {
    return webappPath;
  }

  /** The caller of this request; null when not authenticated (the engine then refuses it). */
  Reader reader(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(restPath + "/")) {
      Authentication current = identity.getCurrentAuthentication();
      if (current == null || current.getUserId() == null) return null;
      return new Reader(current.getUserId(), current.getGroupIds() == null ? List.of() : current.getGroupIds());
    }
    if (path.startsWith(webappPath + "/api/")) {
      Matcher m = ENGINE_IN_WEBAPP_PATH.matcher(path.substring(webappPath.length()));
      return webappReader(request.getSession(false), m.find() ? m.group(1) : "default");
    }
    return null;
  }

  private static Reader webappReader(HttpSession session, String engineName) {
    if (session == null) return null;
    Authentications all = AuthenticationUtil.getAuthsFromSession(session);
    if (all == null) return null;
    if (!(all.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) return null;
    return new Reader(user.getIdentityId(), user.getGroupIds() == null ? List.of() : user.getGroupIds());
  }
}
