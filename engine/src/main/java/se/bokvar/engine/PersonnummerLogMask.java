package se.bokvar.engine;

import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The last guard before the engine's JSON log (application.yaml,
 * logging.structured.json.customizer): whatever looks like a personnummer or
 * samordningsnummer in any text of a log event (message, error, stack trace) is
 * written as [personnummer]. The engine logs no request bodies and no variable
 * values at INFO, but an exception's message may quote a value it could not use.
 */
public class PersonnummerLogMask implements StructuredLoggingJsonMembersCustomizer<Object> {

  /** YYMMDD or YYYYMMDD (day + 60 for a samordningsnummer), optionally - or +, then four digits. */
  static final Pattern PERSONNUMMER = Pattern.compile(
      "(?<![0-9])(?:19|20)?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])[-+]?[0-9]{4}(?![0-9])");

  static final String MASK = "[personnummer]";

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PersonnummerLogMask::mask));
  }

  static String mask(String text) {
    return text == null ? null : PERSONNUMMER.matcher(text).replaceAll(MASK);
  }
}
