package se.bokvar.engine;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The engine's metrics (/actuator/prometheus) answer only a caller with the bearer
 * token BOKVAR_METRIK_TOKEN, the one token every Bokvar metrics endpoint shares
 * (docs/drift/metrik.md). Without a token configured the metrics are off: 404, as if
 * the endpoint did not exist. /actuator/health stays open for health checks.
 */
public class MetricsTokenFilter extends HttpFilter {

  private final byte[] tokenDigest;

  /** A blank token switches the metrics off. */
  MetricsTokenFilter(String token) {
    this.tokenDigest = token == null || token.isBlank() ? null : sha256(token.trim());
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (tokenDigest == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String header = request.getHeader("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    // Digests of equal length, compared in constant time: the answer's timing tells
    // nothing of how much of a guess was right, nor of the token's length.
    if (!bearer || !MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"bokvar-metrik\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    chain.doFilter(request, response);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
