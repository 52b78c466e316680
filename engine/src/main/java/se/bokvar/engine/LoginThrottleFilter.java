package se.bokvar.engine;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Replaces the engine's own login lock, which locks a user for good after ten
 * wrong passwords whoever typed them (application.yaml switches it off): wrong
 * passwords are counted per user AND source address, and only that pair is
 * refused for a while. A stranger guessing passwords locks out himself, never
 * the caseworker at her desk nor the technical users on their own hosts.
 * Covers HTTP Basic on /engine-rest and the webapps' login form. The source is
 * the peer address, or the one a trusted local proxy forwards (application.yaml,
 * server.tomcat.remoteip).
 */
public class LoginThrottleFilter extends HttpFilter {

  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/api/admin/auth/user/[^/]+/login/[^/]+$");

  private final int maxFailures;
  private final long windowMillis;
  private final String restPath;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  LoginThrottleFilter(int maxFailures, Duration window, String restPath) {
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
    this.restPath = restPath;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String user = loginUser(request);
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    String key = user + '\u0000' + request.getRemoteAddr();
    long now = System.currentTimeMillis();
    if (recent(key, now) >= maxFailures) {
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(windowMillis / 1000));
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"LoginThrottled\",\"message\":\"För många felaktiga inloggningar för användaren från den här adressen. Försök igen senare.\"}");
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      failures.compute(key, (k, times) -> {
        Deque<Long> kept = times == null ? new ArrayDeque<>() : times;
        kept.addLast(now);
        return kept;
      });
    } else if (response.getStatus() < 300) {
      failures.remove(key);
    }
    if (failures.size() > 100_000) forgetOld(now);
  }

  /** The user name a request logs in with: HTTP Basic on the REST API, or the webapps' login form. */
  private String loginUser(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(restPath + "/")) {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon > 0 ? decoded.substring(0, colon) : null;
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    if ("POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).find()) {
      String user = request.getParameter("username");
      return user == null || user.isEmpty() ? null : user;
    }
    return null;
  }

  private int recent(String key, long now) {
    Deque<Long> times = failures.computeIfPresent(key, (k, kept) -> {
      while (!kept.isEmpty() && now - kept.peekFirst() >= windowMillis) kept.pollFirst();
      return kept.isEmpty() ? null : kept;
    });
    return times == null ? 0 : times.size();
  }

  /** Bounds the memory a flood of made-up names could take. */
  private void forgetOld(long now) {
    failures.keySet().forEach(key -> recent(key, now));
  }
}
