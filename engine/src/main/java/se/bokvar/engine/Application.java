package se.bokvar.engine;

import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class Application {
  public static void main(String[] args) {
    // The engine stores timestamps without zone in the JVM zone. UTC has no
    // daylight-saving gaps; Bokvar hands every deadline over with an explicit
    // Europe/Stockholm offset, so Swedish time is kept where it matters.
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    SpringApplication.run(Application.class, args);
  }
}
