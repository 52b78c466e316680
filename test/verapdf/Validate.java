import java.io.FileInputStream;
import java.util.Set;
import java.util.TreeSet;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Validates each file against PDF/A-2b (never the flavour the file claims, so a
 * file that claims nothing fails) and prints one line per file, then the failed
 * rules. Exit status 0 when every file is compliant.
 * Run: java -cp "$(classpath from pom.xml)" Validate.java a.pdf b.pdf
 */
public class Validate {
  public static void main(String[] args) throws Exception {
    VeraGreenfieldFoundryProvider.initialise();
    PDFAFlavour flavour = PDFAFlavour.fromString("2b");
    int failures = 0;
    for (String file : args) {
      try (PDFAParser parser = Foundries.defaultInstance().createParser(new FileInputStream(file), flavour)) {
        PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
        ValidationResult result = validator.validate(parser);
        System.out.println(file + " PDF/A-" + flavour.getId() + " compliant=" + result.isCompliant());
        if (!result.isCompliant()) {
          failures++;
          Set<String> failed = new TreeSet<>();
          for (TestAssertion a : result.getTestAssertions()) {
            if (a.getStatus() == TestAssertion.Status.FAILED) {
              failed.add(a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage());
            }
          }
          failed.forEach(rule -> System.out.println("  " + rule));
        }
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
